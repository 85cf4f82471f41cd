"""HR import in the Wagtail admin: upload, preview, confirm, result – and who may do it."""

from __future__ import annotations

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from people.models import Employee, EmployeeImport, Role
from tests.factories import EmployeeFactory, user_with_role
from tests.people.factories import HEADER_SV, csv_bytes, employee_rows, xlsx_bytes

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/admin/people/import/"


def upload(client, data: bytes, *, organisation=None, name="anstallda.csv"):
    payload = {"file": SimpleUploadedFile(name, data)}
    if organisation is not None:
        payload["organisation"] = organisation.pk
    return client.post(UPLOAD_URL, payload)


def test_url_names():
    assert reverse("people_import:upload") == UPLOAD_URL


def test_upload_form_offers_only_own_organisations(client, hr_user, organisation, other_organisation):
    client.force_login(hr_user)
    response = client.get(UPLOAD_URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Importera anställda" in body
    assert organisation.name in body
    assert other_organisation.name not in body


def test_menu_item_only_with_the_permission(client, hr_user, editor):
    client.force_login(hr_user)
    assert UPLOAD_URL in client.get("/admin/").content.decode()
    client.force_login(editor)
    assert UPLOAD_URL not in client.get("/admin/").content.decode()


def test_upload_preview_confirm_result(client, hr_user, organisation, workplace):
    leaver = EmployeeFactory(workplace=workplace, employee_number="100")
    client.force_login(hr_user)
    data = csv_bytes([[*HEADER_SV, "Telefon"], *(row + ["070"] for row in employee_rows(3, workplace=workplace.name))], encoding="utf-8-sig")
    response = upload(client, data, organisation=organisation)
    record = EmployeeImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people_import:preview", args=[record.pk])
    assert record.created_by == hr_user and record.status == EmployeeImport.Status.PREVIEW

    preview = client.get(response["Location"])
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "Förnamn1 Efternamn1" in body
    assert "Saknas i filen – markeras som slutade" in body
    assert "Kolumner som inte används: Telefon" in body
    assert leaver.full_name in body
    assert reverse("people_import:confirm", args=[record.pk]) in body
    assert Employee.objects.count() == 1  # nothing written by the preview
    # The only current employee leaving is more than the leaver rule's share: confirm it.
    assert "Filen markerar 1 av 1 anställda i Avesta kommun som slutade" in body

    response = client.post(reverse("people_import:confirm", args=[record.pk]), {"confirm_leavers": "1"})
    assert response["Location"] == reverse("people_import:result", args=[record.pk])
    result = client.get(response["Location"]).content.decode()
    assert "Importen är klar" in result
    record.refresh_from_db()
    assert (record.status, record.created_count, record.left_count) == ("imported", 3, 1)
    assert bytes(record.content) == b"", "the uploaded file is not kept once imported"
    assert Employee.objects.filter(organisation=organisation).count() == 4
    leaver.refresh_from_db()
    assert leaver.employment_end is not None

    # Confirming twice changes nothing more.
    response = client.post(reverse("people_import:confirm", args=[record.pk]), follow=True)
    assert "Den här filen är redan hanterad." in response.content.decode()
    assert Employee.objects.count() == 4


def test_xlsx_upload(client, hr_user, organisation, workplace):
    client.force_login(hr_user)
    data = xlsx_bytes([HEADER_SV, ["1", "Åsa", "Ek", "", workplace.name]])
    response = upload(client, data, organisation=organisation, name="lista.xlsx")
    assert response.status_code == 302
    assert "Åsa Ek" in client.get(response["Location"]).content.decode()


def test_preview_with_errors_has_no_confirm_and_confirm_writes_nothing(client, hr_user, organisation, workplace):
    client.force_login(hr_user)
    data = csv_bytes([
        HEADER_SV,
        ["1", "Ada", "Ek", "ada@example.se", workplace.name],
        ["2", "Bo", "Ek", "bo@", "Okänd enhet"],
    ])
    record_url = upload(client, data, organisation=organisation)["Location"]
    record = EmployeeImport.objects.get()
    body = client.get(record_url).content.decode()
    assert "Ogiltig e-postadress «bo@»." in body
    assert "Okänd arbetsplats «Okänd enhet» i Avesta kommun." in body
    assert body.index("Ogiltig e-postadress") < body.index("Ada")  # errors first
    assert reverse("people_import:confirm", args=[record.pk]) not in body

    response = client.post(reverse("people_import:confirm", args=[record.pk]), follow=True)
    assert "Ingenting har importerats." in response.content.decode()
    assert Employee.objects.count() == 0
    record.refresh_from_db()
    assert record.status == EmployeeImport.Status.FAILED


def test_unreadable_file_is_shown_on_the_form(client, hr_user, organisation):
    client.force_login(hr_user)
    response = upload(client, csv_bytes([["Namn", "Telefon"], ["A", "1"]]), organisation=organisation)
    assert response.status_code == 200
    assert "Filen saknar kolumner för: anställningsnummer" in response.content.decode()
    assert not EmployeeImport.objects.exists()


def test_wrong_file_type(client, hr_user, organisation):
    client.force_login(hr_user)
    response = upload(client, b"%PDF", organisation=organisation, name="lista.pdf")
    assert "Välj en CSV- eller XLSX-fil." in response.content.decode()


def test_large_preview_is_paginated(client, hr_user, organisation, workplace):
    client.force_login(hr_user)
    data = csv_bytes([HEADER_SV, *employee_rows(250, workplace=workplace.name)])
    url = upload(client, data, organisation=organisation)["Location"]
    first = client.get(url).content.decode()
    assert "Förnamn100 " in first and "Förnamn101 " not in first
    last = client.get(url + "?p=3").content.decode()
    assert "Förnamn250 " in last


@pytest.mark.parametrize("size", [20, 200])
def test_preview_queries_do_not_grow_with_the_file(client, hr_user, organisation, workplace, size, django_assert_max_num_queries):
    client.force_login(hr_user)
    url = upload(client, csv_bytes([HEADER_SV, *employee_rows(size, workplace=workplace.name)]),
                 organisation=organisation)["Location"]
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


# --- Refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["manager", "editor"])
def test_roles_without_permission_get_403_and_nothing_is_written(request, client, who, organisation, workplace):
    user = request.getfixturevalue(who)
    if who == "manager":  # even with access to the admin
        from django.contrib.auth.models import Permission

        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    before = Employee.objects.count()
    assert client.get(UPLOAD_URL).status_code == 403
    response = upload(client, csv_bytes([HEADER_SV, ["1", "A", "B", "", workplace.name]]),
                      organisation=organisation)
    assert response.status_code == 403
    assert Employee.objects.count() == before
    assert not EmployeeImport.objects.exists()


def test_manager_without_admin_access_is_turned_away(client, manager):
    client.force_login(manager)
    response = client.get(UPLOAD_URL)
    assert response.status_code == 302
    assert not EmployeeImport.objects.exists()


def test_hr_of_another_organisation_gets_403(client, organisation, other_organisation, workplace):
    other_hr = user_with_role(Role.HR, organisation=other_organisation)
    client.force_login(other_hr)
    response = upload(client, csv_bytes([HEADER_SV, ["1", "A", "B", "", workplace.name]]),
                      organisation=organisation)
    assert response.status_code == 403
    assert Employee.objects.count() == 0
    assert not EmployeeImport.objects.exists()


def test_hr_of_another_organisation_via_organisation_column(client, organisation, other_organisation, workplace):
    other_hr = user_with_role(Role.HR, organisation=other_organisation)
    client.force_login(other_hr)
    data = csv_bytes([[*HEADER_SV, "Organisation"], ["1", "A", "B", "", workplace.name, "avesta"]])
    url = upload(client, data)["Location"]
    body = client.get(url).content.decode()
    assert "Du får inte importera anställda till organisationen «Avesta kommun»." in body
    record = EmployeeImport.objects.get()
    client.post(reverse("people_import:confirm", args=[record.pk]))
    assert Employee.objects.count() == 0


def test_someone_elses_import_is_404(client, hr_user, organisation, workplace):
    client.force_login(hr_user)
    upload(client, csv_bytes([HEADER_SV, ["1", "A", "B", "", workplace.name]]), organisation=organisation)
    record = EmployeeImport.objects.get()
    colleague = user_with_role(Role.HR, organisation=organisation)
    client.force_login(colleague)
    # The admin's 404 passes through the language redirect first.
    assert client.get(reverse("people_import:preview", args=[record.pk]), follow=True).status_code == 404
    assert client.post(reverse("people_import:confirm", args=[record.pk]), follow=True).status_code == 404
    assert Employee.objects.count() == 0



def test_imported_people_are_in_the_search_index(client, hr_user, organisation, workplace, django_capture_on_commit_callbacks):
    from wagtail.search.backends import get_search_backend

    client.force_login(hr_user)
    data = csv_bytes([HEADER_SV, ["1", "Ingegerd", "Sjöholm", "", workplace.name]])
    upload(client, data, organisation=organisation)
    record = EmployeeImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("people_import:confirm", args=[record.pk]))
    found = get_search_backend().search("Sjöholm", Employee)
    assert [employee.first_name for employee in found] == ["Ingegerd"]


def test_template_file_reads_back_with_every_column(client, hr_user):
    from people.importing import COLUMN_ALIASES, read_employee_file

    client.force_login(hr_user)
    response = client.get(reverse("people_import:template"))
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = read_employee_file(response.content + b"1;A;B;;X\r\n", "mall.csv")
    assert set(table.columns) == set(COLUMN_ALIASES)
    assert table.ignored_columns == []


def test_template_needs_the_permission(client, editor):
    client.force_login(editor)
    assert client.get(reverse("people_import:template")).status_code == 403


def test_previews_left_unconfirmed_are_deleted_after_two_days(client, hr_user, organisation, workplace):
    import datetime

    from django.utils import timezone

    from people.tasks import employee_import_previews_purge_task

    client.force_login(hr_user)
    upload(client, csv_bytes([HEADER_SV, *employee_rows(2, workplace=workplace.name)]), organisation=organisation)
    upload(client, csv_bytes([HEADER_SV, *employee_rows(2, workplace=workplace.name)]), organisation=organisation)
    old, recent = EmployeeImport.objects.order_by("pk")
    EmployeeImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    assert employee_import_previews_purge_task() == 1
    assert list(EmployeeImport.objects.values_list("pk", flat=True)) == [recent.pk]
    assert employee_import_previews_purge_task() == 0
