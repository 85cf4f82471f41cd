"""Employee import through the API: the admin import's service, rows, messages and safeguards."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from people.models import Employee, EmployeeImport, Role
from tests.factories import EmployeeFactory, OrganisationFactory, WorkplaceFactory, user_with_role
from tests.people.factories import HEADER_SV, csv_bytes, employee_rows

from .conftest import ApiClient, token_for

pytestmark = pytest.mark.django_db

IMPORT = "/api/v1/employees/import/"


def post_file(client, data: bytes, name="anstallda.csv", **fields):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data), **fields})


def an_organisation(code):
    """An organisation with two workplaces and two employees, one of whom is not in the file."""
    organisation = OrganisationFactory(name=f"Kommun {code}", code=code)
    home = WorkplaceFactory(organisation=organisation, name="Hemtjänsten")
    WorkplaceFactory(organisation=organisation, name="Biblioteket")
    EmployeeFactory(workplace=home, employee_number="A00001", first_name="Gammalt", last_name="Namn",
                    email="person1@example.se")
    for n in range(20):
        EmployeeFactory(workplace=home, employee_number=f"K{n:03d}", first_name="Kvar", last_name=f"{n}")
    EmployeeFactory(workplace=home, employee_number="SLUTAR", first_name="Ska", last_name="Sluta")
    return organisation


def the_file(*, error=False):
    rows = employee_rows(3, workplace="Hemtjänsten") + [["A00004", "Fyra", "Fyrsson", "", "Biblioteket"]]
    rows += [[f"K{n:03d}", "Kvar", f"{n}", f"k{n:03d}@example.se", "Hemtjänsten"] for n in range(20)]
    if error:
        rows += [["A00005", "", "Utan förnamn", "inte-en-adress", "Okänd enhet"]]
    return csv_bytes([HEADER_SV, *rows])


def employees_of(organisation):
    return sorted(
        Employee.objects.filter(organisation=organisation).values_list(
            "employee_number", "first_name", "last_name", "email", "workplace__name", "employment_end"
        )
    )


def admin_import(client, organisation, data, *, confirm=True):
    client.post("/admin/people/import/", {"file": SimpleUploadedFile("anstallda.csv", data),
                                          "organisation": organisation.pk})
    record = EmployeeImport.objects.filter(organisation=organisation).latest("pk")
    preview = client.get(reverse("people_import:preview", args=[record.pk]))
    if confirm:
        client.post(reverse("people_import:confirm", args=[record.pk]))
    return preview.context["result"]


def comparable(rows):
    return [(r["line"], r["action"], r["employee_number"], r["changes"], r["errors"]) for r in rows]


def admin_rows(result):
    return [(r.line, str(r.action), r.employee_number, [str(c) for c in r.changes], [str(e) for e in r.errors])
            for r in result.rows]


def test_api_import_matches_the_admin_import_row_for_row(client):
    by_admin, by_api = an_organisation("adminorg"), an_organisation("apiorg")
    hr = user_with_role(Role.HR, organisation=by_admin, email="hr-admin@example.se")
    client.force_login(hr)
    data = the_file()
    admin_result = admin_import(client, by_admin, data)
    api = ApiClient(token_for(by_api, "write"))
    dry = post_file(api, data, dry_run="true")
    assert dry.status_code == 200, dry.content
    assert dry.json()["dry_run"] is True and dry.json()["imported"] is False
    assert comparable(dry.json()["rows"]) == admin_rows(admin_result)
    assert [(e, f, la, m, w) for e, f, la, m, w, _ in employees_of(by_api)] != [
        (e, f, la, m, w) for e, f, la, m, w, _ in employees_of(by_admin)
    ]  # the dry run wrote nothing
    real = post_file(api, data)
    assert real.status_code == 200 and real.json()["imported"] is True
    assert real.json()["counts"] == {"rows": 24, "created": 3, "updated": 1, "unchanged": 20, "errors": 0, "left": 1}
    assert [leaver["employee_number"] for leaver in real.json()["leavers"]] == ["SLUTAR"]
    assert employees_of(by_api) == employees_of(by_admin)
    record = EmployeeImport.objects.filter(organisation=by_api).latest("pk")
    assert record.status == "imported" and record.created_count == 3


def test_a_file_with_errors_imports_nothing_and_names_each_row_in_swedish(client):
    by_admin, by_api = an_organisation("adminorg"), an_organisation("apiorg")
    client.force_login(user_with_role(Role.HR, organisation=by_admin, email="hr-admin@example.se"))
    data = the_file(error=True)
    admin_result = admin_import(client, by_admin, data, confirm=False)
    before = employees_of(by_api)
    response = post_file(ApiClient(token_for(by_api, "write")), data)
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "urn:samtalsrum:problem:import-invalid"
    assert "Ingenting har importerats" in body["detail"]
    same_names = [(*row[:4], [e.replace("apiorg", "adminorg") for e in row[4]]) for row in comparable(body["errors"])]
    assert same_names == [row for row in admin_rows(admin_result) if row[4]]
    assert [e["line"] for e in body["errors"]] == [26]
    assert "Fältet förnamn är tomt." in body["errors"][0]["errors"]
    assert employees_of(by_api) == before


def test_mass_leavers_need_the_flag_and_update_only_marks_nobody(organisation, workplace):
    for n in range(5):
        EmployeeFactory(workplace=workplace, employee_number=f"L{n}")
    api = ApiClient(token_for(organisation, "write"))
    data = csv_bytes([HEADER_SV, *employee_rows(2, workplace=workplace.name)])
    withheld = post_file(api, data)
    assert withheld.status_code == 200
    body = withheld.json()
    assert body["leavers_withheld"] is True and body["leavers"] == []
    assert "Filen markerar 5 av 5 anställda" in body["leaver_message"]
    assert Employee.objects.filter(employment_end__isnull=False).count() == 0
    assert Employee.objects.count() == 7  # the new ones were imported
    changed = post_file(api, data, allow_mass_leavers="true", expected_leavers="4")
    assert changed.status_code == 409 and changed.json()["type"] == "urn:samtalsrum:problem:import-leavers-changed"
    assert Employee.objects.filter(employment_end__isnull=False).count() == 0
    only = post_file(api, data, update_only="true", allow_mass_leavers="true")
    assert only.json()["counts"]["left"] == 0 and not Employee.objects.filter(employment_end__isnull=False).exists()
    confirmed = post_file(api, data, allow_mass_leavers="true", expected_leavers="5")
    assert confirmed.status_code == 200 and len(confirmed.json()["leavers"]) == 5
    assert Employee.objects.filter(employment_end__isnull=False).count() == 5


def test_rows_of_another_organisation_are_errors(organisation, other_organisation, workplace, other_workplace):
    api = ApiClient(token_for(organisation, "write"))
    data = csv_bytes([[*HEADER_SV, "Organisation"], ["X1", "Ann", "Ek", "", other_workplace.name, other_organisation.code]])
    response = post_file(api, data)
    assert response.status_code == 422
    assert response.json()["errors"][0]["errors"] == [
        f"Raden gäller {other_organisation.name} men importen gäller {organisation.name}."
    ]
    assert not Employee.objects.filter(organisation=other_organisation).exists()


def test_missing_file_is_a_400_problem(organisation):
    response = ApiClient(token_for(organisation, "write")).post(IMPORT, {"dry_run": "true"})
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert "file" in response.json()["errors"]
