"""Page feedback: "Har du synpunkter på den här sidan?" at the end of every segment and guide.

Nothing that identifies the reader is stored: no login, no IP address, no e-mail. The rate
limit keys on the client address in the cache only (hashed by django-ratelimit).
"""

from __future__ import annotations

from django_ratelimit.core import is_ratelimited

from django import forms
from django.db import models
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

#: At most this many feedback posts per client address and window.
FEEDBACK_RATE = "5/10m"


class FeedbackRating(models.TextChoices):
    HELPFUL = "helpful", _("Ja, sidan hjälpte mig")
    PARTLY = "partly", _("Delvis")
    NOT_HELPFUL = "not_helpful", _("Nej")


class PageFeedback(models.Model):
    """One anonymous reader's comment on one page."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sida"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    rating = models.CharField(_("var sidan till hjälp?"), max_length=20, choices=FeedbackRating.choices, blank=True)
    comment = models.TextField(_("synpunkt"), max_length=2000, blank=True)
    language = models.CharField(_("språk"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("inkommen"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("synpunkt på en sida")
        verbose_name_plural = _("synpunkter på sidor")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(rating="") | ~Q(comment=""), name="cms_pagefeedback_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.page} – {self.created_at:%Y-%m-%d %H:%M}" if self.created_at else str(self.page)


class PageFeedbackForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("Var sidan till hjälp?"),
        choices=FeedbackRating.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    comment = forms.CharField(
        label=_("Din synpunkt"),
        help_text=_("Skriv inte namn eller andra personuppgifter. Vi kan inte svara på synpunkter här."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
    # A field people never see; automated posts tend to fill it in.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("Synpunkten kunde inte tas emot."), code="spam")
        if not cleaned.get("rating") and not (cleaned.get("comment") or "").strip():
            raise forms.ValidationError(
                _("Välj ett svar eller skriv en synpunkt innan du skickar."), code="empty"
            )
        return cleaned


def feedback_is_rate_limited(request: HttpRequest) -> bool:
    """Counts this post and says whether the client has sent too many recently."""
    return is_ratelimited(
        request, group="cms.page_feedback", key="ip", rate=FEEDBACK_RATE, method="POST", increment=True
    )
