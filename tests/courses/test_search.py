"""Search across the material, in the reader's language with Swedish as fallback."""

import pytest

from django.urls import reverse

from tests.cms.factories import content_tree, english_locale

pytestmark = pytest.mark.django_db


def test_search_finds_segments_by_their_transcript(client):
    tree = content_tree()
    response = client.get(reverse("courses:search"), {"q": "mångfald"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 träff" in html and tree.segment.url in html and tree.guide.url not in html


def test_search_finds_guides(client):
    tree = content_tree()
    html = client.get(reverse("courses:search"), {"q": "Samtalsguide"}).content.decode()
    assert tree.guide.url in html


def test_search_without_hits_says_so(client):
    content_tree()
    html = client.get(reverse("courses:search"), {"q": "zebrakorsning"}).content.decode()
    assert "Inga träffar" in html


def test_unpublished_pages_are_not_found(client):
    tree = content_tree()
    tree.segment.unpublish()
    html = client.get(reverse("courses:search"), {"q": "mångfald"}).content.decode()
    assert tree.segment.url_path not in html and "Inga träffar" in html


def test_english_search_prefers_english_pages_and_falls_back_to_swedish(client):
    tree = content_tree()
    en = english_locale()
    for page in (tree.home, tree.index):
        page.copy_for_translation(en).save_revision().publish()
    segment_en = tree.segment.copy_for_translation(en).specific
    segment_en.transcript = "<p>Welcome to the conversation about diversity.</p>"
    segment_en.save_revision().publish()
    html = client.get("/en/program/sok/", {"q": "diversity"}).content.decode()
    assert "/en/material/vilka-ar-vi-nu/" in html
    # The guide exists only in Swedish: found with a Swedish word from the English site.
    html = client.get("/en/program/sok/", {"q": "Samtalsguide"}).content.decode()
    assert tree.guide.url in html
    # A Swedish word from a page that is translated does not show the Swedish copy.
    html = client.get("/en/program/sok/", {"q": "mångfald"}).content.decode()
    assert "/sv/material/vilka-ar-vi-nu/" not in html
