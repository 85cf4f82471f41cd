"""When the roll call of a session is open, and how long a closed session may be reopened.

Hours are evidence for the funder: attendance is taken *during* the session (issue 9: a roll
call taken and closed a week early credited hours that were never attended). The roll call opens
at the session's start, or ``SAMTALSRUM_ROLL_CALL_EARLY_MINUTES`` before it so a leader can mark
people as they arrive. Closing locks it; the process leader may reopen it within
``SAMTALSRUM_SESSION_REOPEN_HOURS``, after which only audited corrections change the hours.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings

from .models import Session, SessionStatus


def early_minutes() -> int:
    return max(0, getattr(settings, "SAMTALSRUM_ROLL_CALL_EARLY_MINUTES", 15))


def reopen_hours() -> int:
    return max(0, getattr(settings, "SAMTALSRUM_SESSION_REOPEN_HOURS", 24))


def opens_at(session: Session) -> datetime.datetime:
    """The first moment attendance may be taken."""
    return session.starts_at - datetime.timedelta(minutes=early_minutes())


def is_open(session: Session, *, now: datetime.datetime) -> bool:
    """Attendance may be marked, and the session closed, now."""
    return session.status == SessionStatus.SCHEDULED and now >= opens_at(session)


def reopen_until(session: Session) -> datetime.datetime | None:
    """The last moment a closed session may be reopened (None unless it is closed)."""
    if session.status != SessionStatus.CLOSED or session.closed_at is None:
        return None
    return session.closed_at + datetime.timedelta(hours=reopen_hours())


def may_reopen(session: Session, *, now: datetime.datetime) -> bool:
    until = reopen_until(session)
    return until is not None and now <= until


@dataclass(frozen=True)
class CloseSummary:
    """What closing will record: shown to the leader and confirmed before anything is locked."""

    present: int
    partial: int
    absent: int
    unmarked: int

    @property
    def becomes_absent(self) -> int:
        """Marked absent, plus those not marked at all (closing records them absent)."""
        return self.absent + self.unmarked

    def as_data(self) -> dict[str, int]:
        return {"present": self.present, "partial": self.partial, "absent": self.absent, "unmarked": self.unmarked}
