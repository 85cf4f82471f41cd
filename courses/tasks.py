"""Personal data after the retention date: the nightly purge (Celery beat) anonymises the
people of every programme whose retention date has passed. Idempotent: a second run finds
nobody left (docs/privacy.md)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="courses.personal_data_purge_task")
def personal_data_purge_task() -> int:
    from .personal_data import personal_data_purge

    return personal_data_purge().changed
