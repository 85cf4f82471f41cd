"""Writes for sessions, invitations, attendance and the hours ledger.

Every service is atomic and keyword-only; messages go to the outbox inside the same transaction
and are delivered on commit. Everything that changes who comes, or the hours, is written to
Wagtail's audit log. Refusals are ``PermissionDenied`` (who is asking) or ``ValidationError``
(``SessionLockedError`` when the session's state forbids the change), with a Swedish message.

- ``scheduling``: planning, rescheduling and cancelling sessions, building their invitations, reminders;
- ``planning``: the planner's batch – groups, working days, the preview and its confirmation;
- ``invitations``: sign-up for open preparatory sessions, cancelling a place, the waitlist;
- ``attendance``: the roll call – recording, closing with a confirmed summary, reopening;
- ``ledger``: corrections, the only change to the hours once a session is closed.
"""

from ._shared import (
    CloseSummaryChangedError,
    PlanChangedError,
    ScheduleWarning,
    ScheduleWarningsError,
    SessionLockedError,
)
from .attendance import attendance_record, session_close, session_reopen
from .invitations import invitation_cancel, invitation_request
from .ledger import hours_correction_create
from .planning import (
    PlannerProposal,
    ProposedSession,
    planner_create_remaining,
    planner_groups,
    planner_propose,
)
from .scheduling import (
    reminders_due,
    schedule_warnings,
    session_cancel,
    session_invitations_send,
    session_reminders_send,
    session_reschedule,
    session_schedule,
    sessions_with_invitations_pending,
)

__all__ = [
    "CloseSummaryChangedError",
    "PlanChangedError",
    "PlannerProposal",
    "ProposedSession",
    "ScheduleWarning",
    "ScheduleWarningsError",
    "SessionLockedError",
    "attendance_record",
    "hours_correction_create",
    "invitation_cancel",
    "invitation_request",
    "planner_create_remaining",
    "planner_groups",
    "planner_propose",
    "reminders_due",
    "schedule_warnings",
    "session_cancel",
    "session_close",
    "session_invitations_send",
    "session_reminders_send",
    "session_reopen",
    "session_reschedule",
    "session_schedule",
    "sessions_with_invitations_pending",
]
