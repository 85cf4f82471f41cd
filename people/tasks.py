"""Background work for people: keeping the admin's search index in step after an HR import,
deleting uploaded HR files that were previewed but never imported, and deleting what an import
recorded for its undo once the undo window has passed.

The import writes with bulk operations, which send no save signals, so the employees it
created or renamed are indexed once the import has committed. Running it twice does no harm:
indexing replaces an employee's entry, and an employee no longer there is skipped.
"""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)

INDEX_CHUNK_SIZE = 1000


@shared_task(name="people.employees_search_index_task")
def employees_search_index_task(employee_ids: list[int]) -> int:
    """Index the given employees for the admin's search; returns how many were indexed."""
    from wagtail.search.backends import get_search_backends

    from .models import Employee

    indexed = 0
    backends = list(get_search_backends(with_auto_update=True))
    for start in range(0, len(employee_ids), INDEX_CHUNK_SIZE):
        chunk = list(Employee.objects.filter(pk__in=employee_ids[start : start + INDEX_CHUNK_SIZE]))
        for backend in backends:
            backend.add_bulk(Employee, chunk)
        indexed += len(chunk)
    logger.info("Indexed %s of %s employees after an HR import", indexed, len(employee_ids))
    return indexed


@shared_task(name="people.employee_import_previews_purge_task")
def employee_import_previews_purge_task() -> int:
    """Delete HR uploads left at the preview step for more than two days (idempotent)."""
    from .services import employee_import_previews_purge

    return employee_import_previews_purge()


@shared_task(name="people.employee_import_changes_purge_task")
def employee_import_changes_purge_task() -> int:
    """Delete the before-images kept for undoing imports whose undo window has passed
    (idempotent)."""
    from .services import employee_import_changes_purge

    return employee_import_changes_purge()
