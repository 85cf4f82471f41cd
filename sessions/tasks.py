"""Background work for sessions.

``session_invitations_send_task`` builds the invitations of newly scheduled sessions (the
messages and their calendar files) and records them in the outbox. It is queued with
``transaction.on_commit`` by ``services.session_schedule`` (one task for a planner's whole batch),
so the request that schedules a batch returns at once and a rolled-back schedule sends nothing. It
takes the sessions' primary keys and is idempotent: the session's ``invitations_pending`` flag is cleared in the same transaction
and every message has a dedupe key, so a retry or a second run records nothing more.
``session_invitations_flush_task`` (beat) builds those whose task never reached the broker.

``session_reminders_send_task`` runs from Celery beat and records a reminder in the outbox for
everyone invited to a session starting within ``SAMTALSRUM_REMINDER_HOURS``. It is idempotent:
each reminder has a dedupe key per session, employee, kind and session version, so running it
again (or on several beat hosts) records and sends nothing more. Delivery is the outbox's job.
"""

from __future__ import annotations

import logging

from celery import shared_task

from django.conf import settings
from django.utils import timezone

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="sessions.reminders_send")
def session_reminders_send_task() -> int:
    hours = getattr(settings, "SAMTALSRUM_REMINDER_HOURS", 24)
    recorded = 0
    for session_id, _employee_ids in services.reminders_due(now=timezone.now(), hours=hours):
        recorded += services.session_reminders_send(session_id=session_id)
    logger.info("Session reminders: %s messages in the outbox.", recorded)
    return recorded


@shared_task(name="sessions.invitations_send", acks_late=True)
def session_invitations_send_task(session_ids: list[int]) -> int:
    # Each session in its own transaction: a failure halfway keeps what was recorded, and the
    # retry (or the flush) records only the rest.
    return sum(services.session_invitations_send(session_id=session_id) for session_id in session_ids)


@shared_task(name="sessions.invitations_flush")
def session_invitations_flush_task() -> int:
    recorded = 0
    for session_id in services.sessions_with_invitations_pending():
        recorded += services.session_invitations_send(session_id=session_id)
    if recorded:
        logger.info("Session invitations: %s messages in the outbox from the flush.", recorded)
    return recorded
