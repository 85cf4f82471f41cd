"""The evaluator's export: anonymised response data and a codebook, as CSV or XLSX.

No names, e-mail addresses, employee numbers, database ids, pseudonymous keys or dates: each
row carries a pair number (the same for a person's before and after rows, renumbered in
every export), the phase, and the organisation and workplace only where that group is shown
on the results pages too (otherwise the cell says it is hidden).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from courses.models import Programme
from people.models import Organisation, Workplace

from .models import Answer, Question, QuestionType, Response, SurveyKind
from .selectors import ORGANISATION, PHASES, WORKPLACE, Group, response_counts, visibility

HIDDEN = "(dold)"


def _questions(programme: Programme) -> list[Question]:
    return list(
        Question.objects.filter(survey__programme=programme, survey__kind__in=[SurveyKind.BEFORE, SurveyKind.AFTER])
        .select_related("survey")
        .order_by("survey__kind", "sort_order")
    )


def codebook_rows(programme: Programme) -> list[list[str]]:
    header = ["kolumn", "temanyckel", "skede", "frågetyp", "obligatorisk", "fråga", "skala / svarsalternativ"]
    rows = [header,
            ["par", "", "", "", "", "Parnummer: samma för en persons före- och eftersvar (numreras om i varje export)", ""],
            ["skede", "", "", "", "", "före / efter", ""],
            ["organisation", "", "", "", "", f"Organisation, eller {HIDDEN} om gruppen är för liten", ""],
            ["arbetsplats", "", "", "", "", f"Arbetsplats, eller {HIDDEN} om gruppen är för liten", ""]]
    for question in _questions(programme):
        rows.append([
            question.theme_key,
            question.theme_key,
            question.survey.get_kind_display(),
            question.get_type_display(),
            "ja" if question.required else "nej",
            question.text_sv,
            question.scale_description() + ("; flera val separeras med ;" if question.type == QuestionType.MULTIPLE_CHOICE else ""),
        ])
    return rows


def data_rows(programme: Programme, *, organisation_ids: set[int] | None = None) -> list[list[str]]:
    """One row per response; ``organisation_ids`` limits the rows (HR: their own)."""
    threshold = programme.anonymity_threshold
    counts = response_counts(programme)
    themes: list[str] = []
    for question in _questions(programme):
        if question.theme_key not in themes:
            themes.append(question.theme_key)
    responses = Response.objects.filter(round__programme=programme).values_list(
        "id", "respondent_key", "round__phase", "organisation_id", "workplace_id"
    ).order_by("respondent_key", "round__phase")
    if organisation_ids is not None:
        responses = responses.filter(organisation_id__in=organisation_ids)
    responses = list(responses)
    org_names = dict(Organisation.objects.values_list("id", "name"))
    wp = {w.pk: w for w in Workplace.objects.only("id", "name", "organisation_id")}
    shown_org: dict = {}
    shown_wp: dict = {}

    def _shown(level: str, key: int | None, phase: str, org_id: int | None) -> bool:
        cache = shown_org if level == ORGANISATION else shown_wp
        if key is None:
            return False
        if (key, phase) not in cache:
            group = Group(level, key, "", org_id)
            cache[(key, phase)] = visibility(group, counts, threshold).visible[phase]
        return cache[(key, phase)]

    answers: dict = defaultdict(dict)
    ids = [r[0] for r in responses]
    for response_id, theme, value, choices, text in Answer.objects.filter(response_id__in=ids).values_list(
        "response_id", "question__theme_key", "value", "choices", "text"
    ).iterator(chunk_size=2000):
        if choices:
            cell = ";".join(str(c) for c in choices)
        elif value is not None:
            cell = str(value)
        else:
            cell = text
        answers[response_id][theme] = cell

    pair_numbers: dict[str, int] = {}
    rows = [["par", "skede", "organisation", "arbetsplats", *themes]]
    for response_id, key, phase, org_id, wp_id in responses:
        number = pair_numbers.setdefault(key, len(pair_numbers) + 1)
        org_cell = org_names.get(org_id, "") if _shown(ORGANISATION, org_id, phase, None) else HIDDEN
        wp_obj = wp.get(wp_id)
        wp_cell = wp_obj.name if wp_obj and _shown(WORKPLACE, wp_id, phase, wp_obj.organisation_id) else HIDDEN
        rows.append([
            str(number), "före" if phase == PHASES[0] else "efter", org_cell, wp_cell,
            *[answers[response_id].get(t, "") for t in themes],
        ])
    return rows


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in rows:
        writer.writerow([_safe_cell(c) for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _safe_cell(value: str) -> str:
    # Spreadsheets run cells starting with these as formulas; free text must stay text.
    return "'" + value if value and value[0] in "=+-@\t\r" and not value.lstrip("-").isdigit() else value


def xlsx_bytes(data: list[list[str]], codebook: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Svar"
    for row in data:
        sheet.append([int(c) if c.isdigit() else _safe_cell(c) for c in row])
    book = workbook.create_sheet("Kodbok")
    for row in codebook:
        book.append([_safe_cell(c) for c in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

