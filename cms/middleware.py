from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.shortcuts import render
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.translation import gettext as _

from . import languages

# Paths outside i18n_patterns. Django's middleware would turn their 404s into redirects to a
# language-prefixed copy, because Wagtail's page route under /sv/ matches any path.
UNPREFIXED = ("/api/", "/admin/", "/documents/", "/i18n/", "/static/", "/media/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, limited to the languages readers are offered (the Wagtail locales, see
    cms/languages.py): a language that is not one is never chosen from the cookie or the
    browser, and its address prefix leads to the same page in the default language. An address
    without a prefix, in a browser that chose no language, opens in the signed-in person's own
    language (people/languages.py) rather than the browser's."""

    def process_request(self, request):
        super().process_request(request)
        if not languages.is_offered(request.LANGUAGE_CODE):
            from_path = translation.get_language_from_path(request.path_info)
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
            if from_path and request.method in ("GET", "HEAD"):
                rest = request.get_full_path()[len(get_script_prefix()) + len(from_path):]
                return HttpResponseRedirect(f"{get_script_prefix()}{settings.LANGUAGE_CODE}{rest}")
        if request.path_info.startswith(UNPREFIXED) or translation.get_language_from_path(request.path_info):
            return None
        if settings.LANGUAGE_COOKIE_NAME in request.COOKIES or not hasattr(request, "session"):
            return None
        from people.languages import SESSION_LANGUAGE_KEY

        own = request.session.get(SESSION_LANGUAGE_KEY)
        if own in dict(settings.LANGUAGES) and languages.is_offered(own) and translation.check_for_language(own):
            translation.activate(own)
            request.LANGUAGE_CODE = translation.get_language()
        return None

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)


class PermissionsPolicyMiddleware:
    """Sends the Permissions-Policy of ``SAMTALSRUM_PERMISSIONS_POLICY`` with every response:
    ``{"camera": []}`` becomes ``camera=()`` (no one), ``{"fullscreen": ["self"]}``
    ``fullscreen=(self)``."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in getattr(settings, "SAMTALSRUM_PERMISSIONS_POLICY", {}).items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class QueryStringGuardMiddleware:
    """Answer 400, with a message, to query strings no view can use – before a view fails on them.

    - A NUL character: PostgreSQL cannot take one in a query (psycopg2 raises ValueError), so
      ``?q=%00`` on any search, or a NUL in any other parameter, would otherwise be a 500.
    - A search longer than ``SEARCH_QUERY_MAX_CHARS``: Wagtail's search builds one nested
      expression per word, and a few hundred words exhaust Python's recursion limit.
    """

    SEARCH_QUERY_MAX_CHARS = 200

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        message = self.refusal(request)
        if message and request.path_info.startswith("/api/"):
            # The API answers every error as an RFC 9457 problem document (docs/api.md).
            body = {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": message}
            return JsonResponse(body, status=400, content_type="application/problem+json")
        if message:
            return render(request, "cms/bad_request.html", {"message": message}, status=400)
        return self.get_response(request)

    def refusal(self, request) -> str:
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return _("Adressen innehåller ett tecken som inte är tillåtet (NUL). Kontrollera "
                     "länken eller sökordet och försök igen.")
        if any(len(value) > self.SEARCH_QUERY_MAX_CHARS for value in request.GET.getlist("q")):
            return _("Sökfrågan är för lång (högst %(max)s tecken). Sök med färre ord.") % {
                "max": self.SEARCH_QUERY_MAX_CHARS
            }
        return ""
