"""The progress report as a PDF to attach to an e-mail: the same figures, charts and tables as
the printable page (``templates/dashboards/progress_report.html``)."""

from __future__ import annotations

from django.template.defaultfilters import date as date_filter
from django.utils import formats
from django.utils.translation import gettext as _

from cms.formatting import hours
from cms.pdf import Document
from courses.models import Phase, TrackKind
from sessions.progress import GENDERS
from surveys.results import PHASES

from .overview import Overview

HIDDEN = "–"


def _n(value) -> str:
    return HIDDEN if value is None else formats.number_format(value, force_grouping=True)


def _kr(value) -> str:
    return HIDDEN if value is None else formats.number_format(value, 0, force_grouping=True) + " kr"


def _pct(value) -> str:
    return HIDDEN if value is None else formats.number_format(value, 1) + " %"


def gender_labels() -> dict[str, str]:
    return {"woman": _("Kvinnor"), "man": _("Män"), "other": _("Annat/uppgift saknas")}


def progress_report(overview: Overview, *, current_phase: Phase | None) -> bytes:
    programme = overview.programme
    period = f"{overview.period.start:%Y-%m-%d} – {overview.period.end:%Y-%m-%d}"
    title = _("Lägesrapport %(programme)s, %(period)s") % {"programme": programme.local_name, "period": period}
    doc = Document(title=title, footer=title)
    doc.add_page()
    doc.heading(_("Lägesrapport"), level=0)
    doc.paragraph(f"{programme.local_name}\n{_('Period')}: {period}")
    if current_phase is not None:
        doc.paragraph(
            _("Aktuell fas: %(phase)s (%(start)s – %(end)s)")
            % {"phase": current_phase.name, "start": current_phase.starts_on, "end": current_phase.ends_on}
        )
    doc.paragraph(
        _("Alla antal personer följer anonymitetsgränsen (%(threshold)s): ett streck (–) betyder att siffran är dold.")
        % {"threshold": overview.threshold},
        size=9,
    )

    doc.heading(_("Faser och milstolpar"))
    doc.data_table(
        [_("Fas"), _("Från"), _("Till"), _("Milstolpar")],
        [[p.name, str(p.starts_on), str(p.ends_on), "; ".join(f"{m.title} ({m.due_on})" for m in p.milestones_in())]
         for p in programme.phases.all()],
        widths=(40, 22, 22, 90), numeric_from=9,
    )

    doc.heading(_("Nådda deltagare"))
    doc.bars([(_("Deltagare"), overview.reached, overview.planned,
               _("%(reached)s av %(planned)s planerade") % {"reached": _n(overview.reached), "planned": _n(overview.planned)})])
    labels = gender_labels()
    doc.data_table(
        [_("Arbetsgivare / arbetsplats"), _("I registret"), _("Nådda"), *labels.values()],
        [[("    " if r.level == "workplace" else "") + r.name, _n(r.register), _n(r.reached),
          *(_n(r.by_gender[g]) for g in GENDERS)] for r in overview.reach_rows],
        widths=(70, 22, 20, 20, 20, 22),
    )

    doc.heading(_("Timmar mot mål"))
    hour_rows = []
    bars = []
    for kind, target in overview.hours_target_minutes.items():
        done = overview.hours_minutes.get(kind)
        label = str(TrackKind(kind).label)
        hour_rows.append([label, HIDDEN if done is None else hours(done, 0), hours(target, 0)])
        bars.append((label, done, target, f"{HIDDEN if done is None else hours(done, 0)} / {hours(target, 0)} h"))
    doc.bars(bars)
    doc.data_table([_("Spår"), _("Genomförda timmar"), _("Mål (timmar)")], hour_rows, widths=(80, 45, 45))

    doc.heading(_("Från inbjudan till genomfört spår"))
    names = {"invited": _("Inbjudna"), "attended": _("Deltagit"), "completed": _("Genomfört arbetsplatsspåret")}
    biggest = max([v or 0 for v in overview.funnel.values()] + [1])
    doc.bars([(names[k], v, biggest, _n(v)) for k, v in overview.funnel.items()])
    doc.data_table([_("Steg"), _("Personer")], [[names[k], _n(v)] for k, v in overview.funnel.items()], widths=(100, 40))

    doc.heading(_("Medfinansiering"))
    doc.data_table(
        [_("Värdering"), _("Belopp")],
        [
            [_("Enhetskostnad per timme (%(cost)s kr)") % {"cost": programme.unit_cost_per_hour}, _kr(overview.cofinancing_unit_value)],
            [_("Anställdas egen timkostnad"), _kr(overview.cofinancing_own_value)],
            [_("Budget"), _kr(overview.cofinancing_budget)],
            [_("Andel av budget (enhetskostnad)"), _pct(overview.cofinancing_share)],
        ],
        widths=(110, 50),
    )

    doc.heading(_("Enkäter"))
    if overview.survey is not None:
        phase_names = {PHASES[0]: _("Före"), PHASES[1]: _("Efter")}
        doc.data_table(
            [_("Omgång"), _("Svarsfrekvens")],
            [[phase_names[p], _pct(overview.survey_rates.get(p))] for p in PHASES], widths=(100, 40),
        )
        changes = overview.paired_changes
        if changes:
            doc.data_table(
                [_("Fråga"), _("Par"), _("Medelförändring"), _("95 % KI")],
                [[t.text, _n(t.paired_n), f"{t.paired.mean_change:+.2f}",
                  f"{t.paired.ci_low:+.2f} – {t.paired.ci_high:+.2f}" if t.paired.ci_low is not None else HIDDEN]
                 for t in changes],
                widths=(100, 20, 30, 30),
            )
        else:
            doc.paragraph(_("Inga parade förändringar kan visas ännu (omgångarna är inte stängda eller för få svar)."))

    doc.heading(_("Månad för månad"))
    doc.bars([(date_filter(m.month, "Y-m"), m.people, max([x.people or 0 for x in overview.months] + [1]), _n(m.people))
              for m in overview.months], label_width=25)
    doc.data_table(
        [_("Månad"), _("Personer"), _("Timmar")],
        [[date_filter(m.month, "Y-m"), _n(m.people), HIDDEN if m.minutes is None else hours(m.minutes, 0)] for m in overview.months],
        widths=(50, 40, 40),
    )
    return doc.output_bytes()
