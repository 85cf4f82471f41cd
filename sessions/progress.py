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

from django.db import connection
from django.db.models import (
    Count,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from courses.models import Module, Programme, Track, TrackKind
from people.models import Employee, Gender, Role, RoleAssignment

from .models import (
    Attendance,
    HoursCorrection,
    Invitation,
    InvitationStatus,
    Session,
    SessionStatus,
)

#: The funder's gender split: woman, man, and everything else (other, not given).
WOMAN, MAN, OTHER = Gender.WOMAN.value, Gender.MAN.value, "other"
GENDERS = (WOMAN, MAN, OTHER)


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


@dataclass(frozen=True)
class Cell:
    """The people of one (organisation, workplace, gender group, has an hourly cost) with any
    invitation, attendance or correction in the period, and their sums."""

    organisation_id: int
    workplace_id: int
    gender: str
    costed: bool
    invited: int
    reached: int
    completed: int
    preparatory_minutes: int
    workplace_minutes: int
    own_cost_minutes: Decimal  # minutes × the employee's hourly cost, summed


@dataclass
class Tally:
    """Reach, the funnel and the ledger of a period, from one grouped query (:func:`tally`)."""

    cells: list[Cell]

    def reach_cells(self) -> dict[tuple[int, int, str], int]:
        """People who attended at least once, per (organisation, workplace, gender group)."""
        out: dict[tuple[int, int, str], int] = defaultdict(int)
        for c in self.cells:
            if c.reached:
                out[(c.organisation_id, c.workplace_id, c.gender)] += c.reached
        return dict(out)

    def hours(self) -> Hours:
        minutes: dict[tuple[int, str], int] = defaultdict(int)
        by_gender: dict[str, int] = defaultdict(int)
        own_cost = Decimal("0")
        without = 0
        for c in self.cells:
            minutes[(c.organisation_id, TrackKind.PREPARATORY.value)] += c.preparatory_minutes
            minutes[(c.organisation_id, TrackKind.WORKPLACE.value)] += c.workplace_minutes
            total = c.preparatory_minutes + c.workplace_minutes
            by_gender[c.gender] += total
            if c.costed:
                own_cost += c.own_cost_minutes / Decimal(60)
            else:
                without += total
        return Hours(dict(minutes), dict(by_gender), own_cost.quantize(Decimal("0.01")), without)

    def funnel(self) -> Funnel:
        return Funnel(
            invited=sum(c.invited for c in self.cells),
            attended=sum(c.reached for c in self.cells),
            completed=sum(c.completed for c in self.cells),
        )


def tally(programme: Programme, period: Period) -> Tally:
    """Per person, once: invited to a session of the period, attended one (minutes > 0), the
    ledger per track (attendance of sessions not cancelled plus corrections, as in the hours
    report), and whether the workplace track's target is met; then summed per cell. One query,
    one pass over the attendance, whatever the number of people.

    Raw SQL because the ORM cannot group a grouped result again; the parameters go through the
    backend's own adapters, so SQLite and PostgreSQL read the same instants.
    """
    ops = connection.ops
    start, end = (ops.adapt_datetimefield_value(v) for v in period.bounds())
    target = programme.tracks.filter(kind=TrackKind.WORKPLACE).values_list("target_minutes", flat=True).first()
    t = {
        "attendance": Attendance._meta.db_table,
        "correction": HoursCorrection._meta.db_table,
        "invitation": Invitation._meta.db_table,
        "session": Session._meta.db_table,
        "module": Module._meta.db_table,
        "track": Track._meta.db_table,
        "employee": Employee._meta.db_table,
    }
    prep, work = TrackKind.PREPARATORY.value, TrackKind.WORKPLACE.value
    # Table names come from the models, every value is a parameter.
    sql = f"""
        WITH att AS (
            SELECT a.employee_id,
                SUM(CASE WHEN t.kind = %s THEN a.minutes ELSE 0 END) AS prep,
                SUM(CASE WHEN t.kind = %s THEN a.minutes ELSE 0 END) AS work,
                MAX(CASE WHEN a.minutes > 0 THEN 1 ELSE 0 END) AS reached
            FROM {t["attendance"]} a
            JOIN {t["session"]} s ON s.id = a.session_id
            JOIN {t["module"]} m ON m.id = s.module_id
            JOIN {t["track"]} t ON t.id = m.track_id
            WHERE t.programme_id = %s AND s.starts_at >= %s AND s.starts_at < %s AND s.status <> %s
            GROUP BY a.employee_id
        ), cor AS (
            SELECT c.employee_id,
                SUM(CASE WHEN t.kind = %s THEN c.minutes ELSE 0 END) AS prep,
                SUM(CASE WHEN t.kind = %s THEN c.minutes ELSE 0 END) AS work
            FROM {t["correction"]} c
            JOIN {t["track"]} t ON t.id = c.track_id
            LEFT JOIN {t["session"]} s ON s.id = c.session_id
            WHERE t.programme_id = %s AND (
                (c.session_id IS NOT NULL AND s.starts_at >= %s AND s.starts_at < %s)
                OR (c.session_id IS NULL AND c.created_at >= %s AND c.created_at < %s))
            GROUP BY c.employee_id
        ), inv AS (
            SELECT DISTINCT i.employee_id
            FROM {t["invitation"]} i
            JOIN {t["session"]} s ON s.id = i.session_id
            JOIN {t["module"]} m ON m.id = s.module_id
            JOIN {t["track"]} t ON t.id = m.track_id
            WHERE t.programme_id = %s AND s.starts_at >= %s AND s.starts_at < %s AND s.status <> %s
                AND i.status = %s
        ), person AS (
            SELECT e.organisation_id, e.workplace_id,
                CASE WHEN e.gender IN (%s, %s) THEN e.gender ELSE %s END AS gender,
                e.hourly_cost,
                CASE WHEN inv.employee_id IS NULL THEN 0 ELSE 1 END AS invited,
                COALESCE(att.reached, 0) AS reached,
                COALESCE(att.prep, 0) + COALESCE(cor.prep, 0) AS prep,
                COALESCE(att.work, 0) + COALESCE(cor.work, 0) AS work
            FROM {t["employee"]} e
            LEFT JOIN att ON att.employee_id = e.id
            LEFT JOIN cor ON cor.employee_id = e.id
            LEFT JOIN inv ON inv.employee_id = e.id
            WHERE att.employee_id IS NOT NULL OR cor.employee_id IS NOT NULL OR inv.employee_id IS NOT NULL
        )
        SELECT organisation_id, workplace_id, gender,
            CASE WHEN hourly_cost IS NULL THEN 0 ELSE 1 END AS costed,
            SUM(invited), SUM(reached),
            SUM(CASE WHEN %s > 0 AND work >= %s THEN 1 ELSE 0 END),
            SUM(prep), SUM(work), SUM((prep + work) * COALESCE(hourly_cost, 0))
        FROM person
        GROUP BY organisation_id, workplace_id, gender, CASE WHEN hourly_cost IS NULL THEN 0 ELSE 1 END
    """  # noqa: S608
    cancelled = SessionStatus.CANCELLED.value
    params = [
        prep, work, programme.pk, start, end, cancelled,
        prep, work, programme.pk, start, end, start, end,
        programme.pk, start, end, cancelled, InvitationStatus.INVITED.value,
        WOMAN, MAN, OTHER,
        target or 0, target or 0,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return Tally([
        Cell(org, wp, gender, bool(costed), int(invited or 0), int(reached or 0), int(completed or 0),
             int(p or 0), int(w or 0), Decimal(str(cost or 0)))
        for org, wp, gender, costed, invited, reached, completed, p, w, cost in rows
    ])



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
