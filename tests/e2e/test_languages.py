"""The lecture segment and the participants' guide in Arabic (right to left) and Somali in a real
browser on a 360 px phone: axe finds nothing, nothing scrolls sideways, Arabic is mirrored."""

import pytest

from wagtail.models import Locale

from cms.translations import page_translate, segment_strings
from tests.cms.factories import content_tree
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)

# A word of each language before every Swedish text: enough to lay the pages out in it.
MARKS = {"ar": "بالعربية", "so": "Af-Soomaali-ahaan"}
TITLES = {"ar": "من نحن الآن؟", "so": "Yaa nahay hadda?"}


def translate_tree(code: str):
    tree = content_tree()
    locale, _created = Locale.objects.get_or_create(language_code=code)
    for page in (tree.home, tree.index, tree.segment, tree.guide):
        strings = {text: f"{MARKS[code]} {text}" for text in segment_strings(page.specific, page.specific)}
        strings["Vilka är vi nu?"] = TITLES[code]
        strings[page.slug] = page.slug  # the same address under the language's prefix
        page_translate(page=page, locale=locale, strings=strings, reviewed=False)
    return tree


def check_phone(page, axe_check, what: str) -> None:
    page.set_viewport_size(PHONE)
    axe_check(page, f"{what} (360 px)")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), (
        f"{what} scrolls sideways at 360 px"
    )


@pytest.mark.parametrize("code", ["ar", "so"])
def test_lecture_segment_and_participants_guide_in_the_readers_language(page, live_server, site_home, axe_check, code):
    tree = translate_tree(code)
    rtl = code == "ar"

    page.goto(f"{live_server.url}/{code}/material/{tree.segment.slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == TITLES[code]
    assert page.locator("html").get_attribute("dir") == ("rtl" if rtl else "ltr")
    assert page.locator("video track[kind=captions]").count() == 1
    assert page.locator(".translation-notice").is_visible()  # machine-drafted, not reviewed yet
    check_phone(page, axe_check, f"lecture segment ({code})")
    # Mirrored where it belongs: in Arabic the heading starts at the right-hand edge.
    heading = page.get_by_role("heading", level=1).bounding_box()
    if rtl:
        assert heading["x"] + heading["width"] > PHONE["width"] - 40
    else:
        assert heading["x"] < 40

    page.goto(f"{live_server.url}/{code}/material/{tree.guide.slug}/")
    assert page.get_by_text(f"{MARKS[code]} Frågerunda").first.is_visible()
    assert "HEMLIG-NOT" not in page.content()
    check_phone(page, axe_check, f"guide, participants' view ({code})")
