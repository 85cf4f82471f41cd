"""Periodic work for sessions.

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
