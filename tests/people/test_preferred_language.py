"""The preferred language in the HR import (admin and API): every site language, by code or by
name, and a Swedish message per row for one the site does not have – with nothing written."""

from __future__ import annotations

import datetime

import pytest

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from people.importing import LANGUAGE_VALUES, read_employee_file
from people.models import Employee
from people.services import employee_import
from tests.api.conftest import ApiClient, token_for
from tests.people.factories import HEADER_SV, csv_bytes

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)
HEADER = [*HEADER_SV, "Språk"]

NAMED = [
    ("somaliska", "so"), ("Somali", "so"), ("so", "so"), ("SOOMAALI", "so"),
    ("arabiska", "ar"), ("Arabic", "ar"), ("العربية", "ar"),
    ("tigrinja", "ti"), ("Tigrinya", "ti"), ("persiska", "fa"), ("Farsi", "fa"), ("fa", "fa"),
    ("Lättläst svenska", "sv-easy"), ("sv-easy", "sv-easy"), ("engelska", "en"), ("Svenska", "sv"), ("", "sv"),
]


def _rows(values, workplace):
    return [[f"S{n:03d}", "Namn", f"Nummer{n}", f"s{n}@example.se", workplace.name, value]
            for n, value in enumerate(values)]


def _import(data, *, importer, organisation):
    return employee_import(importer=importer, table=read_employee_file(data, "anstallda.csv"),
                           organisation=organisation, dry_run=False, today=TODAY)


def test_every_name_of_a_language_reads_as_its_code(hr_user, organisation, workplace):
    data = csv_bytes([HEADER, *_rows([value for value, _code in NAMED], workplace)])
    result = _import(data, importer=hr_user, organisation=organisation)
    assert [e for row in result.rows for e in row.errors] == []
    stored = dict(Employee.objects.filter(organisation=organisation).values_list("employee_number", "preferred_language"))
    assert [stored[f"S{n:03d}"] for n in range(len(NAMED))] == [code for _value, code in NAMED]


def test_every_code_the_import_writes_is_a_language_of_the_site():
    assert set(LANGUAGE_VALUES.values()) == {code for code, _name in settings.LANGUAGES}


def test_an_unknown_language_is_a_swedish_error_on_its_row_and_nothing_is_written(hr_user, organisation, workplace):
    data = csv_bytes([HEADER, *_rows(["somaliska", "klingonska", "ar"], workplace)])
    result = _import(data, importer=hr_user, organisation=organisation)
    errors = {row.line: [str(e) for e in row.errors] for row in result.rows if row.errors}
    assert list(errors) == [3]
    assert errors[3][0].startswith("Okänt språk «klingonska»")
    assert "somaliska" in errors[3][0] and "so" in errors[3][0]
    assert not Employee.objects.filter(organisation=organisation).exists()


def test_the_api_import_reads_languages_the_same_way(organisation, workplace):
    api = ApiClient(token_for(organisation, "write"))
    good = csv_bytes([HEADER, *_rows(["Somali", "tigrinja"], workplace)])
    response = api.post("/api/v1/employees/import/", {"file": SimpleUploadedFile("a.csv", good)})
    assert response.status_code == 200, response.content
    assert sorted(Employee.objects.values_list("preferred_language", flat=True)) == ["so", "ti"]

    bad = csv_bytes([HEADER, *([f"T{n}", "Namn", "Efter", "", workplace.name, value]
                               for n, value in enumerate(["arabiska", "xx-språk"]))])
    response = api.post("/api/v1/employees/import/", {"file": SimpleUploadedFile("b.csv", bad)})
    assert response.status_code == 422
    assert [row["line"] for row in response.json()["errors"]] == [3]
    assert response.json()["errors"][0]["errors"][0].startswith("Okänt språk «xx-språk»")
    assert not Employee.objects.filter(employee_number__startswith="T").exists()


def test_the_api_schema_names_the_language_codes():
    from django.test import Client

    schema = Client().get("/api/schema/", {"lang": "sv", "format": "json"})
    assert schema.status_code == 200
    assert "sv-easy, ar, so, ti, fa" in schema.content.decode()
