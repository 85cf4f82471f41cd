"""The programme overview: what the steering group, the programme admin and the progress
report show. Aggregates only – never a person – with the anonymity threshold applied to every
count of people (``dashboards/disclosure.py``) and the survey results from ``surveys/results.py``
with their own rules. A fixed number of queries, whatever the number of employees.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from courses.models import Phase, Programme, TrackKind
from people.models import Organisation, Workplace
from sessions import progress
from sessions.progress import GENDERS, Period
from surveys.anonymity import ORGANISATION, PROGRAMME, PROGRAMME_NODE, WORKPLACE
from surveys.results import PHASES, Group, Results, programme_results

from .disclosure import SplitCounts, count_or_none, split_disclosure


def programme_with_phases(programme_id: int | None = None) -> Programme | None:
    """The programme (newest when none is named) with its phases and milestones. Three queries."""
    qs = Programme.objects.prefetch_related(
        Prefetch("phases", queryset=Phase.objects.order_by("starts_on", "sort_order")), "milestones"
    ).order_by("-starts_on", "-pk")
    if programme_id:
        qs = qs.filter(pk=programme_id)
    return qs.first()


@dataclass
class ReachRow:
    level: str
    name: str
    register: int
    reached: int | None
    by_gender: dict[str, int | None]
    organisation: str = ""

    @property
    def share(self) -> float | None:
        if self.reached is None or not self.register:
            return None
        return 100.0 * self.reached / self.register


@dataclass
class MonthRow:
    month: datetime.date
    people: int | None
    minutes: int | None


@dataclass
class Overview:
    programme: Programme
    period: Period
    threshold: int
    reach: SplitCounts
    reach_rows: list[ReachRow]
    planned: int
    hours_minutes: dict[str, int | None]
    hours_target_minutes: dict[str, int]
    funnel: dict[str, int | None]
    cofinancing_unit_value: Decimal | None
    cofinancing_own_value: Decimal | None
    cofinancing_minutes_without_cost: int | None
    cofinancing_budget: Decimal
    months: list[MonthRow]
    survey: Results | None
    survey_rates: dict[str, float | None] = field(default_factory=dict)

    @property
    def reached(self) -> int | None:
        return self.reach.total(PROGRAMME_NODE)

    @property
    def reached_share(self) -> float | None:
        if self.reached is None or not self.planned:
            return None
        return 100.0 * self.reached / self.planned

    @property
    def hours_total(self) -> int | None:
        values = list(self.hours_minutes.values())
        return None if any(v is None for v in values) else sum(values)

    @property
    def hours_target_total(self) -> int:
        return sum(self.hours_target_minutes.values())

    @property
    def cofinancing_share(self) -> float | None:
        if self.cofinancing_unit_value is None or not self.cofinancing_budget:
            return None
        return float(100 * self.cofinancing_unit_value / self.cofinancing_budget)

    @property
    def paired_changes(self) -> list:
        if self.survey is None:
            return []
        return [t for t in self.survey.themes if t.paired is not None]


def programme_overview(programme: Programme, period: Period, *, with_survey: bool = True) -> Overview:
    """Everything the steering group sees for ``period``, with the threshold applied."""
    threshold = programme.anonymity_threshold
    register = progress.headcount_cells(programme)
    counted = progress.tally(programme, period)
    cells = counted.reach_cells()
    reach = split_disclosure(cells, categories=GENDERS, threshold=threshold, register=register)
    rows = _reach_rows(programme, reach, register)

    hours = counted.hours()
    tracks = {t.kind: t.target_minutes for t in programme.tracks.all()}
    everyone = sum(register.values())
    preparatory = progress.preparatory_people(programme)
    targets = {
        TrackKind.PREPARATORY.value: tracks.get(TrackKind.PREPARATORY, 0) * preparatory,
        TrackKind.WORKPLACE.value: tracks.get(TrackKind.WORKPLACE, 0) * everyone,
    }
    # Hours are a sum over the people reached: shown where that count is.
    hours_shown = reach.total(PROGRAMME_NODE) is not None
    hours_minutes = {kind: hours.total(kind) if hours_shown else None for kind in targets}

    steps = counted.funnel()
    funnel = {
        "invited": count_or_none(steps.invited, threshold),
        "attended": count_or_none(steps.attended, threshold),
        "completed": count_or_none(steps.completed, threshold),
    }
    total_minutes = hours.total()
    unit_value = own_value = None
    without_cost = None
    if hours_shown:
        unit_value = (programme.rounding.apply(total_minutes) * programme.unit_cost_per_hour).quantize(Decimal("0.01"))
        own_value = hours.own_cost
        without_cost = hours.minutes_without_cost

    months = []
    for row in progress.monthly(programme, period):
        people = count_or_none(row["people"], threshold)
        months.append(MonthRow(row["month"], people, row["minutes"] if people is not None else None))

    survey = None
    rates: dict[str, float | None] = {}
    if with_survey:
        survey = programme_results(
            programme=programme, group=Group(PROGRAMME, programme.pk, programme.local_name), today=period.end + datetime.timedelta(days=1)
        )
        rates = {p: survey.response_rate(p) for p in PHASES}
    return Overview(
        programme=programme, period=period, threshold=threshold, reach=reach, reach_rows=rows,
        planned=programme.planned_participants, hours_minutes=hours_minutes, hours_target_minutes=targets,
        funnel=funnel, cofinancing_unit_value=unit_value, cofinancing_own_value=own_value,
        cofinancing_minutes_without_cost=without_cost, cofinancing_budget=programme.cofinancing_budget,
        months=months, survey=survey, survey_rates=rates,
    )


def _reach_rows(programme: Programme, reach: SplitCounts, register: dict[tuple[int, int], int]) -> list[ReachRow]:
    """Programme, then each organisation followed by its workplaces. Two queries for the names."""
    org_ids = {org for org, _wp in register}
    wp_ids = {wp for _org, wp in register}
    organisations = Organisation.objects.filter(id__in=org_ids).order_by("name")
    workplaces: dict[int, list[Workplace]] = {}
    for wp in Workplace.objects.filter(id__in=wp_ids).order_by("name").only("id", "name", "organisation_id"):
        workplaces.setdefault(wp.organisation_id, []).append(wp)
    by_org: dict[int, int] = {}
    for (org, _wp), n in register.items():
        by_org[org] = by_org.get(org, 0) + n
    by_wp = {wp: n for (_org, wp), n in register.items()}

    def row(level: str, node, name: str, count: int, organisation: str = "") -> ReachRow:
        return ReachRow(
            level=level, name=name, register=count, reached=reach.total(node),
            by_gender={g: reach.part(node, g) for g in GENDERS}, organisation=organisation,
        )

    rows = [row(PROGRAMME, PROGRAMME_NODE, programme.local_name, sum(register.values()))]
    for org in organisations:
        rows.append(row(ORGANISATION, (ORGANISATION, org.pk), org.name, by_org.get(org.pk, 0)))
        for wp in workplaces.get(org.pk, []):
            rows.append(row(WORKPLACE, (WORKPLACE, wp.pk), wp.name, by_wp.get(wp.pk, 0), org.name))
    return rows
