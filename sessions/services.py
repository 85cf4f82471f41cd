"""Writes for sessions, invitations, attendance and the hours ledger.

Every service is atomic; messages go to the outbox inside the same transaction and are
delivered on commit. Attendance, closing and corrections are written to Wagtail's audit log.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from courses.models import Module, Track, TrackKind
from people.models import Employee, User, Workplace
from people.selectors import scope_for

from . import bounds, notifications, roll_call
from .models import (
    Attendance,
    AttendanceStatus,
    HoursCorrection,
    Invitation,
    InvitationStatus,
    Session,
    SessionStatus,
)
from .roll_call import CloseSummary
from .selectors import (
    can_correct_hours,
    can_facilitate,
    can_schedule_at,
    close_summary,
    module_bookings,
    planner,
    process_leader_choices,
    workplace_track_for,
)


@dataclass(frozen=True)
class ScheduleWarning:
    code: str
    message: str


class ScheduleWarningsError(Exception):
    """Raised when warnings need an explicit confirmation before saving."""

    def __init__(self, warnings: list[ScheduleWarning]):
        super().__init__("; ".join(w.message for w in warnings))
        self.warnings = warnings


class SessionLockedError(ValidationError):
    """The session is closed, cancelled or not open for this change (the message says which)."""


class CloseSummaryChangedError(SessionLockedError):
    """The attendance changed after the leader saw the summary: show the new one and ask again."""

    def __init__(self, summary: CloseSummary):
        super().__init__(_("Närvaron har ändrats sedan sammanfattningen visades. Kontrollera den nya och bekräfta igen."))
        self.summary = summary


def _fmt(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "Y-m-d H:i")


def schedule_warnings(
    *,
    module: Module,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    process_leaders: Iterable[User],
    invitees: Iterable[Employee],
    exclude_session: Session | None = None,
    workplace: Workplace | None = None,
    newly_invited: Iterable[Employee] | None = None,
) -> list[ScheduleWarning]:
    """What needs a second look before saving: overlapping bookings of a process leader or invitee,
    people already booked on (or done with) the module, a workplace session without a process
    leader, and dates outside the programme's period (inside its margin; beyond it is an error).

    ``newly_invited`` (default: all invitees) are the ones checked against the module's bookings.
    """
    warnings: list[ScheduleWarning] = []
    leaders = list(process_leaders)
    invitees = list(invitees)
    if workplace is not None and not leaders:
        warnings.append(
            ScheduleWarning(
                "no_process_leader",
                _("Tillfället har ingen processledare. Arbetsplatsens samtal leds av en utbildad processledare."),
            )
        )
    newly = invitees if newly_invited is None else list(newly_invited)
    booked, done = module_bookings(module, [e.pk for e in newly], exclude_session=exclude_session)
    if booked:
        warnings.append(
            ScheduleWarning(
                "already_booked",
                _("%(count)s redan bokade på %(module)s: %(names)s.")
                % {"count": len(booked), "module": module.title, "names": _names(booked)},
            )
        )
    if done:
        warnings.append(
            ScheduleWarning(
                "already_done",
                _("%(count)s har redan genomfört %(module)s: %(names)s.")
                % {"count": len(done), "module": module.title, "names": _names(done)},
            )
        )
    overlapping = Session.objects.active().filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
    if exclude_session is not None:
        overlapping = overlapping.exclude(pk=exclude_session.pk)
    leader_ids = [u.pk for u in leaders]
    if leader_ids:
        busy = (
            Session.process_leaders.through.objects.filter(session__in=overlapping, user_id__in=leader_ids)
            .select_related("user", "session__module")
            .order_by("user_id")
        )
        for row in busy:
            warnings.append(
                ScheduleWarning(
                    "leader_busy",
                    _("Processledaren %(name)s leder redan %(session)s vid den tiden.")
                    % {"name": row.user, "session": f"{row.session.module} {_fmt(row.session.starts_at)}"},
                )
            )
    invitee_ids = [e.pk for e in invitees]
    if invitee_ids:
        busy_invites = (
            Invitation.objects.filter(
                session__in=overlapping, employee_id__in=invitee_ids, status=InvitationStatus.INVITED
            )
            .select_related("employee", "session__module")
            .order_by("employee__last_name")
        )
        for inv in busy_invites:
            warnings.append(
                ScheduleWarning(
                    "invitee_busy",
                    _("%(name)s är redan bokad på %(session)s vid den tiden.")
                    % {"name": inv.employee, "session": f"{inv.session.module} {_fmt(inv.session.starts_at)}"},
                )
            )
    programme = module.track.programme
    local_start, local_end = timezone.localtime(starts_at).date(), timezone.localtime(ends_at).date()
    if local_start < programme.starts_on or local_end > programme.ends_on:
        warnings.append(
            ScheduleWarning(
                "outside_programme",
                _("Tillfället ligger utanför programmets datum (%(start)s – %(end)s).")
                % {"start": programme.starts_on, "end": programme.ends_on},
            )
        )
    return warnings


def _names(employees: Sequence[Employee], limit: int = 10) -> str:
    names = ", ".join(e.full_name for e in employees[:limit])
    if len(employees) > limit:
        names += " " + _("och %(n)s till") % {"n": len(employees) - limit}
    return names


def _validate_times(module: Module, starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    bounds.validate_session_times(programme=module.track.programme, starts_at=starts_at, ends_at=ends_at)


def _validate_leaders(workplace: Workplace | None, process_leaders: Sequence[User]) -> None:
    allowed = set(process_leader_choices(workplace).values_list("pk", flat=True))
    if any(u.pk not in allowed for u in process_leaders):
        raise ValidationError({"process_leaders": _("Välj processledare bland arbetsplatsens processledare.")})


def _validate_invitees(workplace: Workplace | None, invitees: Sequence[Employee]) -> None:
    if workplace is None:
        return
    if any(e.workplace_id != workplace.pk for e in invitees):
        raise ValidationError({"invitees": _("Bjud bara in anställda på arbetsplatsen.")})


def _leader_employees(session: Session) -> list[Employee]:
    return [u.employee for u in session.process_leaders.select_related("employee") if u.employee_id]


@transaction.atomic
def session_schedule(
    *,
    workplace: Workplace | None,
    module: Module,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str = "",
    video_link: str = "",
    process_leaders: Sequence[User] = (),
    invitees: Sequence[Employee] = (),
    capacity: int | None = None,
    scheduled_by: User,
    confirm_warnings: bool = False,
) -> Session:
    """Schedule one session and invite people (the first ``capacity`` ones; the rest wait).

    Raises ``ScheduleWarningsError`` when there are warnings and ``confirm_warnings`` is false.
    """
    if not can_schedule_at(scheduled_by, workplace):
        raise PermissionDenied
    _validate_times(module, starts_at, ends_at)
    bounds.validate_capacity(capacity)
    if workplace is None and module.track.kind != TrackKind.PREPARATORY:
        raise ValidationError({"module": _("Öppna tillfällen gäller bara preparandprocessen.")})
    if not place and not video_link:
        raise ValidationError({"place": _("Ange plats eller videolänk.")})
    process_leaders = list(process_leaders)
    invitees = list(invitees)
    _validate_leaders(workplace, process_leaders)
    _validate_invitees(workplace, invitees)
    if not confirm_warnings:
        warnings = schedule_warnings(
            module=module, starts_at=starts_at, ends_at=ends_at, process_leaders=process_leaders, invitees=invitees,
            workplace=workplace,
        )
        if warnings:
            raise ScheduleWarningsError(warnings)
    session = Session(
        module=module,
        workplace=workplace,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        video_link=video_link,
        capacity=capacity,
        created_by=scheduled_by,
    )
    session.full_clean(exclude=["process_leaders"])
    session.save()
    session.process_leaders.set(process_leaders)
    invitations = [
        Invitation(
            session=session,
            employee=employee,
            status=InvitationStatus.INVITED
            if capacity is None or index < capacity
            else InvitationStatus.WAITLISTED,
        )
        for index, employee in enumerate(invitees)
    ]
    Invitation.objects.bulk_create(invitations)
    log(session, "samtalsrum.session.schedule", user=scheduled_by)
    invited = [i.employee for i in invitations if i.status == InvitationStatus.INVITED]
    waiting = [i.employee for i in invitations if i.status == InvitationStatus.WAITLISTED]
    notifications.session_notify(session=session, employees=invited, kind=notifications.KIND_INVITE)
    notifications.session_notify(session=session, employees=waiting, kind=notifications.KIND_WAITLIST)
    notifications.session_notify(
        session=session,
        employees=[e for e in _leader_employees(session) if e.pk not in {x.pk for x in invitees}],
        kind=notifications.KIND_INVITE,
    )
    return session


def _lock(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("module__track__programme").get(pk=session.pk)


@transaction.atomic
def session_reschedule(
    *,
    session: Session,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    place: str,
    video_link: str = "",
    process_leaders: Sequence[User] | None = None,
    invitees: Sequence[Employee] | None = None,
    capacity: int | None = None,
    rescheduled_by: User,
    confirm_warnings: bool = False,
) -> Session:
    """Change time, place, leaders or invitees; everyone concerned gets an updated invitation."""
    from .selectors import sessions_managed_by

    if not sessions_managed_by(rescheduled_by).filter(pk=session.pk).exists():
        raise PermissionDenied
    session = _lock(session)
    if session.status != SessionStatus.SCHEDULED:
        raise SessionLockedError(_("Tillfället är avslutat eller inställt och kan inte ändras."))
    if Attendance.objects.filter(session=session).exists():
        raise SessionLockedError(
            _("Närvaro är redan registrerad för tillfället. Det kan inte flyttas eller få andra deltagare.")
        )
    _validate_times(session.module, starts_at, ends_at)
    bounds.validate_capacity(capacity)
    if not place and not video_link:
        raise ValidationError({"place": _("Ange plats eller videolänk.")})
    leaders = list(process_leaders) if process_leaders is not None else list(session.process_leaders.all())
    _validate_leaders(session.workplace, leaders)
    current = {i.employee_id: i for i in Invitation.objects.filter(session=session).select_related("employee")}
    wanted = list(invitees) if invitees is not None else [
        i.employee for i in current.values() if i.status in (InvitationStatus.INVITED, InvitationStatus.WAITLISTED)
    ]
    _validate_invitees(session.workplace, wanted)
    if not confirm_warnings:
        warnings = schedule_warnings(
            module=session.module,
            starts_at=starts_at,
            ends_at=ends_at,
            process_leaders=leaders,
            invitees=wanted,
            exclude_session=session,
            workplace=session.workplace,
            newly_invited=[
                e for e in wanted
                if e.pk not in current
                or current[e.pk].status not in (InvitationStatus.INVITED, InvitationStatus.WAITLISTED)
            ],
        )
        if warnings:
            raise ScheduleWarningsError(warnings)
    changed_time = (starts_at, ends_at, place, video_link) != (
        session.starts_at,
        session.ends_at,
        session.place,
        session.video_link,
    )
    session.starts_at, session.ends_at, session.place, session.video_link = starts_at, ends_at, place, video_link
    session.capacity = capacity if capacity is not None else session.capacity
    session.sequence += 1
    session.save()
    session.process_leaders.set(leaders)

    wanted_ids = {e.pk for e in wanted}
    removed = [i for i in current.values() if i.employee_id not in wanted_ids and i.status == InvitationStatus.INVITED]
    added = [e for e in wanted if e.pk not in current or current[e.pk].status
             in (InvitationStatus.CANCELLED, InvitationStatus.DECLINED)]
    kept = [i.employee for i in current.values() if i.employee_id in wanted_ids and i.status == InvitationStatus.INVITED]
    Invitation.objects.filter(pk__in=[i.pk for i in removed]).update(status=InvitationStatus.CANCELLED)
    for employee in added:
        Invitation.objects.update_or_create(
            session=session, employee=employee, defaults={"status": InvitationStatus.INVITED}
        )
    log(session, "samtalsrum.session.reschedule", user=rescheduled_by, data={"sequence": session.sequence})
    notifications.session_notify(
        session=session, employees=[i.employee for i in removed], kind=notifications.KIND_CANCEL
    )
    notifications.session_notify(session=session, employees=added, kind=notifications.KIND_INVITE)
    if changed_time:
        notifications.session_notify(
            session=session, employees=kept + _leader_employees(session), kind=notifications.KIND_UPDATE
        )
    return session


@transaction.atomic
def session_cancel(*, session: Session, cancelled_by: User, reason: str) -> Session:
    """Cancel a session and tell the invitees why: invitations are withdrawn with a METHOD:CANCEL
    calendar file and the reason in the message. A session with attendance cannot be cancelled."""
    from .selectors import sessions_managed_by

    if not sessions_managed_by(cancelled_by).filter(pk=session.pk).exists():
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv varför tillfället ställs in. Skälet skickas till de inbjudna.")})
    if len(reason) > bounds.REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("Skriv högst %(max)s tecken.") % {"max": bounds.REASON_MAX_LENGTH}})
    session = _lock(session)
    if session.status != SessionStatus.SCHEDULED:
        raise SessionLockedError(_("Bara planerade tillfällen kan ställas in."))
    if Attendance.objects.filter(session=session).exists():
        raise SessionLockedError(
            _("Närvaro är redan registrerad för tillfället, så det kan inte ställas in. Avsluta det i stället.")
        )
    session.status = SessionStatus.CANCELLED
    session.cancel_reason = reason
    session.sequence += 1
    session.save(update_fields=["status", "cancel_reason", "sequence", "updated_at"])
    invited = [
        i.employee
        for i in Invitation.objects.filter(
            session=session, status__in=[InvitationStatus.INVITED, InvitationStatus.WAITLISTED]
        ).select_related("employee")
    ]
    log(session, "samtalsrum.session.cancel", user=cancelled_by, data={"reason": reason})
    notifications.session_notify(
        session=session, employees=invited + _leader_employees(session), kind=notifications.KIND_CANCEL,
        reason=reason,
    )
    return session


# ---------------------------------------------------------------- preparatory sign-up and waitlist


@transaction.atomic
def invitation_request(*, session: Session, employee: Employee, requested_by: User) -> Invitation:
    """Sign up for an open preparatory session: a seat if one is free, else the waitlist."""
    scope = scope_for(requested_by)
    if not session.is_open or not (
        scope.is_programme_admin or (requested_by.employee_id == employee.pk and (scope.is_manager or scope.is_process_leader))
    ):
        raise PermissionDenied
    session = _lock(session)
    if session.status != SessionStatus.SCHEDULED:
        raise SessionLockedError(_("Det går inte längre att anmäla sig till tillfället."))
    taken = Invitation.objects.filter(session=session, status=InvitationStatus.INVITED).count()
    status = (
        InvitationStatus.INVITED if session.capacity is None or taken < session.capacity else InvitationStatus.WAITLISTED
    )
    invitation, created = Invitation.objects.get_or_create(session=session, employee=employee, defaults={"status": status})
    if not created and invitation.status in (InvitationStatus.CANCELLED, InvitationStatus.DECLINED):
        invitation.status = status
        invitation.save(update_fields=["status", "updated_at"])
        created = True
    if created:
        log(session, "samtalsrum.invitation.request", user=requested_by,
            data={"employee": employee.pk, "status": status})
        kind = notifications.KIND_INVITE if status == InvitationStatus.INVITED else notifications.KIND_WAITLIST
        notifications.session_notify(
            session=session, employees=[employee], kind=kind, extra_key=f"i{invitation.pk}-{int(invitation.updated_at.timestamp())}"
        )
    return invitation


@transaction.atomic
def invitation_cancel(*, invitation: Invitation, cancelled_by: User) -> Invitation | None:
    """Cancel one place; the first on the waitlist moves up and is invited. Returns the promoted one."""
    from .selectors import sessions_managed_by

    scope = scope_for(cancelled_by)
    own = cancelled_by.employee_id == invitation.employee_id
    if not (own or scope.is_programme_admin or sessions_managed_by(cancelled_by).filter(pk=invitation.session_id).exists()):
        raise PermissionDenied
    session = _lock(invitation.session)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if session.status != SessionStatus.SCHEDULED:
        raise SessionLockedError(_("Tillfället är avslutat eller inställt; platsen kan inte avbokas."))
    if Attendance.objects.filter(session=session, employee_id=invitation.employee_id).exists():
        raise SessionLockedError(_("Närvaron är redan registrerad för personen; platsen kan inte avbokas."))
    was_invited = invitation.status == InvitationStatus.INVITED
    invitation.status = InvitationStatus.CANCELLED
    invitation.save(update_fields=["status", "updated_at"])
    log(
        session,
        "samtalsrum.invitation.cancel",
        user=cancelled_by if getattr(cancelled_by, "pk", None) else None,
        data={"employee": invitation.employee_id, "own": own, "was_invited": was_invited},
    )
    notifications.session_notify(
        session=session, employees=[invitation.employee], kind=notifications.KIND_CANCEL,
        extra_key=f"i{invitation.pk}-{int(invitation.updated_at.timestamp())}",
    )
    if not was_invited or session.status != SessionStatus.SCHEDULED:
        return None
    return _waitlist_promote(session)


def _waitlist_promote(session: Session) -> Invitation | None:
    taken = Invitation.objects.filter(session=session, status=InvitationStatus.INVITED).count()
    if session.capacity is not None and taken >= session.capacity:
        return None
    nxt = (
        Invitation.objects.select_for_update()
        .filter(session=session, status=InvitationStatus.WAITLISTED)
        .select_related("employee")
        .order_by("created_at", "pk")
        .first()
    )
    if nxt is None:
        return None
    nxt.status = InvitationStatus.INVITED
    nxt.save(update_fields=["status", "updated_at"])
    log(session, "samtalsrum.session.waitlist_promote", data={"employee": nxt.employee_id})
    notifications.session_notify(
        session=session, employees=[nxt.employee], kind=notifications.KIND_INVITE,
        extra_key=f"i{nxt.pk}-promoted",
    )
    return nxt


# ---------------------------------------------------------------- attendance


def _require_roll_call_open(session: Session, now: datetime.datetime) -> None:
    if session.status != SessionStatus.SCHEDULED:
        raise SessionLockedError(_("Tillfället är avslutat; närvaron kan bara ändras med en korrigering."))
    if not roll_call.is_open(session, now=now):
        raise SessionLockedError(
            _("Närvaron kan tas först när tillfället börjar, från %(time)s.") % {"time": _fmt(roll_call.opens_at(session))}
        )


@transaction.atomic
def attendance_record(
    *,
    session: Session,
    employee: Employee,
    status: str,
    minutes: int | None = None,
    recorded_by: User,
    now: datetime.datetime | None = None,
) -> Attendance:
    """Record one person's attendance while the roll call is open (from the session's start).

    The session row is locked, so concurrent roll calls by two process leaders are applied one
    after the other and none is lost."""
    if not can_facilitate(recorded_by, session):
        raise PermissionDenied
    session = _lock(session)
    _require_roll_call_open(session, now or timezone.now())
    if not Invitation.objects.filter(session=session, employee=employee, status=InvitationStatus.INVITED).exists():
        raise ValidationError(_("Personen är inte inbjuden till tillfället."))
    length = session.length_minutes
    if status == AttendanceStatus.PRESENT:
        minutes = length if minutes is None else minutes
    elif status == AttendanceStatus.ABSENT:
        minutes = 0
    elif status == AttendanceStatus.PARTIAL:
        if minutes is None or not 0 < minutes < length:
            raise ValidationError(
                {"minutes": _("Ange närvarotid mellan 1 och %(max)s minuter.") % {"max": length - 1}}
            )
    else:
        raise ValidationError({"status": _("Okänd närvarostatus.")})
    if minutes < 0 or minutes > length:
        raise ValidationError({"minutes": _("Närvarotiden kan inte vara längre än tillfället.")})
    previous = Attendance.objects.filter(session=session, employee=employee).values("status", "minutes").first()
    attendance, _created = Attendance.objects.update_or_create(
        session=session,
        employee=employee,
        defaults={"status": status, "minutes": minutes, "recorded_by": recorded_by},
    )
    log(
        session,
        "samtalsrum.attendance.record",
        user=recorded_by,
        data={"employee": employee.pk, "status": status, "minutes": minutes, "previous": previous},
    )
    return attendance


@transaction.atomic
def session_close(
    *,
    session: Session,
    closed_by: User,
    expected: CloseSummary | None = None,
    now: datetime.datetime | None = None,
) -> Session:
    """Close the session: those not marked are recorded absent and the attendance is locked.

    ``expected`` is the summary the leader confirmed; if the attendance changed since, nothing is
    closed and ``CloseSummaryChangedError`` carries the new summary."""
    if not can_facilitate(closed_by, session):
        raise PermissionDenied
    session = _lock(session)
    if session.status != SessionStatus.SCHEDULED:
        raise SessionLockedError(_("Tillfället är redan avslutat eller inställt."))
    now = now or timezone.now()
    _require_roll_call_open(session, now)
    summary = close_summary(session)
    if expected is not None and expected != summary:
        raise CloseSummaryChangedError(summary)
    marked = set(Attendance.objects.filter(session=session).values_list("employee_id", flat=True))
    Attendance.objects.bulk_create(
        [
            Attendance(session=session, employee_id=employee_id, status=AttendanceStatus.ABSENT, minutes=0,
                       recorded_by=closed_by)
            for employee_id in Invitation.objects.filter(session=session, status=InvitationStatus.INVITED)
            .exclude(employee_id__in=marked)
            .values_list("employee_id", flat=True)
        ]
    )
    session.status = SessionStatus.CLOSED
    session.closed_at = now
    session.closed_by = closed_by
    session.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
    log(session, "samtalsrum.session.close", user=closed_by, data=summary.as_data())
    return session


@transaction.atomic
def session_reopen(*, session: Session, reopened_by: User, now: datetime.datetime | None = None) -> Session:
    """Reopen a closed session's roll call, within ``SAMTALSRUM_SESSION_REOPEN_HOURS`` of closing.

    After that window only corrections change the hours."""
    if not can_facilitate(reopened_by, session):
        raise PermissionDenied
    session = _lock(session)
    if session.status != SessionStatus.CLOSED:
        raise SessionLockedError(_("Bara avslutade tillfällen kan öppnas igen."))
    if not roll_call.may_reopen(session, now=now or timezone.now()):
        raise SessionLockedError(
            _("Tillfället avslutades för mer än %(hours)s timmar sedan. Timmarna ändras nu bara med en korrigering.")
            % {"hours": roll_call.reopen_hours()}
        )
    closed = {"closed_at": session.closed_at.isoformat(), "closed_by": session.closed_by_id}
    session.status = SessionStatus.SCHEDULED
    session.closed_at = None
    session.closed_by = None
    session.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
    log(session, "samtalsrum.session.reopen", user=reopened_by, data=closed)
    return session


@transaction.atomic
def hours_correction_create(
    *,
    employee: Employee,
    track: Track,
    minutes: int,
    reason: str,
    created_by: User,
    session: Session | None = None,
) -> HoursCorrection:
    """Append a signed correction to the ledger (managers of the workplace, HR, programme admins).

    Bounded: at most ``CORRECTION_TARGET_MULTIPLE`` times the track's target either way; the
    employee's total in the track never drops below zero; on a session, the person's minutes
    there stay between zero and the session's length. The employee row is locked, so two
    corrections at once are checked one after the other."""
    if not can_correct_hours(created_by, employee):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Ange ett skäl till korrigeringen.")})
    if len(reason) > bounds.REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("Skriv högst %(max)s tecken.") % {"max": bounds.REASON_MAX_LENGTH}})
    if not minutes:
        raise ValidationError({"minutes": _("Ange antal minuter (positivt eller negativt).")})
    limit = bounds.correction_max_minutes(track.target_minutes)
    if not -limit <= minutes <= limit:
        raise ValidationError(
            {"minutes": _("En korrigering kan vara högst %(max)s minuter åt något håll (%(multiple)s gånger spårets mål).")
             % {"max": limit, "multiple": bounds.CORRECTION_TARGET_MULTIPLE}}
        )
    if session is not None:
        session = Session.objects.select_related("module").get(pk=session.pk)  # the current status, not the caller's
        if session.module.track_id != track.pk:
            raise ValidationError({"track": _("Spåret måste vara tillfällets spår.")})
        if session.status != SessionStatus.CLOSED:
            raise ValidationError(
                _("Korrigeringar görs när tillfället är avslutat. Dessförinnan rättas närvaron i närvarolistan.")
            )
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    ledger = _ledger_minutes(employee=employee, track=track)
    if ledger + minutes < 0:
        raise ValidationError(
            {"minutes": _("%(name)s har %(total)s minuter i spåret; korrigeringen kan inte dra av mer än så.")
             % {"name": employee.full_name, "total": ledger}}
        )
    if session is not None:
        at_session = _ledger_minutes(employee=employee, track=track, session=session)
        if not 0 <= at_session + minutes <= session.length_minutes:
            raise ValidationError(
                {"minutes": _("Vid tillfället blir det %(sum)s minuter; det måste ligga mellan 0 och tillfällets "
                              "längd, %(length)s minuter (nu %(now)s).")
                 % {"sum": at_session + minutes, "length": session.length_minutes, "now": at_session}}
            )
    correction = HoursCorrection.objects.create(
        employee=employee, session=session, track=track, minutes=minutes, reason=reason, created_by=created_by
    )
    log(
        correction,
        "samtalsrum.hours.correct",
        user=created_by,
        data={"employee": employee.pk, "minutes": minutes, "reason": reason, "session": getattr(session, "pk", None)},
    )
    return correction


def _ledger_minutes(*, employee: Employee, track: Track, session: Session | None = None) -> int:
    """Attendance plus corrections of ``employee`` in ``track`` (or at one session), in SQL."""
    attended = Attendance.objects.filter(employee=employee, session__module__track=track).exclude(
        session__status=SessionStatus.CANCELLED
    )
    corrected = HoursCorrection.objects.filter(employee=employee, track=track)
    if session is not None:
        attended = attended.filter(session=session)
        corrected = corrected.filter(session=session)
    return (attended.aggregate(t=Sum("minutes"))["t"] or 0) + (corrected.aggregate(t=Sum("minutes"))["t"] or 0)


# ---------------------------------------------------------------- planner


@transaction.atomic
def planner_create_remaining(
    *,
    workplace: Workplace,
    first_starts_at: datetime.datetime,
    interval_days: int = 7,
    place: str = "",
    video_link: str = "",
    process_leaders: Sequence[User] = (),
    scheduled_by: User,
    confirm_warnings: bool = False,
) -> list[Session]:
    """Schedule one session per workplace-track module someone still lacks, at
    ``first_starts_at`` then every ``interval_days``, inviting those who lack it."""
    if not can_schedule_at(scheduled_by, workplace) or not scope_for(scheduled_by).user_id:
        raise PermissionDenied
    track = workplace_track_for(workplace)
    if track is None:
        raise ValidationError(_("Det finns inget arbetsplatsspår att planera."))
    modules, rows = planner(workplace, track)
    created: list[Session] = []
    all_warnings: list[ScheduleWarning] = []
    slot = 0
    for index, module in enumerate(modules):
        # Those who lack the module, and those who attended part of it: a catch-up for them.
        invitees = [row.employee for row in rows if row.cells[index] in ("missing", "partial")]
        if not invitees:
            continue
        starts_at = first_starts_at + datetime.timedelta(days=interval_days * slot)
        ends_at = starts_at + datetime.timedelta(minutes=module.planned_minutes)
        slot += 1
        if not (bounds.in_window(track.programme, starts_at) and bounds.in_window(track.programme, ends_at)):
            raise ValidationError(
                {"first_starts_at": _("Tillfället för %(module)s skulle hamna %(day)s. %(window)s")
                 % {"module": module.title, "day": _fmt(starts_at)[:10], "window": bounds.window_message(track.programme)}}
            )
        try:
            created.append(
                session_schedule(
                    workplace=workplace,
                    module=module,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    place=place,
                    video_link=video_link,
                    process_leaders=process_leaders,
                    invitees=invitees,
                    scheduled_by=scheduled_by,
                    confirm_warnings=confirm_warnings,
                )
            )
        except ScheduleWarningsError as exc:
            all_warnings.extend(exc.warnings)
    if all_warnings:
        transaction.set_rollback(True)
        unique = {(w.code, w.message): w for w in all_warnings}  # e.g. "no process leader" once, not per module
        raise ScheduleWarningsError(list(unique.values()))
    return created


def reminders_due(*, now: datetime.datetime, hours: int) -> list[tuple[int, list[int]]]:
    """(session id, invited employee ids) for sessions starting within ``hours``."""
    sessions = Session.objects.filter(
        status=SessionStatus.SCHEDULED, starts_at__gt=now, starts_at__lte=now + datetime.timedelta(hours=hours)
    ).values_list("pk", flat=True)
    result: dict[int, list[int]] = {}
    for session_id, employee_id in Invitation.objects.filter(
        session_id__in=sessions, status=InvitationStatus.INVITED
    ).values_list("session_id", "employee_id"):
        result.setdefault(session_id, []).append(employee_id)
    return sorted(result.items())


@transaction.atomic
def session_reminders_send(*, session_id: int) -> int:
    """Record reminders for one session (idempotent: one per session, employee and version)."""
    session = Session.objects.select_related("module").filter(pk=session_id, status=SessionStatus.SCHEDULED).first()
    if session is None:
        return 0
    employees = Employee.objects.filter(
        Q(session_invitations__session=session, session_invitations__status=InvitationStatus.INVITED)
    ).distinct()
    return notifications.session_notify(session=session, employees=employees, kind=notifications.KIND_REMINDER)
