"""HR import in a real browser: upload, preview with errors, confirm – with axe at zero violations."""

import pytest

from people.models import Employee, Role
from tests.factories import OrganisationFactory, WorkplaceFactory, user_with_role
from tests.people.factories import HEADER_SV, csv_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_hr_imports_a_file_in_the_admin(page, live_server, login, axe_check, tmp_path):
    organisation = OrganisationFactory(name="Avesta kommun", code="avesta")
    WorkplaceFactory(organisation=organisation, name="Äldreboendet Solgården")
    hr = user_with_role(Role.HR, organisation=organisation, email="hr@example.se")
    bad = tmp_path / "fel.csv"
    bad.write_bytes(csv_bytes([HEADER_SV, ["1", "Åsa", "Ek", "asa@", "Okänd enhet"]], encoding="cp1252"))
    good = tmp_path / "lista.csv"
    good.write_bytes(csv_bytes([HEADER_SV, ["1", "Åsa", "Ek", "asa@example.se", "Äldreboendet Solgården"]]))

    login(page, hr)
    page.goto(live_server.url + "/admin/people/import/")
    axe_check(page, "upload form")

    page.get_by_label("Fil från HR-systemet").set_input_files(str(bad))
    page.get_by_role("button", name="Förhandsgranska").click()
    page.wait_for_load_state()
    assert page.get_by_text("Ogiltig e-postadress «asa@».").is_visible()
    assert page.get_by_role("button", name="Importera").count() == 0
    axe_check(page, "preview with errors")

    page.goto(live_server.url + "/admin/people/import/")
    page.get_by_label("Fil från HR-systemet").set_input_files(str(good))
    page.get_by_role("button", name="Förhandsgranska").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Importera", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("Importen är klar").is_visible()
    axe_check(page, "result")
    assert Employee.objects.filter(organisation=organisation, employee_number="1").exists()


def test_hr_confirms_mass_leavers_and_undoes_the_import(page, live_server, login, axe_check, tmp_path):
    from tests.factories import EmployeeFactory

    organisation = OrganisationFactory(name="Avesta kommun", code="avesta")
    workplace = WorkplaceFactory(organisation=organisation, name="Äldreboendet Solgården")
    staff = [EmployeeFactory(workplace=workplace, employee_number=str(n)) for n in range(1, 4)]
    hr = user_with_role(Role.HR, organisation=organisation, email="hr@example.se")
    short = tmp_path / "kort.csv"
    short.write_bytes(csv_bytes([HEADER_SV, ["1", staff[0].first_name, staff[0].last_name, staff[0].email, workplace.name]]))

    login(page, hr)
    page.goto(live_server.url + "/admin/people/import/")
    page.get_by_label("Fil från HR-systemet").set_input_files(str(short))
    page.get_by_role("button", name="Förhandsgranska").click()
    page.wait_for_load_state()
    assert page.get_by_text("Filen markerar 2 av 3 anställda i Avesta kommun som slutade – mer än 10 %.").is_visible()
    axe_check(page, "preview asking to confirm the leavers")

    # The import that marks them needs the box ticked first; the keyboard reaches both.
    page.get_by_role("button", name="Importera och markera 2 som slutade").click()
    assert "/importera/" not in page.url  # the browser asks for the box instead
    page.get_by_label("Ja, 2 anställda har slutat och ska markeras som slutade.").check()
    page.get_by_role("button", name="Importera och markera 2 som slutade").click()
    page.wait_for_load_state()
    assert page.get_by_text("Importen är klar").is_visible()
    assert Employee.objects.filter(organisation=organisation, employment_end__isnull=False).count() == 2
    axe_check(page, "result with undo")

    page.get_by_role("button", name="Ångra importen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Importen är ångrad. De anställda är som före importen.").is_visible()
    assert Employee.objects.filter(organisation=organisation, employment_end__isnull=False).count() == 0
    # The admin's message fades in; check its colours once it is there.
    # (Polled from here: wait_for_function evaluates a string, which the CSP rightly refuses.)
    for _ in range(50):
        if page.evaluate("document.getAnimations().every(a => a.playState !== 'running')"):
            break
        page.wait_for_timeout(100)
    axe_check(page, "result after undo")
