"""The write step of the HR import (people.import_write): what reaches the database is exactly the
file, and the undo records are exactly the employees before and after – on PostgreSQL through
COPY and set-based statements, elsewhere through the ORM."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from django.utils import timezone

from people.import_limits import FileLimits
from people.import_undo import employee_image
from people.importing import read_employee_file
from people.models import Employee, EmployeeImportChange
from people.services import employee_import, employee_import_undo
from tests.factories import EmployeeFactory
from tests.people.factories import csv_bytes

pytestmark = pytest.mark.django_db

HEADER = ["Anställningsnummer", "Förnamn", "Efternamn", "E-post", "Arbetsplats", "Anställd från",
          "Anställd till", "Språk", "Kön", "Timkostnad"]


def _import(organisation, rows, **kwargs):
    table = read_employee_file(csv_bytes([HEADER, *rows]), "hr.csv")
    return employee_import(importer=None, table=table, organisation=organisation, dry_run=False,
                           allow_mass_leavers=True, **kwargs)


def test_names_with_tabs_backslashes_and_line_breaks_are_stored_as_written(organisation, workplace):
    rows = [
        ["T1", "Anna\tMaria", "O\\Brien", "", workplace.name, "", "", "", "", ""],
        ["T2", "Eva\nLisa", "\\N", "", workplace.name, "", "", "", "", ""],  # not a NULL
        ["T3", "Bo\r", "Ek\\t", "", workplace.name, "", "", "", "", ""],
    ]
    result = _import(organisation, rows)

    assert result.imported and result.counts["created"] == 3
    names = dict(Employee.objects.values_list("employee_number", "first_name"))
    surnames = dict(Employee.objects.values_list("employee_number", "last_name"))
    # The reader strips the cell's outer whitespace, as it always has ("Bo\r" → "Bo").
    assert names == {"T1": "Anna\tMaria", "T2": "Eva\nLisa", "T3": "Bo"}
    assert surnames == {"T1": "O\\Brien", "T2": "\\N", "T3": "Ek\\t"}


def test_new_employees_get_every_value_and_the_models_defaults(organisation, workplace):
    rows = [
        ["N1", "Ny", "Ett", "NY@Example.se", workplace.name, "2026-11-01", "2027-01-31", "engelska",
         "kvinna", "1 234,50"],
    ]
    _import(organisation, rows)
    table = read_employee_file(
        csv_bytes([["Anställningsnummer", "Förnamn", "Efternamn", "Arbetsplats"],
                   ["N1", "Ny", "Ett", workplace.name], ["N2", "Två", "Tre", workplace.name]]),
        "kort.csv",
    )
    employee_import(importer=None, table=table, organisation=organisation, dry_run=False)

    first = Employee.objects.get(employee_number="N1")
    assert (first.email, first.employment_start, first.employment_end, first.preferred_language,
            first.gender, first.hourly_cost) == (
        "ny@example.se", datetime.date(2026, 11, 1), datetime.date(2027, 1, 31), "en", "woman",
        Decimal("1234.50"),
    )
    second = Employee.objects.get(employee_number="N2")
    assert (second.email, second.employment_start, second.employment_end,
            second.preferred_language, second.gender, second.hourly_cost, second.link_version) == (
        "", None, None, "sv", "", None, 1,
    )
    assert second.workplace == workplace and second.created_at is not None


def test_undo_records_are_the_employees_before_and_after(organisation, workplace):
    changed = EmployeeFactory(workplace=workplace, employee_number="C1", first_name="Åsa",
                              hourly_cost=Decimal("280.50"), employment_start=datetime.date(2019, 2, 1))
    leaving = EmployeeFactory(workplace=workplace, employee_number="L1", first_name="Dan")
    # A time on the whole second: its ISO form has no microseconds.
    Employee.objects.filter(pk=leaving.pk).update(
        updated_at=datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    )
    was = {employee.employee_number: employee_image(employee, with_timestamp=True)
           for employee in Employee.objects.all()}
    rows = [
        ["C1", "Åsa-Lena", "Ek", "asa@example.se", workplace.name, "2019-03-01", "", "", "", "312,75"],
        ["N1", "Ny", "Ett", "", workplace.name, "", "", "", "", ""],
    ]
    result = _import(organisation, rows)

    now = {employee.employee_number: employee for employee in Employee.objects.all()}
    changes = {change.employee.employee_number: change
               for change in EmployeeImportChange.objects.filter(employee_import=result.record)}
    assert {number: change.action for number, change in changes.items()} == {
        "C1": "updated", "L1": "left", "N1": "created",
    }
    for number, change in changes.items():
        assert change.after == employee_image(now[number])
        assert change.before == (None if number == "N1" else was[number])
    assert was["L1"]["updated_at"] == "2026-01-02T03:04:05+00:00"
    assert now["L1"].employment_end == timezone.localdate()
    assert changes["C1"].after["hourly_cost"] == "312.75"

    employee_import_undo(record=result.record, undone_by=None)
    assert {employee.employee_number: employee_image(employee, with_timestamp=True)
            for employee in Employee.objects.all()} == was
    assert changed.pk in {employee.pk for employee in Employee.objects.all()}


def test_a_second_import_in_the_same_transaction_finds_no_staging_left(organisation, workplace):
    _import(organisation, [["S1", "Ett", "Första", "", workplace.name, "", "", "", "", ""]])
    result = _import(organisation, [
        ["S1", "Ett", "Andra", "", workplace.name, "", "", "", "", ""],
        ["S2", "Två", "Andra", "", workplace.name, "", "", "", "", ""],
    ])
    assert (result.counts["created"], result.counts["updated"]) == (1, 1)
    assert sorted(Employee.objects.values_list("last_name", flat=True)) == ["Andra", "Andra"]


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-01-15", datetime.date(2024, 1, 15)),
    ("2024-1-5", datetime.date(2024, 1, 5)),  # not ISO: read by the slower formats
    ("20240115", datetime.date(2024, 1, 15)),
    ("15.01.2024", datetime.date(2024, 1, 15)),
    ("2024-01-15 00:00:00", datetime.date(2024, 1, 15)),
    ("2024-02-30", None),
    ("2024-W03-1", None),
])
def test_dates_iso_first_then_other_styles(text, expected):
    table = read_employee_file(
        csv_bytes([HEADER, ["D1", "Ny", "Ett", "", "Enheten", text, "", "", "", ""]]), "hr.csv"
    )
    row = table.rows[0]
    if expected is None:
        assert row.errors == [
            f"Ogiltigt datum «{text}» i kolumnen anställd från (skriv ÅÅÅÅ-MM-DD)."
        ]
    else:
        assert row.errors == [] and row.values["employment_start"] == expected


def test_a_file_without_headers_and_over_the_row_limit_says_the_limit():
    rows = [["a", "b"]] * 30
    limits = FileLimits(max_bytes=10_000, max_rows=20)
    table = read_employee_file(csv_bytes(rows), "hr.csv", limits=limits)
    assert table.rows == []
    assert table.errors == [
        "Filen har fler än 20 rader, mer än vad som kan importeras åt gången. Kontakta "
        "programmets administratör."
    ]
