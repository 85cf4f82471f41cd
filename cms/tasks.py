"""Delivery of the e-mail outbox.

``outbox_deliver_task`` sends one recorded message (queued on commit by
``cms.services.outbox_message_enqueue``); ``outbox_flush_task`` runs from Celery beat and
sends whatever is still pending, so messages recorded while the broker or the mail server
was down go out once they are back. ``outbox_bodies_erase_task`` and
``page_feedback_expire_task`` (beat) erase what has outlived its purpose (docs/privacy.md). All
are idempotent.
"""

from celery import shared_task

from . import services


@shared_task(name="cms.outbox_deliver", acks_late=True)
def outbox_deliver_task(message_id: int) -> bool:
    return services.outbox_message_deliver(message_id=message_id)


@shared_task(name="cms.outbox_flush")
def outbox_flush_task() -> int:
    sent = 0
    for message_id in services.outbox_pending_ids():
        sent += services.outbox_message_deliver(message_id=message_id)
    return sent


@shared_task(name="cms.outbox_bodies_erase")
def outbox_bodies_erase_task() -> int:
    return services.outbox_bodies_erase()


@shared_task(name="cms.page_feedback_expire")
def page_feedback_expire_task() -> int:
    return services.page_feedback_expire()
