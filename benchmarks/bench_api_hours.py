"""Fetching every employee's hours for a month through the API, page by page, against the raw
SQL aggregate of the same figures (attendance plus corrections per employee and track).

Runs against the configured database (``manage.py bench api_hours``). The first run creates
an organisation ``bench-api`` with ``SAMTALSRUM_BENCH_API_EMPLOYEES`` employees (100 000) and one
attendance each in March 2019; later runs reuse it.
"""

from __future__ import annotations

import datetime
import os

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from benchmarks.harness import Measurement

EMPLOYEES = int(os.environ.get("SAMTALSRUM_BENCH_API_EMPLOYEES", "100000"))
PAGE_SIZE = 1000
MONTH = datetime.date(2019, 3, 1)


def _data():
    from courses.models import Module, Programme, Track, TrackKind
    from people.models import Employee, Organisation, Workplace
    from sessions.models import Attendance, Session

    organisation, _ = Organisation.objects.get_or_create(code="bench-api", defaults={"name": "Benchmark API"})
    programme = Programme.objects.order_by("-starts_on", "-pk").first()
    if programme is None:
        programme = Programme.objects.create(
            name="Benchmark", starts_on=datetime.date(2018, 1, 1), ends_on=datetime.date(2021, 12, 31)
        )
    track = Track.objects.filter(programme=programme, kind=TrackKind.WORKPLACE).first() or Track.objects.create(
        programme=programme, kind=TrackKind.WORKPLACE, name="Arbetsplatsprocessen", target_minutes=300
    )
    module = Module.objects.filter(track=track).first() or Module.objects.create(
        track=track, title="Samtal 1", planned_minutes=60, sort_order=0
    )
    if Employee.objects.filter(organisation=organisation).count() != EMPLOYEES:
        with transaction.atomic():
            workplaces = [
                Workplace.objects.get_or_create(organisation=organisation, name=f"Enhet {i}")[0] for i in range(50)
            ]
            start = len(Employee.objects.filter(organisation=organisation))
            employees = Employee.objects.bulk_create(
                [
                    Employee(organisation=organisation, workplace=workplaces[n % 50], employee_number=f"B{n:07d}",
                             first_name="Bänk", last_name=f"Anställd{n}")
                    for n in range(start, EMPLOYEES)
                ],
                batch_size=2000,
            )
            tz = timezone.get_current_timezone()
            sessions = {
                w.pk: Session.objects.create(
                    module=module, workplace=w, starts_at=datetime.datetime(2019, 3, 12, 9, tzinfo=tz),
                    ends_at=datetime.datetime(2019, 3, 12, 10, tzinfo=tz),
                )
                for w in workplaces
            }
            Attendance.objects.bulk_create(
                [Attendance(session=sessions[e.workplace_id], employee=e, status="partial" if e.pk % 3 else "present",
                            minutes=60 if not e.pk % 3 else 30 + e.pk % 29) for e in employees],
                batch_size=2000,
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh statistics, as autovacuum would give them later
                cursor.execute("ANALYZE")
    return organisation, programme, track


def measurements() -> list[Measurement]:
    from rest_framework.throttling import SimpleRateThrottle

    from api.services import api_token_create

    organisation, programme, _track = _data()
    _token, text = api_token_create(creator=None, organisation=organisation, name="Benchmark", scopes=["read"])
    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {text}")
    # The rate limit would stop a client paging this fast; the benchmark measures the work.
    SimpleRateThrottle.THROTTLE_RATES = {"token": None}
    pages_seen = {}

    def ours():
        url = f"/api/v1/hours/?month={MONTH:%Y-%m}&programme={programme.pk}&page_size={PAGE_SIZE}"
        rows = pages = 0
        while url:
            body = client.get(url).json()
            rows += len(body["results"])
            pages += 1
            url = body["next"]
        assert rows == EMPLOYEES, rows  # noqa: S101 - the benchmark checks it fetched everyone
        pages_seen["pages"] = pages

    tz = timezone.get_current_timezone()
    start = datetime.datetime(MONTH.year, MONTH.month, 1, tzinfo=tz)
    end = datetime.datetime(MONTH.year, MONTH.month + 1, 1, tzinfo=tz)
    tracks = {t.kind: t.pk for t in programme.tracks.all()}
    prep, work = tracks.get("preparatory", 0), tracks.get("workplace", 0)
    # The same rows and columns as the API's pages, in one statement: each employee's number,
    # names and workplace, the month's minutes per track (attendance plus corrections) and
    # whether the preparatory track applies.
    sql = """
        SELECT e.id, e.employee_number, e.first_name, e.last_name, w.id, w.name, w.code,
               COALESCE(a.prep, 0) + COALESCE(c.prep, 0), COALESCE(a.work, 0) + COALESCE(c.work, 0),
               EXISTS (SELECT 1 FROM people_roleassignment r JOIN people_user u ON u.id = r.user_id
                        WHERE u.employee_id = e.id AND r.role IN ('manager', 'process_leader'))
        FROM people_employee e
        JOIN people_workplace w ON w.id = e.workplace_id
        LEFT JOIN (SELECT at.employee_id, SUM(at.minutes) FILTER (WHERE m.track_id = %(prep)s) AS prep,
                          SUM(at.minutes) FILTER (WHERE m.track_id = %(work)s) AS work
                   FROM dialogue_sessions_attendance at
                   JOIN dialogue_sessions_session s ON s.id = at.session_id
                   JOIN courses_module m ON m.id = s.module_id
                   WHERE s.status <> 'cancelled' AND s.starts_at >= %(start)s AND s.starts_at < %(end)s
                   GROUP BY at.employee_id) a ON a.employee_id = e.id
        LEFT JOIN (SELECT hc.employee_id, SUM(hc.minutes) FILTER (WHERE hc.track_id = %(prep)s) AS prep,
                          SUM(hc.minutes) FILTER (WHERE hc.track_id = %(work)s) AS work
                   FROM dialogue_sessions_hourscorrection hc
                   LEFT JOIN dialogue_sessions_session s ON s.id = hc.session_id
                   WHERE COALESCE(s.starts_at, hc.created_at) >= %(start)s
                     AND COALESCE(s.starts_at, hc.created_at) < %(end)s
                   GROUP BY hc.employee_id) c ON c.employee_id = e.id
        WHERE e.organisation_id = %(organisation)s
        ORDER BY e.id
    """
    values = {"prep": prep, "work": work, "start": start, "end": end, "organisation": organisation.pk}

    def limit():
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            rows = cursor.fetchall()
        assert len(rows) == EMPLOYEES  # noqa: S101

    return [
        Measurement(
            name=f"API hours of {EMPLOYEES} employees, {EMPLOYEES // PAGE_SIZE} pages of {PAGE_SIZE}",
            # Each page is an HTTP request with authentication, a logged use, JSON for 1 000 rows.
            target=15.0,
            ours=ours,
            limit=limit,
            extra=lambda: (f"{pages_seen.get('pages')} pages", True),
        )
    ]
