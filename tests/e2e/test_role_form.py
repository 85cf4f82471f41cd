"""The role form in a real browser: only the place that fits the role is shown, and the login
and the workplace are picked in Wagtail's chooser, under the admin's Content-Security-Policy."""

import re

import pytest

from django.urls import reverse

from people.models import Role, RoleAssignment
from tests.factories import (
    EmployeeFactory,
    OrganisationFactory,
    UserFactory,
    WorkplaceFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_programme_admin_gives_a_manager_role_through_the_choosers(page, live_server, login, axe_check):
    organisation = OrganisationFactory(name="Avesta kommun", code="avesta")
    workplace = WorkplaceFactory(organisation=organisation, name="Äldreboendet Solgården")
    WorkplaceFactory(organisation=organisation, name="Köket")
    person = UserFactory(first_name="Anna", last_name="Andersson", email="anna.a@avesta.se",
                         employee=EmployeeFactory(workplace=workplace, first_name="Anna", last_name="Andersson"))
    UserFactory(first_name="Anna", last_name="Andersson", email="anna.b@avesta.se")
    admin = user_with_role(Role.PROGRAMME_ADMIN, email="admin@example.se")
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)

    login(page, admin)
    page.goto(live_server.url + reverse("roleassignment:add"))
    organisation_field = page.locator("#id_organisation")
    workplace_panel = page.locator("[data-w-rules-target='show']").filter(has=page.locator("#id_workplace"))

    page.locator("#id_role").select_option(Role.HR)
    organisation_field.wait_for(state="visible")
    assert not workplace_panel.is_visible()
    page.locator("#id_role").select_option(Role.MANAGER)
    workplace_panel.wait_for(state="visible")
    assert not organisation_field.is_visible() and organisation_field.is_disabled()
    axe_check(page, "role form")

    page.get_by_role("button", name="Välj inloggning").click()
    modal = page.locator(".modal-content")
    modal.get_by_text("anna.b@avesta.se").wait_for()
    assert modal.get_by_text("Äldreboendet Solgården (Avesta kommun)").is_visible()
    modal.get_by_label("Sök").fill("anna.a")
    modal.get_by_text("anna.b@avesta.se").wait_for(state="detached")
    modal.get_by_role("link", name="Anna Andersson").click()
    page.get_by_text("Anna Andersson <anna.a@avesta.se>").wait_for()

    page.get_by_role("button", name="Välj arbetsplats").click()
    modal = page.locator(".modal-content")
    modal.get_by_role("link", name="Äldreboendet Solgården").click()
    page.get_by_text("Äldreboendet Solgården (Avesta kommun)").wait_for()

    page.locator("main button[type=submit]").filter(has_text=re.compile("Skapa|Spara")).first.click()
    page.wait_for_load_state()
    assert RoleAssignment.objects.filter(user=person, role=Role.MANAGER, workplace=workplace,
                                         organisation=None).exists()
    assert violations == []
