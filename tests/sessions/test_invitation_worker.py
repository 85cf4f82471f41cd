"""The planner's invitations through the real broker to a worker process this test starts: the
confirmation answers before any message is built, and the worker then builds every one, once."""

import contextlib
import os
import subprocess
import sys
import time
import uuid

import pytest

from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from cms.models import OutboxMessage
from sessions.models import Invitation, Session

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


def test_planner_invitations_are_built_by_a_worker_after_the_request(manager, process_leader, workplace, staff,
                                                                     programme_setup, tmp_path):
    from cms.celery import app

    database_url = _database_url()
    queue = f"test-{uuid.uuid4().hex[:8]}"
    client = Client()
    client.force_login(manager)
    url = reverse("sessions:planner", args=[workplace.pk])
    data = {"first_starts_at": "2026-05-04T09:00", "interval_days": 7, "place": "Rummet",
            "process_leaders": [process_leader.pk], "group_size": 4, "skip_days_off": "on"}
    proposal = client.post(url, {**data, "action": "preview"}).context["proposal"]

    old = (app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    app.conf.broker_url = settings.SAMTALSRUM_TEST_BROKER_URL
    try:
        response = client.post(url, {**data, "action": "confirm", "proposal": proposal.fingerprint})
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url = old
    assert response.status_code == 302
    # The request is done: sessions and places saved, not one message built yet.
    assert Session.objects.count() == 10 and Invitation.objects.count() == 30
    assert OutboxMessage.objects.count() == 0
    assert Session.objects.filter(invitations_pending=True).count() == 10

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": settings.SAMTALSRUM_TEST_BROKER_URL,
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "DJANGO_EMAIL_FILE_PATH": str(tmp_path / "mail"),
    }
    worker = subprocess.Popen(  # noqa: S603 - our own worker, fixed arguments
        [sys.executable, "-m", "celery", "-A", "cms", "worker", "--pool=solo", "-Q", queue,
         "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "INFO"],
        env=env, cwd=settings.BASE_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and worker.poll() is None:
            if not Session.objects.filter(invitations_pending=True).exists():
                break
            time.sleep(0.5)
        assert worker.poll() is None, "the worker stopped early"
        assert not Session.objects.filter(invitations_pending=True).exists()
        # One invitation per place, and the process leader's for the five groups they are not in.
        assert OutboxMessage.objects.filter(kind="session_invite").count() == 30 + 5
        assert OutboxMessage.objects.values("dedupe_key").distinct().count() == 35
    finally:
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
        # The worker queued the deliveries on its default queue, which no one here consumes.
        with contextlib.suppress(Exception), app.connection_for_write() as conn:
            conn.default_channel.queue_purge("celery")
    assert "sessions.invitations_send" in output
