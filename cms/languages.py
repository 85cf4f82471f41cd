"""The languages readers are offered: those of settings.LANGUAGES that are Wagtail locales.

``settings.LANGUAGES`` lists the languages that have an interface catalogue, and so the ones an
editor may add under Settings → Locales. A language is offered to readers – in the language
switcher, and as a URL prefix serving the material – only once it is a locale, so adding one is
an admin action (docs/languages.md). Removing the locale hides the language again; its
addresses then lead to the same page in Swedish.

The list is read on every request, so it is kept in the cache and dropped whenever a locale is
saved or deleted (cms.apps connects :func:`forget`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

_CACHE_KEY = "samtalsrum:offered-languages"


def offered_languages() -> list[tuple[str, str]]:
    """``(code, name)`` of the languages readers are offered, in the order of settings.LANGUAGES;
    the default language always comes first, even before its locale exists."""
    codes = cache.get(_CACHE_KEY)
    if codes is None:
        from wagtail.models import Locale

        codes = list(Locale.objects.values_list("language_code", flat=True))
        cache.set(_CACHE_KEY, codes, None)
    offered = set(codes) | {settings.LANGUAGE_CODE}
    return [(code, name) for code, name in settings.LANGUAGES if code in offered]


def offered_codes() -> set[str]:
    return {code for code, _name in offered_languages()}


def is_offered(language: str | None) -> bool:
    return bool(language) and language in offered_codes()


def forget(**_kwargs) -> None:
    """A locale was added, changed or removed: read the list again on the next request."""
    cache.delete(_CACHE_KEY)
