"""The requester's own export jobs: progress page, status for polling, and the download.

Only the person who asked for an export sees its page or its file; anyone else – another HR
user, a programme admin – gets a 404, as for a job that never existed."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .export_jobs import export_job_for
from .exports import XLSX_CONTENT_TYPE, export_kind
from .models import ExportJob


def _job(request: HttpRequest, job_id: int) -> ExportJob:
    job = export_job_for(request.user, job_id)
    if job is None:
        raise Http404
    return job


def _status_text(job: ExportJob) -> str:
    if job.status == ExportJob.Status.READY:
        return _("Exporten är klar: %(rows)s rader.") % {"rows": job.rows_done}
    if job.status == ExportJob.Status.FAILED:
        return job.error or _("Exporten kunde inte skapas.")
    if job.status == ExportJob.Status.RUNNING and job.rows_total:
        return _("Skriver rad %(done)s av %(total)s (%(percent)s %%).") % {
            "done": job.rows_done, "total": job.rows_total, "percent": job.percent,
        }
    return _("Exporten väntar på att starta.")


def export_job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    kind = export_kind(job.kind)
    return render(request, "cms/exports/job.html", {
        "job": job,
        "page_title": _("Export: %(name)s") % {"name": job.file_name},
        "status_text": _status_text(job),
        "back_url": kind.back_url(job.parameters) if kind else "",
        "finished": job.status in (ExportJob.Status.READY, ExportJob.Status.FAILED),
    })


def export_job_status(request: HttpRequest, job_id: int) -> JsonResponse:
    job = _job(request, job_id)
    response = JsonResponse({
        "status": job.status, "percent": job.percent, "rows_done": job.rows_done, "rows_total": job.rows_total,
        "text": _status_text(job),
    })
    response["Cache-Control"] = "no-store"
    return response


def export_job_download(request: HttpRequest, job_id: int) -> FileResponse:
    job = _job(request, job_id)
    if job.status != ExportJob.Status.READY or not job.file:
        raise Http404
    content_type = XLSX_CONTENT_TYPE if job.export_format == ExportJob.Format.XLSX else "text/csv; charset=utf-8"
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file_name, content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response
