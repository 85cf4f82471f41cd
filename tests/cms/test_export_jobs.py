"""Exports as the user gets them: the file convention of their language read the way Excel reads
it, a streamed CSV that is whole, and the background job – progress, the download only for the
requester, the e-mail, the scope checked again when it runs, and the expiry."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.users.models import UserProfile

from cms import export_jobs, exports
from cms.models import ExportJob, OutboxMessage
from people.models import Employee, Role
from people.services import role_revoke
from tests.excel import body, read_as_english_excel, read_as_swedish_excel, swedish_number
from tests.factories import EmployeeFactory, user_with_role
from tests.sessions.factories import AttendanceFactory, SessionFactory, programme_with_tracks

pytestmark = pytest.mark.django_db

URL = reverse("sessions_hours_report")


@pytest.fixture
def report(organisation, workplace, other_workplace, process_leader):
    """Åsa attended 45 minutes of a workplace session; someone of another organisation too."""
    programme, _work_track, _prep_track, work_modules, _prep_modules = programme_with_tracks(
        organisations=[organisation]
    )
    session = SessionFactory(workplace=workplace, module=work_modules[0], process_leaders=[process_leader])
    asa = EmployeeFactory(workplace=workplace, first_name="Åsa", last_name="Öberg-Ärlig", employee_number="Ä-1")
    AttendanceFactory(session=session, employee=asa, status="partial", minutes=45)
    outsider = EmployeeFactory(workplace=other_workplace, first_name="Utom", last_name="Scope")
    return {"programme": programme, "asa": asa, "outsider": outsider}


@pytest.fixture
def other_hr(organisation):
    """HR of the same organisation: may see the report, never someone else's export."""
    return user_with_role(Role.HR, organisation=organisation, email="hr2@example.se")


def _row(rows: list[list[str]], number: str) -> dict[str, str]:
    header = rows[0]
    return dict(zip(header, next(r for r in rows[1:] if r[0] == number), strict=True))


# --- The convention ----------------------------------------------------------------------------


def test_swedish_excel_reads_the_hours_export_column_by_column(client, hr_user, report):
    client.force_login(hr_user)
    response = client.get(URL + "?export=csv")
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    content = body(response)
    assert content.startswith(b"\xef\xbb\xbf")  # the byte-order mark: Excel reads UTF-8
    rows = read_as_swedish_excel(content)
    assert len({len(r) for r in rows}) == 1 and len(rows[0]) == 11  # every row split into the same columns
    asa = _row(rows, "Ä-1")
    assert asa["Namn"] == "Åsa Öberg-Ärlig"
    assert asa["Arbetsplats"] == "Äldreboendet Solgården"
    assert asa["Arbetsplats, minuter"] == "45"
    assert asa["Arbetsplats, timmar"] == "0,75"
    assert swedish_number(asa["Arbetsplats, mål (h)"]) == 5
    assert asa["Klar"] == "Nej"
    assert not any(r[0] == report["outsider"].employee_number for r in rows)
    # Read as English Excel would, the semicolons keep each line in one cell: it is not comma-separated.
    assert len(read_as_english_excel(content)[1]) < 11


def test_english_users_get_commas_and_a_decimal_point(client, hr_user, report):
    profile = UserProfile.get_for_user(hr_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(hr_user)
    content = body(client.get(URL + "?export=csv"))
    assert content.startswith(b"\xef\xbb\xbf")
    rows = read_as_english_excel(content)
    assert len(rows[0]) == 11
    asa = dict(zip(rows[0], next(r for r in rows[1:] if r[0] == "Ä-1"), strict=True))
    assert "Åsa Öberg-Ärlig" in asa.values()
    assert "0.75" in asa.values() and "0,75" not in asa.values()


def test_writer_conventions_for_every_kind_of_value():
    columns = [
        exports.ExportColumn("Namn"), exports.ExportColumn("Minuter", exports.INTEGER),
        exports.ExportColumn("Timmar", exports.HOURS), exports.ExportColumn("Belopp", exports.DECIMAL),
        exports.ExportColumn("Datum", exports.DATE), exports.ExportColumn("Tid", exports.DATETIME),
    ]
    moment = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=timezone.get_current_timezone())
    rows = [("=1+1", 85, 85, 12.5, datetime.date(2026, 3, 1), moment), (None, None, "", None, None, None)]
    swedish = read_as_swedish_excel(b"".join(exports.csv_lines(columns, rows, exports.SWEDISH)))
    assert swedish[1] == ["'=1+1", "85", "1,42", "12,5", "2026-03-01", "2026-03-01 09:30"]
    assert swedish[2] == ["", "", "", "", "", ""]
    english = read_as_english_excel(b"".join(exports.csv_lines(columns, rows, exports.ENGLISH)))
    assert english[1] == ["'=1+1", "85", "1.42", "12.5", "2026-03-01", "2026-03-01 09:30"]
    assert exports.convention_for("en-gb") is exports.ENGLISH and exports.convention_for("sv") is exports.SWEDISH
    assert exports.convention_for(None) is exports.SWEDISH


def test_wagtail_list_exports_follow_the_convention_too(client, hr_user, workplace):
    EmployeeFactory(workplace=workplace, first_name="Östen", last_name="Ål")
    client.force_login(hr_user)
    content = body(client.get(reverse("employee:index") + "?export=csv"))
    assert content.startswith(b"\xef\xbb\xbf")
    rows = read_as_swedish_excel(content)
    assert any("Östen" in cell for row in rows for cell in row)
    assert len({len(r) for r in rows}) == 1 and len(rows[0]) > 1


# --- The streamed CSV --------------------------------------------------------------------------


def test_streamed_export_that_fails_half_way_says_so_in_the_file():
    def rows():
        yield ("Anna",)
        raise RuntimeError("the database went away")

    kind = exports.ExportKind(
        key="test_failing", title="Test", allowed=lambda user, p: True, columns=lambda p: [exports.ExportColumn("Namn")],
        count=lambda user, p: 2, rows=lambda user, p: rows(), filename=lambda p: "test", back_url=lambda p: "",
    )
    content = b"".join(export_jobs._streamed(kind, None, {}, "sv"))
    lines = read_as_swedish_excel(content)
    assert lines[1] == ["Anna"]
    assert lines[-1] == [exports.INCOMPLETE_LINE]


# --- The job -----------------------------------------------------------------------------------


@pytest.fixture
def small_threshold(settings, tmp_path):
    settings.SAMTALSRUM_EXPORT_STREAM_MAX_ROWS = 1
    settings.SAMTALSRUM_EXPORT_ROOT = tmp_path / "exports"
    return settings


def test_a_large_csv_becomes_a_job_with_progress_a_download_and_an_email(
    client, hr_user, report, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(hr_user)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.get(URL + "?export=csv")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("cms_export_job", args=[job.pk])
    # Before the worker runs: the page says it waits, and there is no file to fetch.
    page = client.get(response["Location"])
    assert "Exporten väntar på att starta." in page.content.decode()
    assert 'aria-live="polite"' in page.content.decode()
    assert client.get(reverse("cms_export_job_status", args=[job.pk])).json()["percent"] == 0
    assert client.get(reverse("cms_export_job_download", args=[job.pk])).status_code == 404
    assert len(queued) == 1
    with django_capture_on_commit_callbacks(execute=True):
        queued[0]()
    job.refresh_from_db()
    assert job.status == ExportJob.Status.READY
    people = Employee.objects.filter(organisation=report["asa"].organisation).count()
    assert people == 2  # Åsa and the process leader
    assert job.rows_done == job.rows_total == people
    status = client.get(reverse("cms_export_job_status", args=[job.pk])).json()
    assert status["status"] == "ready" and status["percent"] == 100
    page = client.get(reverse("cms_export_job", args=[job.pk])).content.decode()
    assert reverse("cms_export_job_download", args=[job.pk]) in page
    download = client.get(reverse("cms_export_job_download", args=[job.pk]))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    rows = read_as_swedish_excel(body(download))
    assert len(rows) == people + 1
    assert _row(rows, "Ä-1")["Arbetsplats, timmar"] == "0,75"
    assert not any(r[0] == report["outsider"].employee_number for r in rows)
    message = OutboxMessage.objects.get(kind="export_ready")
    assert message.to_email == hr_user.email
    assert reverse("cms_export_job", args=[job.pk]) in message.body_text
    assert len(mail.outbox) == 1
    # Run again (a retried task): nothing changes, no second e-mail.
    assert export_jobs.export_job_run(job_id=job.pk) is False
    assert OutboxMessage.objects.filter(kind="export_ready").count() == 1


def test_every_xlsx_is_a_job_written_in_write_only_mode(
    client, hr_user, report, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.SAMTALSRUM_EXPORT_ROOT = tmp_path / "exports"
    client.force_login(hr_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(URL + "?export=xlsx")
    assert response.status_code == 302
    job = ExportJob.objects.get()
    download = client.get(reverse("cms_export_job_download", args=[job.pk]))
    sheet = list(openpyxl.load_workbook(io.BytesIO(body(download))).active.values)
    asa = dict(zip(sheet[0], next(r for r in sheet[1:] if r[0] == "Ä-1"), strict=True))
    assert asa["Namn"] == "Åsa Öberg-Ärlig"
    assert asa["Arbetsplats, minuter"] == 45 and asa["Arbetsplats, timmar"] == 0.75  # numbers, not text
    assert len(sheet) - 1 == job.rows_done


def test_nobody_but_the_requester_opens_the_job_or_its_file(
    client, hr_user, other_hr, programme_admin, report, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(hr_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(URL + "?export=csv")
    job = ExportJob.objects.get()
    urls = [reverse(name, args=[job.pk]) for name in ("cms_export_job", "cms_export_job_status",
                                                       "cms_export_job_download")]
    assert all(client.get(url).status_code == 200 for url in urls)
    for someone in (other_hr, programme_admin):
        client.force_login(someone)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404]


def test_the_job_checks_the_requesters_role_again_when_it_runs(
    client, hr_user, report, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(hr_user)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.get(URL + "?export=csv")
    role_revoke(assignment=hr_user.roles.get(role=Role.HR))
    with django_capture_on_commit_callbacks(execute=True):
        queued[0]()
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.FAILED and not job.file
    assert "inte längre behörighet" in job.error
    assert not OutboxMessage.objects.filter(kind="export_ready").exists()


def test_progress_is_shown_while_the_job_runs(client, hr_user, small_threshold):
    job = ExportJob.objects.create(requester=hr_user, kind="hours_report", export_format="xlsx", language="sv",
                                   file_name="timmar.xlsx", status=ExportJob.Status.RUNNING, rows_done=500,
                                   rows_total=2000)
    client.force_login(hr_user)
    status = client.get(reverse("cms_export_job_status", args=[job.pk])).json()
    assert status["percent"] == 25 and status["text"] == "Skriver rad 500 av 2000 (25 %)."
    page = client.get(reverse("cms_export_job", args=[job.pk])).content.decode()
    assert '<progress id="export-progress" max="100" value="25">' in page
    assert 'for="export-progress"' in page  # the bar has a label


def test_progress_is_written_every_chunk(hr_user, report, small_threshold, monkeypatch):
    seen = []
    monkeypatch.setattr(exports, "CHUNK_ROWS", 1)
    original = ExportJob.objects.filter

    job = ExportJob.objects.create(requester=hr_user, kind="hours_report", export_format="csv", language="sv",
                                   file_name="timmar.csv", parameters={"programme": report["programme"].pk})

    def spy(*args, **kwargs):
        queryset = original(*args, **kwargs)
        update = queryset.update

        def recording(**values):
            if "rows_done" in values and isinstance(values["rows_done"], int) and values["rows_done"]:
                seen.append(values["rows_done"])
            return update(**values)

        queryset.update = recording
        return queryset

    monkeypatch.setattr(ExportJob.objects, "filter", spy)
    assert export_jobs.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert seen == list(range(1, job.rows_done + 1))


def test_expired_files_are_deleted_and_fresh_ones_stay(
    client, hr_user, report, small_threshold, django_capture_on_commit_callbacks
):
    client.force_login(hr_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(URL + "?export=csv")
    job = ExportJob.objects.get()
    path = job.file.path
    hours = small_threshold.SAMTALSRUM_EXPORT_KEEP_HOURS
    assert export_jobs.export_jobs_expire(now=timezone.now() + datetime.timedelta(hours=hours - 1)) == 0
    assert ExportJob.objects.filter(pk=job.pk).exists()
    assert export_jobs.export_jobs_expire(now=timezone.now() + datetime.timedelta(hours=hours, minutes=1)) == 1
    assert not ExportJob.objects.filter(pk=job.pk).exists()
    import os

    assert not os.path.exists(path)
    assert client.get(reverse("cms_export_job_download", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("extra", [2, 20])
def test_the_jobs_queries_do_not_grow_with_the_rows(hr_user, report, workplace, small_threshold, extra,
                                                    django_assert_max_num_queries):
    for _ in range(extra):
        EmployeeFactory(workplace=workplace)
    job = ExportJob.objects.create(requester=hr_user, kind="hours_report", export_format="csv", language="sv",
                                   file_name="timmar.csv", parameters={"programme": report["programme"].pk})
    # Measured 23 at both sizes on PostgreSQL: the job, permissions and scope, the count, one
    # statement for the rows (in its own transaction), progress, the file and the e-mail.
    with django_assert_max_num_queries(23):
        assert export_jobs.export_job_run(job_id=job.pk)
