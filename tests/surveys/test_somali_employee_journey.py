"""An employee whose preferred language is Somali gets the invitation, the survey and the
workplace material in Somali, and can switch to Swedish at any point (the whole journey)."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

import pytest

from django.core import mail
from django.test import Client
from django.utils import timezone

from sessions import services as session_services
from surveys.services.responses import survey_round_invite
from tests.cms.factories import content_tree
from tests.factories import EmployeeFactory
from tests.languages import every_language_served, every_locale  # noqa: F401 - fixtures
from tests.sessions.factories import programme_with_tracks
from tests.surveys.factories import SurveyRoundFactory, survey_with_questions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_language_served", "every_locale")]

URL = re.compile(r"https?://\S+")


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def people(workplace):
    return (EmployeeFactory(workplace=workplace, first_name="Hodan", email="hodan@example.se", preferred_language="so"),
            EmployeeFactory(workplace=workplace, first_name="Sven", email="sven@example.se", preferred_language="sv"))


@pytest.fixture
def survey_round(organisation, workplace):
    programme, *_rest = programme_with_tracks(organisations=[organisation])
    today = timezone.localdate()
    return SurveyRoundFactory(survey=survey_with_questions(programme=programme), programme=programme,
                              opens_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=30),
                              workplaces=[workplace])


def somali_material(tree):
    from wagtail.models import Locale

    somali = Locale.objects.get_or_create(language_code="so")[0]
    for page in (tree.home, tree.index):
        page.copy_for_translation(somali).save_revision().publish()
    segment = tree.segment.copy_for_translation(somali).specific
    segment.title = "Yaynu nahay hadda?"
    segment.save_revision().publish()


def test_each_survey_link_opens_the_survey_in_its_readers_language(people, survey_round, django_capture_on_commit_callbacks):
    somali, swedish = people
    with django_capture_on_commit_callbacks(execute=True):
        survey_round_invite(survey_round=survey_round)
    by_reader = {m.to[0]: m for m in mail.outbox}
    [somali_link] = URL.findall(by_reader[somali.email].body)
    [swedish_link] = URL.findall(by_reader[swedish.email].body)
    assert path_of(somali_link).startswith("/so/enkater/")
    assert path_of(swedish_link).startswith("/sv/enkater/")
    assert by_reader[somali.email].message()["Content-Language"] == "so"
    closes = survey_round.closes_on
    assert closes.strftime("%d/%m/%Y") in by_reader[somali.email].body
    assert closes.isoformat() in by_reader[swedish.email].body

    page = Client().get(path_of(somali_link))
    assert page.status_code == 200
    assert '<html lang="so"' in page.content.decode()


def test_a_somali_employee_gets_everything_in_somali_and_can_switch_to_swedish(
    manager, process_leader, workplace, people, survey_round, django_capture_on_commit_callbacks
):
    somali, _swedish = people
    tree = content_tree()
    somali_material(tree)
    module = survey_round.programme.tracks.get(kind="workplace").modules.first()
    starts = timezone.now() + datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        session_services.session_schedule(
            workplace=workplace, module=module, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1),
            place="Personalrummet", process_leaders=[process_leader], invitees=list(people), scheduled_by=manager,
            confirm_warnings=True,
        )
        survey_round_invite(survey_round=survey_round)
    mine = [m for m in mail.outbox if m.to == [somali.email]]
    assert len(mine) == 2 and all(m.message()["Content-Language"] == "so" for m in mine)
    invitation = next(m for m in mine if m.attachments)
    survey_mail = next(m for m in mine if not m.attachments)

    browser = Client()
    # The invitation's personal link opens Mina sessioner in Somali.
    opened = browser.get(path_of(URL.findall(invitation.body)[0]), follow=True)
    assert opened.redirect_chain[-1][0] == "/so/sessioner/mina/"
    assert '<html lang="so"' in opened.content.decode()
    # The interface in Somali (locale/so): "Du är inne som Hodan via din länk".
    assert "Waxaad ku gashay sida Hodan adigoo isticmaalaya xiriirkaaga" in opened.content.decode()

    # The survey opens under /so/.
    survey = browser.get(path_of(URL.findall(survey_mail.body)[0]))
    assert survey.status_code == 200 and survey.wsgi_request.path.startswith("/so/enkater/")
    assert '<html lang="so"' in survey.content.decode()

    # The workplace material in Somali.
    lecture = browser.get("/so/material/vilka-ar-vi-nu/")
    assert lecture.status_code == 200 and "Yaynu nahay hadda?" in lecture.content.decode()

    # The header's switcher: the same page in Swedish, the stored preference untouched.
    switched = browser.post("/i18n/setlang/", {"language": "sv", "next": "/so/material/vilka-ar-vi-nu/"}, follow=True)
    assert switched.redirect_chain[-1][0] == "/sv/material/vilka-ar-vi-nu/"
    html = switched.content.decode()
    assert "Vilka är vi nu?" in html and "Yaynu nahay hadda?" not in html and '<html lang="sv"' in html
    somali.refresh_from_db()
    assert somali.preferred_language == "so"


def test_letters_printed_for_a_whole_workplace_stay_in_the_printers_language(client, before_round, workplace, hr_user):
    from django.urls import reverse

    EmployeeFactory(workplace=workplace, email="", first_name="Hodan", preferred_language="so")
    client.force_login(hr_user)
    response = client.post(reverse("surveys:round_letters", kwargs={"round_id": before_round.pk}),
                           {"workplace": workplace.pk})
    html = response.content.decode()
    assert response.status_code == 200 and "Hodan" in html
    assert '<html lang="sv"' in html and "Din personliga kod till enkäten" in html
    assert "/sv/enkater/delta/" in html and "/so/" not in html


def test_new_personal_links_reach_a_somali_employee_in_somali(people, survey_round, hr_user,
                                                               django_capture_on_commit_callbacks):
    from surveys.services.links import employee_links_reissue

    somali, _swedish = people
    with django_capture_on_commit_callbacks(execute=True):
        survey_round_invite(survey_round=survey_round)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        employee_links_reissue(employee=somali, reissued_by=hr_user)
    assert len(mail.outbox) == 2  # the new personal link, and the survey's new link
    for message in mail.outbox:
        assert message.to == [somali.email]
        assert message.message()["Content-Language"] == "so"
        links = URL.findall(message.body)
        assert links and all(urlsplit(link).path.startswith("/so/") for link in links)
