"""The funder's evidence in bulk: a workplace's monthly certificates, the participant list and
the co-financing rows, each read in a fixed number of queries and scoped to the viewer."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    BooleanField,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)

from courses.models import Programme
from people.models import Employee, Gender, Workplace
from people.selectors import employees_for, scope_for

from .models import Attendance, HoursCorrection, SessionStatus
from .selectors import Viewer, _month_range, hours_report


def can_see_funder_evidence(user: Viewer, *, organisation_id: int) -> bool:
    """Certificates and participant lists: programme admins, and HR of that organisation."""
    scope = scope_for(user)
    return scope.is_programme_admin or organisation_id in scope.hr_organisation_ids


def workplace_certificates(workplace: Workplace, month: datetime.date) -> list[dict]:
    """One certificate per person of ``workplace`` with attendance time in ``month``. Three
    queries, whatever the number of people."""
    start, end = _month_range(month)
    attendances = (
        Attendance.objects.filter(
            employee__workplace=workplace, minutes__gt=0, session__starts_at__gte=start, session__starts_at__lt=end
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session__module__track")
        .order_by("session__starts_at", "pk")
    )
    corrections = (
        HoursCorrection.objects.filter(employee__workplace=workplace)
        .filter(
            Q(session__isnull=False, session__starts_at__gte=start, session__starts_at__lt=end)
            | Q(session__isnull=True, created_at__gte=start, created_at__lt=end)
        )
        .select_related("track", "created_by")
        .order_by("created_at", "pk")
    )
    by_person: dict[int, dict] = defaultdict(lambda: {"attendances": [], "corrections": []})
    for attendance in attendances:
        by_person[attendance.employee_id]["attendances"].append(attendance)
    for correction in corrections:
        by_person[correction.employee_id]["corrections"].append(correction)
    people = Employee.objects.filter(pk__in=list(by_person)).select_related("organisation", "workplace")
    out = []
    for employee in people.order_by("last_name", "first_name", "pk"):
        entry = by_person[employee.pk]
        total = sum(a.minutes for a in entry["attendances"]) + sum(c.minutes for c in entry["corrections"])
        out.append({"employee": employee, "total_minutes": total, **entry})
    return out


def participants(
    user: Viewer, *, programme: Programme | None, month: datetime.date, organisation_id: int | None = None
) -> QuerySet[Employee]:
    """The funder's monthly participant list: everyone in the viewer's scope who had attended by
    the end of ``month`` and had not left before it began, with the first attendance (start)
    and the last one (the end, once the track is complete)."""
    start, end = _month_range(month)
    attended = Attendance.objects.filter(
        employee_id=OuterRef("pk"), minutes__gt=0, session__module__track__programme=programme
    ).exclude(session__status=SessionStatus.CANCELLED)
    first = attended.order_by("session__starts_at").values("session__starts_at")[:1]
    last = attended.filter(session__starts_at__lt=end).order_by("-session__starts_at").values("session__starts_at")[:1]
    return (
        hours_report(user, programme=programme, organisation_id=organisation_id)
        .annotate(first_attendance=Subquery(first), last_attendance=Subquery(last))
        .filter(first_attendance__lt=end)
        .exclude(employment_end__lt=start.date())
    )


_COSTED = ExpressionWrapper(Q(employee__hourly_cost__isnull=False), output_field=BooleanField())
_COST = ExpressionWrapper(F("minutes") * F("employee__hourly_cost"), output_field=DecimalField(max_digits=20, decimal_places=2))


def cofinancing_rows(
    user: Viewer, *, programme: Programme, month: datetime.date | None, organisation_id: int | None = None
) -> list[dict]:
    """Participant time per organisation and gender in ``month`` (all months when None), valued
    both ways: the programme's unit cost per hour under its rounding rule, and each employee's
    own hourly cost (exact minutes). Two queries."""
    employees = employees_for(user)
    scope = scope_for(user)
    if not scope.is_programme_admin:
        employees = employees.filter(organisation_id__in=scope.hr_organisation_ids)
    if organisation_id:
        employees = employees.filter(organisation_id=organisation_id)
    attended = Attendance.objects.filter(employee__in=employees.values("pk"), session__module__track__programme=programme).exclude(
        session__status=SessionStatus.CANCELLED
    )
    corrected = HoursCorrection.objects.filter(employee__in=employees.values("pk"), track__programme=programme)
    if month is not None:
        start, end = _month_range(month)
        attended = attended.filter(session__starts_at__gte=start, session__starts_at__lt=end)
        corrected = corrected.filter(
            Q(session__isnull=False, session__starts_at__gte=start, session__starts_at__lt=end)
            | Q(session__isnull=True, created_at__gte=start, created_at__lt=end)
        )
    fields = ("employee__organisation_id", "employee__organisation__name", "employee__gender", "costed")
    totals: dict[tuple, dict] = {}
    for rows in (attended, corrected):
        for org_id, org_name, gender, costed, minutes, cost in (
            rows.annotate(costed=_COSTED)
            .values_list(*fields)
            .annotate(m=Sum("minutes"), c=Sum(_COST))
            .order_by()
        ):
            key = (org_name, org_id, gender or "")
            row = totals.setdefault(key, {"minutes": 0, "own_cost": Decimal("0"), "minutes_without_cost": 0})
            row["minutes"] += minutes or 0
            if costed:
                row["own_cost"] += (cost or Decimal("0")) / Decimal(60)
            else:
                row["minutes_without_cost"] += minutes or 0
    labels = dict(Gender.choices)
    rule = programme.rounding
    out = []
    for (org_name, org_id, gender), row in sorted(totals.items()):
        reported = rule.apply(row["minutes"])
        out.append({
            "organisation_id": org_id,
            "organisation": org_name,
            "gender": str(labels.get(gender, "–")) if gender else "–",
            "minutes": row["minutes"],
            "reported_hours": reported,
            "unit_cost": programme.unit_cost_per_hour,
            "unit_value": (reported * programme.unit_cost_per_hour).quantize(Decimal("0.01")),
            "own_value": row["own_cost"].quantize(Decimal("0.01")),
            "minutes_without_cost": row["minutes_without_cost"],
        })
    return out
