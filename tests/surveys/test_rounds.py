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


def test_qr_page_is_one_code_for_the_room_naming_no_one(client, before_round, staff, process_leader, workplace, other_workplace):
    survey_round_invite(survey_round=before_round)
    client.force_login(process_leader)
    response = client.get(reverse("surveys:round_qr", kwargs={"round_id": before_round.pk, "workplace_id": workplace.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('role="img"') == 1
    assert f"/sv/enkater/delta/?omgang={before_round.pk}" in html
    assert "/enkater/svar/" not in html
    for employee in staff:
        assert employee.full_name not in html
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


def test_employee_landing_lists_open_survey_with_own_link(client, before_round, workplace):
    from tests.factories import UserFactory
    from tests.surveys.factories import SurveyInvitationFactory

    employee = EmployeeFactory(workplace=workplace)
    user = UserFactory(employee=employee)
    SurveyInvitationFactory(round=before_round, employee=employee)
    client.force_login(user)
    html = client.get(reverse("cms:landing")).content.decode()
    assert "Enkät att svara på" in html and "/sv/enkater/svar/" in html


def test_drafts_of_closed_rounds_are_deleted(before_round, workplace):
    from tests.surveys.factories import SurveyInvitationFactory

    invitation = SurveyInvitationFactory(round=before_round, employee=EmployeeFactory(workplace=workplace), draft={"q_1": ["3"]})
    survey_reminders_send(today=before_round.closes_on + datetime.timedelta(days=1))
    invitation.refresh_from_db()
    assert invitation.draft is None


def test_round_dates_follow_the_workplace_sessions(workplace, other_workplace):
    from courses.models import TrackKind
    from surveys.services import round_dates_suggest
    from tests.factories import ModuleFactory, TrackFactory
    from tests.sessions.factories import SessionFactory, at

    module = ModuleFactory(track=TrackFactory(kind=TrackKind.WORKPLACE))
    SessionFactory(workplace=workplace, module=module, starts_at=at(10))
    SessionFactory(workplace=workplace, module=module, starts_at=at(24))
    SessionFactory(workplace=workplace, module=module, starts_at=at(30), status="cancelled")
    assert round_dates_suggest(workplace_ids=[workplace.pk], phase="before") == (
        datetime.date(2026, 2, 24), datetime.date(2026, 3, 9))
    assert round_dates_suggest(workplace_ids=[workplace.pk], phase="after") == (
        datetime.date(2026, 3, 24), datetime.date(2026, 4, 7))
    assert round_dates_suggest(workplace_ids=[other_workplace.pk], phase="before") is None
