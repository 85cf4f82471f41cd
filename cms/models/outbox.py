from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An e-mail recorded in the same transaction as the change that caused it.

    Delivery happens afterwards (``cms.tasks.outbox_deliver_task``), so a broker or mail
    outage loses nothing, and ``dedupe_key`` plus the row lock make a retried delivery
    send nothing twice.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar")
        SENT = "sent", _("Skickat")
        FAILED = "failed", _("Misslyckades")

    kind = models.CharField(_("typ"), max_length=50)
    dedupe_key = models.CharField(_("nyckel"), max_length=200, unique=True)
    to_email = models.EmailField(_("mottagare"))
    subject = models.CharField(_("ämne"), max_length=250)
    language = models.CharField(
        _("språk"), max_length=8, blank=True,
        help_text=_("Språket meddelandet är skrivet på (mottagarens föredragna språk)."),
    )
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("html"), blank=True)
    attachments = models.JSONField(_("bilagor"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    last_error = models.TextField(_("senaste fel"), blank=True)
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    sent_at = models.DateTimeField(_("skickat"), null=True, blank=True)
    body_erased_at = models.DateTimeField(
        _("text raderad"),
        null=True,
        blank=True,
        help_text=_("Texten och bilagorna raderas en tid efter leveransen; kvar blir vem, vad för slags och när."),
    )

    class Meta:
        verbose_name = _("utgående meddelande")
        verbose_name_plural = _("utgående meddelanden")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to_email}"
