"""The ways in that only the employee holds: the non-personal page behind the QR code, letters
with one-time codes, and drafts that stay in the browser that saved them."""

import re

import pytest

from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from wagtail.models import ModelLogEntry

from surveys.links import answer_path, letter_code_digest
from surveys.models import Response, SurveyInvitation
from tests.factories import EmployeeFactory
from tests.surveys.factories import SurveyInvitationFactory

pytestmark = pytest.mark.django_db

PARTICIPATE = "/sv/enkater/delta/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _questions(survey_round):
    return {q.theme_key: q.pk for q in survey_round.survey.questions.all()}


# --- the page behind the QR code -------------------------------------------------------------


def test_link_request_mails_only_the_owner_and_answers_the_same_for_unknown_addresses(
    client, before_round, workplace, django_capture_on_commit_callbacks
):
    employee = EmployeeFactory(workplace=workplace, email="amina@example.se")
    invitation = SurveyInvitationFactory(round=before_round, employee=employee)
    pages = {}
    for address in ("Amina@Example.se", "nobody@example.se"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(PARTICIPATE + f"?omgang={before_round.pk}", {"email": address, "action": "link"})
        assert response.status_code == 200
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
        pages[address] = html
    assert pages["Amina@Example.se"] == pages["nobody@example.se"]  # no way to tell who exists
    assert "Om adressen hör till någon som är inbjuden" in pages["nobody@example.se"]
    assert [m.to for m in mail.outbox] == [["amina@example.se"]]
    link = re.search(r"http://\S+/enkater/svar/\S+/", mail.outbox[0].body).group(0)
    assert Client().get(link.split("8000", 1)[1]).status_code == 200
    invitation.refresh_from_db()
    assert not invitation.responded


def test_link_request_is_rate_limited_and_a_flood_sends_little(client, before_round, workplace, django_capture_on_commit_callbacks):
    employee = EmployeeFactory(workplace=workplace, email="amina@example.se")
    SurveyInvitationFactory(round=before_round, employee=employee)
    statuses = []
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(12):
            statuses.append(client.post(PARTICIPATE, {"email": "amina@example.se", "action": "link"}).status_code)
    assert statuses[:10] == [200] * 10 and statuses[10:] == [429, 429]
    assert len(mail.outbox) == 1  # one per ten minutes per invitation, however often asked
    assert "Vänta en stund" in client.post(PARTICIPATE, {"email": "x@example.se", "action": "link"}).content.decode()


def test_participate_page_shows_nothing_personal(client, before_round, workplace):
    SurveyInvitationFactory(round=before_round, employee=EmployeeFactory(workplace=workplace, first_name="Amina"))
    html = client.get(PARTICIPATE + f"?omgang={before_round.pk}").content.decode()
    assert "Före" in html and "Amina" not in html and "/enkater/svar/" not in html and "data-survey-form" not in html
    assert client.get(PARTICIPATE + "?omgang=99999999999999999999").status_code == 200


# --- letters with codes ------------------------------------------------------------------------


def _letters(client, survey_round, workplace, **extra):
    return client.post(reverse("surveys:round_letters", kwargs={"round_id": survey_round.pk}),
                       {"workplace": workplace.pk, **extra})


def test_hr_prints_letters_for_those_without_email_and_the_code_opens_the_form_once(
    client, before_round, workplace, hr_user
):
    without = EmployeeFactory(workplace=workplace, email="", first_name="Sirkka")
    with_email = EmployeeFactory(workplace=workplace, first_name="Amina")
    client.force_login(hr_user)
    assert client.get(reverse("surveys:round_letters", kwargs={"round_id": before_round.pk})).status_code == 200
    response = _letters(client, before_round, workplace)
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Sirkka" in html and "Amina" not in html and html.count('class="letter"') == 1
    code = re.search(r'<p class="letter__code"[^>]*>([^<]+)</p>', html).group(1)
    invitation = SurveyInvitation.objects.get(employee=without)
    assert invitation.letter_code_hash == letter_code_digest(code) and code not in str(invitation.__dict__)
    assert ModelLogEntry.objects.filter(action="samtalsrum.survey_letters").count() == 1
    assert not SurveyInvitation.objects.get(employee=with_email).letter_code_hash

    employee_phone = Client()
    response = employee_phone.post(PARTICIPATE, {"code": code.lower().replace("-", " "), "action": "code"})
    assert response.status_code == 302
    form_page = employee_phone.get(response["Location"]).content.decode()
    assert "data-survey-form" in form_page
    # Someone else (who saw the letter) tries the code: refused, and told it was used.
    snooper = Client()
    html = snooper.post(PARTICIPATE, {"code": code, "action": "code"}).content.decode()
    assert "Koden har redan använts" in html and "data-survey-form" not in html
    assert snooper.get(response["Location"]).status_code == 404
    # The employee's own browser answers.
    q = _questions(before_round)
    done = employee_phone.post(response["Location"], {f"q_{q['tillhorighet']}": "4", f"q_{q['trygghet']}": "6", "action": "submit"})
    assert done.status_code == 302 and Response.objects.count() == 1


def test_a_code_used_by_someone_else_first_is_visible_to_the_employee(client, before_round, workplace, hr_user):
    EmployeeFactory(workplace=workplace, email="")
    client.force_login(hr_user)
    code = re.search(r'<p class="letter__code"[^>]*>([^<]+)</p>', _letters(client, before_round, workplace).content.decode()).group(1)
    assert Client().post(PARTICIPATE, {"code": code, "action": "code"}).status_code == 302  # the misuser
    html = Client().post(PARTICIPATE, {"code": code, "action": "code"}).content.decode()  # the employee, later
    assert "Koden har redan använts" in html and "kontakta HR" in html


def test_wrong_codes_get_one_message_and_are_rate_limited(client, before_round):
    statuses = [client.post(PARTICIPATE, {"code": f"AAAA-BBB-CC{i}", "action": "code"}).status_code for i in range(11)]
    assert statuses[:10] == [400] * 10 and statuses[10] == 429
    cache.clear()
    assert "Koden stämmer inte" in client.post(PARTICIPATE, {"code": "nej", "action": "code"}).content.decode()


def test_new_letters_replace_old_codes(client, before_round, workplace, hr_user):
    EmployeeFactory(workplace=workplace, email="")
    client.force_login(hr_user)
    first = re.search(r'letter__code"[^>]*>([^<]+)<', _letters(client, before_round, workplace).content.decode()).group(1)
    second = re.search(r'letter__code"[^>]*>([^<]+)<', _letters(client, before_round, workplace).content.decode()).group(1)
    assert first != second
    assert "Koden stämmer inte" in Client().post(PARTICIPATE, {"code": first, "action": "code"}).content.decode()
    assert Client().post(PARTICIPATE, {"code": second, "action": "code"}).status_code == 302


def test_letters_are_for_hr_of_the_organisation_and_programme_admins_only(
    client, before_round, workplace, other_workplace, manager, process_leader, programme_admin
):
    from people.models import Role
    from tests.factories import user_with_role

    EmployeeFactory(workplace=workplace, email="")
    other_hr = user_with_role(Role.HR, organisation=other_workplace.organisation, email="hr2@example.se")
    url = reverse("surveys:round_letters", kwargs={"round_id": before_round.pk})
    for user in (manager, process_leader):
        client.force_login(user)
        assert client.get(url).status_code == 404 and _letters(client, before_round, workplace).status_code == 404
    client.force_login(other_hr)
    assert _letters(client, before_round, workplace).status_code == 404
    assert not SurveyInvitation.objects.exclude(letter_code_hash="").exists()
    client.force_login(programme_admin)
    assert _letters(client, before_round, workplace).status_code == 200


# --- drafts stay where they were saved ---------------------------------------------------------


def test_a_second_opener_of_a_link_never_sees_the_draft(before_round, workplace):
    invitation = SurveyInvitationFactory(round=before_round, employee=EmployeeFactory(workplace=workplace))
    url = answer_path(invitation, language="sv")
    q = _questions(before_round)
    owner, other = Client(), Client()
    owner.get(url)
    assert owner.post(url, {f"q_{q['tankar']}": "Hemligt utkast", f"q_{q['roll']}": "2", "action": "save"}).status_code == 200
    assert "Hemligt utkast" in owner.get(url).content.decode()
    html = other.get(url).content.decode()
    assert "Hemligt utkast" not in html and 'value="2" checked' not in html
    assert "Det finns ett sparat utkast från en annan webbläsare" in html
    # The autosave endpoint of the other browser does not hand the draft out either.
    draft_url = reverse("surveys:answer_draft", kwargs={"token": url.split("/svar/")[1].strip("/")})
    assert other.post(draft_url, {f"q_{q['tankar']}": "Annat"}).content == b""
    assert "Hemligt utkast" not in owner.get(url).content.decode()  # the newer save wins, nothing is merged


@pytest.mark.parametrize("value", ["1.5", "abc", "-1", "", "99999999999999999999999", "１"])
def test_letters_for_a_workplace_that_is_not_a_number_are_not_found(client, before_round, workplace, hr_user, value):
    from surveys.models import SurveyInvitation

    EmployeeFactory(workplace=workplace, email="")
    client.force_login(hr_user)
    url = reverse("surveys:round_letters", kwargs={"round_id": before_round.pk})
    assert client.post(url, {"workplace": value}).status_code == 404
    assert not SurveyInvitation.objects.filter(round=before_round).exclude(letter_code_hash="").exists()
