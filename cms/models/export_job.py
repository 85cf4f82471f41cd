import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportStorage(FileSystemStorage):
    """Files under ``SAMTALSRUM_EXPORT_ROOT``, read from the settings each time (so a changed
    setting applies without a restart of the model layer)."""

    @property
    def base_location(self) -> str:
        return str(settings.SAMTALSRUM_EXPORT_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)


def export_storage() -> FileSystemStorage:
    """Where finished export files are kept: outside MEDIA_ROOT, so no URL serves them; only
    the download view, for the person who asked, reads them (docs/exports.md)."""
    return ExportStorage()


class ExportJob(models.Model):
    """A large export, written to a file by a Celery task and downloaded by its requester.

    The rows are read when the task runs, with the requester's scope at that moment
    (``cms.exports.ExportKind``); the file is removed when it expires.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kö")
        RUNNING = "running", _("Pågår")
        READY = "ready", _("Klar")
        FAILED = "failed", _("Misslyckades")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs", verbose_name=_("beställare")
    )
    kind = models.CharField(_("export"), max_length=50)
    export_format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    language = models.CharField(_("språk"), max_length=8, help_text=_("Bestämmer filens format (sv: semikolon och decimalkomma)."))
    parameters = models.JSONField(_("urval"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_done = models.PositiveIntegerField(_("skrivna rader"), default=0)
    rows_total = models.PositiveIntegerField(_("rader totalt"), null=True, blank=True)
    file = models.FileField(_("fil"), storage=export_storage, upload_to="exports/%Y/%m/", blank=True)
    file_name = models.CharField(_("filnamn"), max_length=200)
    error = models.CharField(_("fel"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("beställd"), auto_now_add=True)
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    expires_at = models.DateTimeField(_("raderas"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exporter")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["expires_at"])]
        constraints = [
            models.CheckConstraint(
                name="export_job_ready_has_file",
                condition=~models.Q(status="ready") | (~models.Q(file="") & models.Q(expires_at__isnull=False)),
            ),
            models.CheckConstraint(
                name="export_job_progress_within_total",
                condition=models.Q(rows_total__isnull=True) | models.Q(rows_done__lte=models.F("rows_total")),
            ),
        ]

    def __str__(self) -> str:
        return self.file_name

    @property
    def percent(self) -> int:
        if self.status == self.Status.READY:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)
