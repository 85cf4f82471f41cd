"""Errors as RFC 9457 problem details (``application/problem+json``), for every error.

``type`` is ``about:blank`` for plain HTTP errors (``title`` is then the status's phrase) and
a ``urn:samtalsrum:problem:…`` name for the API's own problems, listed in docs/api.md.
"""

from __future__ import annotations

from http import HTTPStatus

from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _

CONTENT_TYPE = "application/problem+json"


class Problem(exceptions.APIException):
    """An error of the API's own, with a ``type`` and optional extra members (``errors``)."""

    def __init__(self, *, status_code: int, slug: str, title: str, detail: str, **extra):
        super().__init__(detail=detail)
        self.status_code = status_code
        self.type = f"urn:samtalsrum:problem:{slug}"
        self.title = title
        self.extra = extra


def problem(status_code: int, detail: str, *, type_: str = "about:blank", title: str | None = None, **extra) -> dict:
    body = {
        "type": type_,
        "title": title or HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
    }
    body.update(extra)
    return body


def _flatten(detail) -> str:
    if isinstance(detail, dict):
        return " ".join(f"{key}: {_flatten(value)}" for key, value in detail.items())
    if isinstance(detail, list):
        return " ".join(_flatten(item) for item in detail)
    return str(detail)


def exception_handler(exc, context):
    """DRF's handler, with every answer turned into a problem document."""
    if isinstance(exc, Problem):
        body = problem(exc.status_code, str(exc.detail), type_=exc.type, title=exc.title, **exc.extra)
        return Response(body, status=exc.status_code, content_type=CONTENT_TYPE)
    if isinstance(exc, ValidationError):
        exc = exceptions.ValidationError(exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) if str(exc) else None)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    extra = {}
    if isinstance(exc, exceptions.Throttled):
        detail = _("För många förfrågningar med den här API-nyckeln. Försök igen om %(seconds)s sekunder.") % {
            "seconds": int(exc.wait or 1)
        }
    elif isinstance(exc, exceptions.ValidationError):
        extra["errors"] = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        detail = _("Begäran innehåller fel.") + " " + _flatten(exc.detail)
    else:
        detail = _flatten(exc.detail)
    response.data = problem(response.status_code, detail, **extra)
    response.content_type = CONTENT_TYPE
    return response


def not_found(request, *args, **kwargs) -> JsonResponse:
    """Any address under /api/ that names no endpoint."""
    return JsonResponse(
        problem(status.HTTP_404_NOT_FOUND, _("Adressen finns inte i API:t.")),
        status=status.HTTP_404_NOT_FOUND,
        content_type=CONTENT_TYPE,
    )
