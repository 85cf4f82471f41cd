"""The roll call: recording attendance while it is open, closing with a confirmed summary, reopening
within the set time (``sessions.roll_call``)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from people.models import Employee, User

from .. import roll_call
from ..models import (
    Attendance,
    AttendanceStatus,
    Invitation,
    InvitationStatus,
    Session,
    SessionStatus,
)
from ..roll_call import CloseSummary
from ..selectors import (
    can_facilitate,
    close_summary,
)
from ._shared import (
    CloseSummaryChangedError,
    SessionLockedError,
    format_time,
    lock_session,
)


def _require_roll_call_open(session: Session, now: datetime.datetime) -> None:
    if session.status != SessionStatus.SCHEDULED:
        raise SessionLockedError(_("Tillfället är avslutat; närvaron kan bara ändras med en korrigering."))
    if not roll_call.is_open(session, now=now):
        raise SessionLockedError(
            _("Närvaron kan tas först när tillfället börjar, från %(time)s.") % {"time": format_time(roll_call.opens_at(session))}
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
    session = lock_session(session)
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
    session = lock_session(session)
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
    session = lock_session(session)
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
