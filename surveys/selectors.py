"""Reads for surveys, scoped to the viewer, with the anonymity rules in one place.

Results are shown for one group at a time – the programme, one organisation or one
workplace – and only when that group has at least the programme's anonymity threshold of
responses. So that nobody can subtract one visible group from another to reveal a small one,
the hidden share of every parent must itself be zero or at least the threshold: when the
small groups of a parent add up to fewer than the threshold, the smallest visible sibling is
hidden too (secondary suppression), and a workplace is shown only when its organisation is.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet

from courses.models import Programme
from people.models import Organisation, Workplace
from people.selectors import organisations_for, scope_for, workplaces_for

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
)
from .statistics import PairedStats, paired_statistics

PROGRAMME, ORGANISATION, WORKPLACE = "programme", "organisation", "workplace"
PHASES = (Phase.BEFORE.value, Phase.AFTER.value)


# --- who may see what ------------------------------------------------------------------


def programmes_for_results(user) -> QuerySet[Programme]:
    """Programmes with survey rounds the viewer may see results of."""
    scope = scope_for(user)
    qs = Programme.objects.filter(survey_rounds__isnull=False).distinct().order_by("name")
    if scope.is_programme_admin:
        return qs
    if not (scope.hr_organisation_ids or scope.managed_workplace_ids):
        return qs.none()
    return qs.filter(
        Q(survey_rounds__organisations__in=scope.hr_organisation_ids)
        | Q(survey_rounds__workplaces__organisation__in=scope.hr_organisation_ids)
        | Q(survey_rounds__workplaces__in=scope.managed_workplace_ids)
        | Q(survey_rounds__organisations__workplaces__in=scope.managed_workplace_ids)
    )


@dataclass(frozen=True)
class Group:
    level: str
    id: int | None
    name: str
    organisation_id: int | None = None

    @property
    def param(self) -> str:
        return {PROGRAMME: "program", ORGANISATION: f"org-{self.id}", WORKPLACE: f"ap-{self.id}"}[self.level]


def groups_for(user, programme: Programme) -> list[Group]:
    """The groups the viewer may ask for, widest first: programme, organisations, workplaces."""
    scope = scope_for(user)
    rounds = SurveyRound.objects.filter(programme=programme)
    org_ids = set(rounds.values_list("organisations", flat=True)) | set(
        rounds.values_list("workplaces__organisation", flat=True)
    )
    org_ids.discard(None)
    groups: list[Group] = []
    if scope.is_programme_admin:
        groups.append(Group(PROGRAMME, programme.pk, programme.name))
    if scope.is_programme_admin or scope.is_hr:
        for org in organisations_for(user).filter(id__in=org_ids):
            groups.append(Group(ORGANISATION, org.pk, org.name))
    workplaces = workplaces_for(user).filter(organisation_id__in=org_ids)
    if not (scope.is_programme_admin or scope.is_hr):
        workplaces = workplaces.filter(id__in=scope.managed_workplace_ids)
    elif not scope.is_programme_admin:
        workplaces = workplaces.filter(
            Q(organisation_id__in=scope.hr_organisation_ids) | Q(id__in=scope.managed_workplace_ids)
        )
    for wp in workplaces.order_by("organisation__name", "name"):
        groups.append(Group(WORKPLACE, wp.pk, wp.name, wp.organisation_id))
    return groups


def group_from_param(groups: list[Group], param: str | None) -> Group:
    """The group named by ``?grupp=`` among the viewer's ``groups``; refuses (403) any other."""
    if not groups:
        raise PermissionDenied
    if not param:
        return groups[0]
    for group in groups:
        if group.param == param:
            return group
    raise PermissionDenied


# --- suppression -----------------------------------------------------------------------


def hidden_children(children: dict, parent_total: int, threshold: int) -> set:
    """Keys of ``children`` (key → count) that must be hidden within a parent of ``parent_total``.

    A child under the threshold is hidden. Responses of the parent in no child count as
    hidden. If what is hidden adds up to more than zero but fewer than the threshold, the
    smallest visible child is hidden too, until subtraction can reveal no small group.
    """
    hidden = {key for key, n in children.items() if n < threshold}
    hidden_total = sum(children[key] for key in hidden) + max(parent_total - sum(children.values()), 0)
    visible = sorted((n, str(key), key) for key, n in children.items() if key not in hidden)
    while 0 < hidden_total < threshold and visible:
        n, _sort, key = visible.pop(0)
        hidden.add(key)
        hidden_total += n
    return hidden


@dataclass
class Visibility:
    """Per phase: how many responded in the group and whether it may be shown, and why not."""

    counts: dict[str, int]
    visible: dict[str, bool]
    reasons: dict[str, str]

    @property
    def any_visible(self) -> bool:
        return any(self.visible.values())


def response_counts(programme: Programme) -> dict[str, dict[tuple[int | None, int | None], int]]:
    """phase → (organisation id, workplace id) → responses, in one grouped query."""
    counts: dict[str, dict] = {phase: {} for phase in PHASES}
    rows = (
        Response.objects.filter(round__programme=programme)
        .values_list("round__phase", "organisation_id", "workplace_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for phase, org_id, wp_id, n in rows:
        counts[phase][(org_id, wp_id)] = n
    return counts


def visibility(group: Group, counts: dict[str, dict], threshold: int) -> Visibility:
    """Whether ``group`` may be shown in each phase, applying the differencing rules."""
    result = Visibility({}, {}, {})
    for phase in PHASES:
        cells = counts.get(phase, {})
        total = sum(cells.values())
        by_org: dict = defaultdict(int)
        for (org_id, _wp), n in cells.items():
            by_org[org_id] += n
        orgs = {k: v for k, v in by_org.items() if k is not None}
        if group.level == PROGRAMME:
            n, shown, reason = total, total >= threshold, "small"
        elif group.level == ORGANISATION:
            n = orgs.get(group.id, 0)
            shown = group.id not in hidden_children(orgs, total, threshold) and n >= threshold
            reason = "small" if n < threshold else "differencing"
        else:
            org_id = group.organisation_id
            wps = {wp: v for (o, wp), v in cells.items() if o == org_id and wp is not None}
            n = wps.get(group.id, 0)
            org_hidden = org_id in hidden_children(orgs, total, threshold) or orgs.get(org_id, 0) < threshold
            shown = n >= threshold and not org_hidden and group.id not in hidden_children(wps, orgs.get(org_id, 0), threshold)
            reason = "small" if n < threshold else "differencing"
        result.counts[phase] = n
        result.visible[phase] = bool(shown)
        result.reasons[phase] = "" if shown else reason
    return result


def _response_filter(group: Group, prefix: str = "") -> Q:
    if group.level == ORGANISATION:
        return Q(**{f"{prefix}organisation_id": group.id})
    if group.level == WORKPLACE:
        return Q(**{f"{prefix}workplace_id": group.id})
    return Q()


# --- results ---------------------------------------------------------------------------


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


def _themes(programme: Programme, language: str) -> tuple[dict[str, Question], dict[str, dict[str, Question]]]:
    """theme → the question to label it with, and theme → phase → question."""
    questions = (
        Question.objects.filter(survey__programme=programme, survey__kind__in=[SurveyKind.BEFORE, SurveyKind.AFTER])
        .select_related("survey")
        .order_by("survey__kind", "sort_order")
    )
    by_theme: dict[str, dict[str, Question]] = defaultdict(dict)
    order: list[str] = []
    for question in questions:
        phase = question.survey.kind
        if question.theme_key not in order:
            order.append(question.theme_key)
        by_theme[question.theme_key].setdefault(phase, question)
    label = {key: by_theme[key].get(Phase.BEFORE) or by_theme[key].get(Phase.AFTER) for key in order}
    return label, by_theme


def programme_results(*, programme: Programme, group: Group, language: str = "sv") -> Results:
    """Everything the results page shows for one group, with suppression applied.

    The number of queries does not grow with the number of responses or questions.
    """
    threshold = programme.anonymity_threshold
    counts = response_counts(programme)
    vis = visibility(group, counts, threshold)
    label_questions, by_theme = _themes(programme, language)

    visible_phases = [p for p in PHASES if vis.visible[p]]
    answers = Answer.objects.filter(
        _response_filter(group, "response__"),
        response__round__programme=programme,
        response__round__phase__in=visible_phases,
    )
    dist: dict = defaultdict(int)
    for theme, phase, value, n in (
        answers.filter(value__isnull=False)
        .values_list("question__theme_key", "response__round__phase", "value")
        .annotate(n=Count("id"))
        .order_by()
    ):
        dist[(theme, phase, value)] += n
    for theme, phase, choices in answers.filter(question__type=QuestionType.MULTIPLE_CHOICE).values_list(
        "question__theme_key", "response__round__phase", "choices"
    ):
        for choice in choices or []:
            dist[(theme, phase, int(choice))] += 1
    # Only non-empty answers are stored, so every row is one person answering the question.
    respondents: dict = defaultdict(int)
    for theme, phase, n in (
        answers.values_list("question__theme_key", "response__round__phase")
        .annotate(n=Count("id"))
        .order_by()
    ):
        respondents[(theme, phase)] += n

    pairs: dict = defaultdict(dict)
    if len(visible_phases) == 2:
        for key, theme, phase, value in answers.filter(
            question__type__in=NUMERIC_TYPES, value__isnull=False
        ).values_list("response__respondent_key", "question__theme_key", "response__round__phase", "value"):
            pairs[(theme, key)][phase] = value

    texts: dict = defaultdict(list)
    for theme, phase, text in answers.filter(question__type=QuestionType.FREE_TEXT).exclude(text="").values_list(
        "question__theme_key", "response__round__phase", "text"
    ):
        texts[theme].append((phase, text))

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
            n = respondents.get((theme_key, phase), 0)
            result.n[phase] = n
            result.visible[phase] = vis.visible[phase] and n >= threshold and phase in by_theme[theme_key]
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
            if all(result.visible.values()):
                matched = [v for (t, _k), v in pairs.items() if t == theme_key and len(v) == 2]
                result.paired_n = len(matched)
                if result.paired_n >= threshold:
                    result.paired = paired_statistics(
                        [v[Phase.BEFORE] for v in matched], [v[Phase.AFTER] for v in matched]
                    )
        if result.is_free_text:
            shown = [text for phase, text in texts.get(theme_key, []) if result.visible[phase]]
            random.SystemRandom().shuffle(shown)
            result.free_texts = shown
        themes.append(result)

    invited: dict[str, int] = {}
    responded: dict[str, int] = {}
    inv_filter = Q()
    if group.level == ORGANISATION:
        inv_filter = Q(employee__organisation_id=group.id)
    elif group.level == WORKPLACE:
        inv_filter = Q(employee__workplace_id=group.id)
    for phase, total, done in (
        SurveyInvitation.objects.filter(inv_filter, round__programme=programme)
        .values_list("round__phase")
        .annotate(total=Count("id"), done=Count("id", filter=Q(responded=True)))
        .order_by()
    ):
        invited[phase] = total
        responded[phase] = done
    return Results(programme, group, threshold, vis, themes, invited, responded)


def workplace_response_counts(user, programme: Programme) -> list[dict]:
    """For managers: how many have answered per phase at their workplaces – only at or above
    the threshold, never who."""
    scope = scope_for(user)
    threshold = programme.anonymity_threshold
    workplaces = Workplace.objects.filter(id__in=scope.managed_workplace_ids).order_by("name")
    rows = (
        SurveyInvitation.objects.filter(round__programme=programme, employee__workplace__in=workplaces)
        .values_list("employee__workplace_id", "round__phase")
        .annotate(total=Count("id"), done=Count("id", filter=Q(responded=True)))
        .order_by()
    )
    data: dict = defaultdict(dict)
    for wp_id, phase, total, done in rows:
        data[wp_id][phase] = {"invited": total, "responded": done if done >= threshold else None}
    return [
        {
            "workplace": wp,
            "cells": [{"phase": p, **data.get(wp.pk, {}).get(p, {"invited": 0, "responded": None})} for p in PHASES],
        }
        for wp in workplaces
    ]


def organisations_with_responses(programme: Programme) -> Iterable[Organisation]:
    return Organisation.objects.filter(
        id__in=Response.objects.filter(round__programme=programme).values("organisation_id")
    )
