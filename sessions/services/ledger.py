"""The hours ledger's only write after a session is closed: a signed, bounded, audited correction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from courses.models import Track
from people.models import Employee, User

from .. import bounds
from ..models import (
    Attendance,
    HoursCorrection,
    Session,
    SessionStatus,
)
from ..selectors import can_correct_hours


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
