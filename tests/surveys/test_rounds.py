"""Invitations and reminders through the outbox (never twice), and the QR page."""

import datetime

import pytest

from django.core import mail
from django.urls import reverse

from cms.models import OutboxMessage
from surveys.models import SurveyInvitation
from surveys.services import survey_reminders_send, survey_round_invite
from surveys.tasks import survey_reminders_send_task, survey_rounds_open_task
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(workplace, other_workplace):
    return [EmployeeFactory(workplace=workplace) for _ in range(3)] + [EmployeeFactory(workplace=other_workplace)]


def test_invite_creates_one_invitation_each_and_mails_a_personal_link(before_round, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert survey_round_invite(survey_round=before_round, today=datetime.date(2026, 2, 1)) == 4
    assert SurveyInvitation.objects.filter(round=before_round).count() == 4
    assert OutboxMessage.objects.filter(kind="survey_invitation").count() == 4
    assert len(mail.outbox) == 4
    assert "/sv/enkater/svar/" in mail.outbox[0].body
    # Running again (a retried task) invites nobody new and sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert survey_round_invite(survey_round=before_round) == 0
    assert len(mail.outbox) == 4


def test_reminders_only_to_those_who_have_not_answered_and_never_twice(before_round, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        survey_round_invite(survey_round=before_round, today=datetime.date(2026, 2, 1))
    invitation = SurveyInvitation.objects.filter(round=before_round).first()
    from surveys.services import survey_response_submit

    survey_response_submit(invitation_id=invitation.pk, answers={})
    mail.outbox.clear()
    day = datetime.date(2026, 2, 9)
    with django_capture_on_commit_callbacks(execute=True):
        assert survey_reminders_send(today=day) == 3
        assert survey_reminders_send(today=day) == 0  # same day again: nothing
    assert len(mail.outbox) == 3
    assert invitation.employee.email not in [m.to[0] for m in mail.outbox]
    assert mail.outbox[0].subject.startswith("Påminnelse")
    with django_capture_on_commit_callbacks(execute=True):
        assert survey_reminders_send(today=day + datetime.timedelta(days=7)) == 3
        assert survey_reminders_send(today=day + datetime.timedelta(days=14)) == 0  # max 2 reminders
    assert OutboxMessage.objects.filter(kind="survey_reminder").count() == 6


def test_beat_tasks_run(before_round, staff):
    assert survey_rounds_open_task() == 4
    assert survey_rounds_open_task() == 0
    assert survey_reminders_send_task() == 0


def test_qr_page_for_process_leader_shows_everyone_invited(client, before_round, staff, process_leader, workplace, other_workplace):
    survey_round_invite(survey_round=before_round)
    client.force_login(process_leader)
    response = client.get(reverse("surveys:round_qr", kwargs={"round_id": before_round.pk, "workplace_id": workplace.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    workplace_invited = SurveyInvitation.objects.filter(round=before_round, employee__workplace=workplace).count()
    assert html.count('role="img"') == workplace_invited
    assert staff[3].full_name not in html
    other = reverse("surveys:round_qr", kwargs={"round_id": before_round.pk, "workplace_id": other_workplace.pk})
    assert client.get(other).status_code == 404


def test_only_programme_admin_sends_invitations(client, before_round, manager, programme_admin):
    url = reverse("surveys:round_invite", kwargs={"round_id": before_round.pk})
    client.force_login(manager)
    assert client.post(url).status_code == 403
    client.force_login(programme_admin)
    assert client.post(url).status_code == 302
    assert client.get(reverse("surveys:rounds")).status_code == 200


def test_landing_pages_link_to_surveys(client, programme_admin, manager, process_leader):
    for user, text in ((programme_admin, "Enkätresultat och export"), (manager, "svarsantal och resultat"),
                       (process_leader, "visa QR-koder")):
        client.force_login(user)
        assert text in client.get(reverse("cms:landing")).content.decode()
