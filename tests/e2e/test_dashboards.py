"""The steering group's dashboard and the progress report in a real browser, at 360 and 1280 px."""

import pytest

from tests.dashboards.conftest import build_world
from tests.e2e.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)


def test_steering_group_dashboard_and_report_pass_axe(page, live_server, site_home, login, axe_check):
    world = build_world(6)
    login(page, world.steering)
    assert page.get_by_role("heading", name="Styrgrupp: så går programmet").is_visible()
    assert page.get_by_text("Aktuell fas:").first.is_visible()
    assert page.get_by_role("img", name="Nådda deltagare mot plan").is_visible()
    for label, size in (("1280 px", DESKTOP), ("360 px", PHONE)):
        page.set_viewport_size(size)
        axe_check(page, f"steering-group dashboard ({label})")
        # Nothing spills sideways out of the page on a phone: wide tables scroll in their box.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="Lägesrapport för en period").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Lägesrapport", level=1).is_visible()
    for label, size in (("1280 px", DESKTOP), ("360 px", PHONE)):
        page.set_viewport_size(size)
        axe_check(page, f"progress report ({label})")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


#: Each role's demo login (as ``seed_demo`` prints them) and the heading its dashboard opens with.
DEMO_DASHBOARDS = (
    ("anstalld", "Mina timmar per spår"),
    ("chef", "Så långt har arbetsplatsen kommit"),
    ("ledare", "Mina nästa tillfällen"),
    ("hr", "Timmar mot mål per arbetsplats"),
    ("admin", "Att rätta i underlaget"),
    ("styrgrupp", "Styrgrupp: så går programmet"),
)


def test_every_demo_dashboard_fits_a_phone_and_a_desktop(browser, live_server, login, axe_check):
    """Min sida of every role's demo login, at 360 and 1280 px: nothing wider than the window,
    the dashboard's heading in sight, and no axe violation. One browser context per role."""
    from io import StringIO

    from django.core.management import call_command

    from people.demo import DEMO_DOMAIN, DEMO_PASSWORD
    from people.models import User

    call_command("seed_demo", stdout=StringIO())
    for login_name, heading in DEMO_DASHBOARDS:
        context = browser.new_context(viewport=DESKTOP, locale="sv-SE")
        try:
            page = context.new_page()
            page.set_default_timeout(90_000)
            login(page, User.objects.get(email=f"{login_name}@{DEMO_DOMAIN}"), DEMO_PASSWORD)
            assert "/min-sida/" in page.url, login_name
            for label, size in (("1280 px", DESKTOP), ("360 px", {"width": 360, "height": 800})):
                page.set_viewport_size(size)
                where = f"{login_name}, {label}"
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= size["width"], f"{where}: the page is {width} px wide"
                title = page.get_by_role("heading", name=heading, exact=True).first
                title.scroll_into_view_if_needed()
                assert title.is_visible(), where
                axe_check(page, where)
        finally:
            context.close()
