"""The demo's workplace material in every language, through wagtail-localize."""

import io

import pytest

from wagtail.documents import get_document_model
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

from cms.models import DiscussionGuidePage, LectureSegmentPage
from cms.services import site_home_ensure
from courses import demo
from courses.demo_content import WORKPLACE_MODULES
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SEVEN = {"sv", "en", "sv-easy", "ar", "so", "ti", "fa"}


def _marked(value, mark: str):
    """``value`` (a module's texts) with every text marked, keeping the shape and the step kinds."""
    if isinstance(value, str):
        return f"{mark} {value}"
    if isinstance(value, list):
        return [_marked(item, mark) for item in value]
    if isinstance(value, tuple):  # a guide step: kind, title, minutes, text, notes, questions[, grouping]
        kind, title, minutes, text, notes, questions, *grouping = value
        return (kind, _marked(title, mark), minutes, _marked(text, mark) if text else text,
                _marked(notes, mark) if notes else notes, _marked(questions, mark), *grouping)
    return {key: _marked(item, mark) for key, item in value.items()}


def sample_language(code: str, mark: str, *, reviewed: bool = False) -> demo.DemoLanguage:
    """A data module of our own: the English texts, each marked with a word of the language."""
    return demo.DemoLanguage(
        code=code,
        reviewed=reviewed,
        index={key: f"{mark} {text}" for key, text in demo._english().index.items()},
        modules=[_marked(module["en"], mark) for module in WORKPLACE_MODULES],
        silent_film=f"[{mark} utan ljud]",
    )


ARABIC = sample_language("ar", "عربي")
SOMALI = sample_language("so", "Soomaali")


@pytest.fixture
def seeded():
    OrganisationFactory(name="Avesta kommun", code="avesta")
    site_home_ensure()
    languages = [demo._english(), ARABIC, SOMALI]
    demo.seed(stdout=io.StringIO(), languages=languages)
    return languages


def test_all_seven_locales_and_each_workplace_page_in_each_language(seeded):
    assert set(Locale.objects.values_list("language_code", flat=True)) == SEVEN
    for language in seeded:
        locale = Locale.objects.get(language_code=language.code)
        for number, module in enumerate(language.modules, start=1):
            segment = LectureSegmentPage.objects.get(locale=locale, slug__startswith=f"film-{number}-")
            guide = DiscussionGuidePage.objects.get(locale=locale, slug__startswith=f"samtal-{number}-")
            assert segment.live and guide.live
            assert segment.title == module["segment_title"]
            assert module["transcript"][0] in segment.transcript
            assert guide.title == module["guide_title"]
            assert [step.title for step in guide.get_steps()] == [step[1] for step in module["steps"]]
            assert guide.get_steps()[2].questions == module["steps"][2][5]
            # The film's captions are the language's own, and say there is no sound in it.
            captions = segment.captions.file.open().read().decode()
            assert module["segment_title"] in captions
            assert (language.silent_film or demo.SILENT_FILM[language.code]) in captions
            assert segment.captions_id != segment.get_translation(Locale.get_default()).specific.captions_id


def test_languages_are_machine_drafted_or_reviewed_as_their_data_says(seeded):
    for code, kind in (("en", "manual"), ("ar", "machine"), ("so", "machine")):
        kinds = set(StringTranslation.objects.filter(locale__language_code=code).values_list("translation_type", flat=True))
        assert kinds == {kind}, code
    # Arabic reviewed by an editor would be manual too: the data module's REVIEWED decides.
    reviewed = sample_language("fa", "فارسی", reviewed=True)
    demo.seed(stdout=io.StringIO(), languages=[reviewed])
    assert set(StringTranslation.objects.filter(locale__language_code="fa").values_list(
        "translation_type", flat=True)) == {"manual"}


def test_seeding_twice_adds_nothing(seeded):
    def counts():
        return (
            Page.objects.count(),
            Translation.objects.count(),
            StringTranslation.objects.count(),
            get_document_model().objects.count(),
        )

    before = counts()
    demo.seed(stdout=io.StringIO(), languages=seeded)
    assert counts() == before


def test_an_editors_review_survives_seeding_again(seeded):
    string = StringTranslation.objects.filter(locale__language_code="ar").first()
    StringTranslation.objects.filter(pk=string.pk).update(data="مراجَع", translation_type="manual")
    demo.seed(stdout=io.StringIO(), languages=seeded)
    string.refresh_from_db()
    assert (string.data, string.translation_type) == ("مراجَع", "manual")


def test_a_data_module_of_another_shape_is_skipped_with_a_message():
    OrganisationFactory(name="Avesta kommun", code="avesta")
    site_home_ensure()
    broken = sample_language("ti", "ትግርኛ")
    broken.modules[0]["key_points"] = broken.modules[0]["key_points"][:1]
    out = io.StringIO()
    demo.seed(stdout=out, languages=[broken])
    assert "ti:" in out.getvalue() and "hoppas över" in out.getvalue()
    tigrinya = Locale.objects.get(language_code="ti")
    assert not LectureSegmentPage.objects.filter(locale=tigrinya, slug__startswith="film-1-").exists()
    assert LectureSegmentPage.objects.filter(locale=tigrinya, slug__startswith="film-2-").exists()


@pytest.mark.parametrize("name", demo.DEMO_I18N_FILES)
def test_each_data_module_in_the_repository_pairs_with_the_swedish_pages(name):
    """The real data modules (courses/demo_i18n) have the shape of the English texts."""
    import importlib

    try:
        data = importlib.import_module(f"courses.demo_i18n.{name}")
    except ModuleNotFoundError:
        pytest.skip(f"courses/demo_i18n/{name}.py is not there yet")
    language = demo.language_from_module(data)
    assert language.code in SEVEN and set(language.index) == set(demo._english().index)
    assert len(language.modules) == len(WORKPLACE_MODULES)
    OrganisationFactory(name="Avesta kommun", code="avesta")
    site_home_ensure()
    out = io.StringIO()
    demo.seed(stdout=out, languages=[language])
    assert "hoppas över" not in out.getvalue()
    locale = Locale.objects.get(language_code=language.code)
    assert LectureSegmentPage.objects.filter(locale=locale).count() == len(WORKPLACE_MODULES)
    assert DiscussionGuidePage.objects.filter(locale=locale).count() == len(WORKPLACE_MODULES)
