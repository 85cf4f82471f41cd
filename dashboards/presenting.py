"""The overview as the pages show it: charts with their titles, labels in Swedish."""

from __future__ import annotations

from django.template.defaultfilters import date as date_filter
from django.utils.translation import gettext as _

from cms.formatting import hours
from courses.models import TrackKind

from . import charts
from .overview import Overview


def _hours_text(minutes: int | None, target: int) -> str:
    shown = hours(minutes, 0) if minutes is not None else _("dolt")
    return _("%(done)s av %(target)s timmar") % {"done": shown, "target": hours(target, 0)}


def overview_charts(overview: Overview, prefix: str = "ov") -> dict:
    """The charts of one overview, each with the same figures as the tables beside it."""
    hours_rows = [
        (str(TrackKind(kind).label), overview.hours_minutes.get(kind), target, _hours_text(overview.hours_minutes.get(kind), target))
        for kind, target in overview.hours_target_minutes.items()
    ]
    reach_text = _("%(reached)s av %(planned)s planerade") % {
        "reached": overview.reached if overview.reached is not None else _("dolt"), "planned": overview.planned,
    }
    funnel_labels = {"invited": _("Inbjudna"), "attended": _("Deltagit"), "completed": _("Genomfört arbetsplatsspåret")}
    biggest = max([v or 0 for v in overview.funnel.values()] + [1])
    funnel_rows = [
        (funnel_labels[k], v, biggest, str(v) if v is not None else _("dolt")) for k, v in overview.funnel.items()
    ]
    return {
        "reach_chart": charts.progress_chart(
            chart_id=f"{prefix}-reach",
            title=_("Nådda deltagare mot plan"),
            desc=_("Personer som deltagit minst en gång, mot det planerade antalet. Samma siffror finns i tabellen."),
            rows=[(_("Deltagare"), overview.reached, overview.planned, reach_text)],
        ),
        "hours_chart": charts.progress_chart(
            chart_id=f"{prefix}-hours",
            title=_("Genomförda timmar mot mål"),
            desc=_("Timmar per spår mot målet: 14 timmar per preparand och 5 timmar per anställd. Samma siffror finns i tabellen."),
            rows=hours_rows,
        ),
        "funnel_chart": charts.progress_chart(
            chart_id=f"{prefix}-funnel",
            title=_("Från inbjudan till genomfört spår"),
            desc=_("Antal personer i varje steg. Samma siffror finns i tabellen."),
            rows=funnel_rows,
        ),
        "months_chart": charts.monthly_chart(
            chart_id=f"{prefix}-months",
            title=_("Deltagare per månad"),
            desc=_("Antal personer som deltagit varje månad; en dold månad har färre än gränsen. Samma siffror finns i tabellen."),
            rows=[(date_filter(m.month, "Y-m"), m.people) for m in overview.months],
        ),
    }
