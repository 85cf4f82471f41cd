"""English readers stay in English: names of programmes, tracks and modules, and every link."""

import re

import pytest

from django.urls import reverse
from django.utils import translation

from courses.models import TrackKind
from tests.cms.factories import content_tree, english_locale
from tests.factories import (
    EmployeeFactory,
    ModuleFactory,
    ProgrammeFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(organisation):
    tree = content_tree()
    english = english_locale()
    for page in (tree.home, tree.index, tree.guide):  # the segment has no English version
        page.copy_for_translation(english).specific.save_revision().publish()
    programme = ProgrammeFactory(name="Vilka är vi?", name_en="Who are we?")
    programme.organisations.set([organisation])
    track = TrackFactory(programme=programme, kind=TrackKind.WORKPLACE, name="Arbetsplatsprocessen",
                         name_en="The workplace process")
    ModuleFactory(track=track, title="Vilka är vi nu?", title_en="Who are we now?",
                  lecture_segment=tree.segment, discussion_guide=tree.guide)
    ModuleFactory(track=track, title="Kultur och oskrivna regler")  # no English name yet
    return tree


def _mitt_program(client, workplace, language):
    client.force_login(UserFactory(employee=EmployeeFactory(workplace=workplace)))
    with translation.override(language):
        url = reverse("courses:my_programme")
    return client.get(url).content.decode()


def test_english_reader_sees_the_english_names_and_swedish_where_there_is_none(client, workplace, programme):
    html = _mitt_program(client, workplace, "en")
    assert "Who are we?" in html
    assert re.search(r"<h2 [^>]*>The workplace process</h2>", html)
    assert "<h3>Who are we now?</h3>" in html
    assert "<h3>Kultur och oskrivna regler</h3>" in html
    assert not re.search(r"<h2 [^>]*>Arbetsplatsprocessen</h2>", html) and "<h3>Vilka är vi nu?</h3>" not in html


def test_swedish_reader_sees_the_swedish_names(client, workplace, programme):
    html = _mitt_program(client, workplace, "sv")
    assert "Vilka är vi?" in html and "<h3>Vilka är vi nu?</h3>" in html
    assert re.search(r"<h2 [^>]*>Arbetsplatsprocessen</h2>", html)
    assert "Who are we" not in html and "The workplace process" not in html


def test_every_material_link_on_an_english_page_stays_in_english(client, workplace, programme):
    html = _mitt_program(client, workplace, "en")
    links = re.findall(r'href="(/[^"]*)"', html)
    material = [link for link in links if "/material/" in link]
    assert material, "Mitt program links to the material"
    assert not [link for link in links if link.startswith("/sv/")]
    # The untranslated segment keeps its path under /en/, and that address shows the Swedish page.
    segment_link = f"/en/material/{programme.segment.slug}/"
    assert segment_link in material
    assert f"/en/material/{programme.guide.slug}/" in material
    response = client.get(segment_link)
    assert response.status_code == 200
    body = response.content.decode()
    assert programme.segment.title in body
    assert "This page is not available in your language yet" in body


def test_swedish_links_are_unchanged(client, workplace, programme):
    html = _mitt_program(client, workplace, "sv")
    assert f'href="{programme.segment.url}"' in html and programme.segment.url.startswith("/sv/")


def test_language_menu_names_each_language_in_itself(client):
    for language in ("sv", "en"):
        with translation.override(language):
            url = reverse("cms:login")
        html = client.get(url).content.decode()
        assert re.search(r'<option value="sv" lang="sv"[^>]*>Svenska</option>', html), language
        assert re.search(r'<option value="en" lang="en"[^>]*>English</option>', html), language


def test_favicon_is_linked_and_served(client):
    html = client.get(reverse("cms:login")).content.decode()
    assert re.search(r'<link rel="icon" href="[^"]*favicon[^"]*\.svg" type="image/svg\+xml">', html)
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert re.search(r"favicon[^/]*\.ico$", response["Location"])
