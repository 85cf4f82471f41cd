"""Reads about sessions and hours, scoped to the viewer.

Manager → own workplaces; process leader → sessions they lead; HR → their organisations;
programme admin → everything; employee → themselves.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.db.models import (
    Count,
    Exists,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from courses.models import Module, Programme, Track, TrackKind
from people.models import Employee, Role, RoleAssignment, User, Workplace
from people.selectors import data_subjects_for, scope_for

from . import completion
from .models import (
    Attendance,
    AttendanceStatus,
    HoursCorrection,
    Invitation,
    InvitationStatus,
    Session,
    SessionStatus,
)
from .roll_call import CloseSummary

Viewer = User | AnonymousUser | None


def _base() -> QuerySet[Session]:
    return Session.objects.select_related("module__track__programme", "workplace__organisation")


def _led_by(user_id: int | None) -> Q:
    return Q(
        id__in=Session.process_leaders.through.objects.filter(user_id=user_id).values("session_id")
    )


def sessions_for(user: Viewer) -> QuerySet[Session]:
    """Sessions the viewer may open: led, managed, in HR's organisations; admins see all."""
    scope = scope_for(user)
    qs = _base()
    if scope.is_programme_admin:
        return qs
    if scope.user_id is None and not scope.is_hr:  # an integration has HR's scope, no login
        return qs.none()
    condition = _led_by(scope.user_id) | Q(workplace_id__in=scope.managed_workplace_ids) | Q(
        workplace__organisation_id__in=scope.hr_organisation_ids
    )
    return qs.filter(condition)


def hours_corrections_for(user: Viewer) -> QuerySet[HoursCorrection]:
    """Corrections of the hours of employees the viewer may see."""
    return HoursCorrection.objects.filter(employee__in=data_subjects_for(user))


def sessions_managed_by(user: Viewer) -> QuerySet[Session]:
    """Sessions the viewer may edit or cancel: their workplaces' (admins: all, incl. open ones)."""
    scope = scope_for(user)
    qs = _base()
    if scope.is_programme_admin:
        return qs
    return qs.filter(workplace_id__in=scope.managed_workplace_ids)


def sessions_facilitated_by(user: Viewer) -> QuerySet[Session]:
    """Sessions whose roll call the viewer may take: led by them (managers: their workplaces)."""
    scope = scope_for(user)
    qs = _base()
    if scope.is_programme_admin:
        return qs
    if scope.user_id is None:
        return qs.none()
    return qs.filter(_led_by(scope.user_id) | Q(workplace_id__in=scope.managed_workplace_ids))


def open_preparatory_sessions_for(user: Viewer) -> QuerySet[Session]:
    """Open preparatory sessions a manager or process leader may sign up for."""
    scope = scope_for(user)
    if not (scope.is_programme_admin or scope.is_manager or scope.is_process_leader):
        return Session.objects.none()
    return _base().filter(workplace__isnull=True, status=SessionStatus.SCHEDULED, starts_at__gte=timezone.now())


def can_correct_hours(user: Viewer, employee: Employee) -> bool:
    """Managers of the employee's workplace, HR of their organisation, programme admins."""
    scope = scope_for(user)
    return (
        scope.is_programme_admin
        or employee.workplace_id in scope.managed_workplace_ids
        or employee.organisation_id in scope.hr_organisation_ids
    )


def can_correct_session_hours(user: Viewer, session: Session) -> bool:
    """Whether the viewer may correct hours of someone at ``session`` (its workplace's manager or
    HR, programme admins); the correction form still checks each person with ``can_correct_hours``."""
    scope = scope_for(user)
    if scope.is_programme_admin:
        return True
    workplace = session.workplace
    return workplace is not None and (
        workplace.pk in scope.managed_workplace_ids or workplace.organisation_id in scope.hr_organisation_ids
    )


def can_schedule_preparatory(user: Viewer) -> bool:
    """Open preparatory sessions across workplaces are scheduled by programme admins only."""
    return scope_for(user).is_programme_admin


def certificate_employees_for(user: Viewer) -> QuerySet[Employee]:
    """Whose monthly attendance certificates the viewer may read: everyone's for programme
    admins, HR's organisations, and each person their own."""
    scope = scope_for(user)
    qs = Employee.objects.select_related("workplace", "organisation")
    if scope.is_programme_admin:
        return qs
    return qs.filter(Q(organisation_id__in=scope.hr_organisation_ids) | Q(pk=scope.employee_id or 0))


def can_view_cofinancing(user: Viewer) -> bool:
    """The co-financing summary is for HR and programme admins (its figures are scoped by
    ``cofinancing_summary``)."""
    scope = scope_for(user)
    return scope.is_programme_admin or scope.is_hr


def can_schedule_at(user: Viewer, workplace: Workplace | None) -> bool:
    scope = scope_for(user)
    if scope.is_programme_admin:
        return True
    return workplace is not None and workplace.pk in scope.managed_workplace_ids


def can_facilitate(user: Viewer, session: Session) -> bool:
    return sessions_facilitated_by(user).filter(pk=session.pk).exists()


def process_leader_choices(workplace: Workplace | None) -> QuerySet[User]:
    """Process leaders a session may have: the workplace's own; for open sessions, any."""
    qs = User.objects.filter(roles__role=Role.PROCESS_LEADER)
    if workplace is not None:
        qs = qs.filter(roles__workplace=workplace)
    return qs.select_related("employee").distinct().order_by("last_name", "first_name", "email")


def workplace_track_for(workplace: Workplace, kind: str = TrackKind.WORKPLACE) -> Track | None:
    """The track of ``kind`` in the workplace organisation's programme (newest first)."""
    tracks = Track.objects.filter(kind=kind).select_related("programme").order_by("-programme__starts_on", "-pk")
    return tracks.filter(programme__organisations=workplace.organisation_id).first() or tracks.first()


def session_detail(session_id: int, user: Viewer) -> Session:
    return (
        sessions_for(user)
        .prefetch_related("process_leaders")
        .get(pk=session_id)
    )


def session_invitations(session: Session) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(session=session)
        .select_related("employee")
        .order_by("employee__last_name", "employee__first_name", "employee_id")
    )


def roll_call_rows(session: Session) -> list[dict]:
    """Invited employees with their attendance, in two queries whatever the group size."""
    invitations = list(
        session_invitations(session).filter(status=InvitationStatus.INVITED)
    )
    attendance = {a.employee_id: a for a in Attendance.objects.filter(session=session)}
    return [
        {"employee": inv.employee, "attendance": attendance.get(inv.employee_id)} for inv in invitations
    ]


# ---------------------------------------------------------------- planner


@dataclass
class PlannerRow:
    employee: Employee
    # one per module: "done", "booked", "partial" (attended, below the programme's rule) or "missing"
    cells: list[str] = field(default_factory=list)

    @property
    def missing_count(self) -> int:
        return self.cells.count("missing")

    @property
    def partial_count(self) -> int:
        return self.cells.count(completion.PARTIAL)


def planner(workplace: Workplace, track: Track) -> tuple[list[Module], list[PlannerRow]]:
    """Per employee of ``workplace``: each module of ``track`` done, booked, partial or missing.

    "Done" follows the programme's completion rule (``sessions.completion``); someone booked on a
    coming session shows as booked even if they attended part of the module before. Five queries
    whatever the number of employees and sessions.
    """
    modules = list(track.modules.order_by("sort_order", "pk"))
    employees = list(Employee.objects.active().unrestricted().filter(workplace=workplace).order_by("last_name", "first_name", "pk"))
    minutes = completion.module_minutes(
        employee_ids=Employee.objects.filter(workplace=workplace).values("pk"), modules=modules
    )
    required = {m.pk: completion.required_minutes(m, track.programme) for m in modules}
    booked = set(
        Invitation.objects.filter(
            employee__workplace=workplace,
            status=InvitationStatus.INVITED,
            session__module__track=track,
            session__status=SessionStatus.SCHEDULED,
        ).values_list("employee_id", "session__module_id")
    )
    rows = []
    for employee in employees:
        cells = []
        for module in modules:
            key = (employee.pk, module.pk)
            state = completion.module_state(minutes.get(key, 0), required[module.pk])
            cells.append(state if state == completion.DONE or key not in booked else "booked")
        rows.append(PlannerRow(employee=employee, cells=cells))
    return modules, rows


def catch_up_invitees(workplace: Workplace, module: Module) -> list[Employee]:
    """Active employees of ``workplace`` who still lack ``module`` (never attended, or attended only
    part of it) and are not booked on a coming session of it."""
    modules, rows = planner(workplace, module.track)
    index = [m.pk for m in modules].index(module.pk)
    return [row.employee for row in rows if row.cells[index] in (completion.MISSING, completion.PARTIAL)]


def next_missing_module(workplace: Workplace, track: Track) -> dict:
    """The single-session form's starting point: the first module of ``track`` that someone at
    ``workplace`` still lacks, and those who lack it (empty when everyone is done or booked)."""
    modules, rows = planner(workplace, track)
    for index, module in enumerate(modules):
        lacking = [row.employee for row in rows if row.cells[index] in (completion.MISSING, completion.PARTIAL)]
        if lacking:
            return {"module": module, "invitees": lacking}
    return {"invitees": []}


def module_bookings(module: Module, employee_ids: list[int], *, exclude_session: Session | None = None) -> tuple[
    list[Employee], list[Employee]
]:
    """Of ``employee_ids``: those already booked on a coming session of ``module``, and those who
    have done it under the programme's rule (for the double-booking warning). Three queries."""
    if not employee_ids:
        return [], []
    invitations = Invitation.objects.filter(
        employee_id__in=employee_ids,
        session__module=module,
        session__status=SessionStatus.SCHEDULED,
        status__in=[InvitationStatus.INVITED, InvitationStatus.WAITLISTED],
    )
    if exclude_session is not None:
        invitations = invitations.exclude(session=exclude_session)
    booked_ids = set(invitations.values_list("employee_id", flat=True))
    done_ids = {
        employee_id
        for employee_id, _module_id in completion.modules_done(
            employee_ids=employee_ids, modules=[module], programme=module.track.programme
        )
    }
    people = {
        e.pk: e
        for e in Employee.objects.filter(pk__in=booked_ids | done_ids).order_by("last_name", "first_name", "pk")
    }
    booked = [e for pk, e in people.items() if pk in booked_ids and pk not in done_ids]
    done = [e for pk, e in people.items() if pk in done_ids]
    return booked, done


def close_summary(session: Session) -> CloseSummary:
    """What closing ``session`` will record (two queries whatever the group size)."""
    counts = dict(
        Attendance.objects.filter(session=session)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    invited = Invitation.objects.filter(session=session, status=InvitationStatus.INVITED)
    unmarked = invited.exclude(employee_id__in=Attendance.objects.filter(session=session).values("employee_id")).count()
    return CloseSummary(
        present=counts.get(AttendanceStatus.PRESENT, 0),
        partial=counts.get(AttendanceStatus.PARTIAL, 0),
        absent=counts.get(AttendanceStatus.ABSENT, 0),
        unmarked=unmarked,
    )


def workplace_sessions(workplace: Workplace) -> QuerySet[Session]:
    return _base().filter(workplace=workplace).prefetch_related("process_leaders").order_by("starts_at")


# ---------------------------------------------------------------- employee's own


def my_sessions(employee: Employee) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(employee=employee)
        .exclude(status__in=[InvitationStatus.CANCELLED, InvitationStatus.DECLINED])
        .select_related("session__module__track", "session__workplace")
        .order_by("session__starts_at")
    )


def ledger_entries(employee: Employee) -> tuple[list[Attendance], list[HoursCorrection]]:
    attendances = list(
        Attendance.objects.filter(employee=employee)
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session__module__track")
        .order_by("session__starts_at")
    )
    corrections = list(
        HoursCorrection.objects.filter(employee=employee).select_related("track", "session").order_by("created_at")
    )
    return attendances, corrections


def ledger_by_track(employee: Employee) -> list[dict]:
    """Minutes per track for one employee against the track's target (summed in the database)."""
    attended = dict(
        Attendance.objects.filter(employee=employee)
        .exclude(session__status=SessionStatus.CANCELLED)
        .values_list("session__module__track_id")
        .annotate(total=Sum("minutes"))
        .values_list("session__module__track_id", "total")
    )
    corrected = dict(
        HoursCorrection.objects.filter(employee=employee)
        .values_list("track_id")
        .annotate(total=Sum("minutes"))
        .values_list("track_id", "total")
    )
    rows = []
    for track in Track.objects.filter(pk__in=set(attended) | set(corrected)).select_related("programme"):
        minutes = (attended.get(track.pk) or 0) + (corrected.get(track.pk) or 0)
        rows.append({"track": track, "minutes": minutes, "target": track.target_minutes,
                     "left": max(track.target_minutes - minutes, 0)})
    return rows


def ledger_monthly(employee_ids: QuerySet | list[int]) -> list[dict]:
    """The ledger per employee, per track, per month: attendance plus corrections, summed in SQL."""
    attended = (
        Attendance.objects.filter(employee_id__in=employee_ids)
        .exclude(session__status=SessionStatus.CANCELLED)
        .annotate(month=TruncMonth("session__starts_at"))
        .values_list("employee_id", "session__module__track_id", "month")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    corrected = (
        HoursCorrection.objects.filter(employee_id__in=employee_ids)
        .annotate(month=TruncMonth(Coalesce("session__starts_at", "created_at")))
        .values_list("employee_id", "track_id", "month")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    totals: dict[tuple, int] = {}
    for employee_id, track_id, month, minutes in attended.union(corrected, all=True):
        key = (employee_id, track_id, month.date() if hasattr(month, "date") else month)
        totals[key] = totals.get(key, 0) + minutes
    return [
        {"employee_id": e, "track_id": t, "month": m, "minutes": minutes}
        for (e, t, m), minutes in sorted(totals.items(), key=lambda kv: (kv[0][0], kv[0][1], str(kv[0][2])))
    ]


# ---------------------------------------------------------------- HR report


def _month_range(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.datetime(month.year, month.month, 1, tzinfo=tz)
    nxt = datetime.datetime(month.year + (month.month == 12), month.month % 12 + 1, 1, tzinfo=tz)
    return start, nxt


#: The instants a month spans in the site's time zone, for readers outside this module.
month_range = _month_range


def programmes_for_reports(user: Viewer) -> QuerySet[Programme]:
    """Programmes whose hours the viewer may report on: all for programme admins, HR's
    organisations' for HR; newest first."""
    scope = scope_for(user)
    qs = Programme.objects.order_by("-starts_on", "-pk")
    if scope.is_programme_admin:
        return qs
    return qs.filter(pk__in=Programme.objects.filter(organisations__in=scope.hr_organisation_ids).values("pk"))


def hours_report_programme(user: Viewer, programme_id: int | None = None) -> Programme | None:
    """The programme ``programme_id`` if the viewer may report on it (None if not); without
    one, the newest the viewer may report on."""
    qs = programmes_for_reports(user).prefetch_related("tracks")  # the reports read the tracks more than once
    if programme_id:
        return qs.filter(pk=programme_id).first()
    return qs.first()


def hours_report_people(
    user: Viewer,
    *,
    organisation_id: int | None = None,
    workplace_id: int | None = None,
) -> QuerySet[Employee]:
    """The HR report's people, in its order, without their minutes: what a page is cut from.

    Cheap to count and to cut into pages; :func:`hours_page` then reads the page's people and
    their minutes alone, so the last page costs what the first does."""
    scope = scope_for(user)
    qs = data_subjects_for(user)  # evidence: restricted people stay in (docs/privacy.md)
    if not scope.is_programme_admin:
        qs = qs.filter(organisation_id__in=scope.hr_organisation_ids)
    if organisation_id:
        qs = qs.filter(organisation_id=organisation_id)
    if workplace_id:
        qs = qs.filter(workplace_id=workplace_id)
    return qs.order_by("organisation__name", "workplace__name", "last_name", "first_name", "pk")


def preparatory_required() -> Exists:
    """Whether a person takes the preparatory track: managers and process leaders do."""
    return Exists(
        RoleAssignment.objects.filter(user__employee_id=OuterRef("pk"), role__in=[Role.MANAGER, Role.PROCESS_LEADER])
    )


def _report_tracks(programme: Programme | None) -> tuple[Track | None, Track | None]:
    tracks = {t.kind: t for t in programme.tracks.all()} if programme else {}
    return tracks.get(TrackKind.PREPARATORY), tracks.get(TrackKind.WORKPLACE)


def _ledger_condition(tracks: tuple[Track | None, ...], month: datetime.date | None, prefix: str = "") -> Q:
    condition = Q(**{f"{prefix}track_id__in": [t.pk for t in tracks if t is not None]})
    if month is not None:
        start, end = _month_range(month)
        condition &= Q(**{f"{prefix}occurred_at__gte": start, f"{prefix}occurred_at__lt": end})
    return condition


def _track_sum(path: str, track: Track | None):
    if track is None:
        return Value(0)
    return Coalesce(Sum(f"{path}minutes", filter=Q(**{f"{path}track_id": track.pk})), Value(0))


def with_minutes(
    people: QuerySet[Employee], *, programme: Programme | None, month: datetime.date | None = None
) -> QuerySet[Employee]:
    """``people`` with ``preparatory_minutes`` and ``workplace_minutes`` from the ledger (in
    ``month``, or in all): one join to the ledger and one GROUP BY, a ``FILTER`` per track."""
    prep, work = _report_tracks(programme)
    people = people.annotate(preparatory_required=preparatory_required())
    if prep is None and work is None:
        return people.annotate(preparatory_minutes=Value(0), workplace_minutes=Value(0))
    people = people.annotate(
        _ledger=FilteredRelation("ledger_entries", condition=_ledger_condition((prep, work), month, "ledger_entries__"))
    )
    return people.annotate(
        preparatory_minutes=_track_sum("_ledger__", prep),
        workplace_minutes=_track_sum("_ledger__", work),
    )


# One page of the HR report in one statement: the page's people cut from the report's order
# (the ORM's own SQL for it, with the order's keys), then their attendance and corrections
# summed per track – the ledger's rule, as in the view of migration 0003 – for those people
# only. A semi-join on the page lets the database reach each person's rows through the indexes;
# through the view it cannot, and would read the whole ledger for every page. Without the cut,
# the same statement is the whole export (hours_export_rows).
_PAGE_SQL = """
WITH page(id, k1, k2, k3, k4, number) AS ({people}),
attended AS (
    SELECT a.employee_id,
           SUM(CASE WHEN m.track_id = %s THEN a.minutes ELSE 0 END) AS prep,
           SUM(CASE WHEN m.track_id = %s THEN a.minutes ELSE 0 END) AS work
      FROM page pg
      JOIN dialogue_sessions_attendance a ON a.employee_id = pg.id
      JOIN dialogue_sessions_session s ON s.id = a.session_id
      JOIN courses_module m ON m.id = s.module_id
     WHERE s.status <> %s AND m.track_id IN (%s, %s){attended_in_month}
     GROUP BY a.employee_id
),
corrected AS (
    SELECT c.employee_id,
           SUM(CASE WHEN c.track_id = %s THEN c.minutes ELSE 0 END) AS prep,
           SUM(CASE WHEN c.track_id = %s THEN c.minutes ELSE 0 END) AS work
      FROM page pg
      JOIN dialogue_sessions_hourscorrection c ON c.employee_id = pg.id
      LEFT JOIN dialogue_sessions_session s ON s.id = c.session_id
     WHERE c.track_id IN (%s, %s){corrected_in_month}
     GROUP BY c.employee_id
)
SELECT p.id,
       COALESCE(a.prep, 0) + COALESCE(c.prep, 0),
       COALESCE(a.work, 0) + COALESCE(c.work, 0),
       EXISTS (SELECT 1 FROM people_roleassignment r JOIN people_user u ON u.id = r.user_id
                WHERE u.employee_id = p.id AND r.role IN (%s, %s)),
       p.number, p.k4, p.k3, p.k1, p.k2
  FROM page p
  LEFT JOIN attended a ON a.employee_id = p.id
  LEFT JOIN corrected c ON c.employee_id = p.id
 ORDER BY p.k1, p.k2, p.k3, p.k4, p.id
"""


def _hours_statement(
    people: QuerySet[Employee],
    *,
    programme: Programme | None,
    month: datetime.date | None,
    offset: int | None = None,
    size: int | None = None,
) -> tuple[str, list, bool, bool]:
    """The statement of :data:`_PAGE_SQL` for ``people`` (cut to ``offset``/``size`` if given),
    its parameters, and whether the programme has each track."""
    keys = people.values_list("pk", "organisation__name", "workplace__name", "last_name", "first_name",
                              "employee_number")
    if offset is not None and size is not None:
        keys = keys[offset:offset + size]
    else:
        keys = keys.order_by()  # the whole set: the outer ORDER BY sorts it once, in the same order
    page_sql, page_params = keys.query.sql_with_params()
    prep, work = _report_tracks(programme)
    track_ids = [prep.pk if prep else 0, work.pk if work else 0]
    attended_in_month = corrected_in_month = ""
    month_params: list = []
    if month is not None:
        start, end = (connection.ops.adapt_datetimefield_value(t) for t in _month_range(month))
        attended_in_month = " AND s.starts_at >= %s AND s.starts_at < %s"
        corrected_in_month = " AND COALESCE(s.starts_at, c.created_at) >= %s AND COALESCE(s.starts_at, c.created_at) < %s"
        month_params = [start, end]
    sql = _PAGE_SQL.format(people=page_sql, attended_in_month=attended_in_month, corrected_in_month=corrected_in_month)
    params = [
        *page_params,
        *track_ids, SessionStatus.CANCELLED, *track_ids, *month_params,
        *track_ids, *track_ids, *month_params,
        Role.MANAGER, Role.PROCESS_LEADER,
    ]
    return sql, params, prep is not None, work is not None


def hours_page(
    people: QuerySet[Employee],
    *,
    offset: int,
    size: int,
    programme: Programme | None,
    month: datetime.date | None = None,
) -> list[Employee]:
    """Rows ``offset`` to ``offset + size`` of ``people`` (:func:`hours_report_people`, filtered
    as the report is), with ``preparatory_minutes``, ``workplace_minutes`` and
    ``preparatory_required``: one statement for the page and its figures, one for the people."""
    sql, params, has_prep, has_work = _hours_statement(
        people, programme=programme, month=month, offset=offset, size=size
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    found = Employee.objects.select_related("workplace", "organisation").in_bulk([row[0] for row in rows])
    page = []
    for pk, preparatory, workplace, required, *_names in rows:
        person = found[pk]
        person.preparatory_minutes = preparatory if has_prep else 0
        person.workplace_minutes = workplace if has_work else 0
        person.preparatory_required = bool(required)
        page.append(person)
    return page



def hours_of(
    people: list[Employee], *, programme: Programme | None, month: datetime.date | None = None
) -> list[Employee]:
    """Sets ``preparatory_minutes``, ``workplace_minutes`` and ``preparatory_required`` on
    ``people`` (a page of :func:`hours_report_people` already read)."""
    minutes = minutes_of(Employee.objects.filter(pk__in=[p.pk for p in people]), programme=programme, month=month)
    for person in people:
        person.preparatory_minutes, person.workplace_minutes, person.preparatory_required = minutes.get(
            person.pk, (0, 0, False)
        )
    return people


def minutes_of(
    people: QuerySet[Employee], *, programme: Programme | None, month: datetime.date | None = None
) -> dict[int, tuple[int, int, bool]]:
    """``{id: (preparatory minutes, workplace minutes, preparatory required)}`` for the people
    of ``people`` (a small set: a page), in one statement that reaches only their own ledger
    lines."""
    sql, params, has_prep, has_work = _hours_statement(people, programme=programme, month=month)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        pk: (preparatory if has_prep else 0, workplace if has_work else 0, bool(required))
        for pk, preparatory, workplace, required, *_names in rows
    }

def hours_export_rows(
    people: QuerySet[Employee],
    *,
    programme: Programme | None,
    month: datetime.date | None = None,
    chunk_size: int = 2000,
) -> Iterator[tuple]:
    """Every row of ``people`` (:func:`hours_report_people`, filtered as the report is) with
    their minutes, as plain tuples from a server-side cursor, in the report's order:
    ``(id, preparatory_minutes, workplace_minutes, preparatory_required, employee_number,
    first_name, last_name, organisation, workplace)``. Memory stays at one chunk."""
    sql, params, has_prep, has_work = _hours_statement(people, programme=programme, month=month)
    # In a transaction, so the server-side cursor need not be WITH HOLD (which makes PostgreSQL
    # compute the whole result before the first row); and planned for all its rows, not for a
    # fast first tenth (cursor_tuple_fraction), since an export reads them all.
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        if connection.vendor == "postgresql":
            with connection.cursor() as setting:
                setting.execute("SET LOCAL cursor_tuple_fraction = 1.0")
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            for row in rows:
                if has_prep and has_work:
                    yield row
                else:
                    yield (row[0], row[1] if has_prep else 0, row[2] if has_work else 0, *row[3:])


def hours_report(
    user: Viewer,
    *,
    programme: Programme | None,
    organisation_id: int | None = None,
    workplace_id: int | None = None,
    month: datetime.date | None = None,
) -> QuerySet[Employee]:
    """Employees in the viewer's scope with their minutes per track, all in one query: for
    exports and whole-set reads. A page reads :func:`hours_report_people` and :func:`hours_of`."""
    people = hours_report_people(user, organisation_id=organisation_id, workplace_id=workplace_id)
    return with_minutes(people, programme=programme, month=month)


# ---------------------------------------------------------------- funder evidence


def certificate(employee: Employee, month: datetime.date) -> dict:
    """One participant's attendance in one month: each session with its minutes, and the total."""
    start, end = _month_range(month)
    attendances = list(
        Attendance.objects.filter(
            employee=employee, minutes__gt=0, session__starts_at__gte=start, session__starts_at__lt=end
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session__module__track", "session__workplace")
        .order_by("session__starts_at")
    )
    corrections = list(
        HoursCorrection.objects.filter(employee=employee)
        .filter(
            Q(session__isnull=False, session__starts_at__gte=start, session__starts_at__lt=end)
            | Q(session__isnull=True, created_at__gte=start, created_at__lt=end)
        )
        .select_related("track", "session", "created_by")
    )
    total = sum(a.minutes for a in attendances) + sum(c.minutes for c in corrections)
    return {"attendances": attendances, "corrections": corrections, "total_minutes": total}


def cofinancing_summary(user: Viewer, *, programme: Programme, month: datetime.date) -> list[dict]:
    """Minutes per gender in one month for the viewer's employees (rounding is the caller's)."""
    start, end = _month_range(month)
    scope = scope_for(user)
    employees = data_subjects_for(user)  # evidence: restricted people stay in
    if not scope.is_programme_admin:
        employees = employees.filter(organisation_id__in=scope.hr_organisation_ids)
    employee_ids = employees.values("pk")
    attended = (
        Attendance.objects.filter(
            employee_id__in=employee_ids,
            session__module__track__programme=programme,
            session__starts_at__gte=start,
            session__starts_at__lt=end,
        )
        .exclude(session__status=SessionStatus.CANCELLED)
        .values("employee__gender")
        .annotate(minutes=Sum("minutes"))
    )
    corrected = (
        HoursCorrection.objects.filter(employee_id__in=employee_ids, track__programme=programme)
        .filter(
            Q(session__isnull=False, session__starts_at__gte=start, session__starts_at__lt=end)
            | Q(session__isnull=True, created_at__gte=start, created_at__lt=end)
        )
        .values("employee__gender")
        .annotate(minutes=Sum("minutes"))
    )
    totals: dict[str, int] = {}
    for row in list(attended) + list(corrected):
        totals[row["employee__gender"] or ""] = totals.get(row["employee__gender"] or "", 0) + (row["minutes"] or 0)
    return [{"gender": g, "minutes": m} for g, m in sorted(totals.items())]
