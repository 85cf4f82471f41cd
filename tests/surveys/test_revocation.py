"""Revoking and reissuing a person's links (a lost phone): HR of their organisation or a
programme admin; old links answer 410 with a clear page; nobody else can; audit-logged.
Expiry of both kinds of link at the boundary."""

import datetime
import re
import time

import pytest

from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from wagtail.models import ModelLogEntry

from people.links import employee_link_url
from people.models import Employee, Role
from people.services import user_groups_sync
from surveys.links import answer_path
from surveys.models import SurveyInvitation
from tests.factories import EmployeeFactory, user_with_role
from tests.surveys.factories import SurveyInvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(workplace, before_round):
    employee = EmployeeFactory(workplace=workplace, first_name="Amina", email="amina@example.se")
    SurveyInvitationFactory(round=before_round, employee=employee, draft={"q_1": ["Hemligt"]})
    return employee


def _url(employee):
    return reverse("surveys_links_reissue", args=[employee.pk])


def _admin(client, user):
    user_groups_sync(user=user)
    client.force_login(user)


def _path(url):
    return url.split("8000", 1)[1]


def test_hr_revokes_and_reissues_both_links(client, person, hr_user, django_capture_on_commit_callbacks):
    invitation = SurveyInvitation.objects.get(employee=person)
    old_survey = answer_path(invitation, language="sv")
    old_employee = _path(employee_link_url(person))
    phone = Client()  # the lost phone: had opened both links
    assert phone.get(old_employee).status_code == 302 and phone.get(reverse("cms:landing")).status_code == 200

    _admin(client, hr_user)
    listing = client.get(reverse("employee:index")).content.decode()
    assert _url(person) in listing
    page = client.get(_url(person))
    assert page.status_code == 200 and "amina@example.se" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(person))
    assert response.status_code == 302

    response = Client().get(old_survey)
    assert response.status_code == 410 and "Länken har ersatts" in response.content.decode()
    response = Client().get(old_employee)
    assert response.status_code == 410 and "spärrats och ersatts" in response.content.decode()
    assert phone.get(reverse("cms:landing")).status_code == 302  # the phone's session has ended
    invitation.refresh_from_db()
    assert invitation.draft is None

    assert sorted(m.to[0] for m in mail.outbox) == ["amina@example.se", "amina@example.se"]
    links = [_path(u) for m in mail.outbox for u in re.findall(r"http://\S+", m.body)]
    assert any("/enkater/svar/" in u for u in links) and any("/lank/" in u for u in links)
    for link in links:
        assert Client().get(link).status_code in (200, 302)
    entry = ModelLogEntry.objects.get(action="samtalsrum.links_revoke")
    assert entry.user_id == hr_user.pk and entry.object_id == str(person.pk) and entry.data["survey_links"] == 1


def test_hr_of_another_organisation_gets_404_and_nothing_changes(client, person, other_workplace, manager, process_leader):
    other_hr = user_with_role(Role.HR, organisation=other_workplace.organisation, email="hr2@example.se")
    invitation = SurveyInvitation.objects.get(employee=person)
    nonce, version = invitation.nonce, person.link_version
    _admin(client, other_hr)
    assert client.get(_url(person)).status_code == 404
    assert client.post(_url(person)).status_code == 404
    assert _url(person) not in client.get(reverse("employee:index")).content.decode()
    for user in (manager, process_leader):  # no admin at all: sent to the login page
        _admin(client, user)
        assert client.post(_url(person)).status_code in (302, 403, 404)
    invitation.refresh_from_db()
    assert invitation.nonce == nonce and Employee.objects.get(pk=person.pk).link_version == version
    assert not mail.outbox and not ModelLogEntry.objects.filter(action="samtalsrum.links_revoke").exists()


def test_programme_admin_reissues_for_someone_without_email(client, workplace, before_round, programme_admin):
    employee = EmployeeFactory(workplace=workplace, email="")
    invitation = SurveyInvitationFactory(round=before_round, employee=employee, letter_code_hash="x" * 64)
    _admin(client, programme_admin)
    response = client.post(_url(employee), follow=True)
    assert "skriv ut ett nytt brev" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.letter_code_hash == "" and not mail.outbox


def _made(monkeypatch, age, make):
    made_at = time.time() - age.total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: made_at)
    try:
        return make()
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize(("age", "status"), [
    (datetime.timedelta(days=60) - datetime.timedelta(seconds=5), 302),
    (datetime.timedelta(days=60) + datetime.timedelta(seconds=5), 410),
])
def test_employee_link_expiry_at_the_boundary(client, workplace, settings, monkeypatch, age, status):
    settings.SAMTALSRUM_LINK_MAX_AGE_DAYS = 60
    employee = EmployeeFactory(workplace=workplace)
    url = _made(monkeypatch, age, lambda: _path(employee_link_url(employee)))
    response = client.get(url)
    assert response.status_code == status
    if status == 410:
        assert "Länken har gått ut" in response.content.decode()
