from django import template
from django.utils import translation

from .. import translations
from ..languages import offered_languages as _offered_languages

register = template.Library()


@register.simple_tag
def offered_languages() -> list[tuple[str, str]]:
    """The languages of the language switcher: those that are Wagtail locales (cms/languages.py)."""
    return _offered_languages()


# Codes of ours that BCP 47 has no subtag for: lättläst Swedish is Swedish to browsers, screen
# readers and speech synthesis.
_BCP47 = {"sv-easy": "sv"}


@register.filter
def bcp47(code: str) -> str:
    """The ``lang`` attribute value of a language code ("sv-easy" → "sv")."""
    return _BCP47.get(code, code)


@register.filter
def text_direction(code: str) -> str:
    """"rtl" or "ltr" for a language code, from Django's bidi information (LANGUAGES_BIDI)."""
    try:
        bidi = translation.get_language_info(code)["bidi"]
    except KeyError:  # a code Django has no information about
        bidi = False
    return "rtl" if bidi else "ltr"


@register.simple_tag
def machine_drafted(page) -> bool:
    """Whether ``page`` is a translation with strings no editor has reviewed yet (one query)."""
    return translations.is_machine_drafted(page) if page is not None else False
