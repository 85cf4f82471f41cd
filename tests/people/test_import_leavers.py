"""The leaver rule: a file that would end the employment of more than a set share of an
organisation needs a second, explicit confirmation naming the number; "update only" marks
nobody as left."""

from __future__ import annotations

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from people.importing import read_employee_file
from people.leaver_rule import LeaverCheck, OrganisationLeavers, exceeds_share
from people.models import Employee, EmployeeImport
from people.services import employee_import
from tests.factories import EmployeeFactory
from tests.people.factories import HEADER_SV, csv_bytes

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)
UPLOAD_URL = "/admin/people/import/"


@pytest.fixture
def staff(workplace):
    """100 current employees of Avesta, and 5 who left long ago (not counted as current)."""
    current = [EmployeeFactory(workplace=workplace, employee_number=f"P{n:03d}") for n in range(100)]
    for n in range(5):
        EmployeeFactory(workplace=workplace, employee_number=f"L{n}", employment_end=datetime.date(2020, 1, 31))
    return current


def file_keeping(staff, kept: int, *extra_rows) -> bytes:
    """A file with the first ``kept`` of ``staff`` (the rest would be marked as left)."""
    rows = [[e.employee_number, e.first_name, e.last_name, e.email, e.workplace.name] for e in staff[:kept]]
    return csv_bytes([HEADER_SV, *rows, *extra_rows])


def run(data, *, importer, organisation, **options):
    return employee_import(importer=importer, table=read_employee_file(data, "a.csv"),
                           organisation=organisation, today=TODAY, **options)


def left_count(organisation) -> int:
    return Employee.objects.filter(organisation=organisation, employment_end=TODAY).count()


# --- The rule itself --------------------------------------------------------------------------


def test_share_is_exceeded_only_past_the_setting():
    assert not exceeds_share(9, 100, 10)
    assert not exceeds_share(10, 100, 10)
    assert exceeds_share(11, 100, 10)
    assert exceeds_share(1, 9, 10) and not exceeds_share(0, 0, 10)


def test_message_names_the_number():
    check = LeaverCheck(percent=10, organisations=[
        OrganisationLeavers("Avesta kommun", 1700, 1712), OrganisationLeavers("Orsa kommun", 1, 200),
    ])
    assert check.needs_confirmation
    assert check.message() == "Filen markerar 1\xa0700 av 1\xa0712 anställda i Avesta kommun som slutade – mer än 10 %."


@pytest.mark.parametrize(("leavers", "needs_confirmation"), [(9, False), (10, False), (11, True)])
def test_boundary_at_the_share(hr_user, organisation, staff, leavers, needs_confirmation):
    data = file_keeping(staff, 100 - leavers)
    preview = run(data, importer=hr_user, organisation=organisation, dry_run=True)
    assert preview.leaver_check.needs_confirmation is needs_confirmation
    assert preview.counts["left"] == leavers

    result = run(data, importer=hr_user, organisation=organisation, dry_run=False)
    assert result.imported
    assert result.leavers_withheld is needs_confirmation
    assert left_count(organisation) == (0 if needs_confirmation else leavers)
    assert result.record.left_count == (0 if needs_confirmation else leavers)


def test_share_setting_is_read_at_import(hr_user, organisation, staff, settings):
    settings.SAMTALSRUM_IMPORT_LEAVER_SHARE = 20
    result = run(file_keeping(staff, 80), importer=hr_user, organisation=organisation, dry_run=False)
    assert not result.leavers_withheld and left_count(organisation) == 20


def test_confirmed_mass_leavers_are_marked_and_audited(hr_user, organisation, staff):
    from wagtail.models import ModelLogEntry

    result = run(file_keeping(staff, 1), importer=hr_user, organisation=organisation, dry_run=False,
                 allow_mass_leavers=True, expected_leavers=99)
    assert result.imported and not result.leavers_withheld
    assert left_count(organisation) == 99
    entry = ModelLogEntry.objects.get(action="samtalsrum.employee_import.import")
    assert entry.user == hr_user and entry.data["left"] == 99 and entry.data["mass_leavers_confirmed"]


def test_a_confirmation_for_another_number_writes_nothing(hr_user, organisation, staff):
    with pytest.raises(ValidationError, match="markerar nu 99 anställda som slutade, inte 98"):
        run(file_keeping(staff, 1, ["NY1", "Ny", "Person", "", "Äldreboendet Solgården"]),
            importer=hr_user, organisation=organisation, dry_run=False,
            allow_mass_leavers=True, expected_leavers=98)
    assert left_count(organisation) == 0
    assert not Employee.objects.filter(employee_number="NY1").exists()
    assert not EmployeeImport.objects.exists()


def test_update_only_marks_nobody_but_adds_and_changes(hr_user, organisation, staff):
    changed = [staff[0].employee_number, "Nytt", staff[0].last_name, staff[0].email, staff[0].workplace.name]
    data = csv_bytes([HEADER_SV, changed, ["NY1", "Ny", "Person", "", staff[0].workplace.name]])
    result = run(data, importer=hr_user, organisation=organisation, dry_run=False, update_only=True)
    assert result.imported and result.leavers == [] and result.leaver_check.organisations == []
    assert left_count(organisation) == 0
    assert (result.counts["created"], result.counts["updated"]) == (1, 1)
    assert Employee.objects.get(pk=staff[0].pk).first_name == "Nytt"


def test_withheld_means_nobody_in_any_organisation(programme_admin, organisation, other_organisation, staff, other_workplace):
    """One file, two organisations: one over the share holds back the leavers of both."""
    others = [EmployeeFactory(workplace=other_workplace, employee_number=f"O{n}") for n in range(20)]
    rows = [[e.employee_number, e.first_name, e.last_name, e.email, e.workplace.name, e.organisation.code]
            for e in [*staff[:50], *others[:19]]]
    data = csv_bytes([[*HEADER_SV, "Organisation"], *rows])
    result = run(data, importer=programme_admin, organisation=None, dry_run=False)
    assert [item.organisation for item in result.leaver_check.over_share] == ["Avesta kommun"]
    assert result.leavers_withheld and len(result.leavers) == 51
    assert Employee.objects.filter(employment_end=TODAY).count() == 0


# --- The admin --------------------------------------------------------------------------------


def upload(client, data, organisation, **extra):
    response = client.post(UPLOAD_URL, {"file": SimpleUploadedFile("a.csv", data), "organisation": organisation.pk, **extra})
    assert response.status_code == 302, response.content.decode()[:500]
    return EmployeeImport.objects.latest("pk")


def test_admin_asks_a_second_confirmation_naming_the_number(client, hr_user, organisation, staff):
    client.force_login(hr_user)
    record = upload(client, file_keeping(staff, 89), organisation)
    body = client.get(reverse("people_import:preview", args=[record.pk])).content.decode()
    assert "Filen markerar 11 av 100 anställda i Avesta kommun som slutade – mer än 10 %." in body
    assert 'name="confirm_leavers" value="11" required' in body
    assert "Importera och markera 11 som slutade" in body

    # The number confirmed no longer matches (someone left since): refused, nothing written.
    Employee.objects.filter(pk=staff[99].pk).update(employment_end=datetime.date(2020, 1, 1))
    response = client.post(reverse("people_import:confirm", args=[record.pk]), {"confirm_leavers": "11"}, follow=True)
    assert "markerar nu 10 anställda som slutade, inte 11" in response.content.decode()
    assert Employee.objects.filter(employment_end__gte=datetime.date(2026, 1, 1)).count() == 0
    record.refresh_from_db()
    assert record.status == EmployeeImport.Status.PREVIEW

    client.post(reverse("people_import:confirm", args=[record.pk]), {"confirm_leavers": "10"})
    record.refresh_from_db()
    assert record.status == EmployeeImport.Status.IMPORTED and record.left_count == 10


def test_admin_import_without_the_second_confirmation_marks_nobody(client, hr_user, organisation, staff):
    client.force_login(hr_user)
    record = upload(client, file_keeping(staff, 50), organisation)
    # "Importera utan att markera någon som slutad" – even with the box ticked.
    response = client.post(reverse("people_import:confirm", args=[record.pk]),
                           {"confirm_leavers": "50", "leavers": "none"}, follow=True)
    body = response.content.decode()
    assert "Importen är klar" in body
    assert "Filen markerar 50 av 100 anställda i Avesta kommun som slutade" in body
    assert "Därför har ingen markerats som slutad." in body
    assert Employee.objects.exclude(employment_end=None).filter(employment_end__gt=datetime.date(2021, 1, 1)).count() == 0


def test_admin_under_the_share_needs_no_second_confirmation(client, hr_user, organisation, staff):
    client.force_login(hr_user)
    record = upload(client, file_keeping(staff, 90), organisation)
    body = client.get(reverse("people_import:preview", args=[record.pk])).content.decode()
    assert "confirm_leavers" not in body and "mer än 10 %" not in body
    client.post(reverse("people_import:confirm", args=[record.pk]))
    record.refresh_from_db()
    assert record.left_count == 10


def test_admin_update_only(client, hr_user, organisation, staff):
    client.force_login(hr_user)
    record = upload(client, file_keeping(staff, 1), organisation, update_only="on")
    assert record.update_only
    body = client.get(reverse("people_import:preview", args=[record.pk])).content.decode()
    assert "Endast uppdatering: ingen markeras som slutad" in body
    assert "confirm_leavers" not in body
    client.post(reverse("people_import:confirm", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == EmployeeImport.Status.IMPORTED and record.left_count == 0
    assert Employee.objects.filter(employment_end__gt=datetime.date(2021, 1, 1)).count() == 0


# --- The command line -------------------------------------------------------------------------


def test_command_without_the_flag_marks_nobody_and_says_why(tmp_path, organisation, staff, capsys):
    path = tmp_path / "a.csv"
    path.write_bytes(file_keeping(staff, 3, ["NY1", "Ny", "Person", "", "Äldreboendet Solgården"]))
    with pytest.raises(CommandError) as exc:
        call_command("import_employees", str(path), "--organisation", "avesta")
    assert exc.value.returncode == 2
    assert "Filen markerar 97 av 100 anställda i Avesta kommun som slutade – mer än 10 %." in str(exc.value)
    assert "--allow-mass-leavers" in str(exc.value)
    assert Employee.objects.filter(employment_end__gt=datetime.date(2021, 1, 1)).count() == 0
    assert Employee.objects.filter(employee_number="NY1").exists()  # the rest is imported
    assert "0 markeras som slutade" in capsys.readouterr().out


def test_command_dry_run_warns_and_writes_nothing(tmp_path, organisation, staff, capsys):
    path = tmp_path / "a.csv"
    path.write_bytes(file_keeping(staff, 3))
    call_command("import_employees", str(path), "--organisation", "avesta", "--dry-run")
    captured = capsys.readouterr()
    assert "Filen markerar 97 av 100 anställda" in captured.err
    assert not EmployeeImport.objects.exists()


def test_command_with_the_flag_marks_them(tmp_path, organisation, staff):
    path = tmp_path / "a.csv"
    path.write_bytes(file_keeping(staff, 3))
    call_command("import_employees", str(path), "--organisation", "avesta", "--allow-mass-leavers")
    assert Employee.objects.filter(employment_end__gt=datetime.date(2021, 1, 1)).count() == 97
    record = EmployeeImport.objects.get()
    assert record.created_by is None and record.left_count == 97 and record.status == "imported"


def test_command_update_only(tmp_path, organisation, staff):
    path = tmp_path / "a.csv"
    path.write_bytes(file_keeping(staff, 3))
    call_command("import_employees", str(path), "--organisation", "avesta", "--update-only")
    assert Employee.objects.filter(employment_end__gt=datetime.date(2021, 1, 1)).count() == 0
