"""Holds a signed-in login at the second step until it proves its second factor."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse

from .two_factor import has_two_factor, two_factor_required

# Reachable between the password and the second factor.
ALWAYS_OPEN = frozenset({"people:two_factor_verify", "cms:logout", "wagtailadmin_logout", "set_language"})
# Reachable also while a login that must have two-factor sign-in sets it up.
OPEN_DURING_SETUP = ALWAYS_OPEN | {"people:two_factor_setup"}


class TwoFactorMiddleware:
    """After ``django_otp.middleware.OTPMiddleware``: a signed-in login that has an
    authenticator app but has not given a code this session is sent to the verification
    step; one that must have two-factor sign-in (programme admin, HR, superuser) and has none
    is sent to set it up. Nothing else – the site, the Wagtail admin, documents – answers
    before that, whichever login page the password was given on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            view_name = _view_name(request.path_info)
            if view_name not in ALWAYS_OPEN:
                if has_two_factor(user):
                    return redirect_to_login(request.get_full_path(), reverse("people:two_factor_verify"))
                if two_factor_required(user) and view_name not in OPEN_DURING_SETUP:
                    return redirect_to_login(request.get_full_path(), reverse("people:two_factor_setup"))
        return self.get_response(request)


def _view_name(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None
