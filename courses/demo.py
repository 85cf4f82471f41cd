"""Demo programme "Vilka är vi?": its two tracks, their modules and the learning material.

Runs after ``cms.demo`` (which makes the HomePage the site root). Idempotent: pages, documents
and modules that exist are left as they are. Deterministic: no randomness is used.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.utils.html import escape
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from cms.models import DiscussionGuidePage, HomePage, LectureSegmentPage, MaterialIndexPage
from people.models import Organisation

from .demo_content import PREPARATORY_MODULES, WORKPLACE_MODULES
from .models import Milestone, Module, Phase, Programme, RoundingRule, Track, TrackKind

PROGRAMME_NAME = "Vilka är vi?"
PROGRAMME_NAME_EN = "Who are we?"
VIDEO_PATH = Path(__file__).resolve().parent / "demo_media" / "platshallare.mp4"
VIDEO_TITLE = "Platshållarfilm (Samtalsrum)"
VIDEO_SECONDS = 5


def seed(*, stdout) -> list[str]:
    """Create the programme, tracks, modules, material pages and the English workplace track."""
    programme = _programme()
    home = HomePage.objects.filter(locale__language_code="sv").first() or HomePage.objects.first()
    if home is None:
        stdout.write("  courses: ingen startsida – materialet hoppas över (kör cms.demo först).")
        _tracks(programme, workplace_pages=None, preparatory_segments={})
        return []
    sv = Locale.objects.get(language_code="sv")
    en, _created = Locale.objects.get_or_create(language_code="en")

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

    _translate_workplace_track(
        sv=sv, en=en, home=home, material=material, workplace_index=workplace_index,
        workplace_pages=workplace_pages, video=video,
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


def _captions(text: dict, language: str) -> bytes:
    """WebVTT captions for the placeholder film (it has no sound: the cues say so)."""
    silent = "[Platshållarfilm utan ljud]" if language == "sv" else "[Placeholder film without sound]"
    cues = [silent, text["segment_title"], text["summary"]]
    step = VIDEO_SECONDS / len(cues)
    lines = ["WEBVTT", ""]
    for index, cue in enumerate(cues):
        start, end = index * step, (index + 1) * step
        lines += [str(index + 1), f"00:00:{start:06.3f} --> 00:00:{end:06.3f}", cue, ""]
    return "\n".join(lines).encode("utf-8")


def _segment_fields(text: dict, number: int, video, language: str) -> dict[str, Any]:
    suffix = "" if language == "sv" else " (English)"
    captions = _document(
        f"Undertexter {number}: {text['segment_title']}{suffix}",
        f"undertexter-{number}-{language}.vtt",
        _captions(text, language),
    )
    questions = [q for step in text["steps"] for q in step[5]]
    handout = _document(
        f"Frågor till samtal {number}: {text['module']}",
        f"{slugify(text['module'])}.txt",
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


def _translation(page: Page, locale: Locale, **fields: Any) -> Any:
    """The live ``locale`` translation of ``page``; created from a copy and published when missing."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    translated.save_revision().publish()
    return translated


def _translate_workplace_track(
    *,
    sv: Locale,
    en: Locale,
    home: HomePage,
    material: MaterialIndexPage,
    workplace_index: MaterialIndexPage,
    workplace_pages: list[tuple[LectureSegmentPage, DiscussionGuidePage]],
    video,
) -> None:
    """English versions of the workplace track's pages; the preparatory track stays Swedish."""
    _translation(
        home,
        en,
        title="Samtalsrum",
        lead="Conversations for an inclusive and sustainable working life.",
        body="",
    )
    _translation(
        material,
        en,
        intro="<p>Lecture segments and discussion guides of the programme Who are we?</p>",
    )
    _translation(
        workplace_index,
        en,
        title="The workplace process",
        intro="<p>Five one-hour conversations, each with a film and a discussion guide (5 hours).</p>",
    )
    for number, (module, (segment, guide)) in enumerate(
        zip(WORKPLACE_MODULES, workplace_pages, strict=True), start=1
    ):
        text = module["en"]
        segment_en = _translation(segment, en, **_segment_fields(text, number, video, "en"))
        _translation(guide, en, **_guide_fields(text, segment_en))
