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
