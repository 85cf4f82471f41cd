"""Real-browser fixtures: Debian's Chromium driven by Playwright against a live server.

Tests here are marked ``e2e``; they skip with a reason when Chromium is not installed.
"""

import os
import shutil

import pytest

from django.urls import reverse

from tests.factories import DEMO_PASSWORD, totp_code, totp_device

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("SAMTALSRUM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(config, items):
    chromium_missing = not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM)
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
            if chromium_missing:
                item.add_marker(
                    pytest.mark.skip(
                        reason=f"Chromium not found at {CHROMIUM} (install it: apt-get install -y chromium)"
                    )
                )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP, "locale": "sv-SE"}


@pytest.fixture(autouse=True)
def _patient_page(page):
    """A busy CI machine can take more than Playwright's default 30 s to serve a page."""
    page.set_default_timeout(90_000)
    page.set_default_navigation_timeout(90_000)
    return page


@pytest.fixture
def site_home(transactional_db):
    from cms.services import site_home_ensure

    return site_home_ensure()


def give_second_factor(page, user) -> None:
    """At the code step: type the code the login's authenticator app shows now."""
    device = totp_device(user)
    # Each code is accepted once; a test that signs the same login in twice in one 30-second
    # step gets a fresh start, as the next step would give it.
    device.last_t = -1
    device.save(update_fields=["last_t"])
    page.get_by_label("Kod", exact=True).fill(totp_code(device))
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


@pytest.fixture
def login(live_server):
    """Sign ``user`` in through the real login form, and the code step when the login has or
    must have two-factor sign-in (its authenticator app is set up first if need be)."""

    def _login(page, user, password: str = DEMO_PASSWORD):
        from people.two_factor import two_factor_required

        if two_factor_required(user):
            totp_device(user)
        page.goto(live_server.url + reverse("cms:login"))
        page.get_by_label("E-postadress").fill(user.email)
        page.get_by_label("Lösenord").fill(password)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_load_state()
        if reverse("people:two_factor_verify") in page.url:
            give_second_factor(page, user)

    return _login


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def axe_check(axe):
    """Assert that axe finds no WCAG 2.1 A/AA violation on the page as it is now."""

    def _check(page, context: str = ""):
        results = axe.run(
            page,
            options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}},
        )
        assert results.violations_count == 0, f"{context or page.url}:\n{results.generate_report()}"
        return results

    return _check
