"""Two-factor sign-in pages: the code step after the password, setting up an app, backup codes.

The same pages serve both login pages: the Wagtail admin's sends its logins here through
``people.middleware.TwoFactorMiddleware`` and gets them back through ``?next=``.
"""

from __future__ import annotations

import django_otp
import segno

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from .links import safe_next
from .two_factor import (
    backup_codes_create,
    backup_codes_left,
    has_two_factor,
    totp_setup_confirm,
    totp_setup_start,
    two_factor_disable,
    two_factor_required,
    two_factor_retry_after,
    two_factor_verify,
)


def _verified(request: HttpRequest, device) -> None:
    # A new session key once the login holds more power, as django.contrib.auth does at login.
    request.session.cycle_key()
    django_otp.login(request, device)


@never_cache
@sensitive_post_parameters("code")
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Step two of signing in: a code from the app, or a backup code."""
    next_url = safe_next(request, reverse("cms:landing"))
    if request.user.is_verified():
        return redirect(next_url)
    if not has_two_factor(request.user):
        return redirect(f"{reverse('people:two_factor_setup')}?{urlencode({'next': next_url})}")
    error = ""
    if request.method == "POST":
        error = _wait_message(request.user)
        if not error:
            device = two_factor_verify(user=request.user, code=request.POST.get("code", ""))
            if device is not None:
                _verified(request, device)
                return redirect(next_url)
            error = _("Koden stämmer inte. Kontrollera att du skriver den senaste koden i appen och försök igen.")
    return render(
        request, "people/two_factor_verify.html", {"error": error, "next": next_url}, status=400 if error else 200
    )


@never_cache
@sensitive_post_parameters("code")
@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), confirm with a code,
    then save the backup codes shown once."""
    next_url = safe_next(request, reverse("people:two_factor"))
    device = totp_setup_start(user=request.user)
    error = ""
    if request.method == "POST":
        error = _wait_message(request.user)
        if not error:
            if totp_setup_confirm(user=request.user, device=device, token=request.POST.get("code", "")):
                _verified(request, device)
                codes = backup_codes_create(user=request.user)
                return render(request, "people/two_factor_backup_codes.html", {"codes": codes, "next": next_url})
            error = _("Koden stämmer inte. Kontrollera att appen visar Samtalsrum och skriv den senaste koden.")
    qr = segno.make(device.config_url, error="m")
    context = {
        "qr_svg": qr.svg_inline(scale=5, border=2, light="#fff", title=_("QR-kod att skanna med appen")),
        "secret": _grouped(device.bin_key),
        "required": two_factor_required(request.user),
        "error": error,
        "next": next_url,
    }
    return render(request, "people/two_factor_setup.html", context, status=400 if error else 200)


@never_cache
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Your two-factor sign-in: on or off, backup codes left, and what you can do."""
    return render(
        request,
        "people/two_factor.html",
        {
            "enabled": has_two_factor(request.user),
            "required": two_factor_required(request.user),
            "codes_left": backup_codes_left(request.user),
        },
    )


@never_cache
@require_POST
@login_required
def backup_codes(request: HttpRequest) -> HttpResponse:
    """A new set of backup codes (the old ones stop working), shown once."""
    if not has_two_factor(request.user):
        return redirect("people:two_factor_setup")
    codes = backup_codes_create(user=request.user)
    return render(request, "people/two_factor_backup_codes.html", {"codes": codes, "next": reverse("people:two_factor")})


@require_POST
@login_required
def disable(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in off – not for logins that must have it."""
    if two_factor_required(request.user):
        return HttpResponseForbidden(_("Din roll kräver tvåstegsverifiering. Den kan inte stängas av."))
    two_factor_disable(user=request.user, disabled_by=request.user)
    messages.success(request, _("Tvåstegsverifieringen är avstängd."))
    return redirect("people:two_factor")


def _wait_message(user) -> str:
    """Why a code is not even tried: the app's throttle after wrong codes (django-otp doubles
    the wait after each one)."""
    wait = two_factor_retry_after(user)
    if not wait:
        return ""
    return ngettext(
        "För många felaktiga koder. Vänta %(seconds)d sekund och försök sedan igen.",
        "För många felaktiga koder. Vänta %(seconds)d sekunder och försök sedan igen.",
        wait,
    ) % {"seconds": wait}


def _grouped(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
