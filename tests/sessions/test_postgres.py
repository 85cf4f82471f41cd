"""Behaviour that needs a real PostgreSQL: row locks between connections, commit hooks."""

import threading

import pytest

from django.core import mail
from django.db import connection, transaction

from cms.models import OutboxMessage
from cms.services import outbox_message_deliver
from cms.tasks import outbox_flush_task
from sessions import services
from sessions.models import Attendance, Invitation, Session
from sessions.tasks import session_invitations_flush_task

from .factories import at

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"),
]


def _schedule(manager, workplace, module, staff, leaders, **kwargs):
    return services.session_schedule(
        workplace=workplace, module=module, starts_at=at(10), ends_at=at(10, 10), place="Personalrummet",
        process_leaders=leaders, invitees=staff, scheduled_by=manager, **kwargs,
    )


def test_two_process_leaders_mark_the_same_roll_call_at_once(manager, process_leader, second_leader, workplace,
                                                            staff, programme_setup):
    session = _schedule(manager, workplace, programme_setup["work_modules"][0], staff, [process_leader, second_leader])
    barrier = threading.Barrier(2)
    errors = []

    def mark(leader, people, status, minutes=None):
        try:
            barrier.wait()
            for employee in people:
                services.attendance_record(session=session, employee=employee, status=status, minutes=minutes,
                                           recorded_by=leader)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            from django.db import connections

            connections.close_all()

    threads = [
        threading.Thread(target=mark, args=(process_leader, [staff[0], staff[1], staff[3]], "present")),
        threading.Thread(target=mark, args=(second_leader, [staff[2], staff[3]], "partial", 30)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = dict(Attendance.objects.filter(session=session).values_list("employee_id", "minutes"))
    assert set(rows) == {s.pk for s in staff}  # nothing lost
    assert rows[staff[0].pk] == 60 and rows[staff[2].pk] == 30
    assert rows[staff[3].pk] in (60, 30)  # whoever came last wins; one row, no duplicate


def test_scheduling_while_the_broker_is_unreachable(manager, process_leader, workplace, staff, programme_setup,
                                                     settings):
    from cms.celery import app

    old = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app.conf.task_always_eager = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    _reset_connections(app)
    try:
        with transaction.atomic():
            session = _schedule(manager, workplace, programme_setup["work_modules"][0], staff, [process_leader])
        # The invitation task could not be queued: the session keeps its to-do flag, and beat's
        # flush builds the messages (whose delivery cannot be queued either).
        assert Session.objects.get(pk=session.pk).invitations_pending
        assert OutboxMessage.objects.count() == 0
        assert session_invitations_flush_task() == 5
    finally:
        app.conf.broker_url, app.conf.task_always_eager = old
        _reset_connections(app)
    assert not Session.objects.get(pk=session.pk).invitations_pending
    assert OutboxMessage.objects.filter(status="pending").count() == 5
    assert mail.outbox == []
    # The broker is back: the beat's flush delivers them, and a second run sends nothing more.
    assert outbox_flush_task() == 5
    assert outbox_flush_task() == 0
    assert len(mail.outbox) == 5


def _reset_connections(app):
    # Forget pooled connections so the next publish connects to the current broker_url.
    app._pool = None
    app.amqp._producer_pool = None


def test_delivery_task_run_twice_sends_one_email(manager, workplace, staff, programme_setup):
    with transaction.atomic():
        _schedule(manager, workplace, programme_setup["work_modules"][0], staff[:1], [], confirm_warnings=True)
    message = OutboxMessage.objects.get()
    assert message.status == "sent"
    assert outbox_message_deliver(message_id=message.pk) is False
    from cms.tasks import outbox_deliver_task

    outbox_deliver_task.apply(args=[message.pk])
    assert len(mail.outbox) == 1


def test_two_confirmations_at_once_create_the_sessions_once(manager, process_leader, workplace, staff,
                                                            programme_setup):
    from django.db import connections
    from django.test import Client
    from django.urls import reverse

    url = reverse("sessions:planner", args=[workplace.pk])
    data = {"first_starts_at": "2026-05-04T09:00", "interval_days": 7, "place": "Rummet",
            "process_leaders": [process_leader.pk], "group_size": 4, "skip_days_off": "on"}
    client = Client()
    client.force_login(manager)
    proposal = client.post(url, {**data, "action": "preview"}).context["proposal"]
    barrier = threading.Barrier(2)
    statuses = []

    def confirm():
        try:
            barrier.wait(10)
            response = client.post(url, {**data, "action": "confirm", "proposal": proposal.fingerprint})
            statuses.append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert statuses == [302, 302]
    assert Session.objects.count() == len(proposal.sessions) == 10
    assert Invitation.objects.count() == 5 * 6  # one place per person and module, not two
