"""Exports as files built in the background: ask for one, write it, download it, let it expire.

The request decides between a streamed CSV and a job (:func:`export_respond`); the job is
written by ``cms.tasks.export_job_run_task`` (queued on commit), which checks the requester's
permission and scope again before it reads a row. A file is attached to the job only once it is
complete, so nobody can download half an export. See docs/exports.md.
"""

from __future__ import annotations

import datetime
import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .exports import (
    CSV_CONTENT_TYPE,
    INCOMPLETE_LINE,
    ExportKind,
    convention_for,
    csv_lines,
    csv_write,
    export_kind,
    xlsx_write,
)
from .models import ExportJob

logger = logging.getLogger(__name__)


class ExportRefused(Exception):  # noqa: N818 - a refusal, not a bug
    """The requester may no longer run this export (role or scope changed)."""


# ------------------------------------------------------------------------------------ reads


def export_job_for(user, job_id: int) -> ExportJob | None:
    """The job if ``user`` asked for it; nobody else's, whatever their role."""
    if not getattr(user, "is_authenticated", False):
        return None
    return ExportJob.objects.filter(pk=job_id, requester_id=user.pk).first()


def export_jobs_of(user) -> list[ExportJob]:
    """The user's own jobs that are not yet deleted, newest first."""
    return list(ExportJob.objects.filter(requester_id=user.pk).order_by("-created_at")[:20])


# ----------------------------------------------------------------------------------- writes


def _streamed(kind: ExportKind, user, parameters: dict, language: str):
    convention = convention_for(language)
    try:
        yield from csv_lines(kind.columns(parameters), kind.rows(user, parameters), convention)
    except Exception:
        # The 200 is sent; say in the file itself that it is incomplete (issue: no silent loss).
        logger.exception("Streamed export %s failed half-way", kind.key)
        yield ("\r\n" + INCOMPLETE_LINE + "\r\n").encode("utf-8")


def export_respond(
    request: HttpRequest, *, kind_key: str, parameters: dict, export_format: str
) -> HttpResponse:
    """The answer to "download this export": a streamed CSV for a small one, otherwise a job
    and a redirect to its progress page. The caller has checked the parameters and the
    requester's permission; ``kind.allowed`` is checked here again."""
    kind = export_kind(kind_key)
    if kind is None or export_format not in ("csv", "xlsx"):
        raise ValueError(kind_key)
    user = request.user
    if not kind.allowed(user, parameters):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    language = translation.get_language() or settings.LANGUAGE_CODE
    if export_format == "csv":
        total = kind.count(user, parameters)
        if total <= settings.SAMTALSRUM_EXPORT_STREAM_MAX_ROWS:
            response = StreamingHttpResponse(_streamed(kind, user, parameters, language), content_type=CSV_CONTENT_TYPE)
            response["Content-Disposition"] = f'attachment; filename="{kind.filename(parameters)}.csv"'
            response["Cache-Control"] = "no-store"
            response["X-Accel-Buffering"] = "no"  # the first bytes reach the browser at once
            return response
    job = export_job_request(user=user, kind_key=kind_key, parameters=parameters, export_format=export_format,
                             language=language)
    return redirect("cms_export_job", job_id=job.pk)


@transaction.atomic
def export_job_request(*, user, kind_key: str, parameters: dict, export_format: str, language: str) -> ExportJob:
    """Record a job and queue it once the transaction commits."""
    kind = export_kind(kind_key)
    if kind is None:
        raise ValueError(kind_key)
    job = ExportJob.objects.create(
        requester=user, kind=kind_key, export_format=export_format, language=language[:8],
        parameters=parameters, file_name=f"{kind.filename(parameters)}.{export_format}",
    )
    job_id = job.pk
    transaction.on_commit(lambda: _dispatch(job_id))
    return job


def _dispatch(job_id: int) -> None:
    from .tasks import export_job_run_task

    try:
        export_job_run_task.apply_async(args=[job_id], retry=False)
    except Exception:  # the broker is down: the job stays queued and beat's sweep queues it again
        logger.warning("Could not queue export job %s; it stays queued.", job_id, exc_info=True)


def export_job_run(*, job_id: int) -> bool:
    """Write the job's file. Idempotent: a finished or missing job is left alone; a job whose
    worker was lost half-way (late acknowledgement runs it again) starts over.

    Returns True when this call produced the file."""
    job = ExportJob.objects.select_related("requester").filter(pk=job_id).first()
    if job is None:
        logger.info("Export job %s is gone (expired); nothing to do.", job_id)
        return False
    if job.status in (ExportJob.Status.READY, ExportJob.Status.FAILED):
        return False
    kind = export_kind(job.kind)
    user = job.requester
    with translation.override(job.language):
        try:
            if kind is None or not user.is_active or not kind.allowed(user, job.parameters):
                raise ExportRefused
            total = kind.count(user, job.parameters)
            ExportJob.objects.filter(pk=job.pk).update(
                status=ExportJob.Status.RUNNING, started_at=timezone.now(), rows_done=0, rows_total=total
            )

            def progress(rows: int) -> None:
                ExportJob.objects.filter(pk=job.pk).update(
                    rows_done=rows, rows_total=Greatest(F("rows_total"), rows)
                )

            with tempfile.TemporaryFile() as output:
                columns, rows = kind.columns(job.parameters), kind.rows(user, job.parameters)
                if job.export_format == ExportJob.Format.XLSX:
                    written = xlsx_write(columns, rows, output, title=str(kind.title), progress=progress)
                else:
                    written = csv_write(columns, rows, output, convention_for(job.language), progress=progress)
                output.seek(0)
                _finish(job, output, written)
        except ExportRefused:
            _fail(job, _("Du har inte längre behörighet till den här exporten, så den skapades inte."))
            return False
        except Exception:
            logger.exception("Export job %s failed", job.pk)
            _fail(job, _("Exporten kunde inte skapas. Försök igen, eller kontakta supporten om felet består."))
            return False
    return True


def _finish(job: ExportJob, output, written: int) -> None:
    now = timezone.now()
    with transaction.atomic():
        locked = ExportJob.objects.select_for_update().filter(pk=job.pk).first()
        if locked is None or locked.status == ExportJob.Status.READY:
            return
        locked.file.save(job.file_name, File(output), save=False)
        locked.status = ExportJob.Status.READY
        locked.rows_done = written
        locked.rows_total = written
        locked.finished_at = now
        locked.expires_at = now + datetime.timedelta(hours=settings.SAMTALSRUM_EXPORT_KEEP_HOURS)
        locked.save()
        _notify(locked)


def _fail(job: ExportJob, message: str) -> None:
    ExportJob.objects.filter(pk=job.pk).exclude(status=ExportJob.Status.READY).update(
        status=ExportJob.Status.FAILED, error=message[:300], finished_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(hours=settings.SAMTALSRUM_EXPORT_KEEP_HOURS),
    )


def _notify(job: ExportJob) -> None:
    """E-mail the requester the link to their file (through the outbox, so once only)."""
    from .services import outbox_message_enqueue

    email = job.requester.email
    if not email:
        return
    url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("cms_export_job", args=[job.pk])
    kind = export_kind(job.kind)
    outbox_message_enqueue(
        to=email,
        subject=_("Din export är klar: %(name)s") % {"name": job.file_name},
        body=render_to_string("cms/email/export_ready.txt", {
            "job": job, "url": url, "title": kind.title if kind else job.file_name,
            "expires_at": timezone.localtime(job.expires_at),
        }),
        dedupe_key=f"export-ready:{job.pk}",
        kind="export_ready",
    )


def export_jobs_expire(*, now: datetime.datetime | None = None, dry_run: bool = False) -> int:
    """Delete expired jobs and their files; re-queue jobs whose queueing was lost. Returns how
    many jobs were deleted."""
    now = now or timezone.now()
    expired = list(ExportJob.objects.filter(expires_at__lte=now))
    if dry_run:
        return len(expired)
    for job in expired:
        if job.file:
            job.file.delete(save=False)
        job.delete()
    # Queued for a while and never started: the broker was down when it was asked for.
    stale = ExportJob.objects.filter(
        status=ExportJob.Status.QUEUED, created_at__lte=now - datetime.timedelta(minutes=10)
    ).values_list("pk", flat=True)
    for job_id in stale:
        _dispatch(job_id)
    return len(expired)


def export_jobs_erase() -> int:
    """Erasure of a person: any export file may name them, so every job goes, files too (they
    are a day old at most, and can be asked for again without the person)."""
    count = 0
    for job in ExportJob.objects.all():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count
