"""HR import: reading the files HR systems produce, the dry run, the atomic import, leavers."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from people.importing import read_employee_file
from people.models import Employee, Role
from people.services import RowAction, employee_import
from tests.factories import EmployeeFactory, WorkplaceFactory, user_with_role
from tests.people.factories import HEADER_EN, HEADER_SV, csv_bytes, employee_rows, xlsx_bytes

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


def run(data: bytes, *, importer, organisation=None, dry_run=False, name="anstallda.csv", **options):
    return employee_import(
        importer=importer,
        table=read_employee_file(data, name),
        organisation=organisation,
        dry_run=dry_run,
        today=TODAY,
        **options,
    )


def all_errors(result) -> list[str]:
    return [*result.file_errors, *(e for row in result.rows for e in row.errors)]


# --- Reading files --------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_in_each_encoding_and_delimiter(hr_user, organisation, workplace, encoding, delimiter):
    data = csv_bytes(
        [HEADER_SV, ["1001", "Åsa", "Öberg", "asa.oberg@example.se", workplace.name]],
        delimiter=delimiter,
        encoding=encoding,
    )
    result = run(data, importer=hr_user, organisation=organisation)
    assert all_errors(result) == []
    employee = Employee.objects.get(organisation=organisation, employee_number="1001")
    assert (employee.first_name, employee.last_name) == ("Åsa", "Öberg")
    assert employee.workplace == workplace


def test_xlsx_with_numbers_and_dates_in_cells(hr_user, organisation, workplace):
    data = xlsx_bytes([
        ["Personalnummer", "Förnamn", "Efternamn", "E-postadress", "Enhet", "Startdatum", "Timkostnad"],
        [1002, "Karin", "Lind", "karin.lind@example.se", workplace.name, datetime.datetime(2020, 3, 1), 312.5],  # noqa: DTZ001
    ])
    result = run(data, importer=hr_user, organisation=organisation, name="export.xlsx")
    assert all_errors(result) == []
    employee = Employee.objects.get(employee_number="1002")
    assert employee.employment_start == datetime.date(2020, 3, 1)
    assert employee.hourly_cost == Decimal("312.50")


def test_english_headers_in_any_case_and_punctuation(programme_admin, organisation, workplace):
    data = csv_bytes([
        ["EMPLOYEE NUMBER", "first_name", "Last Name", "E-mail", "workplace", "Employer",
         "Employment start", "Employment end", "Language", "Gender", "Hourly cost"],
        ["1003", "John", "Smith", "JOHN@example.se", workplace.name, "avesta",
         "2019-01-01", "", "English", "male", "1 250,50"],
    ], delimiter=",")
    result = run(data, importer=programme_admin)
    assert all_errors(result) == []
    employee = Employee.objects.get(employee_number="1003")
    assert employee.organisation == organisation
    assert employee.email == "john@example.se"
    assert (employee.preferred_language, employee.gender) == ("en", "man")
    assert employee.hourly_cost == Decimal("1250.50")


def test_swedish_header_variants(hr_user, organisation, workplace):
    workplace.code = "K123"
    workplace.save()
    data = csv_bytes([
        ["Anst.nr", "Förnamn", "Efternamn", "Mejl", "Arbetsplatskod", "Anställd från", "Anställd till",
         "Språk", "Kön"],
        ["1004", "Eva", "Berg", "", "k123", "15.01.2018", "2030-12-31", "svenska", "Kvinna"],
    ])
    result = run(data, importer=hr_user, organisation=organisation)
    assert all_errors(result) == []
    employee = Employee.objects.get(employee_number="1004")
    assert employee.workplace == workplace
    assert employee.employment_start == datetime.date(2018, 1, 15)
    assert employee.employment_end == datetime.date(2030, 12, 31)
    assert employee.gender == "woman"


def test_title_rows_above_the_header_and_extra_columns():
    data = csv_bytes([
        ["Personallista Avesta kommun", "", "", "", "", "", ""],
        ["2026-11-01", "", "", "", "", "", ""],
        [*HEADER_SV, "Telefon", "Enhetskod"],
        ["1", "Ada", "Ek", "", "Solgården", "070-1234567", "K1"],
    ])
    table = read_employee_file(data, "x.csv")
    assert table.errors == []
    assert table.ignored_columns == ["Telefon", "Enhetskod"]
    assert table.rows[0].line == 4
    assert table.rows[0].values["workplace"] == "Solgården"


def test_missing_columns_are_named():
    table = read_employee_file(csv_bytes([["Förnamn", "Efternamn"], ["A", "B"]]), "x.csv")
    assert table.errors == [
        "Filen saknar kolumner för: anställningsnummer, arbetsplats. "
        "Första raden ska ha kolumnrubriker."
    ]


def test_not_an_excel_file():
    table = read_employee_file(b"PK\x03\x04 trasig", "x.xlsx")
    assert table.errors == ["Filen kunde inte läsas som en Excel-fil (XLSX)."]


def test_empty_file():
    assert read_employee_file(b"", "x.csv").errors == ["Filen är tom."]


# --- Dry run --------------------------------------------------------------------------------


def test_dry_run_shows_each_action_and_writes_nothing(hr_user, organisation, workplace):
    same = EmployeeFactory(workplace=workplace, employee_number="2001", first_name="Ada",
                           last_name="Ek", email="ada@example.se")
    moved = EmployeeFactory(workplace=workplace, employee_number="2002", first_name="Bo",
                            last_name="Ek", email="bo@example.se")
    leaver = EmployeeFactory(workplace=workplace, employee_number="2003")
    other = WorkplaceFactory(organisation=organisation, name="Hemtjänst Norr")
    data = csv_bytes([
        HEADER_SV,
        ["2001", "Ada", "Ek", "ada@example.se", workplace.name],
        ["2002", "Bo", "Ek", "bo@example.se", "hemtjänst norr"],
        ["2004", "Cia", "Ek", "cia@example.se", workplace.name],
        ["2005", "Dan", "Ek", "inte-en-adress", workplace.name],
    ])
    before = Employee.objects.count()
    result = run(data, importer=hr_user, organisation=organisation, dry_run=True)
    actions = {row.employee_number: row.action for row in result.rows}
    assert actions == {
        "2001": RowAction.UNCHANGED, "2002": RowAction.UPDATE,
        "2004": RowAction.CREATE, "2005": RowAction.ERROR,
    }
    assert next(r for r in result.rows if r.action == RowAction.UPDATE).changes == ["arbetsplats"]
    assert [leaver_.employee_number for leaver_ in result.leavers] == [leaver.employee_number]
    assert result.counts == {"rows": 4, "created": 1, "updated": 1, "unchanged": 1, "errors": 1, "left": 1}
    assert result.rows_errors_first()[0].employee_number == "2005"
    assert not result.imported
    assert Employee.objects.count() == before
    moved.refresh_from_db()
    assert moved.workplace != other
    assert Employee.objects.get(pk=leaver.pk).employment_end is None
    assert same.pk


# --- Every bad input, in Swedish, with its row ----------------------------------------------


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["3001", "Ada", "Ek", "ada@example.se", ""], "Fältet arbetsplats är tomt."),
        (["3001", "Ada", "Ek", "ada@example.se", "Finns inte"],
         "Okänd arbetsplats «Finns inte» i Avesta kommun."),
        (["3001", "Ada", "Ek", "ada@exa mple", "{wp}"], "Ogiltig e-postadress «ada@exa mple»."),
        (["", "Ada", "Ek", "ada@example.se", "{wp}"], "Fältet anställningsnummer är tomt."),
        (["3001", "", "Ek", "ada@example.se", "{wp}"], "Fältet förnamn är tomt."),
        (["3001", "Ada", "", "ada@example.se", "{wp}"], "Fältet efternamn är tomt."),
    ],
)
def test_bad_row_is_reported_and_nothing_written(hr_user, organisation, workplace, row, message):
    row = [cell.replace("{wp}", workplace.name) for cell in row]
    data = csv_bytes([HEADER_SV, ["3000", "Ok", "Rad", "ok@example.se", workplace.name], row])
    before = Employee.objects.count()
    result = run(data, importer=hr_user, organisation=organisation)
    bad = next(r for r in result.rows if r.action == RowAction.ERROR)
    assert bad.line == 3
    assert bad.errors == [message]
    assert not result.imported
    assert Employee.objects.count() == before


@pytest.mark.parametrize(
    ("header", "value", "message"),
    [
        ("Anställd från", "31/31/2020", "Ogiltigt datum «31/31/2020» i kolumnen anställd från (skriv ÅÅÅÅ-MM-DD)."),
        ("Slutdatum", "igår", "Ogiltigt datum «igår» i kolumnen anställd till (skriv ÅÅÅÅ-MM-DD)."),
        ("Timkostnad", "tre hundra", "Ogiltigt tal «tre hundra» i kolumnen timkostnad."),
        ("Timkostnad", "-5", "Timkostnaden «-5» är orimlig (0–999 999 kr)."),
        ("Kön", "okänt", "Okänt kön «okänt» (skriv kvinna, man, annat eller lämna tomt)."),
        ("Språk", "finska", "Okänt språk «finska» (skriv svenska, engelska, lättläst, arabiska, somaliska, "
                           "tigrinja eller persiska, eller språkkoden sv, en, sv-easy, ar, so, ti eller fa)."),
    ],
)
def test_bad_date_number_or_choice(hr_user, organisation, workplace, header, value, message):
    data = csv_bytes([[*HEADER_SV, header], ["3001", "Ada", "Ek", "", workplace.name, value]])
    result = run(data, importer=hr_user, organisation=organisation)
    assert result.rows[0].errors == [message]
    assert Employee.objects.count() == 0


def test_end_before_start(hr_user, organisation, workplace):
    data = csv_bytes([
        [*HEADER_SV, "Startdatum", "Slutdatum"],
        ["3001", "Ada", "Ek", "", workplace.name, "2020-01-01", "2019-01-01"],
    ])
    result = run(data, importer=hr_user, organisation=organisation)
    assert result.rows[0].errors == ["Anställd till ligger före anställd från."]


def test_duplicate_employee_number_in_file(hr_user, organisation, workplace):
    data = csv_bytes([
        HEADER_SV,
        ["3001", "Ada", "Ek", "", workplace.name],
        ["3002", "Bo", "Ek", "", workplace.name],
        ["3001", "Cia", "Ek", "", workplace.name],
    ])
    result = run(data, importer=hr_user, organisation=organisation)
    assert result.rows[0].errors == ["Anställningsnumret 3001 finns också på rad 4."]
    assert result.rows[2].errors == ["Anställningsnumret 3001 finns också på rad 2."]
    assert result.rows[1].action == RowAction.CREATE
    assert Employee.objects.count() == 0


def test_unknown_organisation_and_one_outside_scope(hr_user, organisation, other_organisation, workplace):
    data = csv_bytes([
        [*HEADER_SV, "Organisation"],
        ["3001", "Ada", "Ek", "", workplace.name, "Avesta kommun"],
        ["3002", "Bo", "Ek", "", workplace.name, "Mora kommun"],
        ["3003", "Cia", "Ek", "", "Orsa bibliotek", "orsa"],
        ["3004", "Dan", "Ek", "", workplace.name, ""],
    ])
    result = run(data, importer=hr_user)
    assert [row.errors for row in result.rows] == [
        [],
        ["Okänd organisation «Mora kommun»."],
        ["Du får inte importera anställda till organisationen «Orsa kommun»."],
        ["Fältet organisation är tomt."],
    ]
    assert Employee.objects.count() == 0


def test_organisation_must_be_chosen_without_column(hr_user, workplace):
    result = run(csv_bytes([HEADER_SV, ["1", "A", "B", "", workplace.name]]), importer=hr_user)
    assert result.file_errors == ["Välj organisation: filen har ingen kolumn som anger organisation."]


def test_row_for_another_organisation_than_chosen(programme_admin, organisation, other_organisation, workplace):
    data = csv_bytes([[*HEADER_SV, "Arbetsgivare"], ["1", "A", "B", "", "Orsa bibliotek", "orsa"]])
    result = run(data, importer=programme_admin, organisation=organisation)
    assert result.rows[0].errors == ["Raden gäller Orsa kommun men importen gäller Avesta kommun."]


# --- The real import ------------------------------------------------------------------------


def test_failed_import_writes_nothing(hr_user, organisation, workplace):
    existing = EmployeeFactory(workplace=workplace, employee_number="4001", first_name="Gammal")
    leaver = EmployeeFactory(workplace=workplace, employee_number="4002")
    data = csv_bytes([
        HEADER_SV,
        ["4001", "Ny", "Namn", "", workplace.name],
        ["4003", "Helt", "Ny", "", workplace.name],
        ["4004", "Fel", "Rad", "", "Finns inte"],
    ])
    before = Employee.objects.count()
    result = run(data, importer=hr_user, organisation=organisation)
    assert result.has_errors and not result.imported
    assert Employee.objects.count() == before
    existing.refresh_from_db()
    leaver.refresh_from_db()
    assert existing.first_name == "Gammal"
    assert leaver.employment_end is None


def test_reimport_changes_nothing(hr_user, organisation, workplace):
    data = csv_bytes([
        [*HEADER_SV, "Anställd från", "Timkostnad", "Kön", "Språk"],
        ["5001", "Ada", "Ek", "ada@example.se", workplace.name, "2020-01-01", "300,00", "k", "sv"],
        ["5002", "Bo", "Ek", "", workplace.name, "", "", "", "engelska"],
    ])
    first = run(data, importer=hr_user, organisation=organisation)
    assert first.counts["created"] == 2 and first.imported
    stamps = dict(Employee.objects.values_list("employee_number", "updated_at"))
    second = run(data, importer=hr_user, organisation=organisation)
    assert second.counts == {"rows": 2, "created": 0, "updated": 0, "unchanged": 2, "errors": 0, "left": 0}
    assert dict(Employee.objects.values_list("employee_number", "updated_at")) == stamps


def test_update_changes_only_columns_in_file(hr_user, organisation, workplace):
    employee = EmployeeFactory(workplace=workplace, employee_number="5003", first_name="Ada",
                               last_name="Ek", email="ada@example.se", gender="woman",
                               hourly_cost=Decimal("280"))
    data = csv_bytes([["Anställningsnummer", "Förnamn", "Efternamn", "Arbetsplats"],
                      ["5003", "Ada", "Eklund", workplace.name]])
    result = run(data, importer=hr_user, organisation=organisation)
    assert result.rows[0].changes == ["efternamn"]
    employee.refresh_from_db()
    assert (employee.last_name, employee.email, employee.gender) == ("Eklund", "ada@example.se", "woman")
    assert employee.hourly_cost == Decimal("280")


def test_missing_people_are_marked_as_left_never_deleted(hr_user, organisation, other_organisation, workplace, other_workplace):
    staying = EmployeeFactory(workplace=workplace, employee_number="6001")
    leaving = EmployeeFactory(workplace=workplace, employee_number="6002")
    left_long_ago = EmployeeFactory(workplace=workplace, employee_number="6003",
                                    employment_end=datetime.date(2024, 6, 30))
    elsewhere = EmployeeFactory(workplace=other_workplace, employee_number="6004")
    data = csv_bytes([HEADER_SV, [staying.employee_number, staying.first_name, staying.last_name,
                                  staying.email, workplace.name]])
    # One of two current employees is more than the leaver rule's share: confirmed here.
    result = run(data, importer=hr_user, organisation=organisation, allow_mass_leavers=True)
    assert [leaver.employee_number for leaver in result.leavers] == ["6002"]
    assert result.imported
    assert Employee.objects.count() == 4  # nobody deleted
    leaving.refresh_from_db()
    left_long_ago.refresh_from_db()
    elsewhere.refresh_from_db()
    assert leaving.employment_end == TODAY
    assert left_long_ago.employment_end == datetime.date(2024, 6, 30)
    assert elsewhere.employment_end is None
    # A second run finds nobody else to mark.
    assert run(data, importer=hr_user, organisation=organisation).leavers == []


def test_someone_back_in_the_file_is_employed_again(hr_user, organisation, workplace):
    employee = EmployeeFactory(workplace=workplace, employee_number="6005",
                               employment_end=datetime.date(2025, 1, 31))
    data = csv_bytes([HEADER_SV, ["6005", employee.first_name, employee.last_name, employee.email,
                                  workplace.name]])
    result = run(data, importer=hr_user, organisation=organisation)
    assert result.rows[0].changes == ["anställd till"]
    employee.refresh_from_db()
    assert employee.employment_end is None


def test_organisation_column_imports_several_organisations(programme_admin, organisation, other_organisation, workplace, other_workplace):
    data = csv_bytes([
        [*HEADER_EN, "Organisation"],
        ["7001", "Ada", "Ek", "", workplace.name, "avesta"],
        ["7001", "Bo", "Ek", "", other_workplace.name, "Orsa kommun"],
    ])
    result = run(data, importer=programme_admin)
    assert all_errors(result) == []
    assert Employee.objects.filter(employee_number="7001").count() == 2


# --- Who may import -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["manager", "editor", "process_leader"])
def test_roles_without_the_permission_are_refused(request, who, organisation, workplace):
    user = request.getfixturevalue(who)
    data = csv_bytes([HEADER_SV, ["8001", "A", "B", "", workplace.name]])
    before = Employee.objects.count()
    with pytest.raises(PermissionDenied):
        run(data, importer=user, organisation=organisation)
    assert Employee.objects.count() == before


def test_hr_of_another_organisation_is_refused(organisation, other_organisation, workplace):
    other_hr = user_with_role(Role.HR, organisation=other_organisation)
    data = csv_bytes([HEADER_SV, ["8001", "A", "B", "", workplace.name]])
    with pytest.raises(PermissionDenied):
        run(data, importer=other_hr, organisation=organisation)
    assert Employee.objects.count() == 0


# --- Query count ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [10, 200])
def test_constant_number_of_queries(hr_user, organisation, workplace, size, django_assert_max_num_queries):
    EmployeeFactory.create_batch(5, workplace=workplace)  # to be marked as left
    rows = employee_rows(size, workplace=workplace.name)
    run(csv_bytes([HEADER_SV, *rows[: size // 2]]), importer=hr_user, organisation=organisation)
    changed = [[*row[:3], f"ny.{row[3]}", row[4]] for row in rows[: size // 4]]
    data = csv_bytes([HEADER_SV, *changed, *rows[size // 4 :]])  # updates, unchanged and new
    # Reads, writes in batches, and the import's record, audit-log entry and undo images.
    with django_assert_max_num_queries(17):
        result = run(data, importer=hr_user, organisation=organisation)
    assert result.imported
    assert result.counts["created"] == size - size // 2
    assert result.counts["updated"] == size // 4


# --- The command ----------------------------------------------------------------------------


def test_command_dry_run_then_import(tmp_path, organisation, workplace, capsys):
    path = tmp_path / "anstallda.csv"
    path.write_bytes(csv_bytes([HEADER_SV, ["9001", "Åsa", "Ek", "", workplace.name]], encoding="cp1252"))
    call_command("import_employees", str(path), "--organisation", "avesta", "--dry-run")
    out = capsys.readouterr().out
    assert "Rad 2: Ny – 9001 Åsa Ek (Äldreboendet Solgården)" in out
    assert "Provkörning, inget sparat." in out
    assert Employee.objects.count() == 0
    call_command("import_employees", str(path), "--organisation", "avesta")
    assert "Importerat. 1 rader: 1 nya" in capsys.readouterr().out
    assert Employee.objects.filter(employee_number="9001").exists()


def test_command_exits_non_zero_on_errors(tmp_path, organisation, workplace, capsys):
    path = tmp_path / "anstallda.csv"
    path.write_bytes(csv_bytes([HEADER_SV, ["9001", "Åsa", "Ek", "fel@", workplace.name]]))
    with pytest.raises(CommandError) as exc:
        call_command("import_employees", str(path), "--organisation", "avesta")
    assert exc.value.returncode == 1
    out = capsys.readouterr().out
    assert "Rad 2: Fel – 9001 Åsa Ek" in out
    assert "Ogiltig e-postadress «fel@»." in out
    assert Employee.objects.count() == 0


def test_command_unknown_organisation(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"x")
    with pytest.raises(CommandError, match="Okänd organisation «mora»."):
        call_command("import_employees", str(path), "--organisation", "mora")


# --- Search index ---------------------------------------------------------------------------


def test_search_index_is_refreshed_only_for_new_or_renamed_people(hr_user, organisation, workplace, django_capture_on_commit_callbacks):
    data = csv_bytes([HEADER_SV, *employee_rows(3, workplace=workplace.name)])
    with django_capture_on_commit_callbacks() as callbacks:
        run(data, importer=hr_user, organisation=organisation)
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks() as callbacks:
        run(data, importer=hr_user, organisation=organisation)
    assert callbacks == []


def test_search_index_task_skips_people_no_longer_there(workplace):
    from people.tasks import employees_search_index_task

    employee = EmployeeFactory(workplace=workplace)
    assert employees_search_index_task.run([employee.pk, employee.pk + 1000]) == 1
    assert employees_search_index_task.run([employee.pk]) == 1


def test_the_same_table_gives_the_same_report_twice(hr_user, organisation, workplace):
    data = csv_bytes([HEADER_SV, ["1", "A", "B", "", workplace.name], ["1", "C", "D", "", "Okänd"]])
    table = read_employee_file(data, "x.csv")
    first = employee_import(importer=hr_user, table=table, organisation=organisation, dry_run=True)
    second = employee_import(importer=hr_user, table=table, organisation=organisation, dry_run=False)
    assert [row.errors for row in first.rows] == [row.errors for row in second.rows]
    assert len(second.rows[1].errors) == 2


def test_messages_in_english_when_english_is_active():
    from django.utils import translation

    with translation.override("en"):
        table = read_employee_file(b"", "x.csv")
    assert table.errors == ["The file is empty."]
