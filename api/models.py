"""Tokens of the integrations (HR and payroll systems) that use the API, and their use.

A token is bound to one organisation and holds read and/or write scopes. Only a SHA-256 hash
of its secret is stored; the secret is shown once, when the token is created. See docs/api.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """One integration's key to the API of one organisation."""

    name = models.CharField(
        _("namn"), max_length=100, help_text=_("Vilket system som använder nyckeln, t.ex. «Heroma lön».")
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="api_tokens",
    )
    can_read = models.BooleanField(
        _("läsa"), default=True, help_text=_("Hämta timmar, tillfällen, närvaro och medfinansiering.")
    )
    can_write = models.BooleanField(
        _("skriva"), default=False, help_text=_("Importera anställda.")
    )
    # The first characters of the token, stored in clear to find it; the rest only as a hash.
    prefix = models.CharField(_("början av nyckeln"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    expires_at = models.DateTimeField(
        _("gäller till"), null=True, blank=True, help_text=_("Tomt: gäller tills den spärras.")
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    revoked_at = models.DateTimeField(_("spärrad"), null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("spärrad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["organisation__name", "name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(can_read=True) | Q(can_write=True), name="api_token_has_a_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def scopes(self) -> list[str]:
        return [scope for scope, held in (("read", self.can_read), ("write", self.can_write)) if held]

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @property
    def status_label(self) -> str:
        if self.revoked_at is not None:
            return str(_("Spärrad"))
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return str(_("Har gått ut"))
        return str(_("Gäller"))


class ApiTokenUse(models.Model):
    """One request made with a token: when, what and the answer's status. Kept compact."""

    token = models.ForeignKey(ApiToken, verbose_name=_("API-nyckel"), on_delete=models.CASCADE, related_name="uses")
    used_at = models.DateTimeField(_("tid"), default=timezone.now, db_index=True)
    method = models.CharField(_("metod"), max_length=8)
    path = models.CharField(_("adress"), max_length=200)
    status = models.PositiveSmallIntegerField(_("svar"))

    class Meta:
        verbose_name = _("användning av API-nyckel")
        verbose_name_plural = _("användning av API-nycklar")
        ordering = ["-used_at", "-pk"]
        indexes = [models.Index(fields=["token", "-used_at"])]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status}"
