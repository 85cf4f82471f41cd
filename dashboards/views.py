"""The progress report ("lägesrapport") for a chosen period: a printable page and a PDF."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from sessions.params import BadParameter, answers_bad_parameters, object_id
from sessions.progress import Period

from . import pdf
from .overview import programme_overview, programme_with_phases
from .presenting import overview_charts
from .selectors import can_see_programme_overview


def _date(value: str | None, default: datetime.date, what: str) -> datetime.date:
    if not value:
        return default
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise BadParameter(_("%(what)s ska vara ett datum som ÅÅÅÅ-MM-DD.") % {"what": what}) from None


def _report_context(request: HttpRequest) -> dict:
    if not can_see_programme_overview(request.user):
        raise PermissionDenied
    programme_id = object_id(request.GET["program"], what=_("program")) if request.GET.get("program") else None
    programme = programme_with_phases(programme_id)
    if programme is None:
        raise Http404
    default = Period.to_date(programme, timezone.localdate())
    period = Period(
        _date(request.GET.get("fran"), default.start, _("Från")),
        _date(request.GET.get("till"), default.end, _("Till")),
    )
    if period.end < period.start:
        raise BadParameter(_("Periodens slut kan inte vara före dess början."))
    if period.start.year < 2000 or period.end.year > 2099:
        raise BadParameter(_("Perioden måste ligga mellan 2000 och 2099."))
    overview = programme_overview(programme, period)
    return {
        "programme": programme,
        "overview": overview,
        "current_phase": programme.current_phase(period.end),
        **overview_charts(overview, prefix="report"),
    }


@login_required
@answers_bad_parameters
def progress_report(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboards/progress_report.html", _report_context(request))


@login_required
@answers_bad_parameters
def progress_report_pdf(request: HttpRequest) -> HttpResponse:
    context = _report_context(request)
    content = pdf.progress_report(context["overview"], current_phase=context["current_phase"])
    overview = context["overview"]
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="lagesrapport-{overview.period.start:%Y%m%d}-{overview.period.end:%Y%m%d}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response
