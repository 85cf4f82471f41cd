"""Page-type rules, creating each page type through the admin, and the lecture segment's rules."""

import pytest

from django.core.exceptions import ValidationError

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import DiscussionGuidePage, HomePage, LectureSegmentPage, MaterialIndexPage
from people.models import Role
from tests.cms.factories import VTT, content_tree, document, guide_steps
from tests.factories import user_with_role


class ContentPageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = content_tree()
        cls.editor = user_with_role(Role.EDITOR, email="redaktor@example.se")
        cls.captions = document("Undertexter", "u.vtt", VTT)
        cls.video = document("Film", "f.webm", b"webm")

    def setUp(self):
        self.client.force_login(self.editor)

    def test_tree_rules(self):
        self.assertAllowedSubpageTypes(HomePage, {MaterialIndexPage})
        self.assertAllowedParentPageTypes(MaterialIndexPage, {HomePage, MaterialIndexPage})
        self.assertAllowedSubpageTypes(
            MaterialIndexPage, {MaterialIndexPage, LectureSegmentPage, DiscussionGuidePage}
        )
        self.assertAllowedParentPageTypes(LectureSegmentPage, {MaterialIndexPage})
        self.assertAllowedParentPageTypes(DiscussionGuidePage, {MaterialIndexPage})
        self.assertAllowedSubpageTypes(LectureSegmentPage, set())
        self.assertAllowedSubpageTypes(DiscussionGuidePage, set())
        self.assertCanNotCreateAt(HomePage, LectureSegmentPage)
        self.assertCanNotCreateAt(Page, DiscussionGuidePage)

    def test_editor_creates_a_material_index(self):
        self.assertCanCreate(
            self.tree.home, MaterialIndexPage, nested_form_data({"title": "Preparandprocessen", "intro": rich_text("<p>Hej</p>")})
        )

    def test_editor_creates_a_lecture_segment_with_video_and_captions(self):
        self.assertCanCreate(
            self.tree.index,
            LectureSegmentPage,
            nested_form_data(
                {
                    "title": "Jämställdhet",
                    "summary": "Kort",
                    "video_file": self.video.pk,
                    "video_url": "",
                    "captions": self.captions.pk,
                    "duration_minutes": 12,
                    "transcript": rich_text("<p>Text</p>"),
                    "key_points": streamfield([("point", "En punkt")]),
                    "material": streamfield([]),
                }
            ),
        )
        page = LectureSegmentPage.objects.get(slug="jamstalldhet")
        assert page.live and page.captions_id == self.captions.pk

    def test_editor_cannot_save_a_video_without_captions(self):
        data = nested_form_data(
            {
                "title": "Utan undertexter",
                "slug": "utan-undertexter",
                "video_file": self.video.pk,
                "duration_minutes": 3,
                "transcript": rich_text(""),
                "key_points": streamfield([]),
                "material": streamfield([]),
                "action-publish": "action-publish",
            }
        )
        from django.urls import reverse

        url = reverse("wagtailadmin_pages:add", args=["cms", "lecturesegmentpage", self.tree.index.pk])
        response = self.client.post(url, data)
        assert response.status_code == 200
        assert "undertexter" in str(response.context["form"].errors["captions"]).lower()
        assert not LectureSegmentPage.objects.filter(slug="utan-undertexter").exists()

    def test_editor_creates_a_discussion_guide(self):
        self.assertCanCreate(
            self.tree.index,
            DiscussionGuidePage,
            nested_form_data(
                {
                    "title": "Samtalsguide 2",
                    "intro": rich_text("<p>Intro</p>"),
                    "goals": rich_text(""),
                    "preparation": rich_text(""),
                    "steps": streamfield(
                        [
                            ("opening", {"title": "Start", "minutes": "5", "text": rich_text("<p>a</p>"), "notes": rich_text("")}),
                            (
                                "watch",
                                {
                                    "title": "Film",
                                    "minutes": "10",
                                    "text": rich_text(""),
                                    "notes": rich_text("<p>b</p>"),
                                    "segment": self.tree.segment.pk,
                                },
                            ),
                            (
                                "question_round",
                                {
                                    "title": "Runda",
                                    "minutes": "20",
                                    "text": rich_text(""),
                                    "notes": rich_text(""),
                                    "questions": streamfield([("item", "Vilka är vi?")]),
                                },
                            ),
                        ]
                    ),
                }
            ),
        )
        guide = DiscussionGuidePage.objects.get(slug="samtalsguide-2")
        assert guide.total_minutes == 35
        assert [step.kind for step in guide.get_steps()] == ["opening", "watch", "question_round"]
        assert guide.get_steps()[2].questions == ["Vilka är vi?"]


@pytest.mark.django_db
def test_video_requires_webvtt_captions():
    tree = content_tree()
    segment = tree.segment
    segment.captions = None
    with pytest.raises(ValidationError) as excinfo:
        segment.full_clean()
    assert "captions" in excinfo.value.error_dict

    segment.captions = document("Fel format", "text.txt", b"hej")
    with pytest.raises(ValidationError) as excinfo:
        segment.full_clean()
    assert "captions" in excinfo.value.error_dict

    segment.video_file = None
    segment.video_url = "https://video.example.se/film/1"
    segment.captions = document("Rätt", "ok.vtt", VTT)
    segment.full_clean()  # an embed with captions is fine

    segment.video_url = ""
    segment.captions = None
    segment.full_clean()  # no video, no captions needed


@pytest.mark.django_db
def test_guide_steps_are_plain_data_with_running_start_times():
    tree = content_tree()
    steps = tree.guide.get_steps()
    assert [s.minutes for s in steps] == [5, 10, 20, 15, 10]
    assert [s.starts_at_minute for s in steps] == [0, 5, 15, 35, 50]
    assert tree.guide.total_minutes == 60
    watch = steps[1]
    assert watch.kind == "watch" and watch.segment.pk == tree.segment.pk
    assert steps[3].grouping == "pair" and steps[3].grouping_label == "Två och två"
    assert "HEMLIG-NOT-1" in steps[0].notes and steps[0].has_notes
    assert not steps[3].has_notes
    assert steps[2].questions == ["Vilka är vi nu?", "Vad har förändrats?"]


@pytest.mark.django_db
def test_guide_step_to_an_unpublished_segment_shows_no_link():
    tree = content_tree()
    tree.segment.unpublish()
    guide = DiscussionGuidePage.objects.get(pk=tree.guide.pk)
    guide.steps = guide_steps(tree.segment)
    assert guide.get_steps()[1].segment is None


@pytest.mark.django_db
def test_watch_step_has_links_to_the_segment_film_and_captions():
    tree = content_tree()
    watch = tree.guide.get_steps()[1]
    assert watch.segment_url == tree.segment.url
    assert watch.video_url == tree.segment.video_file.url
    assert watch.captions_url == tree.segment.captions.url
    opening = tree.guide.get_steps()[0]
    assert opening.segment_url == opening.video_url == opening.captions_url == ""
