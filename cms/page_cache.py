"""Whole-page cache of the material (lecture and discussion-guide pages) for visitors who are
not signed in, invalidated whenever anything is published.

A cached page is served before authentication, messages and the page tree are touched: one
cache read instead of routing through the tree and rendering. Two things keep it correct:

- **Who gets it.** Only a ``GET``/``HEAD`` without a query string from a visitor who carries no
  cookie but the CSRF cookie: no session (so nobody signed in, no employee link, no page
  password) and no reading preference (``cms.templatetags.reading`` puts it in the HTML).
  Everyone else gets the page rendered for them; employees' personal pages are never cached.
- **What is stored.** Only responses the page itself marks with :func:`allow` (the page's own
  address rendered for an anonymous visitor, status 200). The CSRF token of the forms on the
  page (language menu, feedback) is replaced by a placeholder when stored, and by the visitor's
  own token when served, so each visitor's forms work as if the page were rendered for them.

Invalidation: every publish, unpublish, move or deletion of a page, and every change to a
document or image, moves the cache to a new generation (``bump``), because menus, language
notices and material lists show other pages too. Entries also expire after
``SAMTALSRUM_PAGE_CACHE_SECONDS`` (default 600) whatever happens; 0 turns the cache off.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers

_ALLOW = "_samtalsrum_page_cache"
_GENERATION_KEY = "samtalsrum:page-cache:generation"
_PLACEHOLDER = "\x00csrf\x00"
_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")([^"]+)(")')
_NOT_KEPT = {"set-cookie", "content-length", "vary"}  # the visitor's own, or set again when served


def timeout() -> int:
    return int(getattr(settings, "SAMTALSRUM_PAGE_CACHE_SECONDS", 600))


def allow(response: HttpResponse) -> HttpResponse:
    """Marks ``response`` (a page rendered for an anonymous visitor) as one everyone may share."""
    setattr(response, _ALLOW, True)
    return response


def bump(**_kwargs) -> None:
    """Starts a new generation: every page cached so far is no longer served."""
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:  # no generation yet (or it expired): any new value retires the old keys
        cache.set(_GENERATION_KEY, 1, None)


def _generation() -> int:
    return cache.get_or_set(_GENERATION_KEY, 1, None)


def _cookieless(request: HttpRequest) -> bool:
    return set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}


def _key(request: HttpRequest) -> str:
    where = f"{request.get_host()}{request.path}"
    return f"samtalsrum:page-cache:{_generation()}:{hashlib.sha256(where.encode()).hexdigest()}"


class PublicPageCacheMiddleware:
    """Serves and stores the pages :func:`allow` marks (see the module's text). Sits after the
    CSRF middleware (which sets the visitor's CSRF cookie) and before authentication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (timeout() and request.method in ("GET", "HEAD") and not request.META.get("QUERY_STRING")
                and _cookieless(request)):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            return self._serve(request, stored)
        response = self.get_response(request)
        if (request.method == "GET" and getattr(response, _ALLOW, False) and response.status_code == 200
                and not response.streaming):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            body = _TOKEN.sub(lambda m: m.group(1) + _PLACEHOLDER + m.group(3), response.content.decode())
            headers = {name: value for name, value in response.headers.items() if name.lower() not in _NOT_KEPT}
            vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
            cache.set(key, {"body": body, "headers": headers, "vary": vary}, timeout())
        return response

    @staticmethod
    def _serve(request: HttpRequest, stored: dict) -> HttpResponse:
        token = get_token(request)  # this visitor's own token; the CSRF middleware sets its cookie
        response = HttpResponse(stored["body"].replace(_PLACEHOLDER, token))
        for name, value in stored["headers"].items():
            response[name] = value
        patch_vary_headers(response, [*stored["vary"], "Cookie"])
        return response
