"""Sign-in throttling with django-axes, on the site's and the Wagtail admin's login pages alike.

Both pages authenticate through ``django.contrib.auth.authenticate``, where axes' backend
counts failures per (e-mail address, client address) pair – see the ``AXES_*`` settings in
``cms/settings/base.py`` – and refuses a locked pair before any password is checked. These
two functions are the project's hooks into axes: the e-mail address as one key whatever its
case, and the Swedish page a locked-out person sees.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def login_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The e-mail address tried, normalised, so ``Anna@X.se`` and ``anna@x.se `` count as one."""
    username = (credentials or {}).get("username")
    if username is None:
        username = request.POST.get("username")
    return username.strip().lower() if isinstance(username, str) else username


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """The page after too many wrong passwords: what happened, when to try again, what else to do."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return render(
        request,
        "registration/locked_out.html",
        {"cooloff_minutes": minutes},
        status=429,
    )
