"""Rounds: sending invitations (programme admins), the non-personal QR code shown at a session
(process leaders and managers) and letters with one-time codes (HR and programme admins).

No page here shows anyone's personal answer link (docs/anonymity.md).
"""

from __future__ import annotations

import segno

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from people.models import Workplace
from people.selectors import scope_for

from . import selectors
from .models import SurveyRound, source_language
from .selectors import round_response_counts, rounds_for
from .services import survey_letter_codes_issue, survey_round_invite
from .translations import translations_attach


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    if not selectors.can_view_rounds(request.user):
        raise PermissionDenied
    round_list = list(rounds_for(request.user))
    totals = round_response_counts(round_list) if selectors.can_see_round_totals(request.user) else {}
    scope = scope_for(request.user)
    workplaces = list(Workplace.objects.filter(
        id__in=scope.managed_workplace_ids | scope.led_workplace_ids).order_by("name"))
    language = translation.get_language() or source_language()
    translations_attach(language=language, surveys={r.survey_id: r.survey for r in round_list}.values())
    rows = [{"round": r, "survey_title": r.survey.title_for(language), "totals": totals.get(r.pk)} for r in round_list]
    return render(request, "surveys/rounds.html", {
        "rows": rows, "scope": scope, "workplaces": workplaces,
        "can_print_letters": selectors.can_print_letters(request.user),
    })


@login_required
@require_POST
def round_invite(request: HttpRequest, round_id: int) -> HttpResponse:
    if not selectors.can_invite_to_round(request.user):
        raise PermissionDenied
    survey_round = get_object_or_404(SurveyRound, pk=round_id)
    created = survey_round_invite(survey_round=survey_round)
    messages.success(request, _("%(n)s nya inbjudningar skickas.") % {"n": created})
    return redirect("surveys:rounds")


def participate_url(survey_round: SurveyRound, language: str) -> str:
    """The non-personal page a QR code or a letter points to (the same for everyone)."""
    with translation.override(language):
        path = reverse("surveys:participate")
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}?omgang={survey_round.pk}"


def _qr_svg(url: str, label: str, scale: int = 8) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=scale, title=label, border=2)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)


@never_cache
@login_required
def round_qr(request: HttpRequest, round_id: int, workplace_id: int) -> HttpResponse:
    """One QR code for the whole room, opening the non-personal "answer the survey" page.

    Nobody's personal link is on this page: whoever scans the code gets their own link sent
    to their own address, or types the code from their own letter.
    """
    workplace = get_object_or_404(selectors.qr_workplaces_for(request.user), pk=workplace_id)
    survey_round = get_object_or_404(rounds_for(request.user), pk=round_id)
    language = translation.get_language() or "sv"
    url = participate_url(survey_round, language)
    label = _("QR-kod till sidan Svara på enkäten")
    return render(request, "surveys/round_qr.html", {
        "round": survey_round, "workplace": workplace, "url": url,
        "svg": mark_safe(_qr_svg(url, label)),  # noqa: S308 - segno output, label escaped
    })


@never_cache
@login_required
def round_letters(request: HttpRequest, round_id: int) -> HttpResponse:
    """Letters with one-time codes for employees without e-mail, printed by HR.

    GET chooses the workplace; POST makes new codes and shows them once, ready to print and
    put in sealed envelopes. They are never shown again (a new POST makes new codes and the
    old ones stop working).
    """
    if not selectors.can_print_letters(request.user):
        raise Http404
    survey_round = get_object_or_404(rounds_for(request.user), pk=round_id)
    if survey_round.is_closed:
        raise Http404
    workplaces = selectors.letter_workplaces_for(request.user, survey_round)
    if request.method == "POST":
        chosen = request.POST.get("workplace") or ""
        # Only a plain number can name a workplace; anything else is "no such workplace".
        valid = chosen.isascii() and chosen.isdigit() and len(chosen) <= 18
        workplace = workplaces.filter(pk=int(chosen)).first() if valid else None
        if workplace is None:
            raise Http404
        letters = survey_letter_codes_issue(
            survey_round=survey_round, workplace_id=workplace.pk,
            include_with_email=request.POST.get("include_with_email") == "1", issued_by=request.user,
        )
        language = translation.get_language() or "sv"
        url = participate_url(survey_round, language)
        response = render(request, "surveys/letters.html", {
            "round": survey_round, "workplace": workplace, "letters": letters, "url": url,
            "survey_title": survey_round.survey.title_for(language),
            "svg": mark_safe(_qr_svg(url, _("QR-kod till sidan Svara på enkäten"), scale=4)),  # noqa: S308
            "threshold": survey_round.programme.anonymity_threshold, "closes_on": survey_round.closes_on,
        })
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "surveys/letters_choose.html", {"round": survey_round, "workplaces": workplaces})
