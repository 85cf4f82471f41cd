"""The HR hours report as an export (cms.exports): the report's rows, streamed from one
statement over a server-side cursor, in the requester's scope when the rows are read.

Parameters (JSON, validated by ``sessions.reports.HoursReportView``): ``programme`` (id),
``organisation``, ``workplace`` (ids or None), ``track`` (``preparatory`` keeps the people who
take it), ``month`` (``YYYY-MM`` or None).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.exports import HOURS, INTEGER, ExportColumn, ExportKind, register_export
from courses.models import Programme, TrackKind

from . import completion, selectors

HOURS_EXPORT = "hours_report"


def _month(parameters: dict) -> datetime.date | None:
    value = parameters.get("month")
    return datetime.date.fromisoformat(f"{value}-01") if value else None


def _programme(user, parameters: dict) -> Programme | None:
    return selectors.hours_report_programme(user, parameters.get("programme"))


def _people(user, parameters: dict):
    people = selectors.hours_report_people(
        user, organisation_id=parameters.get("organisation"), workplace_id=parameters.get("workplace")
    )
    if parameters.get("track") == TrackKind.PREPARATORY:
        people = people.filter(selectors.preparatory_required())
    return people


def allowed(user, parameters: dict) -> bool:
    """HR and programme admins, for a programme still in their scope (or none chosen)."""
    if not user.has_perm("dialogue_sessions.view_attendance"):
        return False
    return not parameters.get("programme") or _programme(user, parameters) is not None


def columns(parameters: dict) -> list[ExportColumn]:
    return [
        ExportColumn(_("Anställningsnummer")),
        ExportColumn(_("Namn")),
        ExportColumn(_("Organisation")),
        ExportColumn(_("Arbetsplats")),
        ExportColumn(_("Preparand, minuter"), INTEGER),
        ExportColumn(_("Preparand, timmar"), HOURS),
        ExportColumn(_("Preparand, mål (h)"), HOURS),
        ExportColumn(_("Arbetsplats, minuter"), INTEGER),
        ExportColumn(_("Arbetsplats, timmar"), HOURS),
        ExportColumn(_("Arbetsplats, mål (h)"), HOURS),
        ExportColumn(_("Klar")),
    ]


def count(user, parameters: dict) -> int:
    return _people(user, parameters).count()


def rows(user, parameters: dict) -> Iterator[tuple]:
    """The report's rows; hours stay minutes here and are written as hours by the writer."""
    programme = _programme(user, parameters)
    targets = {t.kind: t.target_minutes for t in programme.tracks.all()} if programme else {}
    prep_target = targets.get(TrackKind.PREPARATORY, 0)
    work_target = targets.get(TrackKind.WORKPLACE, 0)
    yes, no = _("Ja"), _("Nej")  # translated once, not per row
    complete = completion.track_complete
    for (_pk, prep, work, required, number, first, last, organisation, workplace) in selectors.hours_export_rows(
        _people(user, parameters), programme=programme, month=_month(parameters)
    ):
        done = complete(work, work_target) and (not required or complete(prep, prep_target))
        yield (
            number, f"{first} {last}", organisation, workplace or "",
            prep, prep, prep_target if required else "",
            work, work, work_target,
            yes if done else no,
        )


def filename(parameters: dict) -> str:
    return f"timmar-{parameters['month']}" if parameters.get("month") else "timmar"


def back_url(parameters: dict) -> str:
    query = {k: v for k, v in parameters.items() if v}
    return reverse("sessions_hours_report") + (f"?{urlencode(query)}" if query else "")


register_export(ExportKind(
    key=HOURS_EXPORT, title=gettext_lazy("Timmar per anställd"), allowed=allowed, columns=columns, count=count,
    rows=rows, filename=filename, back_url=back_url,
))
