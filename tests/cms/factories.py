"""Builders for the content page tree used by the cms and courses tests."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import Locale

from cms.models import DiscussionGuidePage, HomePage, LectureSegmentPage, MaterialIndexPage

VTT = b"WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\nHej och v\xc3\xa4lkommen.\n"


def document(title: str, filename: str, content: bytes = b"data"):
    model = get_document_model()
    doc = model(title=title)
    doc.file.save(filename, ContentFile(content), save=False)
    doc.save()
    return doc


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def guide_steps(segment: LectureSegmentPage | None) -> list:
    return [
        ("opening", {"title": "Välkommen", "minutes": 5, "text": "<p>Vi börjar.</p>", "notes": "<p>HEMLIG-NOT-1</p>"}),
        (
            "watch",
            {"title": "Se filmen", "minutes": 10, "text": "", "notes": "<p>Pausa efteråt.</p>", "segment": segment},
        ),
        (
            "question_round",
            {
                "title": "Frågerunda",
                "minutes": 20,
                "text": "",
                "notes": "<p>HEMLIG-NOT-2</p>",
                "questions": ["Vilka är vi nu?", "Vad har förändrats?"],
            },
        ),
        (
            "exercise",
            {
                "title": "Två och två",
                "minutes": 15,
                "text": "<p>Prata med din granne.</p>",
                "notes": "",
                "questions": ["Hur säger vi emot med respekt?"],
                "grouping": "pair",
            },
        ),
        ("closing", {"title": "Avslutning", "minutes": 10, "text": "<p>Tack.</p>", "notes": ""}),
    ]


@dataclass
class ContentTree:
    home: HomePage
    index: MaterialIndexPage
    segment: LectureSegmentPage
    guide: DiscussionGuidePage


def content_tree() -> ContentTree:
    """Home (site root) → Material → one lecture segment with video and captions, one guide (60 min)."""
    from cms.services import site_home_ensure

    home = site_home_ensure()
    index = publish(home, MaterialIndexPage(title="Material", slug="material"))
    video = document("Film", "film.webm", b"\x1a\x45\xdf\xa3webm")
    captions = document("Undertexter", "film.vtt", VTT)
    segment = publish(
        index,
        LectureSegmentPage(
            title="Vilka är vi nu?",
            slug="vilka-ar-vi-nu",
            summary="Om arbetsplatsens nya identitet.",
            video_file=video,
            captions=captions,
            duration_minutes=10,
            transcript="<p>Välkommen till samtalet om mångfald.</p><p>Andra stycket &amp; mer.</p>",
            key_points=[("point", "Alla behövs.")],
        ),
    )
    guide = publish(
        index,
        DiscussionGuidePage(
            title="Samtalsguide 1",
            slug="samtalsguide-1",
            intro="<p>Ett första samtal.</p>",
            preparation="<p>FORBEREDELSE-HEMLIG</p>",
            steps=guide_steps(segment),
        ),
    )
    return ContentTree(home=home, index=index, segment=segment, guide=guide)


def english_locale() -> Locale:
    return Locale.objects.get_or_create(language_code="en")[0]
