"""The lättläst version of the material and the "Lättläst" switch in the reading support menu,
and the "Lyssna" buttons as the server renders them (hidden until the browser proves it has a
voice; see tests/e2e/test_read_aloud.py for them at work)."""

import re

import pytest

from django.conf import settings
from django.urls import reverse

from wagtail.models import Locale

from tests.cms.factories import content_tree, english_locale

pytestmark = pytest.mark.django_db

EASY_SEGMENT_TITLE = "Vilka är vi nu? (lättläst)"
EASY_TRANSCRIPT = "<p>Hej! Vi ska prata om vår arbetsplats.</p><p>Alla får säga något.</p>"


def easy_swedish_locale() -> Locale:
    return Locale.objects.get_or_create(language_code="sv-easy")[0]


def easy_swedish_version(page, **fields):
    """Publishes the lättläst version of ``page`` (and of the pages above it) with ``fields``."""
    version = page.copy_for_translation(easy_swedish_locale(), copy_parents=True).specific
    for name, value in fields.items():
        setattr(version, name, value)
    version.save_revision().publish()
    for ancestor in version.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    return version


@pytest.fixture
def tree():
    return content_tree()


@pytest.fixture
def easy_segment(tree):
    return easy_swedish_version(
        tree.segment, title=EASY_SEGMENT_TITLE, summary="Vi pratar om vilka vi är.", transcript=EASY_TRANSCRIPT
    )


def switch_form(html: str) -> dict[str, str]:
    """The lättläst switch's form fields and button, as the reader's browser would post them."""
    form = re.search(r'<form class="easy-read-switch".*?</form>', html, re.S)
    assert form, "no lättläst switch on the page"
    fields = dict(re.findall(r'<input type="hidden" name="(language|next)" value="([^"]*)"', form.group(0)))
    fields["pressed"] = re.search(r'data-easy-read aria-pressed="(\w+)"', form.group(0)).group(1)
    fields["note"] = "Sidan finns inte på lättläst" in form.group(0)
    return fields


def test_switching_to_lattlast_on_a_segment_shows_the_lattlast_version_and_is_remembered(client, tree, easy_segment):
    html = client.get(tree.segment.url).content.decode()
    form = switch_form(html)
    assert form == {"language": "sv-easy", "next": "/sv-easy/material/vilka-ar-vi-nu/", "pressed": "false",
                    "note": False}

    response = client.post(reverse("set_language"), {"language": form["language"], "next": form["next"]})
    assert response.status_code == 302 and response["Location"] == "/sv-easy/material/vilka-ar-vi-nu/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "sv-easy"
    assert int(cookie["max-age"]) >= 300 * 24 * 3600, "the choice should outlive the browser session"

    page = client.get(response["Location"])
    body = page.content.decode()
    assert EASY_SEGMENT_TITLE in body and "Alla får säga något." in body
    assert "Välkommen till samtalet om mångfald." not in body
    assert '<article class="lecture" lang="sv"' in body  # lättläst is Swedish to BCP 47 and to voices
    assert "inte på ditt språk" not in body
    back = switch_form(body)
    assert back == {"language": "sv", "next": "/sv/material/vilka-ar-vi-nu/", "pressed": "true", "note": False}

    # The next visit to the site's address opens in lättläst too.
    assert client.get("/")["Location"] == "/sv-easy/"


def test_switching_back_from_lattlast_leads_to_the_swedish_page(client, tree, easy_segment):
    client.post(reverse("set_language"), {"language": "sv-easy", "next": "/sv-easy/"})
    back = switch_form(client.get("/sv-easy/material/vilka-ar-vi-nu/").content.decode())
    response = client.post(reverse("set_language"), {"language": back["language"], "next": back["next"]})
    assert response["Location"] == "/sv/material/vilka-ar-vi-nu/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"
    body = client.get(response["Location"]).content.decode()
    assert "Välkommen till samtalet om mångfald." in body and EASY_SEGMENT_TITLE not in body


def test_a_page_without_lattlast_version_says_so_and_the_switch_leads_to_the_swedish_page(client, tree, easy_segment):
    html = client.get(tree.guide.url).content.decode()
    form = switch_form(html)
    assert form["note"] is True and form["next"] == "/sv-easy/material/samtalsguide-1/"
    assert 'aria-describedby="easy-read-missing"' in html

    response = client.post(reverse("set_language"), {"language": "sv-easy", "next": form["next"]})
    body = client.get(response["Location"]).content.decode()
    assert "Samtalsguide 1" in body and '<article class="guide" lang="sv"' in body
    assert "Den här sidan finns inte på lättläst svenska ännu." in body  # the notice itself in lättläst
    shown = switch_form(body)
    assert shown["pressed"] == "true" and shown["note"] is True
    assert shown["next"] == "/sv/material/samtalsguide-1/"


def test_links_on_a_lattlast_page_lead_to_lattlast_pages(client, tree, easy_segment):
    easy_guide = easy_swedish_version(tree.guide, title="Samtalsguide 1 (lättläst)")
    body = client.get("/sv-easy/material/vilka-ar-vi-nu/").content.decode()
    assert 'href="/sv-easy/material/samtalsguide-1/"' in body
    assert easy_guide.title in client.get("/sv-easy/material/samtalsguide-1/").content.decode()


def test_the_switch_keeps_a_guides_process_leader_view(client, tree, process_leader):
    easy_swedish_version(tree.guide, title="Samtalsguide 1 (lättläst)")
    client.force_login(process_leader)
    form = switch_form(client.get(tree.guide.url + "ledare/").content.decode())
    assert form["next"] == "/sv-easy/material/samtalsguide-1/ledare/"


def test_no_lattlast_switch_on_english_pages(client, tree):
    english_locale()
    html = client.get("/en/material/vilka-ar-vi-nu/").content.decode()
    assert 'class="easy-read-switch"' not in html
    # Without a switch there is nothing in the menu that works without JavaScript.
    assert re.search(r"data-reading-tools hidden", html)


def test_the_switch_on_other_pages_keeps_the_address(client, tree):
    html = client.get(reverse("cms:accessibility")).content.decode()
    assert switch_form(html)["next"] == "/sv-easy/tillganglighet/"


def test_lyssna_buttons_are_rendered_hidden_and_name_what_they_read(client, tree):
    html = client.get(tree.segment.url).content.decode()
    buttons = re.findall(r'<button type="button" class="[^"]*read-aloud[^"]*" data-read-aloud="([^"]*)" hidden>', html)
    assert buttons == ["page-title segment-summary", "key-points-list", "transcript-text"]
    for target in ("segment-summary", "key-points-list", "transcript-text"):
        assert f'id="{target}"' in html
    assert "Lyssna</span>" in html and '<span class="visually-hidden"> (Nyckelpunkter)</span>' in html

    guide = client.get(tree.guide.url).content.decode()
    steps = re.findall(r'data-read-aloud="(step-\d+-title step-\d+-text step-\d+-segment step-\d+-questions)"', guide)
    assert len(steps) == 5
    assert 'id="step-3-questions"' in guide and 'id="step-1-text"' in guide
    assert '<span class="visually-hidden"> (Frågerunda)</span>' in guide
