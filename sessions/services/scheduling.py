"""Scheduling: planning, rescheduling and cancelling sessions, their invitations, and reminders."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from courses.models import Module, TrackKind
from people.models import Employee, User, Workplace

from .. import bounds, notifications
from ..models import (
    Attendance,
    Invitation,
    InvitationStatus,
    Session,
    SessionStatus,
)
from ..selectors import (
    can_schedule_at,
    module_bookings,
    process_leader_choices,
    sessions_managed_by,
)
from ._shared import (
    ScheduleWarning,
    ScheduleWarningsError,
    SessionLockedError,
    format_time,
    leader_employees,
    lock_session,
)

logger = logging.getLogger(__name__)


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
                % {"count": len(booked), "module": module.local_title, "names": _names(booked)},
            )
        )
    if done:
        warnings.append(
            ScheduleWarning(
                "already_done",
                _("%(count)s har redan genomfört %(module)s: %(names)s.")
                % {"count": len(done), "module": module.local_title, "names": _names(done)},
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
                    % {"name": row.user, "session": f"{row.session.module} {format_time(row.session.starts_at)}"},
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
                    % {"name": inv.employee, "session": f"{inv.session.module} {format_time(inv.session.starts_at)}"},
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
    queue_invitations: bool = True,
) -> Session:
    """Schedule one session and invite people (the first ``capacity`` ones; the rest wait).

    The invitations are built in the background once the transaction commits; a caller scheduling
    a batch passes ``queue_invitations=False`` and queues them all at once with
    ``invitations_queue``. Raises ``ScheduleWarningsError`` when there are warnings and
    ``confirm_warnings`` is false.
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
        invitations_pending=True,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        video_link=video_link,
        capacity=capacity,
        created_by=scheduled_by,
    )
    # The times and capacity were checked above against the same rules as the constraints (which the
    # database enforces as well), the foreign keys are the objects passed in and the uid is new: the
    # field checks suffice, without one query per constraint and key for each session of a batch.
    session.full_clean(
        exclude=["process_leaders", "module", "workplace", "created_by", "uid"],
        validate_unique=False,
        validate_constraints=False,
    )
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
    # The messages and calendar files are built in the background once this commits; the flag
    # is the durable to-do, so a broker outage loses nothing (the beat's flush picks it up).
    if queue_invitations:
        invitations_queue([session.pk])
    return session


def invitations_queue(session_ids: Sequence[int]) -> None:
    """Build the invitations of ``session_ids`` in the background once the transaction commits
    (nothing is built or sent if it rolls back)."""
    ids = list(session_ids)
    if ids:
        transaction.on_commit(lambda: _invitations_dispatch(ids))


def _invitations_dispatch(session_ids: list[int]) -> None:
    from ..tasks import session_invitations_send_task

    try:
        session_invitations_send_task.apply_async(args=[session_ids], retry=False)
    except Exception:  # the broker is down: session_invitations_flush_task picks them up later
        logger.warning("Could not queue the invitations of sessions %s; they stay pending.", session_ids, exc_info=True)


@transaction.atomic
def session_invitations_send(*, session_id: int) -> int:
    """Record the invitations of a newly scheduled session in the outbox: an invitation with a
    calendar file to everyone invited and to its process leaders, a waitlist notice to the rest.
    Returns how many messages were recorded.

    Idempotent: the session row is locked and its ``invitations_pending`` flag cleared in the same
    transaction, and each message has the outbox's dedupe key, so a second run records nothing.
    """
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("module")
        .filter(pk=session_id, invitations_pending=True)
        .first()
    )
    if session is None:
        logger.info("Invitations of session %s: nothing pending.", session_id)
        return 0
    count = 0
    if session.status == SessionStatus.SCHEDULED:
        invitations = list(
            Invitation.objects.filter(
                session=session, status__in=[InvitationStatus.INVITED, InvitationStatus.WAITLISTED]
            ).select_related("employee").order_by("created_at", "pk")
        )
        invited = [i.employee for i in invitations if i.status == InvitationStatus.INVITED]
        waiting = [i.employee for i in invitations if i.status == InvitationStatus.WAITLISTED]
        asked = {i.employee_id for i in invitations}
        count += notifications.session_notify(session=session, employees=invited, kind=notifications.KIND_INVITE)
        count += notifications.session_notify(session=session, employees=waiting, kind=notifications.KIND_WAITLIST)
        count += notifications.session_notify(
            session=session,
            employees=[e for e in leader_employees(session) if e.pk not in asked],
            kind=notifications.KIND_INVITE,
        )
    session.invitations_pending = False
    session.save(update_fields=["invitations_pending"])
    return count


def sessions_with_invitations_pending(*, limit: int = 500) -> list[int]:
    """Sessions whose invitations were never built (the broker was down when they were scheduled)."""
    return list(
        Session.objects.filter(invitations_pending=True).order_by("created_at", "pk").values_list("pk", flat=True)[:limit]
    )


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
    if not sessions_managed_by(rescheduled_by).filter(pk=session.pk).exists():
        raise PermissionDenied
    session = lock_session(session)
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
            session=session, employees=kept + leader_employees(session), kind=notifications.KIND_UPDATE
        )
    return session


@transaction.atomic
def session_cancel(*, session: Session, cancelled_by: User, reason: str) -> Session:
    """Cancel a session and tell the invitees why: invitations are withdrawn with a METHOD:CANCEL
    calendar file and the reason in the message. A session with attendance cannot be cancelled."""
    if not sessions_managed_by(cancelled_by).filter(pk=session.pk).exists():
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv varför tillfället ställs in. Skälet skickas till de inbjudna.")})
    if len(reason) > bounds.REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("Skriv högst %(max)s tecken.") % {"max": bounds.REASON_MAX_LENGTH}})
    session = lock_session(session)
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
        session=session, employees=invited + leader_employees(session), kind=notifications.KIND_CANCEL,
        reason=reason,
    )
    return session


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
