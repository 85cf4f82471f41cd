import pytest

from django.core import mail
from django.db import transaction

from cms.models import OutboxMessage
from cms.services import outbox_message_deliver, outbox_message_enqueue
from cms.tasks import outbox_flush_task

pytestmark = pytest.mark.django_db(transaction=True)


def _enqueue(key="k1", **kwargs):
    with transaction.atomic():
        return outbox_message_enqueue(
            to="anna@example.se",
            subject="Inbjudan",
            body="Välkommen",
            attachments=[("inbjudan.ics", b"BEGIN:VCALENDAR", "text/calendar")],
            dedupe_key=key,
            kind="test",
            **kwargs,
        )


def test_message_is_sent_once_after_commit_with_attachment():
    message = _enqueue()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0][0] == "inbjudan.ics"


def test_same_dedupe_key_sends_nothing_more():
    _enqueue()
    _enqueue()
    assert OutboxMessage.objects.count() == 1
    assert len(mail.outbox) == 1


def test_delivering_twice_sends_one_email():
    message = _enqueue()
    assert outbox_message_deliver(message_id=message.pk) is False
    assert outbox_flush_task() == 0
    assert len(mail.outbox) == 1


def test_rolled_back_change_records_and_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox_message_enqueue(to="a@example.se", subject="s", body="b", dedupe_key="x", kind="t")
        raise RuntimeError("the change failed")
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_mail_server_down_keeps_message_pending_until_flush(settings):
    settings.EMAIL_BACKEND = "tests.cms.test_outbox.BrokenBackend"
    message = _enqueue("down")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert "refused" in message.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox_flush_task() == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(mail.outbox) == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("connection refused by the mail server")
