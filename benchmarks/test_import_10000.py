"""A 10 000-row HR file: how long reading, previewing and importing take on this database."""
# ruff: noqa: S101 - a benchmark asserts what it measured

from __future__ import annotations

import time

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.importing import read_employee_file
from people.models import Employee
from people.services import employee_import
from people.tasks import employees_search_index_task
from tests.factories import OrganisationFactory, WorkplaceFactory
from tests.people.factories import HEADER_SV, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 10_000


def _rows(workplaces, *, surname="Andersson"):
    return [
        [f"{n:06d}", f"Förnamn{n}", f"{surname}{n % 97}", f"person{n}@example.se",
         workplaces[n % len(workplaces)].name, "2020-01-01", "", "", "", "312,50"]
        for n in range(ROWS)
    ]


def test_import_10000_rows():
    organisation = OrganisationFactory(name="Storstads kommun", code="storstad")
    workplaces = [WorkplaceFactory(organisation=organisation, name=f"Enhet {i}") for i in range(120)]
    header = [*HEADER_SV, "Anställd från", "Anställd till", "Språk", "Kön", "Timkostnad"]
    rows = _rows(workplaces)
    data = csv_bytes([header, *rows], encoding="cp1252")
    timings: dict[str, float] = {}

    def timed(label, func):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            value = func()
        timings[label] = time.perf_counter() - started
        print(f"{label:<45} {timings[label]:6.2f} s  {len(queries):4d} queries")
        return value

    print(f"\n{ROWS} rows on {connection.vendor}")
    table = timed("read CSV (cp1252, ;)", lambda: read_employee_file(data, "lista.csv"))
    workbook = xlsx_bytes([header, *rows])
    timed("read XLSX", lambda: read_employee_file(workbook, "lista.xlsx"))
    preview = timed(
        "dry run, all new",
        lambda: employee_import(importer=None, table=table, organisation=organisation, dry_run=True),
    )
    assert preview.counts["created"] == ROWS
    result = timed(
        "import, all new",
        lambda: employee_import(importer=None, table=table, organisation=organisation, dry_run=False),
    )
    assert result.imported and Employee.objects.count() == ROWS
    again = timed(
        "same file again (nothing changes)",
        lambda: employee_import(importer=None, table=table, organisation=organisation, dry_run=False),
    )
    assert again.counts["unchanged"] == ROWS

    changed = _rows(workplaces, surname="Berg")[: ROWS - 500]  # all renamed, 500 left
    changed_table = read_employee_file(csv_bytes([header, *changed]), "lista.csv")
    update = timed(
        "9 500 updated, 500 marked as left",
        lambda: employee_import(
            importer=None, table=changed_table, organisation=organisation, dry_run=False
        ),
    )
    assert update.counts["updated"] == ROWS - 500 and len(update.leavers) == 500
    # Tasks run eagerly in the test settings, so the first and the renaming import above
    # include this; in production it runs in the worker after the import has committed.
    indexed = timed(
        "search index of 10 000 (Celery task)",
        lambda: employees_search_index_task.run(
            list(Employee.objects.values_list("pk", flat=True))
        ),
    )
    assert indexed == ROWS
    total = timings["read CSV (cp1252, ;)"] + timings["dry run, all new"] + timings["import, all new"]
    print(f"{'upload to imported (read + preview + import)':<45} {total:6.2f} s")
