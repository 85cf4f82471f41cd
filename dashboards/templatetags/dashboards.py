"""Each role's dashboard on its landing page ("Min sida"): one inclusion tag per role, each a
fixed number of queries whatever the number of employees (see tests/dashboards)."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

from courses.models import TrackKind
from people.models import Workplace
from people.selectors import scope_for
from sessions import completion, progress
from sessions import selectors as session_selectors
from sessions.models import SessionStatus
from sessions.progress import Period
from surveys.selectors import workplace_response_counts

from ..overview import programme_overview, programme_with_phases
from ..presenting import overview_charts
from ..selectors import (
    data_quality,
    employee_hours,
    employee_next_session,
    recent_led_sessions,
    upcoming_led_sessions,
)

register = template.Library()

MISSING_LIST_LIMIT = 15


def _programme_context() -> dict:
    programme = programme_with_phases()
    today = timezone.localdate()
    return {"programme": programme, "current_phase": programme.current_phase(today) if programme else None}


@register.inclusion_tag("dashboards/_programme_dashboard.html", takes_context=True)
def programme_dashboard(context, *, with_warnings: bool = False) -> dict:
    """The steering group's overview; programme admins also get the data-quality warnings."""
    data = _programme_context()
    programme = data["programme"]
    if programme is None:
        return data
    overview = programme_overview(programme, Period.to_date(programme))
    data.update(overview=overview, **overview_charts(overview, prefix="dash"))
    if with_warnings:
        data["warnings"] = data_quality(programme)
    return data


def _workplace_summary(workplace: Workplace) -> dict:
    track = session_selectors.workplace_track_for(workplace)
    if track is None:
        return {"workplace": workplace, "track": None}
    modules, rows = session_selectors.planner(workplace, track)
    per_module = []
    for index, module in enumerate(modules):
        done = sum(1 for r in rows if r.cells[index] == completion.DONE)
        per_module.append({"module": module, "done": done, "of": len(rows)})
    missing = [
        {"employee": r.employee, "modules": [m.local_title for m, c in zip(modules, r.cells, strict=True) if c in (completion.MISSING, completion.PARTIAL)]}
        for r in rows
        if r.missing_count or r.partial_count
    ]
    upcoming = list(session_selectors.workplace_sessions(workplace).filter(
            status=SessionStatus.SCHEDULED, ends_at__gte=timezone.now()
        )[:3])
    return {
        "workplace": workplace, "track": track, "per_module": per_module, "missing": missing[:MISSING_LIST_LIMIT],
        "missing_count": len(missing), "upcoming": upcoming,
    }


@register.inclusion_tag("dashboards/_manager_dashboard.html", takes_context=True)
def manager_dashboard(context) -> dict:
    """How far is my workplace: completion per module, who is missing what, next sessions,
    and the survey response rate within the anonymity rules."""
    user = context["request"].user
    scope = scope_for(user)
    data = _programme_context()
    workplaces = Workplace.objects.filter(id__in=scope.managed_workplace_ids).select_related("organisation").order_by("name")
    data["workplaces"] = [_workplace_summary(wp) for wp in workplaces]
    data["response_counts"] = workplace_response_counts(user, data["programme"]) if data["programme"] else []
    return data


@register.inclusion_tag("dashboards/_leader_dashboard.html", takes_context=True)
def leader_dashboard(context) -> dict:
    """The process leader's next sessions, and how the groups they lead are doing."""
    user = context["request"].user
    scope = scope_for(user)
    data = _programme_context()
    data["upcoming"] = upcoming_led_sessions(user)
    data["recent"] = recent_led_sessions(user)
    workplaces = Workplace.objects.filter(id__in=scope.led_workplace_ids).select_related("organisation").order_by("name")
    summaries = []
    for wp in workplaces:
        summary = _workplace_summary(wp)
        summary.pop("missing", None)  # the process leader follows the group, not each person
        summaries.append(summary)
    data["workplaces"] = summaries
    return data


@register.inclusion_tag("dashboards/_employee_dashboard.html", takes_context=True)
def employee_dashboard(context, employee) -> dict:
    """Min sida for a participant: my hours per track, done and left, and my next session.

    ``employee`` is the one the request acts for (signed in, or opened by a signed link);
    nobody else's figures are read. The phase header is left out where another role's
    dashboard on the same page already shows it."""
    programme, tracks = employee_hours(employee)
    data = {
        "employee": employee, "tracks": tracks, "next": employee_next_session(employee), "programme": None,
        "programme_left": sum(row["left"] for row in tracks),
    }
    if programme is not None:
        programme = programme_with_phases(programme.pk)
        data.update(programme=programme, current_phase=programme.current_phase(timezone.localdate()))
    scope = context.get("scope")
    data["phase_header"] = not (scope is not None and any(
        (scope.is_programme_admin, scope.is_steering_group, scope.is_hr, scope.is_manager, scope.is_process_leader)
    ))
    return data


@register.inclusion_tag("dashboards/_hr_dashboard.html", takes_context=True)
def hr_dashboard(context) -> dict:
    """Hours against target per workplace and month, leavers with unfinished hours, and what
    to export this month."""
    user = context["request"].user
    scope = scope_for(user)
    data = _programme_context()
    programme = data["programme"]
    if programme is None:
        return data
    org_ids = frozenset(scope.hr_organisation_ids)
    today = timezone.localdate()
    month_start = today.replace(day=1)
    last_month = (month_start - datetime.timedelta(days=1)).replace(day=1)
    whole = Period.to_date(programme, today)
    this_month = Period(month_start, today)
    targets = {t.kind: t.target_minutes for t in programme.tracks.all()}
    total = progress.workplace_hours(programme, whole, org_ids)
    month = progress.workplace_hours(programme, this_month, org_ids)
    register = progress.headcount_cells(programme, org_ids)
    workplaces = Workplace.objects.filter(organisation_id__in=org_ids).select_related("organisation").order_by("organisation__name", "name")
    rows = []
    for wp in workplaces:
        people = register.get((wp.organisation_id, wp.pk), 0)
        rows.append({
            "workplace": wp,
            "people": people,
            "month_minutes": sum(m for (w, _k), m in month.items() if w == wp.pk),
            "minutes": total.get((wp.pk, TrackKind.WORKPLACE), 0),
            "target": targets.get(TrackKind.WORKPLACE, 0) * people,
        })
    leavers = (
        session_selectors.hours_report(user, programme=programme)
        .filter(employment_end__isnull=False, employment_end__lt=today)
        .filter(workplace_minutes__lt=targets.get(TrackKind.WORKPLACE, 0))
    )
    data.update(
        rows=rows, month=month_start, last_month=last_month, workplace_target=targets.get(TrackKind.WORKPLACE, 0),
        leavers=list(leavers[:MISSING_LIST_LIMIT]), leaver_count=leavers.count(),
        organisations=sorted({wp.organisation for wp in workplaces}, key=lambda o: o.name),
    )
    return data


