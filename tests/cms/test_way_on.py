"""Lecture segments and discussion guides end with a way on: the previous and the next page of
their section and a link back to it, in the reader's language; the survey thanks page too."""

import re

import pytest

from django.urls import reverse

from people.links import employee_link_url
from tests.cms.factories import content_tree, english_locale
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def _way_on(html: str) -> str:
    match = re.search(r'<nav class="way-on no-print" aria-label="[^"]+">(.*?)</nav>', html, re.S)
    assert match, "no way on"
    return match.group(1)


def test_segment_links_on_to_the_next_page_and_back_to_its_section(client):
    tree = content_tree()
    nav = _way_on(client.get(tree.segment.url).content.decode())
    assert f'href="{tree.guide.url}" rel="next">Nästa: Samtalsguide 1' in nav
    assert 'rel="prev"' not in nav  # the first page of its section
    assert f'href="{tree.index.url}">Tillbaka till Material' in nav


def test_guide_links_back_to_the_previous_page(client):
    tree = content_tree()
    nav = _way_on(client.get(tree.guide.url).content.decode())
    assert f'href="{tree.segment.url}" rel="prev"><span class="arrow" aria-hidden="true">←</span> Föregående: Vilka är vi nu?' in nav
    assert 'rel="next"' not in nav  # the last page
    assert f'href="{tree.index.url}">Tillbaka till Material' in nav


def test_an_unpublished_page_is_not_offered_as_the_next(client):
    tree = content_tree()
    tree.guide.unpublish()
    nav = _way_on(client.get(tree.segment.url).content.decode())
    assert "Samtalsguide" not in nav


def test_english_reader_stays_in_english(client):
    tree = content_tree()
    english = english_locale()
    for page in (tree.home, tree.index):  # the segment and the guide have no English version
        page.copy_for_translation(english).specific.save_revision().publish()
    nav = _way_on(client.get("/en/material/vilka-ar-vi-nu/").content.decode())
    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert hrefs and all(h.startswith("/en/") for h in hrefs), hrefs


def test_thanks_page_offers_a_way_on(client, workplace):
    anonymous = client.get(reverse("surveys:thanks")).content.decode()
    assert 'href="/sv/">Till startsidan' in anonymous
    assert "Till Min sida" not in anonymous
    client.get(employee_link_url(EmployeeFactory(workplace=workplace)))
    known = client.get(reverse("surveys:thanks")).content.decode()
    assert f'href="{reverse("cms:landing")}">Till Min sida' in known
    assert f'href="{reverse("sessions:my_sessions")}">Till dina samtalstillfällen' in known
