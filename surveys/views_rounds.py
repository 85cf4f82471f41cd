"""Rounds: sending invitations (programme admins) and showing personal QR codes at the end of
the last session (process leaders and managers of the workplace)."""

from __future__ import annotations

import segno

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from people.models import Workplace
from people.selectors import scope_for

from .links import answer_url
from .models import SurveyInvitation, SurveyRound
from .services import survey_round_invite


def _visible_rounds(user):
    scope = scope_for(user)
    qs = SurveyRound.objects.select_related("survey", "programme").order_by("-opens_on")
    if scope.is_programme_admin:
        return qs
    workplace_ids = scope.managed_workplace_ids | scope.led_workplace_ids
    if not workplace_ids:
        return qs.none()
    return qs.filter(Q(workplaces__in=workplace_ids) | Q(organisations__workplaces__in=workplace_ids)).distinct()


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not (scope.is_programme_admin or scope.is_manager or scope.is_process_leader):
        raise PermissionDenied
    round_list = list(_visible_rounds(request.user))
    totals = {}
    if scope.is_programme_admin:
        totals = {
            row["round_id"]: row
            for row in SurveyInvitation.objects.filter(round__in=round_list)
            .values("round_id")
            .annotate(invited=Count("id"), responded=Count("id", filter=Q(responded=True)))
            .order_by()
        }
    workplace_ids = scope.managed_workplace_ids | scope.led_workplace_ids
    workplaces = list(Workplace.objects.filter(id__in=workplace_ids).order_by("name"))
    rows = [{"round": r, "totals": totals.get(r.pk)} for r in round_list]
    return render(request, "surveys/rounds.html", {"rows": rows, "scope": scope, "workplaces": workplaces})


@login_required
@require_POST
def round_invite(request: HttpRequest, round_id: int) -> HttpResponse:
    if not scope_for(request.user).is_programme_admin:
        raise PermissionDenied
    survey_round = get_object_or_404(SurveyRound, pk=round_id)
    created = survey_round_invite(survey_round=survey_round)
    messages.success(request, _("%(n)s nya inbjudningar skickas.") % {"n": created})
    return redirect("surveys:rounds")


def _qr_svg(url: str, label: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=4, title=label, border=2)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


@never_cache
@login_required
def round_qr(request: HttpRequest, round_id: int, workplace_id: int) -> HttpResponse:
    """One QR code per invited person of the workplace, each opening that person's own link.

    Every invited person is shown whether they have answered or not, so the page never tells
    who has answered. With ``?session=<id>`` (a session of the workplace the viewer may see)
    only those recorded as present at it are shown.
    """
    scope = scope_for(request.user)
    if not (scope.is_programme_admin or workplace_id in (scope.managed_workplace_ids | scope.led_workplace_ids)):
        raise Http404
    survey_round = get_object_or_404(_visible_rounds(request.user), pk=round_id)
    workplace = get_object_or_404(Workplace, pk=workplace_id)
    invitations = (
        SurveyInvitation.objects.filter(round=survey_round, employee__workplace=workplace)
        .select_related("employee", "round")
        .order_by("employee__first_name", "employee__last_name")
    )
    sessions = _workplace_sessions(request.user, workplace)
    session = None
    session_id = request.GET.get("session", "")
    if session_id:
        session = next((s for s in sessions if str(s.pk) == session_id), None)
        if session is None:
            raise Http404
        from .services import present_employee_ids

        present = present_employee_ids(session_id=session.pk)
        if present is not None:
            invitations = invitations.filter(employee_id__in=present)
    codes = []
    for invitation in invitations:
        name = invitation.employee.full_name
        url = answer_url(invitation, language=invitation.employee.preferred_language or "sv")
        label = _("QR-kod till enkätlänken för %(name)s") % {"name": name}
        codes.append({"name": name, "svg": mark_safe(_qr_svg(url, label))})  # noqa: S308 - segno output, label escaped
    return render(request, "surveys/round_qr.html", {
        "round": survey_round, "workplace": workplace, "codes": codes, "sessions": sessions, "session": session,
    })


def _workplace_sessions(user, workplace: Workplace) -> list:
    """The workplace's latest sessions the viewer may see (empty without the sessions app)."""
    from django.apps import apps

    if not apps.is_installed("sessions"):
        return []
    from sessions.selectors import sessions_for

    return list(sessions_for(user).filter(workplace=workplace).select_related("module").order_by("-starts_at")[:10])
