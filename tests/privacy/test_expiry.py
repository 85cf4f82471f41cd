"""Shorter lives for the riskiest data, and the commands that run them."""

import datetime
import io

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from cms.models import OutboxMessage, PageFeedback
from cms.services import outbox_bodies_erase, page_feedback_expire
from surveys.models import Response, SurveyInvitation
from surveys.privacy import survey_drafts_expire, survey_pairing_destroy
from tests.factories import EmployeeFactory
from tests.sessions.factories import programme_with_tracks
from tests.surveys.factories import (
    SurveyInvitationFactory,
    SurveyRoundFactory,
    survey_with_questions,
)
from tests.surveys.helpers import answer, close

pytestmark = pytest.mark.django_db


@override_settings(SAMTALSRUM_OUTBOX_BODY_DAYS=30)
def test_outbox_bodies_go_after_the_set_days_and_who_what_when_stays():
    now = timezone.now()
    old = OutboxMessage.objects.create(kind="session_invite", dedupe_key="a", to_email="a@example.se", subject="Inbjudan",
                                       body_text="Hej Anna, din länk", attachments=[{"filename": "samtal.ics"}],
                                       status="sent", sent_at=now - datetime.timedelta(days=31))
    recent = OutboxMessage.objects.create(kind="session_invite", dedupe_key="b", to_email="b@example.se",
                                          subject="Inbjudan", body_text="Hej Bo", status="sent",
                                          sent_at=now - datetime.timedelta(days=29))
    pending = OutboxMessage.objects.create(kind="x", dedupe_key="c", to_email="c@example.se", subject="s",
                                           body_text="Väntar", status="pending")
    assert outbox_bodies_erase(dry_run=True) == 1
    assert OutboxMessage.objects.get(pk=old.pk).body_text
    assert outbox_bodies_erase() == 1
    old.refresh_from_db()
    assert (old.body_text, old.attachments, old.to_email, old.kind) == ("", [], "a@example.se", "session_invite")
    assert old.sent_at and old.body_erased_at
    assert OutboxMessage.objects.get(pk=recent.pk).body_text == "Hej Bo"
    assert OutboxMessage.objects.get(pk=pending.pk).body_text == "Väntar"
    assert outbox_bodies_erase() == 0


@override_settings(SAMTALSRUM_FEEDBACK_DAYS=90)
def test_page_feedback_expires():
    from cms.services import site_home_ensure

    page = site_home_ensure()  # a transactional test before may have flushed the pages
    old = PageFeedback.objects.create(page=page, comment="gammal")
    PageFeedback.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=91))
    PageFeedback.objects.create(page=page, comment="ny")
    assert page_feedback_expire() == 1
    assert list(PageFeedback.objects.values_list("comment", flat=True)) == ["ny"]


@override_settings(SAMTALSRUM_LINK_MAX_AGE_DAYS=60)
def test_survey_drafts_go_when_the_link_expires_or_the_round_closes(workplace, organisation):
    programme, *_rest = programme_with_tracks(organisations=[organisation])
    survey_round = SurveyRoundFactory(survey=survey_with_questions(programme=programme), workplaces=[workplace])
    today = timezone.localdate()
    expired = SurveyInvitationFactory(round=survey_round, draft={"q_1": ["x"]}, draft_owner="o",
                                      sent_on=today - datetime.timedelta(days=61))
    reminded = SurveyInvitationFactory(round=survey_round, draft={"q_1": ["y"]}, draft_owner="o",
                                       sent_on=today - datetime.timedelta(days=61),
                                       last_reminded_on=today - datetime.timedelta(days=10))
    fresh = SurveyInvitationFactory(round=survey_round, draft={"q_1": ["z"]}, draft_owner="o",
                                    sent_on=today - datetime.timedelta(days=59))
    assert survey_drafts_expire() == 1
    assert SurveyInvitation.objects.get(pk=expired.pk).draft is None
    assert SurveyInvitation.objects.get(pk=reminded.pk).draft and SurveyInvitation.objects.get(pk=fresh.pk).draft
    close(survey_round)
    assert survey_drafts_expire() == 2


def test_destroying_the_pairing_keys_unpairs_before_and_after_for_good(workplace, organisation):
    programme, *_rest = programme_with_tracks(organisations=[organisation])
    before = SurveyRoundFactory(survey=survey_with_questions(programme=programme), workplaces=[workplace])
    after = SurveyRoundFactory(survey=survey_with_questions(programme=programme, title="Efter"), phase="after",
                               workplaces=[workplace])
    people = [EmployeeFactory(workplace=workplace) for _ in range(3)]
    for person in people:
        answer(before, person, tillhorighet=3)
        answer(after, person, tillhorighet=4)

    def pairs():
        keys = list(Response.objects.values_list("respondent_key", flat=True))
        return len(keys) - len(set(keys))

    assert pairs() == 3
    with pytest.raises(ValueError):
        survey_pairing_destroy(programme=programme)  # rounds still open
    assert pairs() == 3
    close(before, after)
    out = io.StringIO()
    call_command("personal_data", "destroy_pairing", "--programme", programme.name, "--dry-run", stdout=out)
    assert "6" in out.getvalue() and pairs() == 3
    call_command("personal_data", "destroy_pairing", "--programme", programme.name, "--yes", stdout=out)
    assert pairs() == 0 and Response.objects.count() == 6
    keys = set(Response.objects.values_list("respondent_key", flat=True))
    assert survey_pairing_destroy(programme=programme) == 0  # a second run changes nothing
    assert set(Response.objects.values_list("respondent_key", flat=True)) == keys


def test_commands_export_erase_and_purge(person):
    out = io.StringIO()
    call_command("personal_data", "export", "--organisation", "avesta", "--employee", "ZQ4711", stdout=out)
    assert '"employee_number": "ZQ4711"' in out.getvalue()
    with pytest.raises(CommandError):
        call_command("personal_data", "export", "--organisation", "orsa", "--employee", "ZQ4711", stdout=out)
    call_command("personal_data", "purge", "--dry-run", stdout=out)
    assert "Would anonymise 0 employees" in out.getvalue()
    call_command("personal_data", "erase", "--organisation", "avesta", "--employee", "ZQ4711", "--yes", stdout=out)
    assert "restrict:" in out.getvalue()
    person.employee.refresh_from_db()
    assert person.employee.restricted_at is not None
