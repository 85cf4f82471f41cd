"""A stand-in interface catalogue for languages whose catalogue is not in ``locale/`` yet.

Django serves a language only when some catalogue for it exists (``check_for_language``): the
``/so/`` prefix, the language's date formats and the header's switcher depend on it. Where the
project's own ``locale/<lang>`` is present this does nothing; otherwise it adds an empty
catalogue (every string stays Swedish, as with a catalogue not yet translated) for the test.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from django.utils import formats
from django.utils.translation import to_locale, trans_real

LANGUAGES_WITHOUT_DJANGO_CATALOGUE = ("so", "ti")


def _empty_mo() -> bytes:
    """A valid GNU .mo file with only the header entry (UTF-8)."""
    header = b"Content-Type: text/plain; charset=UTF-8\n"
    originals, translations = [b""], [header]
    start = 7 * 4 + 16 * len(originals)
    table_o, table_t, data = b"", b"", b""
    offset = start
    for text in originals + translations:
        entry = struct.pack("<II", len(text), offset)
        if len(table_o) // 8 < len(originals):
            table_o += entry
        else:
            table_t += entry
        data += text + b"\0"
        offset += len(text) + 1
    head = struct.pack("<7I", 0x950412DE, 0, len(originals), 28, 28 + 8 * len(originals), 0, 0)
    return head + table_o + table_t + data


def _caches_clear() -> None:
    # Changing LOCALE_PATHS clears Django's own caches (django.test.signals); the formats
    # remember per language whether it had any.
    trans_real._translations = {}
    trans_real._default = None
    for cached in ("translation_catalog_exists", "get_languages", "_get_supported_language_variant"):
        getattr(trans_real, cached).cache_clear()
    formats.reset_format_cache()


@pytest.fixture
def every_language_served(tmp_path: Path, settings):
    """Every language of ``settings.LANGUAGES`` has a catalogue for the test's duration."""
    missing = [code for code in LANGUAGES_WITHOUT_DJANGO_CATALOGUE if not trans_real.check_for_language(code)]
    if missing:
        for code in missing:
            folder = tmp_path / to_locale(code) / "LC_MESSAGES"
            folder.mkdir(parents=True)
            (folder / "django.mo").write_bytes(_empty_mo())
        settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, tmp_path]
        _caches_clear()
    yield
    if missing:
        _caches_clear()


@pytest.fixture
def every_locale(db, settings):
    """A Wagtail locale for every language: readers are offered the languages that are one."""
    from wagtail.models import Locale

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
