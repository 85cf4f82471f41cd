"""A 10 000-row HR file: how long reading, previewing and importing take on this database."""
# ruff: noqa: S101 - a benchmark asserts what it measured

from __future__ import annotations

import time

import pytest

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from people.importing import read_employee_file
from people.models import Employee
from people.services import employee_import
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

    def import_then_index(label, table):
        # The search index is refreshed by a task queued on commit (run eagerly by the test
        # settings, by the worker in production); time it apart from the import.
        with transaction.atomic():
            result = timed(
                label,
                lambda: employee_import(
                    importer=None, table=table, organisation=organisation, dry_run=False
                ),
            )
            started = time.perf_counter()
        print(f"{'  then search index after commit (task)':<45} {time.perf_counter() - started:6.2f} s")
        return result

    print(f"\n{ROWS} rows on {connection.vendor}")
    table = timed("read CSV (cp1252, ;)", lambda: read_employee_file(data, "lista.csv"))
    workbook = xlsx_bytes([header, *rows])
    timed("read XLSX", lambda: read_employee_file(workbook, "lista.xlsx"))
    preview = timed(
        "dry run, all new",
        lambda: employee_import(importer=None, table=table, organisation=organisation, dry_run=True),
    )
    assert preview.counts["created"] == ROWS
    result = import_then_index("import, all new", table)
    assert result.imported and Employee.objects.count() == ROWS
    again = import_then_index("same file again (nothing changes)", table)
    assert again.counts["unchanged"] == ROWS

    changed = _rows(workplaces, surname="Berg")[: ROWS - 500]  # all renamed, 500 left
    changed_table = read_employee_file(csv_bytes([header, *changed]), "lista.csv")
    update = import_then_index("9 500 updated, 500 marked as left", changed_table)
    assert update.counts["updated"] == ROWS - 500 and len(update.leavers) == 500
    total = timings["read CSV (cp1252, ;)"] + timings["dry run, all new"] + timings["import, all new"]
    print(f"{'upload to imported (read + preview + import)':<45} {total:6.2f} s")
