"""Reads of the API: tokens, scoped to the viewer (programme admins see all, HR their
organisations'), and what an integration reads, through the selectors of the app whose
question it is (hours and co-financing: sessions)."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max, Q, QuerySet

from courses.models import Programme
from people.hr_import import ImportResult
from people.models import Organisation, User
from people.selectors import OrganisationViewer, employees_for, organisations_for, scope_for
from sessions.models import Attendance, Invitation, Session, SessionStatus
from sessions.selectors import (
    cofinancing_summary,
    hours_report_people,
    minutes_of,
    month_range,
    sessions_for,
)

from .models import ApiToken


def can_manage_tokens(user: User | AnonymousUser | None) -> bool:
    """Programme admins and HR create and revoke tokens (HR for their own organisations)."""
    scope = scope_for(user)
    return scope.is_programme_admin or scope.is_hr


def token_organisations_for(user: User | AnonymousUser | None) -> QuerySet[Organisation]:
    """Organisations the viewer may create tokens for."""
    if not can_manage_tokens(user):
        return Organisation.objects.none()
    return organisations_for(user)


def api_tokens_for(user: User | AnonymousUser | None) -> QuerySet[ApiToken]:
    """Tokens the viewer may see and revoke, with the time each was last used."""
    qs = ApiToken.objects.select_related("organisation", "created_by", "revoked_by").annotate(
        last_used_at=Max("uses__used_at")
    )
    if not can_manage_tokens(user):
        return qs.none()
    return qs.filter(organisation__in=token_organisations_for(user))


# ---------------------------------------------------------------- what integrations read
# ``viewer`` is an api.auth.Integration: HR's scope in the token's organisation.


def employee_hours(
    viewer: OrganisationViewer,
    *,
    workplace_id: int | None,
) -> QuerySet:
    """The HR report's people (``sessions.selectors.hours_report_people``) in the order of
    their ids, as the fields the API writes; a page gets its minutes from
    :func:`employee_hours_page`."""
    return (
        hours_report_people(viewer, workplace_id=workplace_id)
        .order_by("pk")
        .values("pk", "employee_number", "first_name", "last_name", "workplace_id", "workplace__name",
                "workplace__code")
    )


def employee_hours_page(
    page: list[dict], *, people: QuerySet, programme: Programme, month: datetime.date | None
) -> list[SimpleNamespace]:
    """One page of :func:`employee_hours` (``people``) with its minutes, read for those people
    only: the page is a run of ids in order, so it is asked for as its first and last id (the
    figures of the HR report: ``sessions.selectors.minutes_of``)."""
    if not page:
        return []
    span = people.filter(pk__gte=page[0]["pk"], pk__lte=page[-1]["pk"])
    minutes = minutes_of(span, programme=programme, month=month)
    rows = []
    for row in page:
        preparatory, workplace, required = minutes.get(row["pk"], (0, 0, False))
        rows.append(SimpleNamespace(
            pk=row["pk"], employee_number=row["employee_number"], first_name=row["first_name"],
            last_name=row["last_name"],
            workplace=SimpleNamespace(pk=row["workplace_id"], name=row["workplace__name"], code=row["workplace__code"]),
            preparatory_minutes=preparatory, workplace_minutes=workplace, preparatory_required=required,
        ))
    return rows


def _in_month(field: str, month: datetime.date) -> Q:
    start, end = month_range(month)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def integration_sessions(
    viewer: OrganisationViewer,
    *,
    month: datetime.date | None = None,
    workplace_id: int | None = None,
    updated_since: datetime.datetime | None = None,
) -> QuerySet[Session]:
    """The organisation's sessions, and the open preparatory sessions its employees are invited to."""
    employees = employees_for(viewer).values("pk")
    qs = Session.objects.filter(
        Q(pk__in=sessions_for(viewer).values("pk"))
        | Q(
            workplace__isnull=True,
            pk__in=Invitation.objects.filter(employee__in=employees).values("session_id"),
        )
    ).select_related("module__track", "workplace")
    if month is not None:
        qs = qs.filter(_in_month("starts_at", month))
    if workplace_id is not None:
        qs = qs.filter(workplace_id=workplace_id)
    if updated_since is not None:
        qs = qs.filter(updated_at__gte=updated_since)
    return qs


def integration_attendance(
    viewer: OrganisationViewer,
    *,
    month: datetime.date | None = None,
    workplace_id: int | None = None,
    updated_since: datetime.datetime | None = None,
) -> QuerySet[Attendance]:
    """Attendance of the organisation's employees at sessions that were not cancelled."""
    qs = (
        Attendance.objects.filter(employee__in=employees_for(viewer).values("pk"))
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("employee")
    )
    if month is not None:
        qs = qs.filter(_in_month("session__starts_at", month))
    if workplace_id is not None:
        qs = qs.filter(employee__workplace_id=workplace_id)
    if updated_since is not None:
        qs = qs.filter(recorded_at__gte=updated_since)
    return qs


def cofinancing(viewer: OrganisationViewer, *, programme: Programme, month: datetime.date) -> dict:
    """``sessions.selectors.cofinancing_summary`` with the programme's rounding and unit cost."""
    rule = programme.rounding
    rows = []
    for row in cofinancing_summary(viewer, programme=programme, month=month):
        hours = rule.apply(row["minutes"])
        rows.append({**row, "hours": hours, "amount": hours * programme.unit_cost_per_hour})
    return {
        "programme_id": programme.pk,
        "month": f"{month:%Y-%m}",
        "unit_cost_per_hour": programme.unit_cost_per_hour,
        "rows": rows,
    }


def import_result_data(result: ImportResult) -> dict:
    """What the HR import did or would do, as the API answers it."""
    return {
        "dry_run": result.dry_run,
        "imported": result.imported,
        "counts": result.counts,
        "leavers_withheld": result.leavers_withheld,
        "leaver_message": result.leaver_check.message() if result.leavers_withheld else "",
        "ignored_columns": list(result.ignored_columns),
        "rows": [
            {
                "line": row.line,
                "action": str(row.action),
                "employee_number": row.employee_number,
                "name": row.name,
                "workplace": row.workplace,
                "changes": [str(change) for change in row.changes],
                "errors": [str(error) for error in row.errors],
            }
            for row in result.rows
        ],
        "leavers": [
            {
                "employee_number": leaver.employee_number,
                "name": leaver.name,
                "workplace": leaver.workplace,
                "employment_end": leaver.employment_end,
            }
            for leaver in ([] if result.leavers_withheld else result.leavers)
        ],
    }
