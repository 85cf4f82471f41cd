"""Writes for sessions, invitations, attendance and the hours ledger.

Every service is atomic and keyword-only; messages go to the outbox inside the same transaction
and are delivered on commit. Everything that changes who comes, or the hours, is written to
Wagtail's audit log. Refusals are ``PermissionDenied`` (who is asking) or ``ValidationError``
(``SessionLockedError`` when the session's state forbids the change), with a Swedish message.

- ``scheduling``: planning, rescheduling and cancelling sessions, the planner's batch, reminders;
- ``invitations``: sign-up for open preparatory sessions, cancelling a place, the waitlist;
- ``attendance``: the roll call – recording, closing with a confirmed summary, reopening;
- ``ledger``: corrections, the only change to the hours once a session is closed.
"""

from ._shared import (
    CloseSummaryChangedError,
    ScheduleWarning,
    ScheduleWarningsError,
    SessionLockedError,
)
from .attendance import attendance_record, session_close, session_reopen
from .invitations import invitation_cancel, invitation_request
from .ledger import hours_correction_create
from .scheduling import (
    planner_create_remaining,
    reminders_due,
    schedule_warnings,
    session_cancel,
    session_reminders_send,
    session_reschedule,
    session_schedule,
)

__all__ = [
    "CloseSummaryChangedError",
    "ScheduleWarning",
    "ScheduleWarningsError",
    "SessionLockedError",
    "attendance_record",
    "hours_correction_create",
    "invitation_cancel",
    "invitation_request",
    "planner_create_remaining",
    "reminders_due",
    "schedule_warnings",
    "session_cancel",
    "session_close",
    "session_reminders_send",
    "session_reopen",
    "session_reschedule",
    "session_schedule",
]
