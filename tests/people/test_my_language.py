""""Mitt språk" on the employee's own pages: saving one's language, for oneself only, switching
the interface at once, and signing in again in it; the header's switcher changes nothing stored."""

from __future__ import annotations

import pytest

from django.conf import settings
from django.test import Client
from django.urls import reverse

from people.links import employee_link_url
from people.models import Role
from tests.factories import EmployeeFactory, user_with_role
from tests.languages import every_language_served, every_locale  # noqa: F401 - fixtures

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_language_served", "every_locale")]

PASSWORD = "ett-langt-losenord-2026"  # noqa: S105
SAVE = "/sv/mitt-sprak/"


@pytest.fixture
def person(workplace):
    return EmployeeFactory(workplace=workplace, first_name="Hodan", email="hodan@example.se", preferred_language="sv")


@pytest.fixture
def colleague(workplace):
    return EmployeeFactory(workplace=workplace, first_name="Yonas", email="yonas@example.se", preferred_language="ti")


def by_link(employee) -> Client:
    client = Client()
    assert client.get(urlsplit_path(employee_link_url(employee))).status_code == 302
    return client


def language_of(employee) -> str:
    employee.refresh_from_db()
    return employee.preferred_language


@pytest.mark.parametrize("page", ["/sv/min-sida/", "/sv/sessioner/mina/", "/sv/sessioner/mina-timmar/",
                                  "/sv/program/"])
def test_each_own_page_has_the_control_with_the_stored_language_chosen(person, page):
    html = by_link(person).get(page).content.decode()
    assert "Mitt språk" in html
    assert f'name="employee" value="{person.pk}"' in html
    assert '<option value="sv" lang="sv" selected>' in html
    for code, _name in settings.LANGUAGES:
        assert f'<option value="{code}" lang="{code}"' in html


def test_saving_stores_the_language_and_opens_the_same_page_in_it(person):
    from wagtail.models import ModelLogEntry

    client = by_link(person)
    response = client.post(SAVE, {"employee": person.pk, "language": "so", "next": "/sv/sessioner/mina/"})
    assert response.status_code == 302 and response["Location"] == "/so/sessioner/mina/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "so"
    assert language_of(person) == "so"
    page = client.get("/so/sessioner/mina/")
    assert page.status_code == 200 and '<html lang="so"' in page.content.decode()
    assert '<option value="so" lang="so" selected>' in page.content.decode()
    entry = ModelLogEntry.objects.get(action="samtalsrum.preferred_language", object_id=str(person.pk))
    assert entry.data == {"from": "sv", "to": "so"}


def test_a_form_for_another_person_is_refused_and_nothing_is_written(person, colleague):
    from wagtail.models import ModelLogEntry

    client = by_link(person)
    response = client.post(SAVE, {"employee": colleague.pk, "language": "ar", "next": "/sv/min-sida/"})
    assert response.status_code == 403
    assert (language_of(person), language_of(colleague)) == ("sv", "ti")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert not ModelLogEntry.objects.filter(action="samtalsrum.preferred_language").exists()


def test_without_an_employee_nothing_can_be_saved(person, hr_user):
    assert Client().post(SAVE, {"employee": person.pk, "language": "so"}).status_code == 404
    staff = Client()
    staff.force_login(user_with_role(Role.EDITOR, email="red@example.se"))
    assert staff.post(SAVE, {"employee": person.pk, "language": "so"}).status_code == 404
    assert language_of(person) == "sv"


def test_a_language_the_site_does_not_have_is_refused_with_a_message(person):
    client = by_link(person)
    response = client.post(SAVE, {"employee": person.pk, "language": "xx", "next": "/sv/min-sida/"}, follow=True)
    assert "Välj ett av språken i listan." in response.content.decode()
    assert language_of(person) == "sv"


def test_the_saved_language_survives_signing_out_and_in(person, workplace):
    user = user_with_role(Role.MANAGER, workplace=workplace, employee=person, email="hodan@example.se")
    user.set_password(PASSWORD)
    user.save()
    client = Client()
    client.post("/sv/logga-in/", {"username": user.email, "password": PASSWORD})
    client.post(SAVE, {"employee": person.pk, "language": "ar", "next": "/sv/min-sida/"})
    client.post(reverse("cms:logout"))

    fresh = Client()  # another browser: no language chosen there
    response = fresh.post("/sv/logga-in/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/ar/min-sida/"
    page = fresh.get(response["Location"])
    assert '<html lang="ar"' in page.content.decode()

    # A browser where Swedish was chosen stays Swedish; nothing stored changes.
    chosen = Client()
    chosen.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    response = chosen.post("/sv/logga-in/", {"username": user.email, "password": PASSWORD})
    assert response["Location"] == "/sv/min-sida/"
    assert language_of(person) == "ar"


def test_a_personal_link_opens_the_persons_language(person):
    person.preferred_language = "so"
    person.save()
    with_swedish_page = employee_link_url(person, "/sv/sessioner/mina-timmar/")
    response = Client().get(urlsplit_path(with_swedish_page))
    assert response.status_code == 302 and response["Location"] == "/so/sessioner/mina-timmar/"


def test_the_header_switcher_changes_this_browser_only(person):
    client = by_link(person)
    client.post(SAVE, {"employee": person.pk, "language": "so", "next": "/sv/min-sida/"})
    response = client.post("/i18n/setlang/", {"language": "sv", "next": "/so/min-sida/"})
    assert response["Location"] == "/sv/min-sida/"
    assert '<html lang="sv"' in client.get("/sv/min-sida/").content.decode()
    assert language_of(person) == "so"


def urlsplit_path(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def test_an_address_without_a_language_opens_in_the_signed_in_persons_language(person):
    person.preferred_language = "so"
    person.save()
    client = by_link(person)
    assert client.get("/")["Location"] == "/so/"
    # Once this browser chooses Swedish, Swedish it is.
    client.post("/i18n/setlang/", {"language": "sv", "next": "/so/min-sida/"})
    assert client.get("/")["Location"] == "/sv/"
    assert Client().get("/")["Location"] == "/sv/"


@pytest.mark.parametrize("next_url", ["0", "https://example.com/", "//example.com/x", ""])
def test_saving_never_leaves_the_site(person, next_url):
    response = by_link(person).post(SAVE, {"employee": person.pk, "language": "so", "next": next_url})
    assert response.status_code == 302 and response["Location"] == "/so/min-sida/"
