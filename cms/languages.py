"""The languages readers are offered: those of settings.LANGUAGES that are Wagtail locales.

``settings.LANGUAGES`` lists the languages that have an interface catalogue, and so the ones an
editor may add under Settings → Locales. A language is offered to readers – in the language
switcher, and as a URL prefix serving the material – only once it is a locale, so adding one is
an admin action (docs/languages.md). Removing the locale hides the language again; its
addresses then lead to the same page in Swedish. Swedish and English, the platform's own
languages, are always offered.

The list is read on every request and for every page address, so it is kept in the cache,
read again whenever a locale is saved or deleted (cms.apps connects :func:`refresh`), and each
process keeps its copy for a few seconds more: a locale added through another process is
offered here within ``_LOCAL_SECONDS``.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

_CACHE_KEY = "samtalsrum:offered-languages"
_LOCAL_SECONDS = 5.0
_local: dict = {"codes": [], "until": 0.0}


def offered_languages() -> list[tuple[str, str]]:
    """``(code, name)`` of the languages readers are offered, in the order of settings.LANGUAGES;
    Swedish and English (settings.LANGUAGES_ALWAYS_OFFERED) are offered even without a locale:
    their pages then fall back to the Swedish ones."""
    now = time.monotonic()
    if _local["until"] > now:
        codes = _local["codes"]
    else:
        codes = _shared_codes()
        _local.update(codes=codes, until=now + _LOCAL_SECONDS)
    offered = set(codes) | {settings.LANGUAGE_CODE, *getattr(settings, "LANGUAGES_ALWAYS_OFFERED", [])}
    return [(code, name) for code, name in settings.LANGUAGES if code in offered]


def _shared_codes() -> list[str]:
    codes = cache.get(_CACHE_KEY)
    if codes is None:
        from wagtail.models import Locale

        codes = list(Locale.objects.values_list("language_code", flat=True))
        cache.set(_CACHE_KEY, codes, None)
    return codes


def offered_codes() -> set[str]:
    return {code for code, _name in offered_languages()}


def is_offered(language: str | None) -> bool:
    return bool(language) and language in offered_codes()


def refresh(**_kwargs) -> None:
    """A locale was added, changed or removed: read the list again now – so no request pays for
    it – and once more when the change commits, in case a request read the old list in between."""
    _read_now()
    transaction.on_commit(_read_now)


def _read_now() -> None:
    from wagtail.models import Locale

    remember(list(Locale.objects.values_list("language_code", flat=True)))


def remember(codes: list[str]) -> None:
    """Take ``codes`` as the locales' language codes (what :func:`refresh` reads from the database)."""
    cache.set(_CACHE_KEY, codes, None)
    _local.update(codes=codes, until=time.monotonic() + _LOCAL_SECONDS)
