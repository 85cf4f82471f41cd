"""The material in a real browser: axe finds nothing on a lecture segment, a guide (both views)
and Mitt program, at desktop width and on a 360 px phone; reading support is remembered."""

import pytest

from django.urls import reverse

from courses.models import TrackKind
from tests.cms.factories import content_tree
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import (
    EmployeeFactory,
    ModuleFactory,
    ProgrammeFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def material(site_home, organisation):
    tree = content_tree()
    programme = ProgrammeFactory(name="Vilka är vi?")
    programme.organisations.set([organisation])
    track = TrackFactory(programme=programme, kind=TrackKind.WORKPLACE)
    ModuleFactory(track=track, title="Vilka är vi nu?", lecture_segment=tree.segment, discussion_guide=tree.guide)
    return tree


def both_widths(page, axe_check, what):
    for size, label in ((DESKTOP, "desktop"), (PHONE, "360 px")):
        page.set_viewport_size(size)
        axe_check(page, f"{what} ({label})")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (
            f"{what} scrolls sideways at {label}"
        )


def test_lecture_segment_and_participants_guide_pass_axe(page, live_server, material, axe_check):
    page.goto(live_server.url + material.segment.url)
    assert page.get_by_role("heading", level=1).inner_text() == "Vilka är vi nu?"
    assert page.locator("video track[kind=captions]").count() == 1
    both_widths(page, axe_check, "lecture segment")

    page.goto(live_server.url + material.guide.url)
    assert "HEMLIG-NOT" not in page.content()
    both_widths(page, axe_check, "guide, participants' view")


def test_process_leader_view_and_print_version(page, live_server, material, process_leader, login, axe_check):
    login(page, process_leader)
    page.goto(live_server.url + material.guide.url)
    page.get_by_role("link", name="Processledarens vy").click()
    page.wait_for_load_state()
    assert page.get_by_text("HEMLIG-NOT-1").is_visible()
    both_widths(page, axe_check, "guide, process leader's view")

    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name="Utskriftsversion (A4)").click()
    page.wait_for_load_state()
    assert page.get_by_role("table", name="Tidsplan").is_visible()
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Skriv ut").is_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")
    axe_check(page, "guide, print version")


def test_mitt_program_passes_axe(page, live_server, material, workplace, login, axe_check):
    user = UserFactory(employee=EmployeeFactory(workplace=workplace, first_name="Amina"))
    login(page, user)
    page.goto(live_server.url + reverse("courses:my_programme"))
    assert page.get_by_role("heading", name="Mitt program").is_visible()
    assert page.get_by_role("link", name="Vilka är vi nu?").first.is_visible()
    both_widths(page, axe_check, "Mitt program")


def test_reading_support_is_remembered_and_passes_axe(page, live_server, material, axe_check):
    page.goto(live_server.url + material.segment.url)
    page.get_by_role("button", name="Större text").click()
    page.get_by_role("button", name="Hög kontrast").click()
    assert page.get_by_role("button", name="Hög kontrast").get_attribute("aria-pressed") == "true"
    page.goto(live_server.url + material.guide.url)
    classes = page.evaluate("document.documentElement.className")
    assert "text-large" in classes and "high-contrast" in classes
    both_widths(page, axe_check, "guide in high contrast, larger text")
    page.get_by_role("button", name="Störst text").click()
    page.goto(live_server.url + material.index.url)
    assert "text-xlarge" in page.evaluate("document.documentElement.className")
    both_widths(page, axe_check, "material index in high contrast, largest text")


def test_feedback_form_in_the_browser(page, live_server, material, axe_check):
    from cms.models import PageFeedback

    page.goto(live_server.url + material.segment.url)
    page.get_by_role("button", name="Skicka synpunkt").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    axe_check(page, "feedback form with error")
    page.get_by_label("Delvis").check()
    page.get_by_label("Din synpunkt").fill("Texten var lite lång.")
    page.get_by_role("button", name="Skicka synpunkt").click()
    page.wait_for_load_state()
    assert page.get_by_text("Tack! Din synpunkt har tagits emot.").is_visible()
    assert PageFeedback.objects.filter(comment="Texten var lite lång.").exists()
