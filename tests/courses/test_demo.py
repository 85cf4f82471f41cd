"""The demo programme's material: complete, deterministic and loaded only once."""

import io

import pytest

from cms.models import DiscussionGuidePage, LectureSegmentPage
from cms.services import site_home_ensure
from courses import demo
from courses.models import Programme, RoundingRule, TrackKind
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_demo_programme_tracks_and_material():
    OrganisationFactory(name="Avesta kommun", code="avesta")
    OrganisationFactory(name="Orsa kommun", code="orsa")
    site_home_ensure()
    assert demo.seed(stdout=io.StringIO()) == []
    counts = (
        Programme.objects.count(),
        LectureSegmentPage.objects.count(),
        DiscussionGuidePage.objects.count(),
    )
    demo.seed(stdout=io.StringIO())  # idempotent
    assert counts == (
        Programme.objects.count(),
        LectureSegmentPage.objects.count(),
        DiscussionGuidePage.objects.count(),
    )

    programme = Programme.objects.get(name="Vilka är vi?")
    assert programme.planned_participants == 2589
    assert str(programme.unit_cost_per_hour) == "320.00"
    assert programme.rounding == RoundingRule.WHOLE_HOURS_DOWN
    assert programme.organisations.count() == 2
    preparatory = programme.tracks.get(kind=TrackKind.PREPARATORY)
    workplace = programme.tracks.get(kind=TrackKind.WORKPLACE)
    assert preparatory.planned_minutes == preparatory.target_minutes == 840
    assert workplace.planned_minutes == workplace.target_minutes == 300
    modules = list(workplace.modules.all())
    assert len(modules) == 5
    for module in modules:
        assert module.planned_minutes == 60
        guide = module.discussion_guide
        assert guide.total_minutes == 60
        assert [s.kind for s in guide.get_steps()] == [
            "opening", "watch", "question_round", "exercise", "reflection", "closing"
        ]
        segment = module.lecture_segment
        assert segment.video_file and segment.captions.file_extension == "vtt"
        segment.full_clean()
        english_guide = guide.get_translation(guide.locale.__class__.objects.get(language_code="en"))
        assert english_guide.live and english_guide.title.startswith("Discussion guide")
    # The preparatory track stays in Swedish.
    assert not LectureSegmentPage.objects.filter(locale__language_code="en", slug="jamstalldhet").exists()
