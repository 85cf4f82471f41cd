"""Each person's language: which language the interface starts in when they sign in, and
saving the language they prefer (e-mails, links, surveys and material follow it).

The language cookie is what a reader chose in this browser (the header's switcher, or
"Mitt språk"); it wins over the stored preference, so choosing Swedish for a while changes
nothing stored. Without it, signing in – with a password or a personal link – opens the
person's own language.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Employee, User, language_choices

#: The signed-in person's own language, kept in the browser session from sign-in: an address
#: without a language prefix (``/``) opens in it when this browser chose none.
SESSION_LANGUAGE_KEY = "samtalsrum_language"


def language_chosen_in_browser(request: HttpRequest) -> str | None:
    """The language this browser chose (the language cookie), if it is one of the site's."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(language_choices()) else None


def sign_in_language(request: HttpRequest, employee: Employee | None) -> str | None:
    """The language to open after signing in: the browser's choice, else the person's own
    preferred language (remembered in the browser session); None when neither says anything
    (keep the page's language)."""
    own = employee.preferred_language if employee is not None else None
    if own in dict(language_choices()):
        request.session[SESSION_LANGUAGE_KEY] = own
    return language_chosen_in_browser(request) or (own if own in dict(language_choices()) else None)


def url_in_language(url: str, language: str | None) -> str:
    """``url`` (a path of this site) under ``language``'s prefix (/so/…); as it is when it
    has no language version.

    The URL is read in the language of its own prefix: Django resolves a path only under the
    active language's prefix, and the request asking may be in another one.
    """
    if not language:
        return url
    with translation.override(translation.get_language_from_path(urlsplit(url).path) or translation.get_language()):
        return translate_url(url, language)


def language_cookie_set(response: HttpResponse, language: str) -> HttpResponse:
    """Remember ``language`` in this browser, as Django's own language switcher does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@transaction.atomic
def employee_language_set(*, employee: Employee, language: str, changed_by: User | None) -> bool:
    """Store ``language`` as ``employee``'s preferred language. Returns whether it changed.

    Raises ``ValidationError`` for a language the site does not have. A change is written to
    the audit log like other changes of personal data (who, from and to which language).
    """
    from wagtail.log_actions import log

    if language not in dict(language_choices()):
        raise ValidationError(_("Välj ett av språken i listan."), code="invalid_language")
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    previous = employee.preferred_language
    if previous == language:
        return False
    employee.preferred_language = language
    employee.save(update_fields=["preferred_language", "updated_at"])
    log(employee, "samtalsrum.preferred_language", user=changed_by,
        data={"from": previous, "to": language})
    return True
