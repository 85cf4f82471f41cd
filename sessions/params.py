"""Reading query-string and URL parameters of the sessions pages.

A bad parameter (``month=9999-12``, ``month=0000-01``, ``programme=abc``) is the visitor's
mistake, not the server's: it raises ``BadParameter``, which the views answer with 400 and a
Swedish message (issue 9: these used to answer 500).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .bounds import SESSION_DATE_MAX, SESSION_DATE_MIN

_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
#: Primary keys are 64-bit; a larger number is not an object but a bad request.
PK_MAX = 2**63 - 1


class BadParameter(ValueError):
    """A parameter the page cannot use; ``message`` says which and what it should look like."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def month(value: str | None) -> datetime.date:
    """The first day of the month ``YYYY-MM``, in the years sessions can have."""
    match = _MONTH.fullmatch(value or "")
    if match:
        year, number = int(match.group(1)), int(match.group(2))
        if 1 <= number <= 12 and SESSION_DATE_MIN.year <= year <= SESSION_DATE_MAX.year:
            return datetime.date(year, number, 1)
    raise BadParameter(
        _("Ange månaden som ÅÅÅÅ-MM, mellan %(first)s-01 och %(last)s-12.")
        % {"first": SESSION_DATE_MIN.year, "last": SESSION_DATE_MAX.year}
    )


def optional_month(value: str | None) -> datetime.date | None:
    return month(value) if value else None


def object_id(value: str | None, *, what: str) -> int:
    """A primary key from the query string; ``what`` names it in the message ("program")."""
    if value and value.isascii() and value.isdigit() and 0 < int(value) <= PK_MAX:
        return int(value)
    raise BadParameter(_("Ogiltigt val av %(what)s.") % {"what": what})


def render_bad_parameter(request: HttpRequest, exc: BadParameter) -> HttpResponse:
    return render(request, "sessions/bad_parameter.html", {"message": exc.message}, status=400)


def answers_bad_parameters(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer ``BadParameter`` from ``view`` with 400 and its message."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except BadParameter as exc:
            return render_bad_parameter(request, exc)

    return wrapper
