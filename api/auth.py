"""Who is calling: the token in ``Authorization: Bearer …``, its scopes and its rate limit."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling

from django.utils.translation import gettext_lazy as _

from people.selectors import OrganisationViewer

from .services import api_token_find


class Integration(OrganisationViewer):
    """``request.user`` of an API request: HR's scope in the token's organisation."""


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        keyword, _sep, token_text = header.partition(" ")
        if keyword != self.keyword or not token_text.strip():
            raise exceptions.AuthenticationFailed(_("Ange nyckeln som «Authorization: Bearer <nyckel>»."))
        token = api_token_find(token_text.strip())
        if token is None:
            raise exceptions.AuthenticationFailed(_("Okänd API-nyckel."))
        # Kept so that a refused request is recorded against the token too.
        request._request.api_token = token
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("API-nyckeln är spärrad."))
        if not token.is_usable():
            raise exceptions.AuthenticationFailed(_("API-nyckeln har gått ut."))
        return Integration(organisation_id=token.organisation_id), token

    def authenticate_header(self, request):
        return self.keyword


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = TokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(_("En API-nyckel som programadministratör eller HR skapat i administrationen.")),
        }


class HasScope(permissions.BasePermission):
    """Reading needs the read scope, every other method the write scope."""

    message = _("API-nyckeln saknar behörighet för detta.")

    def has_permission(self, request, view):
        token = request.auth
        if token is None:
            return False
        if request.method in permissions.SAFE_METHODS:
            return token.can_read
        return token.can_write


class TokenRateThrottle(throttling.SimpleRateThrottle):
    """``SAMTALSRUM_API_RATE`` requests per token, counted in the cache (Redis in production)."""

    scope = "token"

    def get_cache_key(self, request, view):
        if request.auth is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
