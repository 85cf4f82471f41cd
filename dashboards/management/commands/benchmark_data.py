"""``manage.py benchmark_data --employees N --attendance M``: a programme of N employees and M
attendance rows on PostgreSQL, built set-based (``INSERT … SELECT generate_series``) in seconds,
for the measurements in ``benchmarks/``. Runs once: a second run finds the programme and stops.
"""

from __future__ import annotations

import datetime
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from courses.models import Module, Programme, Track, TrackKind
from people.models import Organisation, Role, User, Workplace
from people.services import role_assign

PROGRAMME_NAME = "Benchmark – Vilka är vi?"
STEERING_EMAIL = "styrgrupp@benchmark.samtalsrum.se"
ORGANISATIONS = 8
PER_WORKPLACE = 25
MODULES = 5


class Command(BaseCommand):
    help = "Builds benchmark data on PostgreSQL: employees, sessions, invitations and attendance."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=100_000)
        parser.add_argument("--attendance", type=int, default=1_000_000)

    def handle(self, *args, employees: int, attendance: int, **options):
        if connection.vendor != "postgresql":
            raise CommandError("benchmark_data needs PostgreSQL (set DATABASE_URL).")
        if employees < 1 or attendance < 0:
            raise CommandError("--employees must be at least 1 and --attendance not negative.")
        if Programme.objects.filter(name=PROGRAMME_NAME).exists():
            self.stdout.write("Benchmark data already there; nothing to do.")
            return
        started = time.monotonic()
        with transaction.atomic():
            self._build(employees, attendance)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"Benchmark data: {employees} employees, {attendance} attendance rows in {time.monotonic() - started:.1f} s")

    def _build(self, employees: int, attendance: int) -> None:
        organisations = [
            Organisation.objects.create(name=f"Benchmark organisation {i}", code=f"bench-{i}") for i in range(ORGANISATIONS)
        ]
        workplace_count = max(1, -(-employees // PER_WORKPLACE))
        Workplace.objects.bulk_create(
            Workplace(organisation=organisations[i % ORGANISATIONS], name=f"Benchmark arbetsplats {i}")
            for i in range(workplace_count)
        )
        programme = Programme.objects.create(
            name=PROGRAMME_NAME, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2027, 12, 31),
            planned_participants=employees, unit_cost_per_hour=Decimal("320"), cofinancing_budget=Decimal("50000000"),
        )
        programme.organisations.set(organisations)
        track = Track.objects.create(programme=programme, kind=TrackKind.WORKPLACE, name="Arbetsplatsprocessen", target_minutes=300)
        Track.objects.create(programme=programme, kind=TrackKind.PREPARATORY, name="Preparandprocessen", target_minutes=840)
        modules = Module.objects.bulk_create(
            Module(track=track, title=f"Samtal {i + 1}", planned_minutes=60, sort_order=i) for i in range(MODULES)
        )
        per_employee = max(0, -(-attendance // employees))
        org_ids = [o.pk for o in organisations]
        module_ids = [m.pk for m in modules]
        with connection.cursor() as cursor:
            cursor.execute(
                """
                CREATE TEMP TABLE bench_wp ON COMMIT DROP AS
                SELECT id, organisation_id, row_number() OVER (ORDER BY id) - 1 AS rn
                FROM people_workplace WHERE organisation_id = ANY(%s)
                """,
                [org_ids],
            )
            cursor.execute(
                """
                INSERT INTO people_employee (employee_number, first_name, last_name, email, employment_start,
                    employment_end, preferred_language, gender, hourly_cost, created_at, updated_at,
                    organisation_id, workplace_id, link_version)
                SELECT 'B' || g, 'Förnamn' || g, 'Efternamn' || g, 'bench' || g || '@example.se', DATE '2015-01-01',
                    CASE WHEN g %% 50 = 0 THEN DATE '2026-06-30' END, 'sv',
                    (ARRAY['woman', 'man', 'other', ''])[g %% 4 + 1],
                    CASE WHEN g %% 2 = 0 THEN 300 END, now(), now(), w.organisation_id, w.id, 1
                FROM generate_series(0, %s - 1) AS g JOIN bench_wp w ON w.rn = g / %s
                """,
                [employees, PER_WORKPLACE],
            )
            # Sessions: per workplace, each module in turn, a fortnight apart, from March 2026.
            cursor.execute(
                """
                INSERT INTO dialogue_sessions_session (starts_at, ends_at, place, video_link, status, sequence, uid,
                    created_at, updated_at, module_id, workplace_id, cancel_reason, invitations_pending)
                SELECT ts, ts + interval '1 hour', '', '', 'scheduled', 0, 'bench-' || w.id || '-' || j, now(), now(),
                    (%s::bigint[])[j %% %s + 1], w.id, '', false
                FROM bench_wp w CROSS JOIN generate_series(0, %s - 1) AS j
                CROSS JOIN LATERAL (SELECT TIMESTAMPTZ '2026-03-02 09:00+01' + (j * 14 + w.rn %% 10) * interval '1 day' AS ts) t
                """,
                [module_ids, MODULES, per_employee],
            )
            # The closed-session guards (sessions/db_guards.py) check every row one by one; every
            # session here is still scheduled while its rows go in, so they are switched off for
            # the bulk insert (inside this transaction) and on again before the sessions close.
            guarded = ("dialogue_sessions_invitation", "dialogue_sessions_attendance")
            for table in guarded:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_closed_guard")
            pairs = """
                FROM people_employee e JOIN dialogue_sessions_session s ON s.workplace_id = e.workplace_id
                WHERE e.organisation_id = ANY(%s) AND s.uid LIKE 'bench-%%'
            """
            cursor.execute(
                "INSERT INTO dialogue_sessions_invitation (status, created_at, updated_at, employee_id, session_id) "
                f"SELECT 'invited', now(), now(), e.id, s.id {pairs}",
                [org_ids],
            )
            cursor.execute(
                "INSERT INTO dialogue_sessions_attendance (status, minutes, recorded_at, employee_id, session_id) "
                "SELECT CASE WHEN (e.id + s.id) %% 20 = 0 THEN 'absent' ELSE 'present' END, "
                "CASE WHEN (e.id + s.id) %% 20 = 0 THEN 0 ELSE 60 END, now(), e.id, s.id "
                f"{pairs} LIMIT %s",
                [org_ids, attendance],
            )
            # The deferred foreign-key checks of the rows above run now: PostgreSQL refuses to
            # alter a table with trigger events still pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in guarded:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_closed_guard")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(
                "UPDATE dialogue_sessions_session SET status = 'closed', closed_at = ends_at "
                "WHERE uid LIKE 'bench-%%' AND ends_at < now()"
            )
        user, _created = User.objects.get_or_create(email=STEERING_EMAIL, defaults={"first_name": "Styrgrupp"})
        role_assign(user=user, role=Role.STEERING_GROUP)
