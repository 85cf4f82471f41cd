"""Background work of the API: deleting old records of token use (Celery beat, daily)."""

from __future__ import annotations

import datetime

from celery import shared_task

from django.conf import settings

from .services import api_token_uses_purge


@shared_task(name="api.api_token_uses_purge_task")
def api_token_uses_purge_task() -> int:
    """Delete uses older than ``SAMTALSRUM_API_LOG_DAYS``; idempotent."""
    return api_token_uses_purge(older_than=datetime.timedelta(days=settings.SAMTALSRUM_API_LOG_DAYS))
