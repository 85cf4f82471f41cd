"""The register extract, erasure, restriction and the pages generated from the register."""

import datetime
import json

import pytest

from django.apps import apps
from django.urls import reverse

from cms.models import OutboxMessage
from courses.personal_data import personal_data_erase
from people.links import employee_link_url
from people.models import Employee, Role
from people.privacy_register import Category, personal_fields
from people.selectors import data_subjects_for, employees_for
from sessions.selectors import planner
from sessions.services import session_schedule
from surveys.services.responses import round_employees
from tests.factories import EmployeeFactory, user_with_role
from tests.sessions.factories import at, programme_with_tracks
from tests.surveys.factories import SurveyRoundFactory, survey_with_questions

from .conftest import EMAIL, LAST, NUMBER

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_hr(other_organisation):
    return user_with_role(Role.HR, organisation=other_organisation, email="hr@orsa.se")


def test_privacy_page_and_record_are_generated_from_the_register(client):
    page = client.get(reverse("cms:privacy")).content.decode()
    for category in Category:
        assert str(category.label) in page
    assert "Enkätpseudonym" in page and "anonymiseras" in page
    record = client.get(reverse("cms:processing_record")).content.decode()
    assert "Art. 6.1 c GDPR" in record and "Art. 6.1 e och art. 32 GDPR" in record
    # One row per declared field this database has, under its purpose (PostgreSQL's search
    # index declares columns that SQLite's lacks).
    present = [
        (d, f) for d, f in personal_fields()
        if any(field.name == f.name for field in apps.get_model(d.model)._meta.get_fields())
    ]
    assert len(present) >= len(personal_fields()) - 2
    assert record.count("<td>") == 3 * len(present)


def test_extract_contains_every_declared_category_and_section(person, hr_user, client):
    client.force_login(hr_user)
    response = client.get(reverse("personal_data_extract", args=[person.employee.pk]) + "?format=json")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert set(data["categories"]) == {c.value for c in Category}
    assert all(data["categories"][c.value] for c in Category)
    assert data["employee"]["employee_number"] == NUMBER
    assert data["login"]["email"] == EMAIL and data["roles"][0]["role"] == "Processledare"
    assert data["attendance"][0]["minutes"] == 60 and data["corrections"][0]["minutes"] == -10
    assert data["session_invitations"] and data["outbox_messages"] and data["survey_invitations"]
    assert any(e["action"] == "samtalsrum.links_revoke" for e in data["audit_log"])
    assert "kan inte kopplas till dig" in data["survey_answers"]
    page = client.get(reverse("personal_data_extract", args=[person.employee.pk]))
    assert LAST in page.content.decode() and "Enkätinbjudningar" in page.content.decode()


def test_hr_of_another_organisation_gets_404_on_extract_and_erasure(person, other_hr, client):
    client.force_login(other_hr)
    assert client.get(reverse("personal_data_extract", args=[person.employee.pk])).status_code == 404
    assert client.get(reverse("personal_data_extract", args=[person.employee.pk]) + "?format=json").status_code == 404
    assert client.get(reverse("personal_data_erase", args=[person.employee.pk])).status_code == 404
    assert client.post(reverse("personal_data_erase", args=[person.employee.pk])).status_code == 404
    employee = Employee.objects.get(pk=person.employee.pk)
    assert employee.email == EMAIL and employee.restricted_at is None


def test_a_manager_cannot_erase_either(person, manager, client):
    client.force_login(manager)
    assert client.post(reverse("personal_data_erase", args=[person.employee.pk])).status_code in (302, 403, 404)
    assert Employee.objects.get(pk=person.employee.pk).restricted_at is None


def test_hr_erases_and_the_person_is_restricted(person, hr_user, client):
    client.force_login(hr_user)
    page = client.get(reverse("personal_data_erase", args=[person.employee.pk])).content.decode()
    assert "2030-12-31" in page
    response = client.post(reverse("personal_data_erase", args=[person.employee.pk]))
    assert response.status_code == 302
    employee = Employee.objects.get(pk=person.employee.pk)
    assert employee.restricted_at is not None and employee.email == ""
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(action="samtalsrum.personal_data.erase")
    assert entry.data["mode"] == "restrict" and entry.user_id == hr_user.pk
    assert LAST not in json.dumps(entry.data) and EMAIL not in json.dumps(entry.data) and LAST not in entry.label


def test_employee_gets_their_own_extract_from_min_sida(person, client):
    from django.test import Client

    anonymous = Client()
    assert anonymous.get(reverse("courses:my_data")).status_code == 302
    browser = Client()
    browser.get(employee_link_url(person.employee, reverse("courses:my_data")).split("8000", 1)[-1])
    page = browser.get(reverse("courses:my_data"))
    assert page.status_code == 200 and LAST in page.content.decode()
    data = json.loads(browser.get(reverse("courses:my_data") + "?format=json").content)
    assert data["employee"]["employee_number"] == NUMBER


def test_restricted_person_gets_no_mail_and_is_listed_only_as_evidence(
    organisation, workplace, manager, hr_user, django_capture_on_commit_callbacks
):
    programme, track, _p, modules, _pm = programme_with_tracks(
        organisations=[organisation], retention_until=datetime.date(2030, 12, 31)
    )
    restricted = EmployeeFactory(workplace=workplace, last_name="Begransad")
    from tests.sessions.factories import AttendanceFactory, SessionFactory

    AttendanceFactory(employee=restricted, session=SessionFactory(module=modules[0], workplace=workplace))
    email = restricted.email
    assert personal_data_erase(employee=restricted, erased_by=None)["mode"] == "restrict"
    restricted.refresh_from_db()
    assert restricted not in employees_for(hr_user) and restricted in data_subjects_for(hr_user)
    _modules, rows = planner(workplace, track)
    assert restricted.pk not in {row.employee.pk for row in rows}
    survey_round = SurveyRoundFactory(survey=survey_with_questions(programme=programme), workplaces=[workplace])
    assert restricted not in list(round_employees(survey_round))
    with django_capture_on_commit_callbacks(execute=True):
        session_schedule(workplace=workplace, module=modules[1], starts_at=at(20), ends_at=at(20, 10),
                         place="Rummet", invitees=[restricted], scheduled_by=manager, confirm_warnings=True)
    assert not OutboxMessage.objects.filter(to_email=email).exists()
    assert not OutboxMessage.objects.filter(body_text__contains="Begransad").exists()
    # The hours report (evidence) still counts them.
    from sessions.selectors import hours_report

    assert restricted.pk in set(hours_report(hr_user, programme=programme).values_list("pk", flat=True))
