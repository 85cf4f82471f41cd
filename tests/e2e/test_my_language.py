"""The employee's own pages in Somali and Arabic on a phone and a desktop: Min sida, Mina
sessioner and Mina timmar, reached through the personal link and "Mitt språk" – axe finds no
WCAG 2.1 AA violation and nothing spills sideways at 360 px."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest

from django.utils import timezone

from tests.languages import every_language_served  # noqa: F401 - fixture

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.usefixtures("every_language_served")

PAGES = ("min-sida/", "sessioner/mina/", "sessioner/mina-timmar/")


@pytest.fixture
def somali_employee(site_home, organisation, workplace):
    from wagtail.models import Locale

    from people.links import employee_link_url
    from sessions.models import Invitation
    from tests.factories import EmployeeFactory
    from tests.sessions.factories import SessionFactory, programme_with_tracks

    # Readers are offered the languages that are Wagtail locales.
    for code in ("so", "ar"):
        Locale.objects.get_or_create(language_code=code)
    _programme, _track, _prep, modules, _prep_modules = programme_with_tracks(organisations=[organisation])
    employee = EmployeeFactory(workplace=workplace, first_name="Hodan", last_name="Cali",
                               email="hodan@example.se", preferred_language="so")
    starts = timezone.now() + datetime.timedelta(days=4)
    session = SessionFactory(module=modules[0], workplace=workplace, starts_at=starts,
                             ends_at=starts + datetime.timedelta(hours=1), place="Personalrummet")
    Invitation.objects.create(session=session, employee=employee, status="invited")
    link = urlsplit(employee_link_url(employee))
    return employee, link.path + (f"?{link.query}" if link.query else "")


def check_pages(page, live_server, axe_check, language: str) -> None:
    for address in PAGES:
        page.goto(f"{live_server.url}/{language}/{address}")
        assert page.locator("html").get_attribute("lang") == language
        assert page.get_by_role("heading", name=page.locator("#my-language-heading").inner_text()).is_visible()
        for label, size in (("1280 px", DESKTOP), ("360 px", PHONE)):
            page.set_viewport_size(size)
            where = f"/{language}/{address} at {label}"
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size["width"], f"{where}: the page is {width} px wide"
            axe_check(page, where)
        page.set_viewport_size(DESKTOP)


def test_own_pages_in_somali_then_arabic_after_choosing_it_under_mitt_sprak(
    page, live_server, axe_check, somali_employee
):
    employee, link = somali_employee
    page.goto(live_server.url + link)
    page.wait_for_load_state()
    # The personal link opens the person's own language.
    assert urlsplit(page.url).path == "/so/min-sida/"
    check_pages(page, live_server, axe_check, "so")

    # "Mitt språk": choose Arabic and save; the same page comes back in Arabic at once.
    page.goto(f"{live_server.url}/so/sessioner/mina/")
    page.locator("#my-language-select").select_option("ar")
    page.locator(".my-language__form button[type=submit]").click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == "/ar/sessioner/mina/"
    employee.refresh_from_db()
    assert employee.preferred_language == "ar"
    check_pages(page, live_server, axe_check, "ar")
