"""A real Celery task through the real broker to a worker process this test starts and stops."""

import email
import email.policy
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from django.conf import settings
from django.db import connection

from cms.models import OutboxMessage
from cms.tasks import outbox_deliver_task

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.services,
    pytest.mark.skipif(
        not settings.SAMTALSRUM_TEST_BROKER_URL,
        reason="needs a real broker: set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0)",
    ),
]


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    pytest.skip("the worker process needs a database it can share with the test: set DATABASE_URL to PostgreSQL")


def test_outbox_task_travels_through_redis_to_a_real_worker(tmp_path: Path):
    from cms.celery import app

    queue = f"test-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": settings.SAMTALSRUM_TEST_BROKER_URL,
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "DJANGO_EMAIL_FILE_PATH": str(mail_dir),
    }
    worker = subprocess.Popen(  # noqa: S603 - our own worker, fixed arguments
        [sys.executable, "-m", "celery", "-A", "cms", "worker", "--pool=solo", "-Q", queue,
         "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "INFO"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        message = OutboxMessage.objects.create(
            kind="test", dedupe_key=queue, to_email="anna@example.se", subject="Hej från kön", body_text="Hej!"
        )
        app.conf.task_always_eager = False
        try:
            outbox_deliver_task.apply_async(args=[message.pk], queue=queue)
        finally:
            app.conf.task_always_eager = True
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and worker.poll() is None:
            message.refresh_from_db()
            if message.status == OutboxMessage.Status.SENT:
                break
            time.sleep(0.5)
        assert worker.poll() is None, "the worker stopped early"
        message.refresh_from_db()
        assert message.status == OutboxMessage.Status.SENT
        [mail_file] = list(mail_dir.iterdir())
        raw = mail_file.read_text().split("\n" + "-" * 79)[0]
        sent = email.message_from_string(raw, policy=email.policy.default)
        assert sent["Subject"] == "Hej från kön"
        assert sent["To"] == "anna@example.se"
    finally:
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
    assert "cms.outbox_deliver" in output


def test_export_job_is_written_by_a_real_worker(tmp_path: Path, settings):
    """A big export travels like any task: through the broker to a worker process, which writes
    the whole file under its own time limit and marks the job ready."""
    from cms.celery import app
    from cms.models import ExportJob
    from cms.tasks import export_job_run_task
    from people.models import Role
    from tests.excel import read_as_swedish_excel
    from tests.factories import (
        EmployeeFactory,
        OrganisationFactory,
        WorkplaceFactory,
        user_with_role,
    )

    queue = f"test-{uuid.uuid4().hex[:8]}"
    settings.SAMTALSRUM_EXPORT_ROOT = tmp_path / "exports"
    organisation = OrganisationFactory(name="Arbetarkommun", code=queue)
    workplace = WorkplaceFactory(organisation=organisation, name="Köket")
    for number in range(25):
        EmployeeFactory(workplace=workplace, employee_number=f"W{number:03d}", first_name="Åke")
    hr = user_with_role(Role.HR, organisation=organisation, email=f"{queue}@example.se")
    job = ExportJob.objects.create(requester=hr, kind="hours_report", export_format="csv", language="sv",
                                   file_name="timmar.csv")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": settings.SAMTALSRUM_TEST_BROKER_URL,
        "SAMTALSRUM_EXPORT_ROOT": str(settings.SAMTALSRUM_EXPORT_ROOT),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    worker = subprocess.Popen(  # noqa: S603 - our own worker, fixed arguments
        [sys.executable, "-m", "celery", "-A", "cms", "worker", "--pool=solo", "-Q", queue,
         "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "INFO"],
        env=env, cwd=settings.BASE_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        app.conf.task_always_eager = False
        try:
            export_job_run_task.apply_async(args=[job.pk], queue=queue)
        finally:
            app.conf.task_always_eager = True
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and worker.poll() is None:
            job.refresh_from_db()
            if job.status in (ExportJob.Status.READY, ExportJob.Status.FAILED):
                break
            time.sleep(0.5)
        assert worker.poll() is None, "the worker stopped early"
        job.refresh_from_db()
        assert job.status == ExportJob.Status.READY, job.error
        rows = read_as_swedish_excel(job.file.open("rb").read())
        assert len(rows) == 1 + 25 and all(row[1].startswith("Åke ") for row in rows[1:])
    finally:
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
    assert "cms.export_job_run" in output
