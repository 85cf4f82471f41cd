"""User-facing views for sessions. Each checks who is asking through the selectors; writes go
through services."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cms import formatting
from courses.models import Programme, TrackKind
from people.links import current_employee
from people.models import Employee
from people.selectors import employees_for, managed_workplaces_for, scope_for

from . import params, roll_call, selectors, services
from .forms import (
    CancelForm,
    CloseForm,
    CorrectionForm,
    PlannerForm,
    RescheduleForm,
    RollCallForm,
    SessionForm,
)
from .models import AttendanceStatus, Invitation, InvitationStatus, SessionStatus

logger = logging.getLogger(__name__)


def _database_errors_answered(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Roll call on a phone must not end in a bare 500 when the database connection drops (a
    restart, a failover): the leader is told that this one request was not saved and that what
    was confirmed before is kept. Each mark is its own committed transaction, so that is true.
    The page is rendered without touching the database."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except (OperationalError, InterfaceError):
            logger.warning("Database unavailable during %s %s", request.method, request.path, exc_info=True)
            pk = kwargs.get("pk")
            html = render_to_string(
                "sessions/database_unavailable.html",
                {"retry_url": reverse("sessions:facilitate", kwargs={"pk": pk}) + "#roll-call" if pk else "/"},
            )
            return HttpResponse(html, status=503, headers={"Retry-After": "10"})

    return wrapper


def _form_errors_to(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _occasion_fields(data: dict) -> dict:
    """The scheduling form's fields shared by planning and rescheduling, as service arguments."""
    return {
        "starts_at": data["starts_at"],
        "ends_at": data["ends_at"],
        "place": data["place"],
        "video_link": data["video_link"],
        "process_leaders": list(data["process_leaders"]),
        "capacity": data.get("capacity"),
        "confirm_warnings": data["confirm_warnings"],
    }


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    """The viewer's sessions: those they lead or manage, and open preparatory sessions."""
    sessions = (
        selectors.sessions_for(request.user)
        .filter(starts_at__gte=timezone.now() - datetime.timedelta(days=30))
        .prefetch_related("process_leaders")
        .order_by("starts_at")[:200]
    )
    context = {
        "scope": scope_for(request.user),
        "sessions": sessions,
        "workplaces": managed_workplaces_for(request.user),
        "open_sessions": selectors.open_preparatory_sessions_for(request.user)[:50],
    }
    return render(request, "sessions/session_list.html", context)


@login_required
def planner(request: HttpRequest, workplace_id: int) -> HttpResponse:
    """Per employee: which workplace-track modules are done, booked, partial or missing; plan the rest.

    A first POST shows the proposed sessions (groups, dates, warnings) and writes nothing; the
    confirmation, carrying the proposal's fingerprint, creates them. The invitations go out in the
    background once the sessions are saved."""
    workplace = get_object_or_404(managed_workplaces_for(request.user), pk=workplace_id)
    track = selectors.workplace_track_for(workplace)
    if track is None:
        raise Http404(_("Inget arbetsplatsspår finns."))
    leaders = selectors.process_leader_choices(workplace)
    proposal = confirm_form = None
    changed = False
    if request.method == "POST":
        form = PlannerForm(request.POST, leaders=leaders, programme=track.programme)
        if form.is_valid():
            try:
                if request.POST.get("action") == "confirm":
                    created = services.planner_create_remaining(
                        workplace=workplace,
                        scheduled_by=request.user,
                        confirm_warnings=True,  # they were shown in the preview being confirmed
                        expected_fingerprint=request.POST.get("proposal", "")[:64],
                        **form.planner_options(),
                    )
                    messages.success(
                        request,
                        ngettext(
                            "%(n)s tillfälle planerades. Inbjudningarna skickas inom några minuter.",
                            "%(n)s tillfällen planerades. Inbjudningarna skickas inom några minuter.",
                            len(created),
                        ) % {"n": len(created)},
                    )
                    return redirect("sessions:planner", workplace_id=workplace.pk)
                proposal = services.planner_propose(workplace=workplace, viewer=request.user, **form.planner_options())
            except services.PlanChangedError as exc:
                if not exc.proposal.sessions:  # e.g. the same confirmation sent twice
                    messages.info(request, _("Tillfällena är redan planerade. Ingen saknar längre en plats."))
                    return redirect("sessions:planner", workplace_id=workplace.pk)
                proposal, changed = exc.proposal, True
            except ValidationError as exc:
                _form_errors_to(form, exc)
        if proposal is not None:
            # The same values again, as hidden fields without ids, for the confirmation.
            confirm_form = PlannerForm(request.POST, leaders=leaders, programme=track.programme, auto_id=False)
    else:
        form = PlannerForm(leaders=leaders, programme=track.programme, initial={"process_leaders": list(leaders)})
    modules, rows = selectors.planner(workplace, track)
    catch_up = [
        {"module": module, "partial": partial}
        for index, module in enumerate(modules)
        if (partial := sum(1 for r in rows if r.cells[index] == "partial"))
    ]
    return render(
        request,
        "sessions/planner.html",
        {
            "workplace": workplace,
            "track": track,
            "modules": modules,
            "catch_up": catch_up,
            "rows": rows,
            "form": form,
            "proposal": proposal,
            "proposal_changed": changed,
            "confirm_form": confirm_form,
            "missing_total": sum(r.missing_count + r.partial_count for r in rows),
            "sessions": selectors.workplace_sessions(workplace).exclude(status=SessionStatus.CANCELLED),
        },
    )


@login_required
@params.answers_bad_parameters
def session_create(request: HttpRequest, workplace_id: int | None = None) -> HttpResponse:
    """Schedule a session for a workplace (manager) or an open preparatory one (programme admin).

    ``?module=`` preselects a module and, at a workplace, only those who still lack it (a catch-up
    session for those who attended part of it)."""
    if workplace_id is None:
        if not selectors.can_schedule_preparatory(request.user):
            raise PermissionDenied
        workplace = track = None
        modules = _modules_of_kind(TrackKind.PREPARATORY)
        invitees = None
    else:
        workplace = get_object_or_404(managed_workplaces_for(request.user), pk=workplace_id)
        track = selectors.workplace_track_for(workplace)
        modules = track.modules.order_by("sort_order") if track else _modules_of_kind(TrackKind.WORKPLACE)
        invitees = Employee.objects.active().unrestricted().filter(workplace=workplace).order_by("last_name", "first_name")
    leaders = selectors.process_leader_choices(workplace)
    warnings = []
    if request.method == "POST":
        form = SessionForm(request.POST, modules=modules, leaders=leaders, invitees=invitees)
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = services.session_schedule(
                    workplace=workplace,
                    module=data["module"],
                    invitees=list(data.get("invitees") or []),
                    scheduled_by=request.user,
                    **_occasion_fields(data),
                )
            except services.ScheduleWarningsError as exc:
                warnings = exc.warnings
            except ValidationError as exc:
                _form_errors_to(form, exc)
            else:
                messages.success(request, _("Tillfället är planerat och inbjudningarna skickas."))
                return redirect("sessions:detail", pk=session.pk)
    else:
        initial = {}
        if invitees is not None and track is not None and "module" not in request.GET:
            # The first module someone still lacks, with only those who lack it (not the whole
            # workplace, who would be booked twice).
            initial.update(selectors.next_missing_module(workplace, track))
        if "module" in request.GET:
            module = modules.filter(pk=params.object_id(request.GET["module"], what=_("modul"))).first()
            if module is None:
                raise Http404
            initial["module"] = module
            if workplace is not None:
                initial["invitees"] = selectors.catch_up_invitees(workplace, module)
        form = SessionForm(modules=modules, leaders=leaders, invitees=invitees, initial=initial)
    return render(
        request,
        "sessions/session_form.html",
        {"form": form, "workplace": workplace, "warnings": warnings, "title": _("Planera samtalstillfälle")},
    )


def _modules_of_kind(kind: str):
    from courses.models import Module

    return Module.objects.filter(track__kind=kind).select_related("track__programme").order_by(
        "-track__programme__starts_on", "sort_order"
    )


@login_required
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(selectors.sessions_managed_by(request.user), pk=pk)
    if session.status != SessionStatus.SCHEDULED:
        raise PermissionDenied
    workplace = session.workplace
    invitees = (
        Employee.objects.active().unrestricted().filter(workplace=workplace).order_by("last_name", "first_name") if workplace else None
    )
    leaders = selectors.process_leader_choices(workplace)
    warnings = []
    if request.method == "POST":
        form = RescheduleForm(request.POST, modules=None, leaders=leaders, invitees=invitees,
                              programme=session.module.track.programme)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.session_reschedule(
                    session=session,
                    invitees=list(data["invitees"]) if "invitees" in data else None,
                    rescheduled_by=request.user,
                    **_occasion_fields(data),
                )
            except services.ScheduleWarningsError as exc:
                warnings = exc.warnings
            except ValidationError as exc:
                _form_errors_to(form, exc)
            else:
                messages.success(request, _("Tillfället är ändrat och de berörda får en uppdaterad inbjudan."))
                return redirect("sessions:detail", pk=session.pk)
    else:
        initial = {
            "starts_at": timezone.localtime(session.starts_at),
            "ends_at": timezone.localtime(session.ends_at),
            "place": session.place,
            "video_link": session.video_link,
            "capacity": session.capacity,
            "process_leaders": list(session.process_leaders.all()),
            "invitees": list(
                Employee.objects.filter(
                    session_invitations__session=session,
                    session_invitations__status__in=[InvitationStatus.INVITED, InvitationStatus.WAITLISTED],
                )
            ),
        }
        form = RescheduleForm(modules=None, leaders=leaders, invitees=invitees, initial=initial,
                              programme=session.module.track.programme)
    return render(
        request,
        "sessions/session_form.html",
        {"form": form, "workplace": workplace, "session": session, "warnings": warnings,
         "title": _("Ändra samtalstillfälle")},
    )


@login_required
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel with a reason; the invitees are told, with the reason in the message."""
    session = get_object_or_404(selectors.sessions_managed_by(request.user), pk=pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(session=session, cancelled_by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                messages.error(request, " ".join(exc.messages))
                return redirect("sessions:detail", pk=session.pk)
            _form_errors_to(form, exc)
        else:
            messages.success(request, _("Tillfället är inställt. De inbjudna får besked med skälet."))
            return redirect("sessions:detail", pk=session.pk)
    return render(request, "sessions/session_cancel.html", {"session": session, "form": form})


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(selectors.sessions_for(request.user).prefetch_related("process_leaders"), pk=pk)
    invitations = selectors.session_invitations(session)
    attendance = {a.employee_id: a for a in session.attendances.all()}
    rows = [{"invitation": inv, "attendance": attendance.get(inv.employee_id)} for inv in invitations]
    can_facilitate = selectors.can_facilitate(request.user, session)
    return render(
        request,
        "sessions/session_detail.html",
        {
            "session": session,
            "rows": rows,
            "can_manage": selectors.sessions_managed_by(request.user).filter(pk=pk).exists(),
            "can_facilitate": can_facilitate,
            "can_reopen": can_facilitate and roll_call.may_reopen(session, now=timezone.now()),
            "reopen_until": roll_call.reopen_until(session),
            "can_correct": selectors.can_correct_session_hours(request.user, session),
        },
    )


def _guide_steps(session) -> tuple[object | None, list[dict]]:
    """The discussion guide's steps as plain data, if the guide page provides them."""
    guide = session.module.discussion_guide
    if guide is None:
        return None, []
    specific = guide.specific
    for name in ("get_steps", "steps_as_data"):
        method = getattr(specific, name, None)
        if callable(method):
            try:
                return specific, list(method())
            except Exception:  # noqa: BLE001 - the guide must never break the roll call
                return specific, []
    return specific, []


@_database_errors_answered
@login_required
def facilitate(request: HttpRequest, pk: int) -> HttpResponse:
    """The facilitator view for a phone: guide steps with timers, lecture segment, roll call.

    The guide is there before the session; the roll call opens at the session's start."""
    session = get_object_or_404(selectors.sessions_facilitated_by(request.user), pk=pk)
    if request.method == "POST":
        form = RollCallForm(request.POST)
        mark = _roll_call_mark(request, session, form)
        if mark.employee is None:
            messages.error(request, mark.message)
            anchor = "#roll-call"
        else:
            (messages.success if mark.attendance else messages.error)(request, mark.message)
            anchor = f"#person-{mark.employee.pk}"
        # Back to the same person, so one tap after another works down the list.
        return redirect(reverse("sessions:facilitate", kwargs={"pk": session.pk}) + anchor)
    guide, steps = _guide_steps(session)
    rows = selectors.roll_call_rows(session)
    now = timezone.now()
    return render(
        request,
        "sessions/facilitate.html",
        {
            "session": session,
            "guide": guide,
            "steps": steps,
            "rows": rows,
            "marked": sum(1 for r in rows if r["attendance"]),
            "length": session.length_minutes,
            "statuses": AttendanceStatus,
            "roll_call_open": roll_call.is_open(session, now=now),
            "roll_call_opens_at": roll_call.opens_at(session),
            "can_reopen": roll_call.may_reopen(session, now=now),
            "reopen_until": roll_call.reopen_until(session),
        },
    )


class _Mark:
    """What one roll-call tap did: the person (None when the form was broken), the saved
    attendance (None when a guard refused it) and the sentence to tell the leader."""

    def __init__(self, employee: Employee | None, attendance, message: str):
        self.employee, self.attendance, self.message = employee, attendance, message


def _roll_call_mark(request: HttpRequest, session, form: RollCallForm) -> _Mark:
    """One mark through ``attendance_record`` and all its guards (roll-call window, closed-session
    lock, bounds, scope); shared by the page's form and its JSON endpoint."""
    if not form.is_valid():
        return _Mark(None, None, _("Närvaron kunde inte sparas. Försök igen."))
    employee = get_object_or_404(
        Employee.objects.filter(
            session_invitations__session=session, session_invitations__status=InvitationStatus.INVITED
        ),
        pk=form.cleaned_data["employee"],
    )
    try:
        attendance = services.attendance_record(
            session=session,
            employee=employee,
            status=form.cleaned_data["status"],
            minutes=form.cleaned_data["minutes"],
            recorded_by=request.user,
        )
    except ValidationError as exc:
        return _Mark(employee, None, f"{employee.full_name}: " + " ".join(exc.messages))
    return _Mark(employee, attendance, _("Närvaro sparad för %(name)s.") % {"name": employee.full_name})


@_database_errors_answered
@login_required
@require_POST
def roll_call_mark(request: HttpRequest, pk: int) -> HttpResponse:
    """The roll call's JSON endpoint: the facilitator view's script saves each tap here, so the
    page (and its running timers) stays where it is. Refusals come back as a Swedish sentence."""
    session = get_object_or_404(selectors.sessions_facilitated_by(request.user), pk=pk)
    mark = _roll_call_mark(request, session, RollCallForm(request.POST))
    if mark.attendance is None:
        return JsonResponse({"ok": False, "error": mark.message}, status=400 if mark.employee is None else 409)
    attendance = mark.attendance
    return JsonResponse(
        {
            "ok": True,
            "message": mark.message,
            "employee": mark.employee.pk,
            "status": attendance.status,
            "status_label": attendance.get_status_display(),
            "minutes": attendance.minutes,
            "minutes_label": formatting.duration(attendance.minutes),
            "marked": session.attendances.count(),
        }
    )


@_database_errors_answered
@login_required
def session_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Closing in two steps, without JavaScript: the summary ("12 närvarande, 2 delvis, 3 blir
    frånvarande") first, then a second POST that confirms exactly that summary."""
    session = get_object_or_404(selectors.sessions_facilitated_by(request.user), pk=pk)
    if session.status != SessionStatus.SCHEDULED:
        messages.error(request, _("Tillfället är redan avslutat eller inställt."))
        return redirect("sessions:detail", pk=session.pk)
    if not roll_call.is_open(session, now=timezone.now()):
        messages.error(
            request,
            _("Tillfället kan avslutas först när det har börjat, från %(time)s.")
            % {"time": timezone.localtime(roll_call.opens_at(session)).strftime("%Y-%m-%d %H:%M")},
        )
        return redirect("sessions:facilitate", pk=session.pk)
    summary = selectors.close_summary(session)
    changed = False
    if request.method == "POST" and "confirm" in request.POST:
        form = CloseForm(request.POST)
        if form.is_valid():
            try:
                services.session_close(session=session, closed_by=request.user, expected=form.summary())
            except services.CloseSummaryChangedError as exc:
                summary, changed = exc.summary, True
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect("sessions:facilitate", pk=session.pk)
            else:
                messages.success(request, _("Tillfället är avslutat och närvaron låst."))
                return redirect("sessions:detail", pk=session.pk)
    return render(
        request,
        "sessions/session_close.html",
        {"session": session, "summary": summary, "form": CloseForm.for_summary(summary), "changed": changed},
    )


@_database_errors_answered
@login_required
@require_POST
def session_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """The process leader reopens the roll call, within the set time after closing (audited)."""
    session = get_object_or_404(selectors.sessions_facilitated_by(request.user), pk=pk)
    try:
        services.session_reopen(session=session, reopened_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("sessions:detail", pk=session.pk)
    messages.success(request, _("Närvaron är öppen igen. Avsluta tillfället när den är rättad."))
    return redirect(reverse("sessions:facilitate", kwargs={"pk": session.pk}) + "#roll-call")


@login_required
def attendance_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Printable attendance list (närvarolista) with signature lines."""
    session = get_object_or_404(selectors.sessions_for(request.user).prefetch_related("process_leaders"), pk=pk)
    rows = selectors.roll_call_rows(session)
    return render(request, "sessions/attendance_list.html", {"session": session, "rows": rows})


@login_required
def correction_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A manager or HR corrects the hours of a closed session through a signed entry."""
    session = get_object_or_404(selectors.sessions_for(request.user), pk=pk)
    employees = employees_for(request.user).filter(
        session_invitations__session=session
    ).order_by("last_name", "first_name")
    employees = [e for e in employees if selectors.can_correct_hours(request.user, e)]
    if not employees:
        raise PermissionDenied
    from courses.models import Track

    tracks = Track.objects.filter(pk=session.module.track_id)
    employee_qs = Employee.objects.filter(pk__in=[e.pk for e in employees]).order_by("last_name", "first_name")
    if request.method == "POST":
        form = CorrectionForm(request.POST, employees=employee_qs, tracks=tracks)
        if form.is_valid():
            try:
                services.hours_correction_create(
                    employee=form.cleaned_data["employee"],
                    session=session,
                    track=form.cleaned_data["track"],
                    minutes=form.cleaned_data["minutes"],
                    reason=form.cleaned_data["reason"],
                    created_by=request.user,
                )
            except ValidationError as exc:
                _form_errors_to(form, exc)
            else:
                messages.success(request, _("Korrigeringen är sparad."))
                return redirect("sessions:detail", pk=session.pk)
    else:
        form = CorrectionForm(employees=employee_qs, tracks=tracks, initial={"track": tracks.first()})
    return render(request, "sessions/correction_form.html", {"form": form, "session": session})


# ---------------------------------------------------------------- preparatory sign-up


@login_required
@require_POST
def sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(selectors.open_preparatory_sessions_for(request.user), pk=pk)
    if not request.user.employee_id:
        raise PermissionDenied
    try:
        invitation = services.invitation_request(
            session=session, employee=request.user.employee, requested_by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("sessions:list")
    if invitation.status == InvitationStatus.INVITED:
        messages.success(request, _("Du är anmäld. En kalenderinbjudan skickas till dig."))
    else:
        messages.success(request, _("Tillfället är fullt. Du står på väntelistan."))
    return redirect("sessions:list")


@require_POST
def invitation_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """An employee cancels their own place (signed link or login); a manager cancels one of theirs."""
    employee = current_employee(request)
    if not request.user.is_authenticated and employee is None:
        return redirect_to_login(request.get_full_path())
    invitation = get_object_or_404(Invitation.objects.select_related("session"), pk=pk)
    allowed = (employee is not None and invitation.employee_id == employee.pk) or (
        request.user.is_authenticated
        and selectors.sessions_managed_by(request.user).filter(pk=invitation.session_id).exists()
    )
    if not allowed:
        raise Http404
    # Acting through a signed link, the employee cancels their own place.
    actor = request.user if request.user.is_authenticated else _LinkActor(employee)
    try:
        services.invitation_cancel(invitation=invitation, cancelled_by=actor)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Platsen är avbokad."))
    if employee is not None and invitation.employee_id == employee.pk:
        return redirect("sessions:my_sessions")
    return redirect("sessions:detail", pk=invitation.session_id)


class _LinkActor:
    """Stands in for a login when an employee acts through a signed link (own place only)."""

    is_authenticated = False
    is_superuser = False
    pk = None

    def __init__(self, employee: Employee):
        self.employee_id = employee.pk
        self.employee = employee


# ---------------------------------------------------------------- the employee's own pages


def _employee_or_login(request: HttpRequest) -> Employee | HttpResponse:
    employee = current_employee(request)
    if employee is None:
        if request.user.is_authenticated:
            raise Http404(_("Din inloggning är inte kopplad till någon anställning."))
        return redirect_to_login(request.get_full_path(), reverse("cms:login"))
    return employee


def my_sessions(request: HttpRequest) -> HttpResponse:
    employee = _employee_or_login(request)
    if isinstance(employee, HttpResponse):
        return employee
    invitations = selectors.my_sessions(employee)
    now = timezone.now()
    # A closed session was held, whatever its planned end: it is never "upcoming" (issue 9).
    upcoming, past = [], []
    for invitation in invitations:
        session = invitation.session
        (upcoming if session.ends_at >= now and not session.is_closed else past).append(invitation)
    return render(
        request, "sessions/my_sessions.html", {"employee": employee, "upcoming": upcoming, "past": past}
    )


def my_hours(request: HttpRequest) -> HttpResponse:
    employee = _employee_or_login(request)
    if isinstance(employee, HttpResponse):
        return employee
    attendances, corrections = selectors.ledger_entries(employee)
    return render(
        request,
        "sessions/my_hours.html",
        {
            "employee": employee,
            "tracks": selectors.ledger_by_track(employee),
            "attendances": attendances,
            "corrections": corrections,
        },
    )


# ---------------------------------------------------------------- funder evidence


@login_required
@params.answers_bad_parameters
def certificate(request: HttpRequest, employee_id: int, month: str) -> HttpResponse:
    """Monthly attendance certificate (intyg av närvarotid) for one participant."""
    employee = get_object_or_404(selectors.certificate_employees_for(request.user), pk=employee_id)
    first = params.month(month)
    return render(
        request,
        "sessions/certificate.html",
        {"employee": employee, "month": first, **selectors.certificate(employee, first)},
    )


@login_required
@params.answers_bad_parameters
def cofinancing(request: HttpRequest) -> HttpResponse:
    """Co-financing per month: hours × unit cost, by gender, with the programme's rounding rule."""
    from people.models import Gender

    if not selectors.can_view_cofinancing(request.user):
        raise PermissionDenied
    if request.GET.get("programme"):
        programme = get_object_or_404(Programme, pk=params.object_id(request.GET["programme"], what=_("program")))
    else:
        programme = Programme.objects.order_by("-starts_on").first()
    if programme is None:
        raise Http404
    month = params.month(request.GET.get("month") or timezone.localdate().strftime("%Y-%m"))
    rows = selectors.cofinancing_summary(request.user, programme=programme, month=month)
    rule = programme.rounding
    labels = dict(Gender.choices)
    out = []
    for row in rows:
        hours = rule.apply(row["minutes"])
        out.append(
            {
                "gender": labels.get(row["gender"], _("Uppgift saknas")),
                "minutes": row["minutes"],
                "hours": hours,
                "amount": hours * programme.unit_cost_per_hour,
            }
        )
    return render(
        request,
        "sessions/cofinancing.html",
        {
            "programme": programme,
            "programmes": Programme.objects.order_by("-starts_on"),
            "month": month,
            "rows": out,
            "total_hours": sum((r["hours"] for r in out), start=rule.apply(0)),
            "total_amount": sum((r["amount"] for r in out), start=rule.apply(0)),
        },
    )


@login_required
@params.answers_bad_parameters
def workplace_certificates(request: HttpRequest, workplace_id: int, month: str) -> HttpResponse:
    """Every participant's monthly attendance certificate for one workplace, as one PDF with a
    page per person and signature lines (programme admins, and HR of the workplace's organisation)."""
    from people.models import Workplace

    from . import funder, funder_pdf

    workplace = get_object_or_404(Workplace.objects.select_related("organisation"), pk=workplace_id)
    if not funder.can_see_funder_evidence(request.user, organisation_id=workplace.organisation_id):
        raise Http404
    first = params.month(month)
    content = funder_pdf.workplace_certificates_pdf(workplace, first, funder.workplace_certificates(workplace, first))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="intyg-{workplace.pk}-{first:%Y-%m}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
