"""Delivery of the e-mail outbox.

``outbox_deliver_task`` sends one recorded message (queued on commit by
``cms.services.outbox_message_enqueue``); ``outbox_flush_task`` runs from Celery beat and
sends whatever is still pending, so messages recorded while the broker or the mail server
was down go out once they are back. ``outbox_bodies_erase_task`` and
``page_feedback_expire_task`` (beat) erase what has outlived its purpose (docs/privacy.md). All
are idempotent.

``export_job_run_task`` writes one big export to a file (queued on commit by
``cms.export_jobs.export_job_request``) under its own time limit, far above the one for short
tasks, so no export is cut off half-way; ``export_jobs_expire_task`` (beat) deletes expired files.
"""

from celery import shared_task

from django.conf import settings

from . import export_jobs, services


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


@shared_task(
    name="cms.export_job_run",
    acks_late=True,
    time_limit=settings.SAMTALSRUM_EXPORT_TIME_LIMIT,
    soft_time_limit=settings.SAMTALSRUM_EXPORT_TIME_LIMIT - 60,
)
def export_job_run_task(job_id: int) -> bool:
    return export_jobs.export_job_run(job_id=job_id)


@shared_task(name="cms.export_jobs_expire")
def export_jobs_expire_task() -> int:
    return export_jobs.export_jobs_expire()
