"""The HR hours report: its first and its last page (100 people each), as the report reads them
– the page's people in the report's order, then their minutes – against one hand-written
statement that does the same: the page cut from the same order, its attendance and corrections
summed per track, with what the page shows of each person (number, name, employer, workplace).

Runs on the data of ``manage.py benchmark_data`` as a programme admin, who sees everyone.
"""

from __future__ import annotations

from django.db import connection

from benchmarks.harness import Measurement

PAGE = 100
TARGET = 1.5

# The same page and the same figures, written by hand: the order of the report, the ledger's
# rule (attendance in sessions not cancelled, corrections at their session's start or their own
# time; here over all months, as the report without ?month=).
LIMIT_SQL = """
WITH page AS (
    SELECT e.id, e.employee_number, e.last_name, e.first_name, o.name AS organisation, w.name AS workplace
      FROM people_employee e
      JOIN people_organisation o ON o.id = e.organisation_id
      LEFT JOIN people_workplace w ON w.id = e.workplace_id
     ORDER BY o.name, w.name, e.last_name, e.first_name, e.id
     LIMIT %(page)s OFFSET %(offset)s
), attended AS (
    SELECT a.employee_id,
           SUM(a.minutes) FILTER (WHERE m.track_id = %(prep)s) AS prep,
           SUM(a.minutes) FILTER (WHERE m.track_id = %(work)s) AS work
      FROM dialogue_sessions_attendance a
      JOIN dialogue_sessions_session s ON s.id = a.session_id
      JOIN courses_module m ON m.id = s.module_id
     WHERE a.employee_id IN (SELECT id FROM page) AND s.status <> 'cancelled'
     GROUP BY a.employee_id
), corrected AS (
    SELECT c.employee_id,
           SUM(c.minutes) FILTER (WHERE c.track_id = %(prep)s) AS prep,
           SUM(c.minutes) FILTER (WHERE c.track_id = %(work)s) AS work
      FROM dialogue_sessions_hourscorrection c
     WHERE c.employee_id IN (SELECT id FROM page)
     GROUP BY c.employee_id
)
SELECT p.id, p.employee_number, p.first_name, p.last_name, p.organisation, p.workplace,
       COALESCE(a.prep, 0) + COALESCE(c.prep, 0), COALESCE(a.work, 0) + COALESCE(c.work, 0)
  FROM page p
  LEFT JOIN attended a ON a.employee_id = p.id
  LEFT JOIN corrected c ON c.employee_id = p.id
 ORDER BY p.organisation, p.workplace, p.last_name, p.first_name, p.id
"""


def _admin():
    from people.models import Role, User
    from people.services import role_assign

    user, created = User.objects.get_or_create(email="admin@benchmark.samtalsrum.se", defaults={"first_name": "Admin"})
    if created:
        role_assign(user=user, role=Role.PROGRAMME_ADMIN)
    return user


def measurements() -> list[Measurement]:
    from courses.models import TrackKind
    from dashboards.management.commands.benchmark_data import PROGRAMME_NAME
    from people.models import Employee
    from sessions import selectors

    admin = _admin()
    programme = selectors.programmes_for_reports(admin).prefetch_related("tracks").get(name=PROGRAMME_NAME)
    tracks = {t.kind: t.pk for t in programme.tracks.all()}
    total = Employee.objects.count()
    last = (total - 1) // PAGE * PAGE

    def page(offset: int):
        # What HoursReportView.paginate_queryset does.
        return selectors.hours_page(selectors.hours_report_people(admin), offset=offset, size=PAGE,
                                    programme=programme)

    def ours(offset: int):
        def call():
            rows = page(offset)
            assert len(rows) == min(PAGE, total - offset)  # noqa: S101 - an empty page is no timing
        return call

    def limit(offset: int):
        def call():
            with connection.cursor() as cursor:
                cursor.execute(LIMIT_SQL, {"page": PAGE, "offset": offset, "prep": tracks[TrackKind.PREPARATORY],
                                           "work": tracks[TrackKind.WORKPLACE]})
                rows = cursor.fetchall()
            assert len(rows) == min(PAGE, total - offset)  # noqa: S101
        return call

    def same_figures(offset: int):
        def check() -> tuple[str, bool]:
            people = page(offset)
            with connection.cursor() as cursor:
                cursor.execute(LIMIT_SQL, {"page": PAGE, "offset": offset, "prep": tracks[TrackKind.PREPARATORY],
                                           "work": tracks[TrackKind.WORKPLACE]})
                expected = [(r[0], r[6], r[7]) for r in cursor.fetchall()]
            got = [(p.pk, p.preparatory_minutes, p.workplace_minutes) for p in people]
            return ("same figures as the hand-written statement" if got == expected else "FIGURES DIFFER"), got == expected
        return check

    return [
        Measurement(f"HR report SQL, page 1 of {total} employees", TARGET, ours(0), limit(0),
                    extra=same_figures(0)),
        Measurement(f"HR report SQL, last page of {total} employees", TARGET, ours(last), limit(last),
                    extra=same_figures(last)),
    ]
