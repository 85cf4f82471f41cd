"""Languages follow the Wagtail locales; right to left; the machine-drafted notice and its review."""

import re

import pytest

from django.urls import reverse

from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from cms.translations import page_translate
from tests.cms.factories import content_tree
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MACHINE_NOTICE_AR = "هذه الترجمة آلية ولم تُراجَع بعد."


def switcher_languages(html: str) -> list[str]:
    select = re.search(r'<select id="language-select".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]+)"', select)


@pytest.fixture
def tree(db):
    return content_tree()


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(email="super@example.se", is_superuser=True, is_staff=True))
    return client


def arabic_segment(tree, *, reviewed: bool = False):
    """The tree's home, index and segment translated into Arabic through wagtail-localize."""
    arabic, _created = Locale.objects.get_or_create(language_code="ar")
    page_translate(page=tree.home, locale=arabic, strings={"Samtalsrum": "غرفة الحوار"}, reviewed=reviewed)
    page_translate(page=tree.index, locale=arabic, strings={"Material": "المواد"}, reviewed=reviewed)
    return page_translate(
        page=tree.segment,
        locale=arabic,
        strings={"Vilka är vi nu?": "من نحن الآن؟", tree.segment.summary: "عن مكان عملنا اليوم."},
        reviewed=reviewed,
    )


def test_switcher_offers_the_locales_only(client, tree):
    html = client.get(tree.segment.url).content.decode()
    assert switcher_languages(html) == ["sv", "en"]  # always offered, locales or not


def test_adding_a_locale_in_the_admin_offers_the_language_and_removing_it_hides_it(admin_client, tree):
    assert admin_client.get("/ar/material/").status_code == 302  # not a reader's language yet

    response = admin_client.post(reverse("wagtaillocales:add"), {"language_code": "ar"})
    assert response.status_code == 302, response.content.decode()[:2000]
    html = admin_client.get(tree.segment.url).content.decode()
    assert switcher_languages(html) == ["sv", "en", "ar"]
    arabic_page = admin_client.get("/ar/material/vilka-ar-vi-nu/")
    assert arabic_page.status_code == 200
    assert '<html lang="ar" dir="rtl"' in arabic_page.content.decode()

    arabic = Locale.objects.get(language_code="ar")
    response = admin_client.post(reverse("wagtaillocales:delete", args=[arabic.pk]))
    assert response.status_code == 302
    assert not Locale.objects.filter(language_code="ar").exists()
    html = admin_client.get(tree.segment.url).content.decode()
    assert "ar" not in switcher_languages(html)
    gone = admin_client.get("/ar/material/vilka-ar-vi-nu/")
    assert gone.status_code == 302 and gone["Location"] == "/sv/material/vilka-ar-vi-nu/"


def test_a_language_that_is_no_locale_is_not_chosen_from_the_cookie(client, tree):
    client.cookies["django_language"] = "so"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="so")
    assert response["Location"] == "/sv/"
    Locale.objects.create(language_code="so")
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="so")["Location"] == "/so/"


def test_arabic_lecture_page_is_right_to_left_with_arabic_text(client, tree):
    arabic_segment(tree)
    response = client.get("/ar/material/vilka-ar-vi-nu/")
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert '<article class="lecture" lang="ar" dir="rtl"' in html
    assert "<h1 id=\"page-title\">من نحن الآن؟</h1>" in html
    assert "عن مكان عملنا اليوم." in html


def test_easy_swedish_is_swedish_to_browsers(client, tree):
    Locale.objects.create(language_code="sv-easy")
    html = client.get("/sv-easy/material/vilka-ar-vi-nu/").content.decode()
    assert '<html lang="sv" dir="ltr"' in html
    assert 'lang="sv-easy"' not in html


def test_machine_drafted_notice_until_an_editor_reviews_every_string(client, tree):
    segment = arabic_segment(tree)
    url = "/ar/material/vilka-ar-vi-nu/"
    assert MACHINE_NOTICE_AR in client.get(url).content.decode()

    strings = StringTranslation.objects.filter(locale__language_code="ar", context__object_id=segment.translation_key)
    first, *rest = list(strings)
    StringTranslation.objects.filter(pk__in=[s.pk for s in rest]).update(translation_type="manual")
    assert MACHINE_NOTICE_AR in client.get(url).content.decode()  # one string left to review

    StringTranslation.objects.filter(pk=first.pk).update(translation_type="manual")
    assert MACHINE_NOTICE_AR not in client.get(url).content.decode()


def test_reviewed_translation_has_no_notice(client, tree):
    arabic_segment(tree, reviewed=True)
    html = client.get("/ar/material/vilka-ar-vi-nu/").content.decode()
    assert "من نحن الآن؟" in html and MACHINE_NOTICE_AR not in html


def test_swedish_page_has_no_notice_and_asks_nothing_about_translations(client, tree, django_assert_num_queries):
    from cms.translations import is_machine_drafted

    with django_assert_num_queries(0):
        assert not is_machine_drafted(tree.segment)


def test_editor_reviews_an_arabic_string_in_the_translation_editor(admin_client, tree):
    segment = arabic_segment(tree)
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[segment.pk]))
    assert editor.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in editor.templates]

    translation = Translation.objects.get(source__object_id=segment.translation_key, target_locale=segment.locale)
    title = StringSegment.objects.get(source=translation.source, string__data="Vilka är vi nu?")
    response = admin_client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, title.pk]),
        "value=من+نحن+اليوم؟",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    reviewed = StringTranslation.objects.get(
        translation_of=title.string, context=title.context, locale=segment.locale
    )
    assert (reviewed.data, reviewed.translation_type) == ("من نحن اليوم؟", "manual")


def test_arabic_lecture_page_queries_do_not_grow_with_strings(client, tree, django_assert_max_num_queries):
    arabic_segment(tree)
    url = "/ar/material/vilka-ar-vi-nu/"
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    segment = tree.segment
    segment.transcript = "".join(f"<p>Stycke {n}.</p>" for n in range(20))
    segment.save_revision().publish()
    page_translate(
        page=segment,
        locale=Locale.objects.get(language_code="ar"),
        strings={f"Stycke {n}.": f"الفقرة {n}." for n in range(20)},
        reviewed=False,
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "الفقرة 19." in response.content.decode()
