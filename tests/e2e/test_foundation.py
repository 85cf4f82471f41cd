"""A manager signs in and lands on their page; the public and landing pages pass axe."""

import pytest

from django.urls import reverse

from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_signs_in_and_sees_the_landing_page(page, live_server, site_home, manager, workplace, login, axe_check):
    page.goto(live_server.url + "/sv/")
    assert page.get_by_role("heading", level=1).inner_text() == site_home.title
    axe_check(page, "home page")

    login(page, manager)
    assert page.url.endswith(reverse("cms:landing"))
    assert page.get_by_role("heading", name="Chef").is_visible()
    assert page.get_by_role("heading", name=workplace.name).is_visible()
    axe_check(page, "manager landing page")

    page.set_viewport_size(PHONE)
    axe_check(page, "manager landing page at 360 px")


def test_skip_link_moves_focus_to_main(page, live_server, site_home):
    page.goto(live_server.url + "/sv/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_wrong_password_shows_a_swedish_error(page, live_server, site_home, manager, login, axe_check):
    login(page, manager, password="fel-lösenord")
    assert page.get_by_role("alert").is_visible()
    assert "Fel e-postadress eller lösenord" in page.content()
    axe_check(page, "login page with error")
