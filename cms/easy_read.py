"""The "Lättläst" switch of the reading support menu: the page's easy-to-read Swedish version,
or back from it to Swedish.

Lättläst Swedish is its own content language (``sv-easy``, URL prefix ``/sv-easy/``). The switch
posts to Django's ``set_language`` view, so the choice is kept in the language cookie and every
page after this one – links made by :class:`cms.models.content.ReaderLanguageUrlMixin`, the next
visit to ``/`` – opens in the same version.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import translation

from wagtail.models import Page

SWEDISH = "sv"
EASY_SWEDISH = "sv-easy"


@dataclass(frozen=True)
class EasyReadSwitch:
    #: The language the switch changes to: ``sv-easy`` from Swedish, ``sv`` back from lättläst.
    language: str
    #: Where the switch leads: the page's version in ``language`` (or the same address there).
    next_url: str
    #: Whether lättläst is chosen now (the switch is pressed).
    easy_now: bool
    #: Whether the page has no lättläst version (it is, or will be, shown in Swedish).
    missing: bool


def _live_version(page: Page, language: str) -> Page | None:
    if page.locale.language_code == language:
        return page
    return (
        Page.objects.filter(translation_key=page.translation_key, locale__language_code=language, live=True)
        .specific()
        .first()
    )


def easy_read_switch(request: HttpRequest | None, page: object = None) -> EasyReadSwitch | None:
    """The switch for ``request`` (showing ``page`` when it is a Wagtail page); ``None`` where the
    reader's language is neither Swedish nor lättläst."""
    current = translation.get_language()
    if request is None or current not in (SWEDISH, EASY_SWEDISH):
        return None
    easy_now = current == EASY_SWEDISH
    target = SWEDISH if easy_now else EASY_SWEDISH
    next_url = _same_address_in(request, current, target)
    missing = False
    if isinstance(page, Page):
        version = _live_version(page, target)
        missing = page.locale.language_code != EASY_SWEDISH if easy_now else version is None
        if version is not None:
            # The same view of the page there, e.g. a guide's process leader view (".../ledare/").
            here = page.get_url(request=request) or ""
            rest = request.path[len(here):] if here and request.path.startswith(here) else ""
            with translation.override(target):
                there = version.get_url(request=request)
            if there:
                next_url = there + rest
    return EasyReadSwitch(language=target, next_url=next_url, easy_now=easy_now, missing=missing)


def _same_address_in(request: HttpRequest, current: str, target: str) -> str:
    """The address of this request under ``target``'s prefix. Wagtail serves a Swedish page
    missing in lättläst there, with a notice (``FallbackToDefaultLocaleMixin``)."""
    path = request.get_full_path()
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{target}/{path[len(prefix):]}"
    return path
