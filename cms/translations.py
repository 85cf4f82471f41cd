"""Translating pages through wagtail-localize, and telling readers how far a translation is reviewed.

Every translation of the material goes through wagtail-localize's own records (a
``TranslationSource`` of the Swedish page, a ``Translation`` into the target locale and one
``StringTranslation`` per string), so editors review and correct any of them in its translation
editor, however the first draft was made. A string is *machine-drafted* while its
``translation_type`` is "machine" and *reviewed* once an editor has saved it ("manual").
"""

from __future__ import annotations

import json

import polib

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef

from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue

#: The tool name machine-drafted strings carry in the translation editor.
MACHINE_TOOL_NAME = "Maskinutkast"


class SegmentMismatch(ValueError):
    """The two versions of a page have different numbers of strings, so they cannot be paired."""


def segment_strings(source: Page, target: Page) -> dict[str, str]:
    """The strings of ``source`` mapped to those of ``target``, two versions of the same page
    with the same structure (same fields, blocks and paragraphs), e.g. built from the same
    template in two languages. Neither needs to be saved."""
    pairs = [
        [segment.string.data for segment in extract_segments(_with_block_ids(page))
         if isinstance(segment, StringSegmentValue)]
        for page in (source, target)
    ]
    if len(pairs[0]) != len(pairs[1]):
        raise SegmentMismatch(f"{source.title!r}: {len(pairs[0])} strings, the translation has {len(pairs[1])}")
    return {mine: theirs for mine, theirs in zip(*pairs, strict=True) if theirs}


def _with_block_ids(page: Page) -> Page:
    """``page`` with an id on every block of its StreamFields, as saving would give them: the
    strings are found by block id."""
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            field.value_from_object(page).get_prep_value()  # fills in the missing ids
    return page


@transaction.atomic
def page_translate(
    *,
    page: Page,
    locale: Locale,
    strings: dict[str, str],
    reviewed: bool,
    overrides: dict[int, int] | None = None,
    tool_name: str = MACHINE_TOOL_NAME,
) -> Page:
    """Translate ``page`` into ``locale`` through wagtail-localize and publish the translation.

    ``strings`` maps the page's own strings to their translations (strings it does not name
    stay as in the source); they are stored as reviewed ("manual") or machine-drafted. The
    ``overrides`` replace synchronised values in the translation, by the source's value: a
    document's id to the id of the translation's own (a film's captions in its language).

    Returns the live translated page. Its parents must have translations already (else
    wagtail-localize copies them untranslated).
    """
    # The source as the page is now (a Swedish page edited since its last translation included).
    source, _created = TranslationSource.update_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=utf-8", "X-WagtailLocalize-TranslationID": str(translation.uuid)}
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context").order_by("order"):
        if text := strings.get(segment.string.data):
            po.append(polib.POEntry(msgid=segment.string.data, msgctxt=segment.context.path, msgstr=text))
    translation.import_po(
        po,
        translation_type="manual" if reviewed else "machine",
        tool_name="" if reviewed else tool_name,
    )
    for segment in OverridableSegment.objects.filter(source=source).select_related("context"):
        value = json.loads(segment.data_json)
        if overrides and isinstance(value, int) and value in overrides:
            SegmentOverride.objects.update_or_create(
                locale=locale, context=segment.context, defaults={"data_json": json.dumps(overrides[value])}
            )
    # Published here rather than by save_target(publish=True), which publishes only once the
    # outermost transaction commits: the caller gets the live page back at once.
    translation.save_target(publish=False)
    target = translation.get_target_instance()
    target.get_latest_revision().publish()
    target.refresh_from_db()
    return target.specific


def page_translation_exists(*, page: Page, locale: Locale) -> bool:
    """Whether ``page`` is translated into ``locale`` through wagtail-localize already."""
    return Translation.objects.filter(
        source__object_id=page.translation_key, source__locale_id=page.locale_id, target_locale=locale
    ).exists() and page.has_translation(locale)


def is_machine_drafted(page: Page) -> bool:
    """Whether any string of ``page``'s translation (the strings its source has now) is still
    machine-drafted: the reader is told so. One query; none for a page in the default language."""
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return False
    in_source = StringSegment.objects.filter(
        source__object_id=page.translation_key,
        string_id=OuterRef("translation_of_id"),
        context_id=OuterRef("context_id"),
    ).exclude(source__locale_id=page.locale_id)
    return (
        StringTranslation.objects.filter(
            context__object_id=page.translation_key, locale_id=page.locale_id, translation_type="machine"
        )
        .filter(Exists(in_source))
        .exists()
    )
