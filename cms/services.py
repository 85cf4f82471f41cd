"""Writes for the content app."""

from __future__ import annotations

from django.db import transaction

from wagtail.models import Page

from .models import PageFeedback


@transaction.atomic
def page_feedback_submit(*, page: Page, rating: str, comment: str, language: str = "") -> PageFeedback:
    """Store one anonymous comment on ``page``; nothing identifying the reader is kept."""
    return PageFeedback.objects.create(
        page=page, rating=rating or "", comment=(comment or "").strip(), language=language[:8]
    )
