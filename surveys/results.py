"""Survey results for one group, with the anonymity rule of ``surveys/anonymity.py`` applied.

Only *released* responses count: those of rounds that have closed (``closes_on`` before
today). :func:`disclosure_for` computes, in three grouped queries, which groups, questions and
before/after pairs may be shown at every release point of a programme; the results page and
the exports read the last one. The number of queries does not grow with the data.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from courses.models import Programme

from . import aggregates
from .anonymity import (
    ORGANISATION,
    PROGRAMME,
    PROGRAMME_NODE,
    WORKPLACE,
    Cell,
    Node,
    Snapshot,
    Tree,
    node_counts,
    suppress_series,
)
from .models import (
    NUMERIC_TYPES,
    Answer,
    Phase,
    Question,
    QuestionType,
    Response,
    SurveyInvitation,
    SurveyKind,
    SurveyRound,
    source_language,
)
from .statistics import PairedStats, paired_statistics_from_counts
from .translations import translations_attach

PHASES = (Phase.BEFORE.value, Phase.AFTER.value)

#: Why a group's results are not shown in a phase.
UNRELEASED, SMALL, DIFFERENCING = "unreleased", "small", "differencing"


@dataclass(frozen=True)
class Group:
    """One group a viewer may ask for: the programme, an organisation or a workplace."""

    level: str
    id: int | None
    name: str
    organisation_id: int | None = None

    @property
    def param(self) -> str:
        return {PROGRAMME: "program", ORGANISATION: f"org-{self.id}", WORKPLACE: f"ap-{self.id}"}[self.level]

    @property
    def node(self) -> Node:
        return PROGRAMME_NODE if self.level == PROGRAMME else (self.level, self.id)


# --- what may be shown -------------------------------------------------------------------


_EMPTY = Snapshot({}, frozenset())


def _cumulative(rows: dict[datetime.date, dict[Cell, int]], dates: list[datetime.date]) -> list[dict[Node, int]]:
    """Node counts at each release date, counting every round closed by then."""
    series, running = [], defaultdict(int)
    for day in dates:
        for cell, n in rows.get(day, {}).items():
            running[cell] += n
        series.append(node_counts(running))
    return series


def _pair_cell(b_org: int | None, b_wp: int | None, a_org: int | None, a_wp: int | None) -> Cell:
    """A pair belongs to a group only when both its answers do (a person may have moved)."""
    if b_org != a_org:
        return (None, None)
    return (b_org, b_wp if b_wp == a_wp else None)


@dataclass
class Disclosure:
    """For one programme on one day: what may be shown, per phase, question and pair."""

    threshold: int
    today: datetime.date
    tree: Tree
    release_dates: dict[str, list[datetime.date]]
    next_release: dict[str, datetime.date | None]
    groups: dict[str, Snapshot]
    questions: dict[tuple[str, str], Snapshot]
    pairs: dict[str, Snapshot]
    released_round_ids: frozenset[int] = frozenset()
    #: No phase has more than one released round (so every released response is a person's first).
    one_round_per_phase: bool = False
    #: The whole programme's pairs per (before, after) value and theme, when computed with the
    #: disclosure (PostgreSQL); only read for themes whose pairs may be shown.
    programme_pairs: dict[str, dict[tuple[int, int], int]] | None = None
    #: Where figures computed from this disclosure are cached ("" when caching is off).
    cache_key: str = ""

    def released(self, phase: str) -> bool:
        return bool(self.release_dates.get(phase))

    def group_shown(self, phase: str, node: Node) -> bool:
        return node in self.groups.get(phase, _EMPTY).shown

    def group_count(self, phase: str, node: Node) -> int:
        return self.groups.get(phase, _EMPTY).counts.get(node, 0)

    def reason(self, phase: str, node: Node) -> str:
        if self.group_shown(phase, node):
            return ""
        if not self.released(phase):
            return UNRELEASED
        return SMALL if self.group_count(phase, node) < self.threshold else DIFFERENCING

    def question_shown(self, phase: str, theme: str, node: Node) -> bool:
        return node in self.questions.get((phase, theme), _EMPTY).shown

    def question_count(self, phase: str, theme: str, node: Node) -> int:
        return self.questions.get((phase, theme), _EMPTY).counts.get(node, 0)

    def pairs_shown(self, theme: str, node: Node) -> bool:
        return node in self.pairs.get(theme, _EMPTY).shown


# --- caching released figures ----------------------------------------------------------------
#
# Released figures change only at a release point (the day after a round closes), when a round's
# dates or the threshold change, or when the pairing is destroyed (docs/anonymity.md). The key
# names all of these but the last, which bumps the programme's version
# (:func:`released_figures_changed`). Off unless SAMTALSRUM_SURVEY_RESULTS_CACHE_SECONDS is set.


def _cache_seconds() -> int:
    return int(getattr(settings, "SAMTALSRUM_SURVEY_RESULTS_CACHE_SECONDS", 0) or 0)


def _version_key(programme_id: int) -> str:
    return f"surveys:results-version:{programme_id}"


def released_figures_changed(programme_id: int) -> None:
    """Forget the cached figures of a programme whose released answers changed."""
    if not _cache_seconds():
        return
    try:
        cache.incr(_version_key(programme_id))
    except ValueError:  # no version yet: nothing cached under one either
        cache.set(_version_key(programme_id), 1, None)


def _cache_key(programme: Programme, today: datetime.date, rounds: list[tuple]) -> str:
    if not _cache_seconds():
        return ""
    version = cache.get(_version_key(programme.pk), 0)
    signature = hashlib.sha256(repr(sorted(rounds)).encode()).hexdigest()[:16]
    return f"surveys:results:{programme.pk}:{version}:{today}:{programme.anonymity_threshold}:{signature}"


def released_results_warm(*, today: datetime.date | None = None) -> int:
    """Compute and cache the released figures of every programme with a released round, so the
    first person to open the results after a release does not wait for them (at 70 000
    responses the whole-programme computation takes seconds; a page from the cache, a tenth
    of a second). Cheap when they are cached already: one small query and a cache read per
    programme. Returns the number of programmes looked at; nothing to do with caching off."""
    if not _cache_seconds():
        return 0
    today = today or timezone.localdate()
    programmes = Programme.objects.filter(survey_rounds__closes_on__lt=today).distinct().order_by("pk")
    count = 0
    for programme in programmes:
        programme_results(
            programme=programme, group=Group(PROGRAMME, programme.pk, programme.local_name), today=today
        )
        count += 1
    return count


def disclosure_for(programme: Programme, *, today: datetime.date | None = None) -> Disclosure:
    """Apply the anonymity rule at every release point of ``programme`` up to ``today``."""
    today = today or timezone.localdate()
    threshold = programme.anonymity_threshold
    rounds = list(SurveyRound.objects.filter(programme=programme).values_list("id", "phase", "closes_on"))
    key = _cache_key(programme, today, rounds)
    if key and (cached := cache.get(key)) is not None:
        return cached
    disclosure = _disclosure(programme, today, threshold, rounds)
    disclosure.cache_key = key
    if key:
        cache.set(key, disclosure, _cache_seconds())
    return disclosure


def _disclosure(programme: Programme, today: datetime.date, threshold: int, rounds: list[tuple]) -> Disclosure:
    released = [(pk, phase, closes) for pk, phase, closes in rounds if closes < today]
    release_dates = {p: sorted({c for _pk, ph, c in released if ph == p}) for p in PHASES}
    next_release = {
        p: min((c + datetime.timedelta(days=1) for _pk, ph, c in rounds if ph == p and c >= today), default=None)
        for p in PHASES
    }
    base = Q(round__programme=programme, round__closes_on__lt=today)

    group_rows: dict[str, dict] = {p: defaultdict(dict) for p in PHASES}
    all_cells: set[Cell] = set()
    for phase, closes, org_id, wp_id, n in (
        Response.objects.filter(base)
        .values_list("round__phase", "round__closes_on", "organisation_id", "workplace_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        group_rows[phase][closes][(org_id, wp_id)] = n
        all_cells.add((org_id, wp_id))
    tree = Tree.from_cells(all_cells)

    question_rows: dict[tuple[str, str], dict] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    # Grouped by the round's id, not its phase and day: a narrower key to sort, half the time
    # at 70 000 responses; the round's phase and day are known from ``rounds``.
    round_phase = {pk: (phase, closes) for pk, phase, closes in released}
    for round_id, org_id, wp_id, theme, n in (
        Answer.objects.filter(response__round__programme=programme, response__round__closes_on__lt=today)
        .values_list("response__round_id", "response__organisation_id", "response__workplace_id", "question__theme_key")
        .annotate(n=Count("id"))
        .order_by()
    ):
        phase, closes = round_phase[round_id]
        question_rows[(phase, theme)][closes][(org_id, wp_id)] += n

    groups: dict[str, Snapshot] = {}
    group_series: dict[str, list[Snapshot]] = {}
    for phase in PHASES:
        dates = release_dates[phase]
        group_series[phase] = suppress_series(_cumulative(group_rows[phase], dates), tree, threshold)
        groups[phase] = group_series[phase][-1] if dates else _EMPTY

    questions: dict[tuple[str, str], Snapshot] = {}
    question_series: dict[tuple[str, str], list[Snapshot]] = {}
    for (phase, theme), rows in question_rows.items():
        dates = release_dates[phase]
        series = suppress_series(
            _cumulative(rows, dates), tree, threshold, allowed=[s.shown for s in group_series[phase]]
        )
        question_series[(phase, theme)] = series
        questions[(phase, theme)] = series[-1] if series else _EMPTY

    one_round_per_phase = all(sum(1 for _pk, ph, _c in released if ph == p) <= 1 for p in PHASES)
    pairs, programme_pairs = _pairs(
        programme, today, threshold, tree, release_dates, question_series, one_round_per_phase
    )
    return Disclosure(
        threshold=threshold, today=today, tree=tree, release_dates=release_dates, next_release=next_release,
        groups=groups, questions=questions, pairs=pairs,
        released_round_ids=frozenset(pk for pk, _ph, _c in released), one_round_per_phase=one_round_per_phase,
        programme_pairs=programme_pairs,
    )


def _pairs(
    programme: Programme,
    today: datetime.date,
    threshold: int,
    tree: Tree,
    release_dates: dict[str, list[datetime.date]],
    question_series: dict[tuple[str, str], list[Snapshot]],
    one_round_per_phase: bool,
) -> tuple[dict[str, Snapshot], dict[str, dict[tuple[int, int], int]] | None]:
    """Per numeric theme: where the paired before/after statistics may be shown; and the whole
    programme's pairs per value when the database gave them in the same pass.

    Pairs are counted in the database (``aggregates.pair_cells``): each person's first released
    "before" answer with their first released "after" answer to the same theme. Besides the
    usual rule, the people of a phase who are *not* in a pair must be none or at least the
    threshold, so that "all before" minus "paired before" reveals nobody.
    """
    before, after = PHASES
    rows: dict[str, dict] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    cells, programme_values = aggregates.pair_cells(programme.pk, today, one_round_per_phase=one_round_per_phase)
    for theme, b_close, b_org, b_wp, a_close, a_org, a_wp, n in cells:
        rows[theme][max(b_close, a_close)][_pair_cell(b_org, b_wp, a_org, a_wp)] += n

    points = sorted(set(release_dates[before]) | set(release_dates[after]))
    result: dict[str, Snapshot] = {}
    for theme, by_day in rows.items():
        series = _cumulative(by_day, points)
        allowed = []
        for day, counts in zip(points, series, strict=True):
            phase_snapshots = []
            for phase in PHASES:
                dates = release_dates[phase]
                index = max((i for i, d in enumerate(dates) if d <= day), default=None)
                snaps = question_series.get((phase, theme))
                phase_snapshots.append(snaps[index] if snaps and index is not None else _EMPTY)
            ok = set(phase_snapshots[0].shown) & set(phase_snapshots[1].shown)
            allowed.append({
                node for node in ok
                if all(not (0 < s.counts.get(node, 0) - counts.get(node, 0) < threshold) for s in phase_snapshots)
            })
        snapshots = suppress_series(series, tree, threshold, allowed=allowed)
        result[theme] = snapshots[-1] if snapshots else _EMPTY
    return result, programme_values


# --- the results page ----------------------------------------------------------------------


@dataclass
class Visibility:
    """Per phase: how many responded in the group and whether it may be shown, and why not."""

    counts: dict[str, int]
    visible: dict[str, bool]
    reasons: dict[str, str]
    next_release: dict[str, datetime.date | None] = field(default_factory=dict)

    @property
    def any_visible(self) -> bool:
        return any(self.visible.values())


@dataclass
class OptionRow:
    value: int
    label: str
    counts: dict[str, int]
    percents: dict[str, float]


@dataclass
class ThemeResult:
    theme_key: str
    text: str
    type: str
    texts: dict[str, str]
    options: list[OptionRow] = field(default_factory=list)
    n: dict[str, int] = field(default_factory=dict)
    means: dict[str, float | None] = field(default_factory=dict)
    visible: dict[str, bool] = field(default_factory=dict)
    paired: PairedStats | None = None
    paired_n: int = 0
    free_texts: list[str] = field(default_factory=list)
    #: The page of free texts shown, with where it lies among them all.
    text_page: aggregates.TextPage | None = None
    scale_max: int = 5

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    @property
    def is_free_text(self) -> bool:
        return self.type == QuestionType.FREE_TEXT


@dataclass
class Results:
    programme: Programme
    group: Group
    threshold: int
    visibility: Visibility
    themes: list[ThemeResult]
    invited: dict[str, int]
    responded: dict[str, int]

    @property
    def paired_visible(self) -> bool:
        return all(self.visibility.visible.get(p) for p in PHASES)

    def response_rate(self, phase: str) -> float | None:
        if not self.visibility.visible.get(phase) or not self.invited.get(phase):
            return None
        return 100.0 * self.responded.get(phase, 0) / self.invited[phase]


def survey_questions(programme: Programme, *, language: str | None = None) -> list[Question]:
    """The before and after questions of ``programme``, before first, in survey order.

    The Swedish questions, which the answers refer to; with ``language``, their texts in that
    language are fetched too (one more query).
    """
    questions = list(
        Question.objects.filter(
            survey__programme=programme,
            survey__kind__in=[SurveyKind.BEFORE, SurveyKind.AFTER],
            survey__locale__language_code=source_language(),
        )
        .select_related("survey")
        .order_by("survey__kind", "sort_order")
    )
    if language:
        translations_attach(language=language, questions=questions)
    return questions


def _themes(programme: Programme, language: str) -> tuple[dict[str, Question], dict[str, dict[str, Question]]]:
    """theme → the question to label it with, and theme → phase → question."""
    by_theme: dict[str, dict[str, Question]] = defaultdict(dict)
    order: list[str] = []
    for question in survey_questions(programme, language=language):
        if question.theme_key not in order:
            order.append(question.theme_key)
        by_theme[question.theme_key].setdefault(question.survey.kind, question)
    label = {key: by_theme[key].get(Phase.BEFORE) or by_theme[key].get(Phase.AFTER) for key in order}
    return label, by_theme


def text_page_param(theme_key: str) -> str:
    """The query parameter that chooses the page of a free-text question's answers."""
    return f"sida-{theme_key}"


def programme_results(
    *,
    programme: Programme,
    group: Group,
    language: str = "sv",
    today: datetime.date | None = None,
    text_pages: Mapping[str, int] | None = None,
) -> Results:
    """Everything the results page shows for one group, with the anonymity rule applied.

    ``text_pages`` chooses, per free-text theme, which page of its answers to show (the first
    by default). Every figure is aggregated in the database (``surveys/aggregates.py``).
    """
    disclosure = disclosure_for(programme, today=today)
    threshold = disclosure.threshold
    node = group.node
    vis = Visibility({}, {}, {}, disclosure.next_release)
    for phase in PHASES:
        vis.visible[phase] = disclosure.group_shown(phase, node)
        vis.counts[phase] = disclosure.group_count(phase, node) if vis.visible[phase] else 0
        vis.reasons[phase] = disclosure.reason(phase, node)
    label_questions, by_theme = _themes(programme, language)

    visible_phases = [p for p in PHASES if vis.visible[p]]
    where = aggregates.GroupSql(group.level, group.id, group.organisation_id)
    released = sorted(disclosure.released_round_ids)

    def shown_phases(theme: str) -> list[str]:
        return [p for p in visible_phases if disclosure.question_shown(p, theme, node)]

    pair_themes = [
        t for t, q in label_questions.items()
        if q.type in NUMERIC_TYPES and disclosure.pairs_shown(t, node) and len(shown_phases(t)) == len(PHASES)
    ]
    text_themes = {t: shown_phases(t) for t, q in label_questions.items() if q.type == QuestionType.FREE_TEXT}
    shown = hashlib.sha256(repr(sorted(text_themes.items())).encode()).hexdigest()[:16]
    key = f"{disclosure.cache_key}:{group.param}:{shown}" if disclosure.cache_key else ""
    figures = cache.get(key) if key else None
    if figures is None:
        release = ",".join(str(max(d)) if d else "-" for d in disclosure.release_dates.values())
        figures = (
            aggregates.value_distribution(released, visible_phases, where),
            (
                {t: disclosure.programme_pairs.get(t, {}) for t in pair_themes}
                if group.level == PROGRAMME and disclosure.programme_pairs is not None
                else aggregates.paired_distribution(
                    programme.pk, disclosure.today, where, pair_themes,
                    one_round_per_phase=disclosure.one_round_per_phase,
                )
            ),
            {
                theme: aggregates.text_order(
                    released, theme, phases, where, seed=f"{programme.pk}:{group.param}:{theme}:{release}"
                )
                for theme, phases in text_themes.items()
            },
            _invited(group, disclosure),
        )
        if key:
            cache.set(key, figures, _cache_seconds())
    dist, pairs, text_orders, invited = figures
    text_pages = text_pages or {}

    themes = []
    for theme_key, question in label_questions.items():
        result = ThemeResult(
            theme_key=theme_key,
            text=question.text_for(language),
            type=question.type,
            texts={p: q.text_for(language) for p, q in by_theme[theme_key].items()},
            scale_max=10 if question.type == QuestionType.SCALE0_10 else 5,
        )
        for phase in PHASES:
            shown = vis.visible[phase] and disclosure.question_shown(phase, theme_key, node)
            result.visible[phase] = shown
            result.n[phase] = disclosure.question_count(phase, theme_key, node) if shown else 0
        if question.type != QuestionType.FREE_TEXT:
            for value, option_label in question.options_for(language):
                c = {p: dist.get((theme_key, p, value), 0) if result.visible[p] else 0 for p in PHASES}
                pct = {p: (100.0 * c[p] / result.n[p]) if result.visible[p] and result.n[p] else 0.0 for p in PHASES}
                result.options.append(OptionRow(value, option_label, c, pct))
        if result.is_numeric:
            for phase in PHASES:
                if result.visible[phase]:
                    total = sum(o.counts[phase] for o in result.options)
                    result.means[phase] = (
                        sum(o.value * o.counts[phase] for o in result.options) / total if total else None
                    )
            if theme_key in pair_themes:
                cells = pairs.get(theme_key, {})
                result.paired_n = sum(cells.values())
                if result.paired_n >= threshold:
                    result.paired = paired_statistics_from_counts(cells)
        if result.is_free_text and text_orders.get(theme_key):
            result.text_page = aggregates.text_page(text_orders[theme_key], number=text_pages.get(theme_key, 1))
            result.free_texts = result.text_page.texts
        themes.append(result)

    responded = {phase: vis.counts[phase] for phase in invited}
    return Results(programme, group, threshold, vis, themes, invited, responded)


def _invited(group: Group, disclosure: Disclosure) -> dict[str, int]:
    """phase → people invited to the released rounds, in ``group``."""
    inv_filter = Q()
    if group.level == ORGANISATION:
        inv_filter = Q(employee__organisation_id=group.id)
    elif group.level == WORKPLACE:
        inv_filter = Q(employee__workplace_id=group.id)
    return dict(
        SurveyInvitation.objects.filter(inv_filter, round__in=disclosure.released_round_ids)
        .values_list("round__phase")
        .annotate(total=Count("id"))
        .order_by()
    )
