"""Demo programme "Vilka är vi?": its two tracks, their modules and the learning material.

Runs after ``cms.demo`` (which makes the HomePage the site root). Idempotent: pages, documents
and modules that exist are left as they are. Deterministic: no randomness is used.
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

from django.core.files.base import ContentFile
from django.utils.html import escape
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from cms.models import DiscussionGuidePage, HomePage, LectureSegmentPage, MaterialIndexPage
from cms.translations import (
    SegmentMismatch,
    page_translate,
    page_translation_exists,
    segment_strings,
)
from people.models import Organisation

from .demo_content import PREPARATORY_MODULES, WORKPLACE_MODULES
from .models import Milestone, Module, Phase, Programme, RoundingRule, Track, TrackKind

# Every language of the demo is a Wagtail locale, so readers are offered all seven.
DEMO_LOCALES = ["sv", "en", "sv-easy", "ar", "so", "ti", "fa"]
# The data modules with each language's texts (courses/demo_i18n/<file>.py).
DEMO_I18N_FILES = ["sv_easy", "ar", "so", "ti", "fa"]
PROGRAMME_NAME = "Vilka är vi?"
PROGRAMME_NAME_EN = "Who are we?"
VIDEO_PATH = Path(__file__).resolve().parent / "demo_media" / "platshallare.mp4"
VIDEO_TITLE = "Platshållarfilm (Samtalsrum)"
VIDEO_SECONDS = 5


def seed(*, stdout, languages: list[DemoLanguage] | None = None) -> list[str]:
    """Create the programme, tracks, modules, material pages and the workplace track's pages in
    the demo's languages (``languages``, default :func:`demo_languages`), and all seven locales."""
    programme = _programme()
    home = HomePage.objects.filter(locale__language_code="sv").first() or HomePage.objects.first()
    if home is None:
        stdout.write("  courses: ingen startsida – materialet hoppas över (kör cms.demo först).")
        _tracks(programme, workplace_pages=None, preparatory_segments={})
        return []
    for code in DEMO_LOCALES:
        Locale.objects.get_or_create(language_code=code)

    material = _child(
        home,
        MaterialIndexPage,
        "material",
        title="Material",
        intro="<p>Föreläsningsavsnitt och samtalsguider i programmet Vilka är vi?</p>",
    )
    preparatory_index = _child(
        material,
        MaterialIndexPage,
        "preparandprocessen",
        title="Preparandprocessen",
        intro="<p>Föreläsningar för chefer och processledare (14 timmar).</p>",
    )
    workplace_index = _child(
        material,
        MaterialIndexPage,
        "arbetsplatsprocessen",
        title="Arbetsplatsprocessen",
        intro="<p>Fem samtal på en timme var, med film och samtalsguide (5 timmar).</p>",
    )

    preparatory_segments: dict[str, LectureSegmentPage] = {}
    for module in PREPARATORY_MODULES:
        data = module.get("segment")
        if data:
            preparatory_segments[module["title"]] = _child(
                preparatory_index,
                LectureSegmentPage,
                data["slug"],
                title=data["title"],
                summary=data["summary"],
                duration_minutes=data["minutes"],
                transcript=_paragraphs(data["transcript"]),
                key_points=[("point", point) for point in data["key_points"]],
            )

    video = _document(VIDEO_TITLE, "platshallare.mp4", VIDEO_PATH.read_bytes())
    workplace_pages: list[tuple[LectureSegmentPage, DiscussionGuidePage]] = []
    for number, module in enumerate(WORKPLACE_MODULES, start=1):
        text = module["sv"]
        segment = _child(
            workplace_index,
            LectureSegmentPage,
            f"film-{number}-{module['slug']}",
            **_segment_fields(text, number, video, "sv"),
        )
        guide = _child(
            workplace_index,
            DiscussionGuidePage,
            f"samtal-{number}-{module['slug']}",
            **_guide_fields(text, segment),
        )
        workplace_pages.append((segment, guide))

    for language in demo_languages() if languages is None else languages:
        _translate_workplace_track(
            language=language, home=home, material=material, workplace_index=workplace_index,
            workplace_pages=workplace_pages, video=video, stdout=stdout,
        )
    _tracks(programme, workplace_pages=workplace_pages, preparatory_segments=preparatory_segments)
    return []


def _programme() -> Programme:
    programme, _created = Programme.objects.get_or_create(
        name=PROGRAMME_NAME,
        defaults={
            "description": "För ett inkluderande och hållbart arbetsliv. Ett program för alla "
            "anställda hos arbetsgivarna i Avesta och Orsa.",
            "starts_on": datetime.date(2026, 2, 1),
            "ends_on": datetime.date(2028, 2, 29),
            "planned_participants": 2589,
            "unit_cost_per_hour": Decimal("320.00"),
            "rounding_rule": RoundingRule.WHOLE_HOURS_DOWN,
            "anonymity_threshold": 5,
            "retention_until": datetime.date(2038, 12, 31),
            # Budget 9 142 455 kr less the funder's grant 4 297 371 kr: the participants' time.
            "cofinancing_budget": Decimal("4845084.00"),
        },
    )
    if not programme.name_en:
        programme.name_en = PROGRAMME_NAME_EN
        programme.save(update_fields=["name_en"])
    programme.organisations.set(Organisation.objects.all())
    _phases(programme)
    return programme


DEMO_PHASES = [
    (
        "Analys och planering",
        datetime.date(2026, 2, 1),
        datetime.date(2026, 7, 31),
        "Projektanalys, bemanning och framtagning av utbildningsmaterialet.",
    ),
    (
        "Genomförande",
        datetime.date(2026, 8, 1),
        datetime.date(2027, 8, 31),
        "Preparandprocessen (14 timmar) och arbetsplatsprocessen (5 timmar per anställd).",
    ),
    (
        "Avslutning",
        datetime.date(2027, 9, 1),
        datetime.date(2028, 2, 29),
        "Rapportering, utvärdering och en konferensdag för andra organisationer.",
    ),
]

DEMO_MILESTONES = [
    ("Projektplan och analys klar", datetime.date(2026, 5, 29)),
    ("Utbildningsmaterialet klart", datetime.date(2026, 7, 15)),
    ("Första preparandtillfället", datetime.date(2026, 9, 1)),
    ("Alla arbetsplatser har planerat sina samtal", datetime.date(2026, 12, 18)),
    ("Halvtidsutvärdering", datetime.date(2027, 3, 31)),
    ("Arbetsplatsprocessen genomförd", datetime.date(2027, 8, 31)),
    ("Konferensdag", datetime.date(2027, 11, 18)),
    ("Slutrapport till finansiären", datetime.date(2028, 2, 15)),
] + [
    # The steering group meets twice every half-year.
    (f"Styrgruppsmöte {day:%Y-%m}", day)
    for day in (
        datetime.date(2026, 3, 17), datetime.date(2026, 6, 9), datetime.date(2026, 9, 22),
        datetime.date(2026, 12, 8), datetime.date(2027, 3, 16), datetime.date(2027, 6, 8),
        datetime.date(2027, 9, 21), datetime.date(2027, 12, 7),
    )
]


def _phases(programme: Programme) -> None:
    """The three phases and their milestones, once (an editor's changes are kept)."""
    if not programme.cofinancing_budget:
        Programme.objects.filter(pk=programme.pk).update(cofinancing_budget=Decimal("4845084.00"))
    if not Phase.objects.filter(programme=programme).exists():
        Phase.objects.bulk_create(
            Phase(programme=programme, name=name, starts_on=start, ends_on=end, description=text, sort_order=i)
            for i, (name, start, end, text) in enumerate(DEMO_PHASES)
        )
    if not Milestone.objects.filter(programme=programme).exists():
        Milestone.objects.bulk_create(
            Milestone(programme=programme, title=title, due_on=day, sort_order=i)
            for i, (title, day) in enumerate(DEMO_MILESTONES)
        )


def _tracks(
    programme: Programme,
    *,
    workplace_pages: list[tuple[LectureSegmentPage, DiscussionGuidePage]] | None,
    preparatory_segments: dict[str, LectureSegmentPage],
) -> None:
    preparatory, _created = Track.objects.get_or_create(
        programme=programme,
        kind=TrackKind.PREPARATORY,
        defaults={
            "name": "Preparandprocessen",
            "name_en": "The preparatory process",
            "target_minutes": 840,
            "description": "För chefer, personer i ledande ställning och två representanter från "
            "varje arbetsplats, som blir processledare.",
        },
    )
    if not preparatory.modules.exists():
        for order, module in enumerate(PREPARATORY_MODULES):
            Module.objects.create(
                track=preparatory,
                sort_order=order,
                title=module["title"],
                title_en=module.get("title_en", ""),
                description=module["description"],
                planned_minutes=module["minutes"],
                lecture_segment=preparatory_segments.get(module["title"]),
            )
    workplace, _created = Track.objects.get_or_create(
        programme=programme,
        kind=TrackKind.WORKPLACE,
        defaults={
            "name": "Arbetsplatsprocessen",
            "name_en": "The workplace process",
            "target_minutes": 300,
            "description": "Fem samtal på en timme var på den egna arbetsplatsen, ledda av "
            "arbetsplatsens processledare. Chefen ansvarar.",
        },
    )
    if not workplace.modules.exists():
        for order, module in enumerate(WORKPLACE_MODULES):
            segment, guide = workplace_pages[order] if workplace_pages else (None, None)
            Module.objects.create(
                track=workplace,
                sort_order=order,
                title=f"{order + 1}. {module['sv']['module']}",
                title_en=f"{order + 1}. {module['en']['module']}",
                description=module["sv"]["module_description"],
                planned_minutes=60,
                lecture_segment=segment,
                discussion_guide=guide,
            )


def _child(parent: Page, model: type[Page], slug: str, **fields: Any) -> Any:
    """The live child of ``parent`` with ``slug``; created and published when missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _document(title: str, filename: str, content: bytes):
    document_model = get_document_model()
    document = document_model.objects.filter(title=title).first()
    if document is None:
        document = document_model(title=title)
        document.file.save(filename, ContentFile(content), save=False)
        document.file_size = len(content)
        document.save()
    return document


def _paragraphs(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def _captions(text: dict, language: str, silent_film: str = "") -> bytes:
    """WebVTT captions for the placeholder film (it has no sound: the cues say so)."""
    silent = silent_film or SILENT_FILM.get(language, SILENT_FILM["en"])
    cues = [silent, text["segment_title"], text["summary"]]
    step = VIDEO_SECONDS / len(cues)
    lines = ["WEBVTT", ""]
    for index, cue in enumerate(cues):
        start, end = index * step, (index + 1) * step
        lines += [str(index + 1), f"00:00:{start:06.3f} --> 00:00:{end:06.3f}", cue, ""]
    return "\n".join(lines).encode("utf-8")


def _segment_fields(text: dict, number: int, video, language: str, silent_film: str = "") -> dict[str, Any]:
    suffix = {"sv": "", "en": " (English)"}.get(language, f" ({language})")
    captions = _document(
        f"Undertexter {number}: {text['segment_title']}{suffix}",
        f"undertexter-{number}-{language}.vtt",
        _captions(text, language, silent_film),
    )
    questions = [q for step in text["steps"] for q in step[5]]
    handout = _document(
        f"Frågor till samtal {number}: {text['module']}",
        f"{slugify(text['module']) or f'fragor-{number}-{language}'}.txt",
        ("\n".join([text["guide_title"], "", *[f"- {q}" for q in questions]]) + "\n").encode("utf-8"),
    )
    return {
        "title": text["segment_title"],
        "summary": text["summary"],
        "video_file": video,
        "captions": captions,
        "duration_minutes": 10,
        "transcript": _paragraphs(text["transcript"]),
        "key_points": [("point", point) for point in text["key_points"]],
        "material": [("document", {"document": handout, "description": text["module_description"]})],
    }


def _guide_fields(text: dict, segment: LectureSegmentPage) -> dict[str, Any]:
    steps = []
    for step in text["steps"]:
        kind, title, minutes, body, notes, questions = step[:6]
        value: dict[str, Any] = {
            "title": title,
            "minutes": minutes,
            "text": f"<p>{escape(body)}</p>" if body else "",
            "notes": f"<p>{escape(notes)}</p>" if notes else "",
        }
        if kind == "watch":
            value["segment"] = segment
        if kind in ("question_round", "reflection", "exercise"):
            value["questions"] = questions
        if kind == "exercise":
            value["grouping"] = step[6]
        steps.append((kind, value))
    return {
        "title": text["guide_title"],
        "intro": f"<p>{escape(text['intro'])}</p>",
        "goals": f"<p>{escape(text['goals'])}</p>",
        "preparation": f"<p>{escape(text['preparation'])}</p>",
        "steps": steps,
    }


# The film has no sound; its captions say so in each language. The phrases of languages other
# than Swedish and English are machine-drafted, like the rest of those languages' demo texts.
SILENT_FILM = {
    "sv": "[Platshållarfilm utan ljud]",
    "en": "[Placeholder film without sound]",
    "sv-easy": "[Filmen har inget ljud]",
    "ar": "[فيلم مؤقت بدون صوت]",
    "so": "[Filim ku-meel-gaar ah oo aan cod lahayn]",
    "ti": "[ድምጺ ዘይብሉ ግዝያዊ ፊልም]",
    "fa": "[فیلم موقت بدون صدا]",
}


@dataclass(frozen=True)
class DemoLanguage:
    """One language's demo texts: the shape of a ``courses/demo_i18n/<file>.py`` module."""

    code: str
    reviewed: bool
    index: dict[str, str]
    modules: list[dict]
    silent_film: str = ""


def _english() -> DemoLanguage:
    return DemoLanguage(
        code="en",
        reviewed=True,
        index={
            "home_title": "Samtalsrum",
            "home_lead": "Conversations for an inclusive and sustainable working life.",
            "material_intro": "Lecture segments and discussion guides of the programme Who are we?",
            "workplace_title": "The workplace process",
            "workplace_intro": "Five one-hour conversations, each with a film and a discussion guide (5 hours).",
        },
        modules=[module["en"] for module in WORKPLACE_MODULES],
    )


def demo_languages() -> list[DemoLanguage]:
    """English, then the languages whose data module is in courses/demo_i18n (a missing one is
    skipped: the material stays Swedish in that language until it is there)."""
    found = [_english()]
    for name in DEMO_I18N_FILES:
        try:
            data = importlib.import_module(f"courses.demo_i18n.{name}")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"courses.demo_i18n.{name}", "courses.demo_i18n"):
                raise
            continue
        found.append(language_from_module(data))
    return found


def language_from_module(data: ModuleType) -> DemoLanguage:
    return DemoLanguage(
        code=data.LANGUAGE,
        reviewed=bool(data.REVIEWED),
        index=data.INDEX,
        modules=data.MODULES,
        silent_film=getattr(data, "SILENT_FILM", ""),
    )


def _rich(text: str) -> str:
    """A data file's text as rich text: already HTML, or one paragraph."""
    return text if text.lstrip().startswith("<") else f"<p>{escape(text)}</p>"


def _translate(page: Page, locale: Locale, ours: Page, theirs: Page, *, reviewed: bool, overrides=None,
               stdout=None) -> Page:
    """``page`` in ``locale`` through wagtail-localize: ``ours`` and ``theirs`` are unsaved pages
    built from the same template with the Swedish texts and with the language's, so their strings
    pair up. An existing translation is left as it is (an editor may have reviewed it)."""
    if page_translation_exists(page=page, locale=locale):
        return page.get_translation(locale).specific
    try:
        strings = segment_strings(ours, theirs)
    except SegmentMismatch as exc:
        if stdout is not None:
            stdout.write(f"  courses: {locale.language_code}: {exc} – sidan hoppas över.")
        return page
    return page_translate(page=page, locale=locale, strings=strings, reviewed=reviewed, overrides=overrides)


def _translate_workplace_track(
    *,
    language: DemoLanguage,
    home: HomePage,
    material: MaterialIndexPage,
    workplace_index: MaterialIndexPage,
    workplace_pages: list[tuple[LectureSegmentPage, DiscussionGuidePage]],
    video,
    stdout,
) -> list[Page]:
    """``language``'s versions of the home page, the material indexes and the workplace track's
    pages, parents first; the preparatory track stays Swedish. Returns the pages made or found."""
    locale, _created = Locale.objects.get_or_create(language_code=language.code)
    text = language.index
    reviewed = language.reviewed
    translated = [
        _translate(
            home, locale, home,
            HomePage(title=text["home_title"], slug=home.slug, lead=text["home_lead"], body=home.body),
            reviewed=reviewed, stdout=stdout,
        ),
        _translate(
            material, locale, material,
            MaterialIndexPage(title=material.title, slug=material.slug, intro=_rich(text["material_intro"])),
            reviewed=reviewed, stdout=stdout,
        ),
        _translate(
            workplace_index, locale, workplace_index,
            MaterialIndexPage(title=text["workplace_title"], slug=workplace_index.slug,
                              intro=_rich(text["workplace_intro"])),
            reviewed=reviewed, stdout=stdout,
        ),
    ]
    for number, (module, (segment, guide)) in enumerate(zip(WORKPLACE_MODULES, workplace_pages, strict=True), start=1):
        if page_translation_exists(page=guide, locale=locale):
            translated += [segment.get_translation(locale).specific, guide.get_translation(locale).specific]
            continue
        ours = _segment_fields(module["sv"], number, video, "sv")
        mine = language.modules[number - 1]
        theirs = _segment_fields(mine, number, video, language.code, silent_film=language.silent_film)
        # The translation shows the language's own captions and question sheet, not the Swedish.
        overrides = {
            ours["captions"].pk: theirs["captions"].pk,
            ours["material"][0][1]["document"].pk: theirs["material"][0][1]["document"].pk,
        }
        segment_page = _translate(
            segment, locale, LectureSegmentPage(slug=segment.slug, **ours),
            LectureSegmentPage(slug=segment.slug, **theirs),
            reviewed=reviewed, overrides=overrides, stdout=stdout,
        )
        guide_page = _translate(
            guide, locale, DiscussionGuidePage(slug=guide.slug, **_guide_fields(module["sv"], segment)),
            DiscussionGuidePage(slug=guide.slug, **_guide_fields(mine, segment)),
            reviewed=reviewed, stdout=stdout,
        )
        translated += [segment_page, guide_page]
    return translated
