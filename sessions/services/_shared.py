"""What the session services share: their error types and a few helpers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from people.models import Employee

from ..models import Session
from ..roll_call import CloseSummary


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


class PlanChangedError(ValidationError):
    """The planner's proposal is no longer the one the manager confirmed: someone was booked or
    finished a module meanwhile, or the same confirmation came twice. ``proposal`` is the new one."""

    def __init__(self, proposal):
        super().__init__(
            _("Förslaget har ändrats sedan du såg det, till exempel för att någon har bokats in under tiden. "
              "Kontrollera det nya förslaget och bekräfta igen.")
        )
        self.proposal = proposal


def format_time(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "Y-m-d H:i")


def leader_employees(session: Session) -> list[Employee]:
    return [u.employee for u in session.process_leaders.select_related("employee") if u.employee_id]


def lock_session(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("module__track__programme").get(pk=session.pk)
