"""The HR hours report exported in full – every employee, every column – as a CSV streamed over
HTTP, as a CSV written by the background job, and as an XLSX written by the job (openpyxl's
write-only mode), each against ``COPY (…) TO STDOUT`` of the same rows: what ``psql \\copy`` does,
through the same connection. Each line adds the peak memory growth of the process while ours ran
(resident set, so the database driver's buffers count too).

Runs on the data of ``manage.py benchmark_data`` as a programme admin, who sees everyone.
"""

from __future__ import annotations

import gc
import io
import os
import time

from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from benchmarks.harness import Measurement

CSV_TARGET = 2.0
XLSX_TARGET = 4.0
MEMORY_LIMIT_MIB = 50.0
FIRST_BYTE_SECONDS = 1.0

# The same rows, written by hand: the report's order and figures (attendance in sessions not
# cancelled, corrections), hours with two decimals, the targets and the "done" column.
LIMIT_SQL = """
WITH attended AS (
    SELECT a.employee_id,
           SUM(a.minutes) FILTER (WHERE m.track_id = {prep}) AS prep,
           SUM(a.minutes) FILTER (WHERE m.track_id = {work}) AS work
      FROM dialogue_sessions_attendance a
      JOIN dialogue_sessions_session s ON s.id = a.session_id
      JOIN courses_module m ON m.id = s.module_id
     WHERE s.status <> 'cancelled'
     GROUP BY a.employee_id
), corrected AS (
    SELECT c.employee_id,
           SUM(c.minutes) FILTER (WHERE c.track_id = {prep}) AS prep,
           SUM(c.minutes) FILTER (WHERE c.track_id = {work}) AS work
      FROM dialogue_sessions_hourscorrection c
     GROUP BY c.employee_id
), people AS (
    SELECT e.id, e.employee_number, e.first_name, e.last_name, o.name AS organisation, w.name AS workplace,
           COALESCE(a.prep, 0) + COALESCE(c.prep, 0) AS prep,
           COALESCE(a.work, 0) + COALESCE(c.work, 0) AS work,
           EXISTS (SELECT 1 FROM people_roleassignment r JOIN people_user u ON u.id = r.user_id
                    WHERE u.employee_id = e.id AND r.role IN ('manager', 'process_leader')) AS required
      FROM people_employee e
      JOIN people_organisation o ON o.id = e.organisation_id
      LEFT JOIN people_workplace w ON w.id = e.workplace_id
      LEFT JOIN attended a ON a.employee_id = e.id
      LEFT JOIN corrected c ON c.employee_id = e.id
)
SELECT employee_number, first_name || ' ' || last_name, organisation, workplace,
       prep, ROUND(prep / 60.0, 2), CASE WHEN required THEN ROUND({prep_target} / 60.0, 2) END,
       work, ROUND(work / 60.0, 2), ROUND({work_target} / 60.0, 2),
       CASE WHEN work >= {work_target} AND (NOT required OR prep >= {prep_target}) THEN 'Ja' ELSE 'Nej' END
  FROM people
 ORDER BY organisation, workplace, last_name, first_name, id
"""


class _Sink(io.RawIOBase):
    """Counts what is written and keeps none of it (the network, for both sides)."""

    def __init__(self):
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(data)
        return len(data)


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def _peak_growth_mib(call) -> float | None:
    """Peak resident memory during ``call`` minus what the process held before (Linux)."""
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")  # resets the high-water mark to the current size
    except OSError:
        return None
    before = _status_kib("VmRSS")
    call()
    return (_status_kib("VmHWM") - before) / 1024


def _admin():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from people.models import Role, User
    from people.services import role_assign

    user, created = User.objects.get_or_create(email="admin@benchmark.samtalsrum.se", defaults={"first_name": "Admin"})
    if created:
        role_assign(user=user, role=Role.PROGRAMME_ADMIN)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Benchmark", confirmed=True
    )
    return user, device


def measurements() -> list[Measurement]:
    from django_otp import DEVICE_ID_SESSION_KEY

    from cms import export_jobs
    from cms.models import ExportJob
    from courses.models import TrackKind
    from dashboards.management.commands.benchmark_data import PROGRAMME_NAME
    from people.models import Employee
    from sessions import selectors
    from sessions.exports import HOURS_EXPORT

    admin, device = _admin()
    programme = selectors.programmes_for_reports(admin).prefetch_related("tracks").get(name=PROGRAMME_NAME)
    tracks = {t.kind: t for t in programme.tracks.all()}
    total = Employee.objects.count()
    parameters = {"programme": programme.pk, "organisation": None, "workplace": None, "track": None, "month": None}
    copy_sql = LIMIT_SQL.format(
        prep=tracks[TrackKind.PREPARATORY].pk, work=tracks[TrackKind.WORKPLACE].pk,
        prep_target=tracks[TrackKind.PREPARATORY].target_minutes, work_target=tracks[TrackKind.WORKPLACE].target_minutes,
    )
    copy_statement = f"COPY ({copy_sql}) TO STDOUT WITH (FORMAT csv, HEADER, DELIMITER ';')"
    client = Client(SERVER_NAME="localhost")
    client.force_login(admin)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    url = reverse("sessions_hours_report") + f"?programme={programme.pk}&export=csv"
    seen: dict[str, float] = {}

    def limit():
        sink = _Sink()
        with connection.cursor() as cursor:
            cursor.copy_expert(copy_statement, sink)
        seen["copy_bytes"] = sink.size

    def streamed():
        stream_max = settings.SAMTALSRUM_EXPORT_STREAM_MAX_ROWS
        settings.SAMTALSRUM_EXPORT_STREAM_MAX_ROWS = total  # the whole report in the request
        try:
            started = time.perf_counter()
            response = client.get(url)
            assert response.status_code == 200 and response.streaming, response.status_code  # noqa: S101
            size, first_row = 0, None
            for number, chunk in enumerate(response.streaming_content):
                size += len(chunk)
                if number == 1:
                    first_row = time.perf_counter() - started
            response.close()
        finally:
            settings.SAMTALSRUM_EXPORT_STREAM_MAX_ROWS = stream_max
        seen["stream_bytes"] = size
        seen["first_row"] = min(seen.get("first_row", first_row), first_row)

    def job(export_format: str):
        def call():
            created = ExportJob.objects.create(
                requester=admin, kind=HOURS_EXPORT, export_format=export_format, language="sv",
                parameters=parameters, file_name=f"timmar.{export_format}",
            )
            assert export_jobs.export_job_run(job_id=created.pk)  # noqa: S101
            created.refresh_from_db()
            assert created.rows_done == total, (created.rows_done, total)  # noqa: S101
            seen[f"{export_format}_bytes"] = created.file.size
            created.file.delete(save=False)
            created.delete()
        return call

    def memory(call, what: str):
        def check() -> tuple[str, bool]:
            growth = _peak_growth_mib(call)
            if growth is None:
                return "memory not measured (no /proc/self/clear_refs)", True
            sizes = f"{seen.get(what, 0) / 2**20:.1f} MB against COPY's {seen.get('copy_bytes', 0) / 2**20:.1f} MB"
            return f"memory +{growth:.1f} MiB, target < {MEMORY_LIMIT_MIB:g} MiB; {sizes}", growth < MEMORY_LIMIT_MIB
        return check

    def first_row() -> tuple[str, bool]:
        value = seen.get("first_row")
        ok = value is not None and value <= FIRST_BYTE_SECONDS
        return f"first row after {value:.3f} s, target ≤ {FIRST_BYTE_SECONDS:g} s", ok

    os.makedirs(settings.SAMTALSRUM_EXPORT_ROOT, exist_ok=True)
    return [
        Measurement(f"full CSV export over HTTP, streamed, {total} rows", CSV_TARGET, streamed, limit,
                    extra=lambda: _both(memory(streamed, "stream_bytes")(), first_row())),
        Measurement(f"full CSV export as a background job, {total} rows", CSV_TARGET, job("csv"), limit,
                    extra=memory(job("csv"), "csv_bytes")),
        Measurement(f"XLSX export as a background job, {total} rows", XLSX_TARGET, job("xlsx"), limit,
                    extra=memory(job("xlsx"), "xlsx_bytes")),
    ]


def _both(first: tuple[str, bool], second: tuple[str, bool]) -> tuple[str, bool]:
    return f"{first[0]}; {second[0]}", first[1] and second[1]
