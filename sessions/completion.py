"""When a module, and a track, count as done for an employee – the one place that decides it.

A **module** is done when the minutes the employee attended its sessions (sessions not
cancelled), plus corrections booked on those sessions, reach the programme's rule: at least
``Programme.module_completion_percent`` of the module's planned minutes, rounded up to a whole
minute. Someone with fewer minutes than that but more than none attended *partially*: the planner
shows them as "Delvis" and invites them to a catch-up session, where their minutes add up
(issue 9: 40 of 60 minutes used to count as done, and the person was never invited again).

A **track** is complete when the employee's ledger (attendance plus corrections) reaches the
track's target – the figure the hours report shows as "Klar".
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet, Sum

from courses.models import Module, Programme

from .models import Attendance, HoursCorrection, SessionStatus

DONE = "done"
PARTIAL = "partial"
MISSING = "missing"


def required_minutes(module: Module, programme: Programme) -> int:
    """Minutes needed for ``module`` to count as done under ``programme``'s rule (at least 1)."""
    percent = programme.module_completion_percent
    return max(1, -(-module.planned_minutes * percent // 100))  # ceil in integers


def module_state(minutes: int, required: int) -> str:
    if minutes >= required:
        return DONE
    return PARTIAL if minutes > 0 else MISSING


def module_minutes(
    *, employee_ids: QuerySet | Iterable[int], modules: Iterable[Module]
) -> dict[tuple[int, int], int]:
    """Minutes per (employee id, module id) for the given modules, summed in the database.

    Two queries whatever the number of employees, sessions and corrections.
    """
    module_ids = [m.pk for m in modules]
    if not isinstance(employee_ids, QuerySet):
        employee_ids = list(employee_ids)
    totals: dict[tuple[int, int], int] = {}
    attended = (
        Attendance.objects.filter(employee_id__in=employee_ids, session__module_id__in=module_ids)
        .exclude(session__status=SessionStatus.CANCELLED)
        .values_list("employee_id", "session__module_id")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    corrected = (
        HoursCorrection.objects.filter(employee_id__in=employee_ids, session__module_id__in=module_ids)
        .exclude(session__status=SessionStatus.CANCELLED)
        .values_list("employee_id", "session__module_id")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    for employee_id, module_id, minutes in [*attended, *corrected]:
        key = (employee_id, module_id)
        totals[key] = totals.get(key, 0) + (minutes or 0)
    return totals


def modules_done(
    *, employee_ids: QuerySet | Iterable[int], modules: Iterable[Module], programme: Programme
) -> set[tuple[int, int]]:
    """The (employee id, module id) pairs that count as done."""
    modules = list(modules)
    required = {m.pk: required_minutes(m, programme) for m in modules}
    return {
        key
        for key, minutes in module_minutes(employee_ids=employee_ids, modules=modules).items()
        if module_state(minutes, required[key[1]]) == DONE
    }


def track_complete(minutes: int, target_minutes: int) -> bool:
    """The ledger has reached the track's target."""
    return target_minutes > 0 and minutes >= target_minutes
