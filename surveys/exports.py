"""The evaluator's export: anonymised response data and a codebook, as CSV or XLSX.

Only programme admins download it (they hand it to the external evaluator). It holds the
*released* responses only – those of closed rounds – with the anonymity rule of the results
pages applied to every cell (docs/anonymity.md):

- no names, e-mail addresses, employee numbers, database ids, pseudonymous keys or dates;
  each row carries a pair number (the same for a person's before and after rows, drawn anew
  in random order in every export, so two exports cannot be lined up row by row);
- an organisation or workplace is named only where that group is shown on the results pages
  in that phase; otherwise the cell says it is hidden;
- an answer – a free text too – appears only where its question is shown for the most
  precise group the row names; otherwise the cell says it is hidden, whether or not the
  person answered, so a hidden cell tells nothing either.

Every text cell goes through ``cms.spreadsheets`` (formulas defused, control characters
replaced), so nothing a respondent typed can break the file or run in a spreadsheet.
"""

from __future__ import annotations

import datetime
import io
import random
from collections import defaultdict

from django.utils import timezone

from cms.exports import SWEDISH, values_csv
from cms.spreadsheets import xlsx_row
from courses.models import Programme
from people.models import Organisation, Workplace

from .anonymity import ORGANISATION, PROGRAMME_NODE, WORKPLACE, Node
from .models import Answer, QuestionType, Response, SurveyRound, source_language
from .results import PHASES, disclosure_for, survey_questions

HIDDEN = "(dold)"


def codebook_rows(
    programme: Programme, *, language: str | None = None, today: datetime.date | None = None
) -> list[list[str]]:
    """What every column means, which rounds the data holds, and how hidden cells are marked.

    Each question is worded in ``language`` (the reader's; Swedish where it has no
    translation); the values and their Swedish labels are those the answers were stored with.
    """
    language = language or source_language()
    today = today or timezone.localdate()
    threshold = programme.anonymity_threshold
    header = ["kolumn", "temanyckel", "skede", "frågetyp", "obligatorisk", "fråga", "skala / svarsalternativ"]
    rows = [
        header,
        ["par", "", "", "", "", "Parnummer: samma för en persons före- och eftersvar (dras i slumpvis ordning i varje export)", ""],
        ["skede", "", "", "", "", "före / efter", ""],
        ["organisation", "", "", "", "", f"Organisation, eller {HIDDEN} om gruppen inte visas i resultaten", ""],
        ["arbetsplats", "", "", "", "", f"Arbetsplats, eller {HIDDEN} om gruppen inte visas i resultaten", ""],
    ]
    for question in survey_questions(programme, language=language):
        rows.append([
            question.theme_key,
            question.theme_key,
            question.survey.get_kind_display(),
            question.get_type_display(),
            "ja" if question.required else "nej",
            question.text_for(language),
            question.scale_description() + ("; flera val separeras med ;" if question.type == QuestionType.MULTIPLE_CHOICE else ""),
        ])
    rows.append([
        HIDDEN, "", "", "", "",
        f"Dolt enligt anonymitetsregeln: färre än {threshold} svar på frågan i den minsta grupp raden anger, "
        "eller så skulle svaret kunna räknas fram ur andra grupper eller ur en tidigare export. "
        "Visas oavsett om personen svarade eller inte.",
        "",
    ])
    for name, phase, closes_on in (
        SurveyRound.objects.filter(programme=programme, closes_on__lt=today)
        .order_by("closes_on", "name")
        .values_list("name", "phase", "closes_on")
    ):
        rows.append(["omgång", "", "före" if phase == PHASES[0] else "efter", "", "",
                     f"{name} (stängde {closes_on.isoformat()})", ""])
    return rows


def data_rows(programme: Programme, *, today: datetime.date | None = None) -> list[list]:
    """One row per released response, with the anonymity rule applied to every cell."""
    disclosure = disclosure_for(programme, today=today)
    themes: list[str] = []
    types: dict[str, str] = {}
    for question in survey_questions(programme):
        if question.theme_key not in themes:
            themes.append(question.theme_key)
            types[question.theme_key] = question.type
    phases = [p for p in PHASES if disclosure.group_shown(p, PROGRAMME_NODE)]
    responses = list(
        Response.objects.filter(round__in=disclosure.released_round_ids, round__phase__in=phases).values_list(
            "id", "respondent_key", "round__phase", "organisation_id", "workplace_id"
        )
    )
    org_names = dict(Organisation.objects.filter(id__in={r[3] for r in responses}).values_list("id", "name"))
    wp_names = dict(Workplace.objects.filter(id__in={r[4] for r in responses}).values_list("id", "name"))

    answers: dict = defaultdict(dict)
    for response_id, theme, value, choices, text in (
        Answer.objects.filter(response__round__in=disclosure.released_round_ids, response__round__phase__in=phases)
        .values_list("response_id", "question__theme_key", "value", "choices", "text")
        .iterator(chunk_size=2000)
    ):
        if choices:
            cell = ";".join(str(c) for c in choices)
        elif value is not None:
            cell = value
        else:
            cell = text
        answers[response_id][theme] = cell

    keys = list({key for _id, key, *_rest in responses})
    random.SystemRandom().shuffle(keys)
    numbers = {key: i for i, key in enumerate(keys, start=1)}
    body = []
    for response_id, key, phase, org_id, wp_id in responses:
        finest: Node = PROGRAMME_NODE
        org_cell = wp_cell = HIDDEN
        if org_id is not None and disclosure.group_shown(phase, (ORGANISATION, org_id)):
            org_cell, finest = org_names.get(org_id, HIDDEN), (ORGANISATION, org_id)
            if wp_id is not None and disclosure.group_shown(phase, (WORKPLACE, wp_id)):
                wp_cell, finest = wp_names.get(wp_id, HIDDEN), (WORKPLACE, wp_id)
        cells = [
            answers[response_id].get(theme, "") if disclosure.question_shown(phase, theme, finest) else HIDDEN
            for theme in themes
        ]
        body.append([numbers[key], "före" if phase == PHASES[0] else "efter", org_cell, wp_cell, *cells])
    body.sort(key=lambda row: (row[0], row[1] != "före"))
    return [["par", "skede", "organisation", "arbetsplats", *themes], *body]


def csv_bytes(rows: list[list]) -> bytes:
    """The platform's Swedish file convention (docs/exports.md): the data's own words are Swedish."""
    return values_csv(rows, SWEDISH)


def xlsx_bytes(data: list[list], codebook: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in (("Svar", data), ("Kodbok", codebook)):
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(xlsx_row(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
