"""An employee answers a survey on a phone from their link; the results page passes axe."""

import pytest

from django.utils import translation

from surveys.links import answer_path
from surveys.models import Response
from tests.e2e.conftest import PHONE
from tests.factories import EmployeeFactory
from tests.surveys.factories import SurveyInvitationFactory
from tests.surveys.helpers import answer, close, people

pytestmark = pytest.mark.django_db(transaction=True)


def _rounds(workplace, other_workplace):
    import datetime

    from surveys.models import Phase, SurveyKind
    from tests.factories import ProgrammeFactory
    from tests.surveys.factories import SurveyRoundFactory, survey_with_questions

    programme = ProgrammeFactory(name="Vilka är vi?")
    rounds = []
    for kind, phase, wording in ((SurveyKind.BEFORE, Phase.BEFORE, ""), (SurveyKind.AFTER, Phase.AFTER, " numera")):
        survey = survey_with_questions(programme=programme, kind=kind, wording=wording, title=f"Enkät {phase}")
        rounds.append(SurveyRoundFactory(survey=survey, programme=programme, phase=phase, name=str(phase),
                                         opens_on=datetime.date(2026, 1, 1), workplaces=[workplace, other_workplace]))
    return programme, rounds


def test_employee_answers_on_a_phone(page, live_server, site_home, workplace, other_workplace, axe_check):
    programme, (before_round, _after) = _rounds(workplace, other_workplace)
    invitation = SurveyInvitationFactory(round=before_round, employee=EmployeeFactory(workplace=workplace))
    with translation.override("sv"):
        url = live_server.url + answer_path(invitation, language="sv")
    page.set_viewport_size(PHONE)
    page.goto(url)
    assert page.get_by_role("heading", level=1).inner_text() == "Enkät before"
    axe_check(page, "survey at 360 px")
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # Submitting without the required answers: errors tied to their questions.
    page.get_by_role("button", name="Skicka svaren").click()
    assert page.get_by_role("alert").is_visible()
    assert page.locator("fieldset[aria-describedby]").count() == 2
    axe_check(page, "survey with errors at 360 px")

    page.get_by_role("group", name="Jag känner att jag hör till").get_by_label("Instämmer helt").check()
    page.get_by_role("group", name="Hur trygg").get_by_label("7", exact=True).check()
    page.get_by_label("Religion").check()
    page.get_by_role("group", name="Något mer du vill säga?").get_by_role("textbox").fill("Bra samtal")
    page.wait_for_timeout(1200)  # the draft is saved in the background
    assert "av 5 frågor" in page.locator("[data-progress-text]").inner_text()
    page.get_by_role("button", name="Skicka svaren").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tack för dina svar"
    axe_check(page, "thanks page at 360 px")
    stored = Response.objects.get()
    assert stored.answers.count() == 4

    page.goto(url)
    assert page.get_by_role("heading", level=1).inner_text() == "Du har redan svarat"


def test_results_page_passes_axe(page, live_server, site_home, workplace, other_workplace, login, axe_check):
    from people.models import Role
    from tests.factories import user_with_role

    programme, (before_round, after_round) = _rounds(workplace, other_workplace)
    for employee, (b, a) in zip(people(workplace, 7), [(2, 4), (3, 4), (3, 3), (1, 3), (4, 5), (2, 2), (3, 5)], strict=True):
        answer(before_round, employee, tillhorighet=b, trygghet=4, roll=1, amnen=[1, 2], tankar="Före")
        answer(after_round, employee, tillhorighet=a, trygghet=7, roll=2, amnen=[3], tankar="Efter")
    close(before_round, after_round)
    admin = user_with_role(Role.PROGRAMME_ADMIN, email="admin@example.se")
    login(page, admin)
    page.goto(live_server.url + f"/sv/enkater/resultat/{programme.pk}/?grupp=ap-{workplace.pk}")
    assert page.get_by_role("img", name="Förändring från före till efter").is_visible()
    page.get_by_text("Visa siffrorna som tabell").first.click()
    axe_check(page, "results page")
    page.set_viewport_size(PHONE)
    axe_check(page, "results page at 360 px")


def test_letter_code_and_qr_pages_on_a_phone(page, live_server, site_home, workplace, other_workplace, login, axe_check):
    """HR prints a letter; the employee scans the room's QR code, types the code on a phone and
    gets their own form. Every page passes axe at 360 px."""
    import re

    from people.models import Role
    from tests.factories import user_with_role

    _programme, (before_round, _after) = _rounds(workplace, other_workplace)
    EmployeeFactory(workplace=workplace, email="", first_name="Sirkka")
    hr = user_with_role(Role.HR, organisation=workplace.organisation, email="hr@example.se")
    leader = user_with_role(Role.PROCESS_LEADER, workplace=workplace, email="ledare@example.se")
    login(page, hr)
    page.goto(live_server.url + f"/sv/enkater/omgangar/{before_round.pk}/brev/")
    axe_check(page, "letters: choose a workplace")
    page.get_by_role("button", name="Skapa brev att skriva ut").click()
    axe_check(page, "letters to print")
    code = page.locator(".letter__code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{3}-[0-9A-Z]{3}", code)

    page.context.clear_cookies()
    login(page, leader)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + f"/sv/enkater/omgangar/{before_round.pk}/qr/{workplace.pk}/")
    axe_check(page, "QR page at 360 px")
    target = page.locator(".qr-single figcaption a").get_attribute("href")

    phone = page.context.browser.new_context(viewport=PHONE).new_page()
    phone.goto(live_server.url + target.split("8000", 1)[-1])
    axe_check(phone, "answer the survey page at 360 px")
    phone.get_by_label("Koden i ditt brev").fill(code.lower())
    phone.get_by_role("button", name="Öppna enkäten").click()
    assert phone.get_by_role("heading", level=1).inner_text() == "Enkät before"
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
