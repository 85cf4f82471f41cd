"""Writes of API tokens: create (the secret is returned once), revoke, and record each use.

A token reads ``sr_<prefix>_<secret>``: the prefix (10 characters, stored in clear, unique)
finds the row; the whole token is checked against its SHA-256 hash in constant time. The
secret carries 256 bits of randomness, so a fast hash is enough (nothing to guess from).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from people.models import Organisation, User

from .models import ApiToken, ApiTokenUse
from .selectors import token_organisations_for

TOKEN_PREFIX = "sr_"  # noqa: S105 - the marker every token starts with, no secret
SCOPES = ("read", "write")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def api_token_create(
    *,
    creator: User | None,
    organisation: Organisation,
    name: str,
    scopes: list[str],
    expires_at: datetime.datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token for ``organisation`` and the token itself, which is never shown again.

    ``creator`` must be a programme admin or HR of ``organisation``; ``None`` is the command
    line, which may create tokens for any organisation.
    """
    if creator is not None and not token_organisations_for(creator).filter(pk=organisation.pk).exists():
        raise PermissionDenied(
            _("Du får inte skapa API-nycklar för %(organisation)s.") % {"organisation": organisation.name}
        )
    unknown = set(scopes) - set(SCOPES)
    if unknown or not scopes:
        raise ValidationError(_("Ange behörigheten read, write eller båda."))
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("Slutdatumet måste ligga i framtiden.")})
    prefix = secrets.token_hex(5)
    token_text = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        name=name.strip(),
        organisation=organisation,
        can_read="read" in scopes,
        can_write="write" in scopes,
        prefix=prefix,
        secret_hash=_hash(token_text),
        expires_at=expires_at,
        created_by=creator,
    )
    log(token, "samtalsrum.api_token.create", user=creator, data={"scopes": token.scopes})
    return token, token_text


@transaction.atomic
def api_token_revoke(*, token: ApiToken, user: User | None) -> ApiToken:
    """Revoke ``token`` at once; requests with it are refused (401) from now on."""
    if user is not None and not token_organisations_for(user).filter(pk=token.organisation_id).exists():
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = user
        token.save(update_fields=["revoked_at", "revoked_by"])
        log(token, "samtalsrum.api_token.revoke", user=user)
    return token


def api_token_find(token_text: str) -> ApiToken | None:
    """The token ``token_text`` names, usable or not; ``None`` when it matches none."""
    if not token_text.startswith(TOKEN_PREFIX):
        return None
    prefix, _sep, rest = token_text[len(TOKEN_PREFIX):].partition("_")
    if not rest or len(prefix) != 10:
        return None
    token = ApiToken.objects.select_related("organisation").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(token_text)):
        return None
    return token


def api_token_use_record(*, token: ApiToken, method: str, path: str, status: int) -> None:
    """Record one request made with ``token`` (also refused ones: revoked, expired, 403, 429)."""
    ApiTokenUse.objects.create(token=token, method=method[:8], path=path[:200], status=status)


def api_token_uses_purge(*, older_than: datetime.timedelta) -> int:
    """Delete the records of uses older than ``older_than``; returns how many."""
    deleted, _rows = ApiTokenUse.objects.filter(used_at__lt=timezone.now() - older_than).delete()
    return deleted
