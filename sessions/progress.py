"""How far the programme has come: reach, hours, the funnel, co-financing and monthly trends.

Raw counts for the dashboards and the progress report, every one summed in the database with a
fixed number of grouped queries whatever the number of employees and attendance rows. Nothing
here names a person; the anonymity threshold is applied by the caller (``dashboards``), which
knows which figures it publishes and to whom.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from courses.models import Programme, TrackKind
from people.models import Employee, Gender, Role, RoleAssignment

from .models import Attendance, HoursCorrection, Invitation, InvitationStatus, SessionStatus

#: The funder's gender split: woman, man, and everything else (other, not given).
WOMAN, MAN, OTHER = Gender.WOMAN.value, Gender.MAN.value, "other"
GENDERS = (WOMAN, MAN, OTHER)


def gender_group(value: str | None) -> str:
    return value if value in (WOMAN, MAN) else OTHER


@dataclass(frozen=True)
class Period:
    """A span of days, both ends included."""

    start: datetime.date
    end: datetime.date

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
        return start, end

    @classmethod
    def to_date(cls, programme: Programme, today: datetime.date | None = None) -> Period:
        today = today or timezone.localdate()
        return cls(programme.starts_on, max(programme.starts_on, min(today, programme.ends_on)))


def programme_employees(programme: Programme, organisation_ids: frozenset[int] | None = None) -> QuerySet[Employee]:
    """The target group: employees of the programme's organisations (or of those given)."""
    qs = Employee.objects.filter(organisation__programmes=programme)
    if organisation_ids is not None:
        qs = qs.filter(organisation_id__in=organisation_ids)
    return qs


def _attendance(programme: Programme, period: Period, organisation_ids: frozenset[int] | None) -> QuerySet[Attendance]:
    start, end = period.bounds()
    qs = Attendance.objects.filter(
        session__module__track__programme=programme, session__starts_at__gte=start, session__starts_at__lt=end
    ).exclude(session__status=SessionStatus.CANCELLED)
    if organisation_ids is not None:
        qs = qs.filter(employee__organisation_id__in=organisation_ids)
    return qs


def _corrections(programme: Programme, period: Period, organisation_ids: frozenset[int] | None) -> QuerySet[HoursCorrection]:
    start, end = period.bounds()
    qs = HoursCorrection.objects.filter(track__programme=programme).filter(
        Q(session__isnull=False, session__starts_at__gte=start, session__starts_at__lt=end)
        | Q(session__isnull=True, created_at__gte=start, created_at__lt=end)
    )
    if organisation_ids is not None:
        qs = qs.filter(employee__organisation_id__in=organisation_ids)
    return qs


_COSTED = ExpressionWrapper(Q(employee__hourly_cost__isnull=False), output_field=BooleanField())
_COST = ExpressionWrapper(F("minutes") * F("employee__hourly_cost"), output_field=DecimalField(max_digits=20, decimal_places=2))


def reach_cells(
    programme: Programme, period: Period, organisation_ids: frozenset[int] | None = None
) -> dict[tuple[int, int, str], int]:
    """People who attended at least once, per (organisation, workplace, gender group). One query."""
    cells: dict[tuple[int, int, str], int] = defaultdict(int)
    for org_id, wp_id, gender, n in (
        _attendance(programme, period, organisation_ids)
        .filter(minutes__gt=0)
        .values_list("employee__organisation_id", "employee__workplace_id", "employee__gender")
        .annotate(n=Count("employee_id", distinct=True))
        .order_by()
    ):
        cells[(org_id, wp_id, gender_group(gender))] += n
    return dict(cells)


def headcount_cells(programme: Programme, organisation_ids: frozenset[int] | None = None) -> dict[tuple[int, int], int]:
    """Employees in the register per (organisation, workplace), those who left included. One query."""
    return {
        (org_id, wp_id): n
        for org_id, wp_id, n in programme_employees(programme, organisation_ids)
        .values_list("organisation_id", "workplace_id")
        .annotate(n=Count("id"))
        .order_by()
    }


@dataclass
class Hours:
    """Minutes per organisation and track kind, with both valuations' raw material."""

    minutes: dict[tuple[int, str], int]
    minutes_by_gender: dict[str, int]
    own_cost: Decimal
    minutes_without_cost: int

    def total(self, kind: str | None = None, organisation_id: int | None = None) -> int:
        return sum(
            m for (org, k), m in self.minutes.items()
            if (kind is None or k == kind) and (organisation_id is None or org == organisation_id)
        )


def hours(programme: Programme, period: Period, organisation_ids: frozenset[int] | None = None) -> Hours:
    """The ledger (attendance plus corrections) summed per organisation, track and gender. Two queries."""
    minutes: dict[tuple[int, str], int] = defaultdict(int)
    by_gender: dict[str, int] = defaultdict(int)
    own_cost = Decimal("0")
    without = 0
    fields = ("employee__organisation_id", "kind", "employee__gender", "costed")
    attended = (
        _attendance(programme, period, organisation_ids)
        .annotate(kind=F("session__module__track__kind"), costed=_COSTED)
        .values_list(*fields)
        .annotate(total=Sum("minutes"), cost=Sum(_COST))
        .order_by()
    )
    corrected = (
        _corrections(programme, period, organisation_ids)
        .annotate(kind=F("track__kind"), costed=_COSTED)
        .values_list(*fields)
        .annotate(total=Sum("minutes"), cost=Sum(_COST))
        .order_by()
    )
    for org_id, kind, gender, costed, total, cost in [*attended, *corrected]:
        minutes[(org_id, kind)] += total or 0
        by_gender[gender_group(gender)] += total or 0
        if costed:
            own_cost += (cost or Decimal("0")) / Decimal(60)
        else:
            without += total or 0
    return Hours(dict(minutes), dict(by_gender), own_cost.quantize(Decimal("0.01")), without)


def preparatory_people(programme: Programme, organisation_ids: frozenset[int] | None = None) -> int:
    """Managers and process leaders among the target group: the preparatory track's people. One query."""
    return (
        RoleAssignment.objects.filter(
            role__in=[Role.MANAGER, Role.PROCESS_LEADER],
            user__employee__in=programme_employees(programme, organisation_ids),
        )
        .values("user__employee_id")
        .distinct()
        .count()
    )


@dataclass(frozen=True)
class Funnel:
    invited: int
    attended: int
    completed: int


def funnel(programme: Programme, period: Period, organisation_ids: frozenset[int] | None = None) -> Funnel:
    """People invited to a session, who attended one, and whose workplace track is complete. Three queries."""
    start, end = period.bounds()
    invitations = Invitation.objects.filter(
        session__module__track__programme=programme,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
        status=InvitationStatus.INVITED,
    ).exclude(session__status=SessionStatus.CANCELLED)
    if organisation_ids is not None:
        invitations = invitations.filter(employee__organisation_id__in=organisation_ids)
    invited = invitations.values("employee_id").distinct().count()
    attendance = _attendance(programme, period, organisation_ids)
    attended = attendance.filter(minutes__gt=0).values("employee_id").distinct().count()
    target = (
        programme.tracks.filter(kind=TrackKind.WORKPLACE).values_list("target_minutes", flat=True).first()
    )
    completed = 0
    if target:
        work = attendance.filter(session__module__track__kind=TrackKind.WORKPLACE)
        corrected = (
            _corrections(programme, period, organisation_ids)
            .filter(track__kind=TrackKind.WORKPLACE, employee_id=OuterRef("employee_id"))
            .values("employee_id")
            .annotate(t=Sum("minutes"))
            .values("t")
        )
        # Per person: attended minutes plus that person's corrections, at least the target.
        completed = (
            work.values("employee_id")
            .annotate(
                total=Sum("minutes")
                + Coalesce(Subquery(corrected, output_field=IntegerField()), Value(0))
            )
            .filter(total__gte=target)
            .count()
        )
    return Funnel(invited=invited, attended=attended, completed=completed)


def monthly(programme: Programme, period: Period, organisation_ids: frozenset[int] | None = None) -> list[dict]:
    """Per month: people who attended, and attended minutes. One query."""
    return [
        {"month": month.date() if hasattr(month, "date") else month, "people": people, "minutes": minutes or 0}
        for month, people, minutes in _attendance(programme, period, organisation_ids)
        .filter(minutes__gt=0)
        .annotate(month=TruncMonth("session__starts_at"))
        .values_list("month")
        .annotate(people=Count("employee_id", distinct=True), minutes=Sum("minutes"))
        .values_list("month", "people", "minutes")
        .order_by("month")
    ]


def workplace_hours(
    programme: Programme, period: Period, organisation_ids: frozenset[int] | None = None
) -> dict[tuple[int, str], int]:
    """The ledger per (workplace, track kind) for HR's table. Two queries."""
    totals: dict[tuple[int, str], int] = defaultdict(int)
    attended = (
        _attendance(programme, period, organisation_ids)
        .values_list("employee__workplace_id", "session__module__track__kind")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    corrected = (
        _corrections(programme, period, organisation_ids)
        .values_list("employee__workplace_id", "track__kind")
        .annotate(total=Sum("minutes"))
        .order_by()
    )
    for wp_id, kind, total in [*attended, *corrected]:
        totals[(wp_id, kind)] += total or 0
    return dict(totals)
