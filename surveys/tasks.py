"""Survey background work: inviting everyone when a round opens, and reminding those who have
not answered. Both run from Celery beat; both are idempotent (every e-mail has a dedupe key in
the outbox, and invitations are unique per round and employee), so a retried or doubled run
sends nothing twice.
"""

from __future__ import annotations

import logging

from celery import shared_task

from django.utils import timezone

from .models import SurveyRound
from .services import survey_reminders_send, survey_round_invite

logger = logging.getLogger(__name__)


@shared_task(name="surveys.tasks.survey_round_invite_task")
def survey_round_invite_task(round_id: int) -> int:
    survey_round = SurveyRound.objects.filter(pk=round_id).first()
    if survey_round is None:
        logger.warning("Survey round %s no longer exists; nothing to invite.", round_id)
        return 0
    return survey_round_invite(survey_round=survey_round)


@shared_task(name="surveys.tasks.survey_rounds_open_task")
def survey_rounds_open_task() -> int:
    """Invite the employees of every round that has opened and not yet sent its invitations."""
    today = timezone.localdate()
    count = 0
    for round_id in SurveyRound.objects.filter(
        opens_on__lte=today, closes_on__gte=today, invitations_sent_on__isnull=True
    ).values_list("id", flat=True):
        count += survey_round_invite_task(round_id)
    return count


@shared_task(name="surveys.tasks.survey_reminders_send_task")
def survey_reminders_send_task() -> int:
    """Remind, through the outbox, everyone who has not answered an open round."""
    return survey_reminders_send()


@shared_task(name="surveys.tasks.survey_drafts_expire_task")
def survey_drafts_expire_task() -> int:
    """Erase drafts whose link has expired or whose round has closed (docs/privacy.md)."""
    from .privacy import survey_drafts_expire

    return survey_drafts_expire()


@shared_task(name="surveys.tasks.survey_results_warm_task")
def survey_results_warm_task() -> int:
    """Released survey figures computed ahead of the first reader (surveys/results.py)."""
    from .results import released_results_warm

    return released_results_warm()
