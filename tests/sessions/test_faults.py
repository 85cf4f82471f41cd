"""Faults, with the real services (issue 9, "Faults"), next to the broker-down test in
``test_postgres.py``:

- a Celery worker killed (SIGKILL) in the middle of delivering an outbox message: the message
  still goes out, exactly once;
- the PostgreSQL connections dropped during a roll call – every backend of the test database is
  terminated with ``pg_terminate_backend``, which is what a restart does to its clients, without
  restarting the server other people use: no attendance mark already confirmed is lost, and the
  process leader gets a clear Swedish message instead of a 500.
"""

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import psycopg2
import pytest

from django.conf import settings
from django.core import mail
from django.db import DatabaseError, close_old_connections, connection, connections, transaction
from django.test import Client
from django.urls import reverse

from cms.models import OutboxMessage
from cms.tasks import outbox_deliver_task, outbox_flush_task
from sessions import services
from sessions.models import Attendance

from .factories import at

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL): row locks across processes and pg_terminate_backend",
    ),
]


def _dsn() -> dict:
    db = connection.settings_dict
    return {"dbname": db["NAME"], "user": db["USER"], "host": db["HOST"] or "127.0.0.1", "port": db["PORT"] or 5432,
            "password": db["PASSWORD"] or None}


def _wait_for(condition, *, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


# ---------------------------------------------------------------- a worker killed mid-delivery

needs_broker = pytest.mark.skipif(
    not settings.SAMTALSRUM_TEST_BROKER_URL,
    reason="needs a real broker: set CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0)",
)


class Worker:
    """A real ``celery worker`` process on its own queue, its output in a file."""

    def __init__(self, tmp: Path, name: str, queue: str, *, mail_dir: Path, hold_dir: Path | None):
        db = connection.settings_dict
        self.log = tmp / f"{name}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.sessions.fault_worker_settings",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_BROKER_URL": settings.SAMTALSRUM_TEST_BROKER_URL,
            "DJANGO_EMAIL_BACKEND": "tests.sessions.fault_mail.HoldingFileBackend",
            "DJANGO_EMAIL_FILE_PATH": str(mail_dir),
        }
        env.pop("SAMTALSRUM_TEST_HOLD_DIR", None)
        if hold_dir is not None:
            env["SAMTALSRUM_TEST_HOLD_DIR"] = str(hold_dir)
        with self.log.open("w") as out:
            self.process = subprocess.Popen(  # noqa: S603 - our own worker, fixed arguments
                [sys.executable, "-m", "celery", "-A", "cms", "worker", "--pool=solo", "-Q", queue, "-n",
                 f"{name}-{queue}@%h", "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "INFO"],
                env=env, cwd=settings.BASE_DIR, stdout=out, stderr=subprocess.STDOUT,
            )

    def output(self) -> str:
        return self.log.read_text()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _locked(message_id: int) -> bool:
    """True while another transaction (the worker delivering it) holds the message's row."""
    try:
        with transaction.atomic():
            OutboxMessage.objects.select_for_update(nowait=True).filter(pk=message_id).exists()
    except DatabaseError:
        return True
    return False


@needs_broker
@pytest.mark.services
@pytest.mark.parametrize("recovered_by", ["redelivery", "beat_flush"])
def test_worker_killed_during_delivery_message_goes_out_once(tmp_path, recovered_by):
    from cms.celery import app

    queue = f"fault-{uuid.uuid4().hex[:8]}"
    mail_dir, hold_dir = tmp_path / "mail", tmp_path / "hold"
    mail_dir.mkdir()
    hold_dir.mkdir()
    message = OutboxMessage.objects.create(
        kind="test", dedupe_key=queue, to_email="anna@example.se", subject="Inbjudan: Samtal 1", body_text="Hej!"
    )
    first = Worker(tmp_path, "first", queue, mail_dir=mail_dir, hold_dir=hold_dir)
    second = None
    try:
        app.conf.task_always_eager = False
        try:
            outbox_deliver_task.apply_async(args=[message.pk], queue=queue)
        finally:
            app.conf.task_always_eager = True
        # The first worker is inside the delivery: the row is locked and nothing has been sent.
        _wait_for(lambda: list(hold_dir.glob("sending-*")), seconds=90, what="the first worker to start sending")
        assert _locked(message.pk)
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(timeout=30)
        assert first.process.returncode == -signal.SIGKILL
        # PostgreSQL rolls the dead worker's transaction back and releases the row.
        _wait_for(lambda: not _locked(message.pk), seconds=30, what="the killed worker's lock to go")
        message.refresh_from_db()
        assert (message.status, message.attempts) == (OutboxMessage.Status.PENDING, 0)
        assert list(mail_dir.iterdir()) == []

        if recovered_by == "beat_flush":
            # Beat's flush (every minute in production) sends it; the task the broker hands out
            # again afterwards finds it sent and sends nothing.
            assert outbox_flush_task() == 1
            assert len(mail.outbox) == 1
        second = Worker(tmp_path, "second", queue, mail_dir=mail_dir, hold_dir=None)
        _wait_for(lambda: "succeeded" in second.output(), seconds=90, what="the redelivered task to run")
        message.refresh_from_db()
        assert message.status == OutboxMessage.Status.SENT
        assert outbox_flush_task() == 0
        sent = list(mail_dir.iterdir()) + [m for m in mail.outbox if m.subject == "Inbjudan: Samtal 1"]
        assert len(sent) == 1, "the message must go out exactly once"
        if recovered_by == "redelivery":
            assert message.attempts == 1 and len(list(mail_dir.iterdir())) == 1
            assert "Subject: Inbjudan: Samtal 1" in next(mail_dir.iterdir()).read_text()
            assert "succeeded" in second.output() and "True" in second.output()
        else:
            assert list(mail_dir.iterdir()) == []
            assert "False" in second.output()  # ran, found it sent
    finally:
        first.stop()
        if second is not None:
            second.stop()


# ---------------------------------------------------------------- connections dropped during roll call


@pytest.fixture
def reconnects(transactional_db):
    """Drops this thread's connection after the test, so the database is emptied over a live one
    even when the test stops between the drop and its own reconnection."""
    yield
    connection.close()


@pytest.fixture
def session(manager, process_leader, workplace, staff, programme_setup):
    return services.session_schedule(
        workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10), ends_at=at(10, 10),
        place="Personalrummet", process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
    )


def _in_a_request_thread(client, path, data):
    """POST like a server thread would: its own database connection, closed when it is done."""
    result = {}

    def run():
        try:
            result["response"] = client.post(path, data, follow=False)
        except Exception as exc:  # noqa: BLE001 - asserted below: no exception may escape the view
            result["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


def test_connections_dropped_during_roll_call_lose_nothing_confirmed(reconnects, session, process_leader, staff):
    client = Client()
    client.force_login(process_leader)
    url = reverse("sessions:facilitate", args=[session.pk])
    # Two marks confirmed before the drop.
    for employee, data in ((staff[0], {"status": "present"}), (staff[1], {"status": "partial", "minutes": "40"})):
        thread, result = _in_a_request_thread(client, url, {"employee": employee.pk, **data})
        thread.join(30)
        assert result["response"].status_code == 302
    confirmed = dict(Attendance.objects.filter(session=session).values_list("employee_id", "minutes"))
    assert confirmed == {staff[0].pk: 60, staff[1].pk: 40}

    # A third mark is in flight – waiting for the session's row lock – when every connection to the
    # database is dropped, as in a restart.
    blocker = psycopg2.connect(**_dsn())
    admin = psycopg2.connect(**{**_dsn(), "dbname": "postgres"})
    admin.autocommit = True
    try:
        with blocker.cursor() as cursor:
            cursor.execute("SELECT id FROM dialogue_sessions_session WHERE id = %s FOR UPDATE", [session.pk])
        thread, result = _in_a_request_thread(client, url, {"employee": staff[2].pk, "status": "present"})

        def waiting():
            with admin.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'",
                    [connection.settings_dict["NAME"]],
                )
                return cursor.fetchone()[0]

        _wait_for(waiting, seconds=30, what="the roll-call request to wait for the session's lock")
        with admin.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s",
                [connection.settings_dict["NAME"]],
            )
            terminated = cursor.fetchone()[0]
        assert terminated >= 3  # the request's, the blocker's and the test's own connection
        thread.join(30)
    finally:
        for raw in (blocker, admin):
            with contextlib.suppress(psycopg2.Error):
                raw.close()

    assert "error" not in result, result.get("error")
    response = result["response"]
    assert response.status_code == 503
    html = response.content.decode()
    assert "Närvaron kunde inte sparas" in html
    assert "Kontakten med databasen bröts, så det du just skickade sparades inte" in html
    assert 'lang="sv"' in html and reverse("sessions:facilitate", args=[session.pk]) in html

    # As at the start of every request, dead connections are dropped; the database is back.
    close_old_connections()
    connection.close()
    after = dict(Attendance.objects.filter(session=session).values_list("employee_id", "minutes"))
    assert after == confirmed  # nothing confirmed was lost, nothing half-written was kept
    # The leader tries again and carries on.
    thread, result = _in_a_request_thread(client, url, {"employee": staff[2].pk, "status": "present"})
    thread.join(30)
    assert result["response"].status_code == 302
    page = client.get(result["response"]["Location"])
    assert f"Närvaro sparad för {staff[2].full_name}" in page.content.decode()
    assert Attendance.objects.filter(session=session).count() == 3
