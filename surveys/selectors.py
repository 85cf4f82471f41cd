"""Reads for surveys, scoped to the viewer: which programmes, groups and rounds they may see.

The anonymity rule itself lives in ``surveys/anonymity.py`` and the results computed with it
in ``surveys/results.py``; here is only *who* may ask for what.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from courses.models import Programme
from people.models import Employee, Workplace
from people.selectors import organisations_for, scope_for, workplaces_for

from .anonymity import ORGANISATION, PROGRAMME, WORKPLACE, displayed_response_count
from .models import SurveyInvitation, SurveyRound
from .results import PHASES, Group

__all__ = [
    "ORGANISATION", "PHASES", "PROGRAMME", "WORKPLACE", "Group", "group_from_param", "groups_for",
    "programmes_for_results", "rounds_for", "workplace_response_counts", "employees_whose_links_can_be_reissued",
]


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
        groups.append(Group(PROGRAMME, programme.pk, programme.local_name))
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


# --- counters ---------------------------------------------------------------------------


def response_count_cells(
    invitations: QuerySet[SurveyInvitation], *, threshold: int, today: datetime.date, by: str
) -> dict:
    """``by`` → phase → {"invited", "responded", "open"}: how many have answered, never who.

    While any round of the phase is open the count moves only in steps of the threshold
    (:func:`surveys.anonymity.stepped`), so it never tells when one person answered; below the
    threshold it is None ("fewer than"). Once every round has closed it is exact.
    """
    data: dict = defaultdict(dict)
    for key, phase, total, done, still_open in (
        invitations.values_list(by, "round__phase")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(responded=True)),
            still_open=Count("id", filter=Q(round__closes_on__gte=today)),
        )
        .order_by()
    ):
        data[key][phase] = {
            "invited": total,
            "responded": displayed_response_count(done, threshold=threshold, still_open=bool(still_open)),
            "open": bool(still_open),
        }
    return data


def workplace_response_counts(user, programme: Programme, *, today: datetime.date | None = None) -> list[dict]:
    """For managers: how many have answered per phase at their workplaces (see
    :func:`response_count_cells`)."""
    scope = scope_for(user)
    today = today or timezone.localdate()
    workplaces = Workplace.objects.filter(id__in=scope.managed_workplace_ids).order_by("name")
    data = response_count_cells(
        SurveyInvitation.objects.filter(round__programme=programme, employee__workplace__in=workplaces),
        threshold=programme.anonymity_threshold, today=today, by="employee__workplace_id",
    )
    empty = {"invited": 0, "responded": None, "open": False}
    return [
        {"workplace": wp, "cells": [{"phase": p, **data.get(wp.pk, {}).get(p, empty)} for p in PHASES]}
        for wp in workplaces
    ]


def can_view_rounds(user) -> bool:
    """The rounds page is for the people who run rounds: programme admins, HR, managers and
    process leaders (each sees the rounds of their own scope, ``rounds_for``)."""
    scope = scope_for(user)
    return scope.is_programme_admin or scope.is_hr or scope.is_manager or scope.is_process_leader


def can_see_round_totals(user) -> bool:
    """Invited/answered counts per whole round are for programme admins only."""
    return scope_for(user).is_programme_admin


def can_invite_to_round(user) -> bool:
    """Sending a round's invitations is a programme admin's job."""
    return scope_for(user).is_programme_admin


def can_print_letters(user) -> bool:
    """Letters with one-time codes are printed by HR and programme admins."""
    scope = scope_for(user)
    return scope.is_programme_admin or scope.is_hr


def qr_workplaces_for(user) -> QuerySet[Workplace]:
    """Workplaces whose room QR page the viewer may show: their managed or led workplaces."""
    scope = scope_for(user)
    qs = Workplace.objects.select_related("organisation").order_by("name")
    if scope.is_programme_admin:
        return qs
    return qs.filter(id__in=scope.managed_workplace_ids | scope.led_workplace_ids)


def letter_workplaces_for(user, survey_round: SurveyRound) -> QuerySet[Workplace]:
    """Workplaces of ``survey_round`` for which the viewer may print letters: all of the round's
    for programme admins, those in HR's own organisations, nothing for anyone else."""
    scope = scope_for(user)
    if not can_print_letters(user):
        return Workplace.objects.none()
    qs = Workplace.objects.select_related("organisation").filter(
        Q(id__in=SurveyRound.objects.filter(pk=survey_round.pk).values("workplaces"))
        | Q(organisation__in=survey_round.organisations.all())
    )
    if not scope.is_programme_admin:
        qs = qs.filter(organisation_id__in=scope.hr_organisation_ids)
    return qs.distinct().order_by("organisation__name", "name")


def can_export_responses(user) -> bool:
    """Row-level (anonymised) response data is for the evaluation only: programme admins, never
    HR or managers (docs/anonymity.md, "Who sees what")."""
    return scope_for(user).is_programme_admin


def may_reissue_links_of(user, employee: Employee) -> bool:
    """The rule of ``employees_whose_links_can_be_reissued`` for one person already loaded."""
    scope = scope_for(user)
    return scope.is_programme_admin or employee.organisation_id in scope.hr_organisation_ids


def rounds_for(user) -> QuerySet[SurveyRound]:
    """Rounds the viewer may see on the rounds page: all for programme admins; for HR those
    of their organisations; for managers and process leaders those of their workplaces."""
    scope = scope_for(user)
    qs = SurveyRound.objects.select_related("survey", "programme").order_by("-opens_on", "name")
    if scope.is_programme_admin:
        return qs
    workplace_ids = scope.managed_workplace_ids | scope.led_workplace_ids
    condition = Q(pk__in=[])
    if workplace_ids:
        condition |= Q(workplaces__in=workplace_ids) | Q(organisations__workplaces__in=workplace_ids)
    if scope.hr_organisation_ids:
        condition |= Q(organisations__in=scope.hr_organisation_ids) | Q(
            workplaces__organisation__in=scope.hr_organisation_ids
        )
    if not (workplace_ids or scope.hr_organisation_ids):
        return qs.none()
    return qs.filter(pk__in=SurveyRound.objects.filter(condition).values("pk"))


def round_response_counts(survey_rounds: list[SurveyRound], *, today: datetime.date | None = None) -> dict[int, dict]:
    """For the programme admin's rounds page: invited and (stepped) answered per round."""
    today = today or timezone.localdate()
    thresholds = {r.pk: r.programme.anonymity_threshold for r in survey_rounds}
    result = {}
    for round_id, total, done in (
        SurveyInvitation.objects.filter(round__in=survey_rounds)
        .values_list("round_id")
        .annotate(total=Count("id"), done=Count("id", filter=Q(responded=True)))
        .order_by()
    ):
        survey_round = next(r for r in survey_rounds if r.pk == round_id)
        result[round_id] = {
            "invited": total,
            "responded": displayed_response_count(
                done, threshold=thresholds[round_id], still_open=survey_round.closes_on >= today
            ),
            "open": survey_round.closes_on >= today,
        }
    return result


def employees_whose_links_can_be_reissued(user) -> QuerySet[Employee]:
    """People whose personal links the viewer may revoke: everyone for programme admins,
    their own organisations' employees for HR – nobody for managers or process leaders."""
    scope = scope_for(user)
    qs = Employee.objects.select_related("workplace", "organisation")
    if scope.is_programme_admin:
        return qs
    return qs.filter(organisation_id__in=scope.hr_organisation_ids)
