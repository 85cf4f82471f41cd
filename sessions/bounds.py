"""Bounds on what a session, an attendance mark and an hours correction may hold.

Careless or hostile input must not reach the hours ledger the funder audits (issue 9): a session
typed in year 1 (stored by PostgreSQL as 1 BC, after which every page reading it failed), a
capacity of two billion, or a correction of +2 147 483 647 minutes. The same figures are used by
the forms (a message next to the field), the services (whoever calls them) and the database
(CheckConstraints in ``sessions.models``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from courses.models import MODULE_MAX_MINUTES, TRACK_TARGET_MAX_MINUTES, Programme

#: Session dates never leave these, whatever the programme and the margin (local dates).
SESSION_DATE_MIN = datetime.date(1999, 1, 1)
SESSION_DATE_MAX = datetime.date(2100, 12, 31)
#: What the database accepts (a day wider, as the constraint compares UTC instants).
SESSION_INSTANT_MIN = datetime.datetime(1998, 12, 31, tzinfo=datetime.UTC)
SESSION_INSTANT_MAX = datetime.datetime(2101, 1, 2, tzinfo=datetime.UTC)
#: The margin before the programme's start and after its end, in days, can be at most a year.
SESSION_DATE_MARGIN_MAX_DAYS = 366

#: Seats in one session: the largest hall of the programme with room to spare.
SESSION_CAPACITY_MAX = 500
#: One session lasts at most as long as the longest module may.
SESSION_MAX_MINUTES = MODULE_MAX_MINUTES

#: One correction adds or removes at most this many times the track's target.
CORRECTION_TARGET_MULTIPLE = 2
#: The database's bound for any correction (the largest target times the multiple).
CORRECTION_MINUTES_ABS_MAX = TRACK_TARGET_MAX_MINUTES * CORRECTION_TARGET_MULTIPLE
#: Reasons (corrections, cancellations) are a few sentences, not a document.
REASON_MAX_LENGTH = 2000


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "Y-m-d")


def session_date_margin() -> datetime.timedelta:
    days = getattr(settings, "SAMTALSRUM_SESSION_DATE_MARGIN_DAYS", 180)
    return datetime.timedelta(days=max(0, min(days, SESSION_DATE_MARGIN_MAX_DAYS)))


def session_date_window(programme: Programme) -> tuple[datetime.date, datetime.date]:
    """The first and last local date a session of ``programme`` may be on: its period plus the margin."""
    margin = session_date_margin()
    first = programme.starts_on - margin if programme.starts_on > SESSION_DATE_MIN + margin else SESSION_DATE_MIN
    last = programme.ends_on + margin if programme.ends_on < SESSION_DATE_MAX - margin else SESSION_DATE_MAX
    return first, last


def within_years(value: datetime.datetime | datetime.date) -> bool:
    """True when ``value`` lies in the years a session can have (checked before any time-zone arithmetic,
    which overflows for year 1 and year 9999)."""
    return SESSION_DATE_MIN.year <= value.year <= SESSION_DATE_MAX.year


def in_window(programme: Programme, value: datetime.datetime) -> bool:
    """``value`` falls on a day a session of ``programme`` may be held."""
    first, last = session_date_window(programme)
    return within_years(value) and first <= timezone.localtime(value).date() <= last


def window_message(programme: Programme) -> str:
    first, last = session_date_window(programme)
    return _("Välj en tid mellan %(first)s och %(last)s (programmets period med marginal).") % {
        "first": _date(first),
        "last": _date(last),
    }


def validate_session_times(
    *, programme: Programme, starts_at: datetime.datetime, ends_at: datetime.datetime
) -> None:
    """Raise ``ValidationError`` (per field) unless the session fits the programme's window and length."""
    errors: dict[str, str] = {}
    for field, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if not in_window(programme, value):
            errors[field] = window_message(programme)
    if errors:
        raise ValidationError(errors)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Sluttiden måste vara efter starttiden.")})
    if ends_at - starts_at > datetime.timedelta(minutes=SESSION_MAX_MINUTES):
        raise ValidationError(
            {"ends_at": _("Ett tillfälle kan vara högst %(hours)s timmar.") % {"hours": SESSION_MAX_MINUTES // 60}}
        )


def validate_capacity(capacity: int | None) -> None:
    if capacity is not None and not 1 <= capacity <= SESSION_CAPACITY_MAX:
        raise ValidationError(
            {"capacity": _("Ange mellan 1 och %(max)s platser, eller lämna tomt.") % {"max": SESSION_CAPACITY_MAX}}
        )


def correction_max_minutes(target_minutes: int) -> int:
    """The largest correction, up or down, for a track with ``target_minutes``."""
    return min(CORRECTION_MINUTES_ABS_MAX, max(1, target_minutes) * CORRECTION_TARGET_MULTIPLE)
