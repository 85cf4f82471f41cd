"""What readers, process leaders and editors see of the material, in Swedish and English."""

import pytest

from django.core.cache import cache
from django.utils import translation

from wagtail.models import Locale

from cms.models import DiscussionGuidePage, LectureSegmentPage, PageFeedback
from people.models import Role
from tests.cms.factories import content_tree, english_locale
from tests.factories import EmployeeFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return content_tree()


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def plain_employee(workplace):
    return UserFactory(employee=EmployeeFactory(workplace=workplace), email="anstalld@example.se")


def test_lecture_segment_has_video_captions_transcript_and_feedback_form(client, tree):
    html = client.get(tree.segment.url).content.decode()
    assert "<video" in html and 'kind="captions"' in html and tree.segment.captions.url in html
    assert "Välkommen till samtalet om mångfald." in html
    assert "Alla behövs." in html
    assert "Har du synpunkter på den här sidan?" in html
    assert 'href="' + tree.segment.url + 'transkription/"' in html


def test_transcript_downloads_as_plain_text(client, tree):
    response = client.get(tree.segment.url + "transkription/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"] == 'attachment; filename="vilka-ar-vi-nu.txt"'
    text = response.content.decode()
    assert text.startswith("Vilka är vi nu?\n===")
    assert "Välkommen till samtalet om mångfald.\n\nAndra stycket & mer." in text
    assert "<p>" not in text


def test_participants_view_hides_facilitator_notes(client, tree, process_leader):
    client.force_login(process_leader)  # even a process leader sees the participants' version here
    html = client.get(tree.guide.url).content.decode()
    assert "Vilka är vi nu?" in html and "Total tid:" in html and "Total tid:</strong> 1 tim" in html
    assert "HEMLIG-NOT" not in html and "FORBEREDELSE-HEMLIG" not in html
    assert "ledare/" in html  # but gets a link to the leader's view


def test_anonymous_participant_sees_no_link_to_leader_view(client, tree):
    html = client.get(tree.guide.url).content.decode()
    assert "HEMLIG-NOT" not in html and "ledare/" not in html


@pytest.mark.parametrize("role_fixture", ["process_leader", "manager", "editor", "programme_admin"])
def test_leader_view_shows_notes_to_leading_roles(client, tree, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.get(tree.guide.url + "ledare/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "HEMLIG-NOT-1" in html and "HEMLIG-NOT-2" in html and "FORBEREDELSE-HEMLIG" in html
    assert "Processledarens vy" in html


def test_leader_view_refuses_a_plain_employee(client, tree, plain_employee):
    client.force_login(plain_employee)
    response = client.get(tree.guide.url + "ledare/")
    assert response.status_code == 403
    assert "HEMLIG-NOT" not in response.content.decode()
    assert client.get(tree.guide.url + "utskrift/").status_code == 403


def test_leader_view_sends_anonymous_readers_to_sign_in(client, tree):
    response = client.get(tree.guide.url + "ledare/")
    assert response.status_code == 302
    assert "/logga-in/" in response["Location"]


def test_print_view_is_an_a4_version_with_notes_and_schedule(client, tree, process_leader):
    client.force_login(process_leader)
    response = client.get(tree.guide.url + "utskrift/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "guide-print.css" in html
    assert "HEMLIG-NOT-1" in html
    assert "<caption>Tidsplan</caption>" in html
    assert html.count("<tr>") == 1 + 5 + 1  # header, five steps, total


def test_feedback_is_stored_without_personal_data(client, tree):
    response = client.post(
        tree.guide.url + "synpunkter/", {"rating": "helpful", "comment": "  Bra frågor!  "}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?synpunkter=tack#synpunkter")
    feedback = PageFeedback.objects.get()
    assert feedback.page_id == tree.guide.pk and feedback.comment == "Bra frågor!"
    assert feedback.rating == "helpful" and feedback.language == "sv"
    assert {f.name for f in PageFeedback._meta.get_fields()} == {
        "id", "page", "rating", "comment", "language", "created_at"
    }
    assert "Tack! Din synpunkt har tagits emot." in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"rating": "", "comment": "   "},
        {"rating": "excellent", "comment": ""},
        {"rating": "", "comment": "x" * 2001},
        {"rating": "helpful", "comment": "köp billigt", "website": "http://spam.example"},
    ],
)
def test_invalid_feedback_is_refused_and_nothing_stored(client, tree, data):
    response = client.post(tree.segment.url + "synpunkter/", data)
    assert response.status_code == 400
    assert PageFeedback.objects.count() == 0
    html = response.content.decode()
    assert 'class="error-summary"' in html or 'class="errorlist"' in html


def test_feedback_is_rate_limited(client, tree):
    for _ in range(5):
        assert client.post(tree.segment.url + "synpunkter/", {"rating": "partly"}).status_code == 302
    response = client.post(tree.segment.url + "synpunkter/", {"rating": "partly", "comment": "igen"})
    assert response.status_code == 429
    assert "Vänta en stund" in response.content.decode()
    assert PageFeedback.objects.count() == 5
    # Another client address is not affected.
    other = client.post(tree.segment.url + "synpunkter/", {"rating": "partly"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_editors_read_feedback_in_the_admin_others_cannot(client, tree, editor, hr_user):
    PageFeedback.objects.create(page=tree.guide, rating="partly", comment="Mer tid till övningen")
    client.force_login(editor)
    response = client.get("/admin/page_feedback/")
    assert response.status_code == 200
    assert "Mer tid till övningen" in response.content.decode()
    assert "/admin/page_feedback/new/" not in response.content.decode()
    assert client.get("/admin/page_feedback/new/").status_code in (302, 403)
    client.force_login(hr_user)
    assert client.get("/admin/page_feedback/").status_code in (302, 403)


def test_english_version_is_served_under_en(client, tree):
    en = english_locale()
    home_en = tree.home.copy_for_translation(en)
    home_en.save_revision().publish()
    index_en = tree.index.copy_for_translation(en)
    index_en.save_revision().publish()
    segment_en = tree.segment.copy_for_translation(en).specific
    segment_en.title = "Who are we now?"
    segment_en.transcript = "<p>Welcome to the conversation.</p>"
    segment_en.save_revision().publish()

    html = client.get("/en/material/vilka-ar-vi-nu/").content.decode()
    assert "Who are we now?" in html and "Welcome to the conversation." in html
    assert "inte på ditt språk" not in html and 'lang="en"' in html


def test_untranslated_page_falls_back_to_swedish(client, tree):
    en = english_locale()
    for page in (tree.home, tree.index):
        page.copy_for_translation(en).save_revision().publish()
    # The guide has no English version: /en/ shows the Swedish guide with a notice.
    response = client.get("/en/material/samtalsguide-1/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Samtalsguide 1" in html and '<article class="guide" lang="sv"' in html
    assert "Den här sidan finns inte på ditt språk ännu" in html or "not available in your language" in html
    # …and so do its sub-routes.
    assert client.get("/en/material/samtalsguide-1/ledare/").status_code == 302
    assert client.get("/en/material/finns-inte/").status_code == 404


def test_without_any_english_pages_en_shows_the_swedish_site(client, tree):
    assert Locale.objects.filter(language_code="en").count() <= 1
    response = client.get("/en/material/vilka-ar-vi-nu/")
    assert response.status_code == 200
    assert "Vilka är vi nu?" in response.content.decode()


def test_guide_links_to_the_segment_in_the_readers_language(client, tree):
    en = english_locale()
    for page in (tree.home, tree.index):
        page.copy_for_translation(en).save_revision().publish()
    segment_en = tree.segment.copy_for_translation(en).specific
    segment_en.title = "Who are we now?"
    segment_en.save_revision().publish()
    guide = DiscussionGuidePage.objects.get(pk=tree.guide.pk)

    with translation.override("en"):
        watch = guide.get_steps()[1]
    assert watch.segment.pk == segment_en.pk and isinstance(watch.segment, LectureSegmentPage)


def test_reading_choices_from_the_cookie_are_on_the_html_element(client, tree):
    client.cookies["samtalsrum_reading"] = "text-xlarge.high-contrast.evil-class"
    html = client.get(tree.segment.url).content.decode()
    assert '<html lang="sv" dir="ltr" class="high-contrast text-xlarge ' in html
    assert "evil-class" not in html
    assert "data-reading-tools" in html and "js/reading.js" in html


def test_material_index_lists_its_pages(client, tree):
    html = client.get(tree.index.url).content.decode()
    assert tree.segment.title in html and tree.guide.title in html


def test_roles_that_see_notes(tree, plain_employee, hr_user):
    from cms.models import can_view_facilitator_notes

    assert not can_view_facilitator_notes(plain_employee)
    assert not can_view_facilitator_notes(hr_user)
    assert can_view_facilitator_notes(user_with_role(Role.EDITOR, email="e2@example.se"))


def test_translated_index_lists_untranslated_pages_in_swedish(client, tree):
    en = english_locale()
    for page in (tree.home, tree.index):
        page.copy_for_translation(en).save_revision().publish()
    segment_en = tree.segment.copy_for_translation(en).specific
    segment_en.title = "Who are we now?"
    segment_en.save_revision().publish()
    html = client.get("/en/material/").content.decode()
    assert "Who are we now?" in html and "/en/material/vilka-ar-vi-nu/" in html
    assert "Samtalsguide 1" in html and tree.guide.url in html  # no English guide: the Swedish one
    assert '<li class="card" lang="sv" dir="ltr">' in html
    assert html.index("Who are we now?") < html.index("Samtalsguide 1")  # tree order kept
