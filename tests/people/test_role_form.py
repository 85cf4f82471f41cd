"""The role form: logins and workplaces are chosen in a searchable chooser (name, e-mail,
workplace) instead of a list of every login, and a place that does not fit the role is explained."""

import json

import pytest

from django.urls import reverse

from people.models import Role, RoleAssignment
from tests.factories import EmployeeFactory, UserFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def namesakes(workplace, other_workplace):
    """Two people with the same name, told apart by e-mail and workplace."""
    first = UserFactory(
        first_name="Anna", last_name="Andersson", email="anna.a@avesta.se",
        employee=EmployeeFactory(workplace=workplace, first_name="Anna", last_name="Andersson"),
    )
    second = UserFactory(
        first_name="Anna", last_name="Andersson", email="anna.andersson@orsa.se",
        employee=EmployeeFactory(workplace=other_workplace, first_name="Anna", last_name="Andersson"),
    )
    return first, second


def _chosen(response) -> dict:
    return json.loads(response.content)["result"]


def _modal(response) -> str:
    """The HTML of a chooser modal step (sent as JSON)."""
    assert response.status_code == 200
    return json.loads(response.content)["html"]


def test_role_form_lists_no_logins_and_opens_a_chooser(client, programme_admin, namesakes):
    client.force_login(programme_admin)
    response = client.get(reverse("roleassignment:add"))
    assert response.status_code == 200
    body = response.content.decode()
    # No <select> of every login: the address of neither namesake is in the form.
    assert "anna.a@avesta.se" not in body and "anna.andersson@orsa.se" not in body
    assert reverse("user_chooser:choose") in body
    assert reverse("workplace_chooser:choose") in body
    # The form says where each role applies, and shows only the place that fits (w-rules).
    assert "HR gäller en organisation" in body
    assert 'data-controller="w-rules"' in body
    assert 'data-w-rules="{&quot;role&quot;: [&quot;hr&quot;]}"' in body


def test_login_chooser_shows_name_email_and_workplace(client, programme_admin, namesakes):
    client.force_login(programme_admin)
    body = _modal(client.get(reverse("user_chooser:choose")))
    assert "anna.a@avesta.se" in body and "anna.andersson@orsa.se" in body
    assert "Äldreboendet Solgården (Avesta kommun)" in body
    assert "Orsa bibliotek (Orsa kommun)" in body


def test_login_chooser_searches_by_email_and_workplace(client, programme_admin, namesakes):
    client.force_login(programme_admin)
    body = client.get(reverse("user_chooser:choose_results"), {"q": "orsa"}).content.decode()
    assert "anna.andersson@orsa.se" in body
    assert "anna.a@avesta.se" not in body
    body = client.get(reverse("user_chooser:choose_results"), {"q": "anna solgården"}).content.decode()
    assert "anna.a@avesta.se" in body
    assert "anna.andersson@orsa.se" not in body


def test_chosen_login_is_named_with_its_email(client, programme_admin, namesakes):
    first, _second = namesakes
    client.force_login(programme_admin)
    result = _chosen(client.get(reverse("user_chooser:chosen", args=[first.pk])))
    assert result["id"] == str(first.pk)
    assert result["title"] == "Anna Andersson <anna.a@avesta.se>"


def test_only_programme_admins_may_choose_logins(client, hr_user, namesakes):
    first, _second = namesakes
    client.force_login(hr_user)
    listing = client.get(reverse("user_chooser:choose"))
    assert listing.status_code == 302 and "anna.a@avesta.se" not in listing.content.decode()
    assert client.get(reverse("user_chooser:chosen", args=[first.pk])).status_code == 302
    assert client.get(reverse("user_chooser:create")).status_code == 302


def test_workplace_chooser_is_scoped_to_the_viewer(client, hr_user, workplace, other_workplace):
    client.force_login(hr_user)
    body = _modal(client.get(reverse("workplace_chooser:choose")))
    assert workplace.name in body
    assert other_workplace.name not in body
    assert client.get(reverse("workplace_chooser:chosen", args=[other_workplace.pk])).status_code == 404
    result = _chosen(client.get(reverse("workplace_chooser:chosen", args=[workplace.pk])))
    assert result["title"] == "Äldreboendet Solgården (Avesta kommun)"


def test_workplace_chooser_searches_by_organisation_and_code(client, programme_admin, workplace, other_workplace):
    WorkplaceFactory(organisation=workplace.organisation, name="Kök", code="K-77")
    client.force_login(programme_admin)
    body = client.get(reverse("workplace_chooser:choose_results"), {"q": "orsa"}).content.decode()
    assert other_workplace.name in body and workplace.name not in body
    body = client.get(reverse("workplace_chooser:choose_results"), {"q": "k-77"}).content.decode()
    assert "Kök" in body and workplace.name not in body


def test_role_is_saved_from_the_chosen_login(client, programme_admin, namesakes, workplace):
    first, _second = namesakes
    client.force_login(programme_admin)
    response = client.post(
        reverse("roleassignment:add"),
        {"user": first.pk, "role": Role.MANAGER, "organisation": "", "workplace": workplace.pk},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=first, role=Role.MANAGER, workplace=workplace).exists()


def test_manager_with_an_organisation_too_is_explained_on_the_organisation(client, programme_admin, namesakes, workplace):
    first, _second = namesakes
    client.force_login(programme_admin)
    response = client.post(
        reverse("roleassignment:add"),
        {"user": first.pk, "role": Role.MANAGER, "organisation": workplace.organisation.pk, "workplace": workplace.pk},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "lämna organisationen tom" in " ".join(errors["organisation"])
    assert "workplace" not in errors
    assert not RoleAssignment.objects.filter(user=first).exists()


def test_hr_with_a_workplace_too_is_explained_on_the_workplace(client, programme_admin, namesakes, workplace):
    first, _second = namesakes
    client.force_login(programme_admin)
    response = client.post(
        reverse("roleassignment:add"),
        {"user": first.pk, "role": Role.HR, "organisation": workplace.organisation.pk, "workplace": workplace.pk},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "lämna arbetsplatsen tom" in " ".join(errors["workplace"])
    assert "organisation" not in errors
    assert not RoleAssignment.objects.filter(user=first).exists()


def test_an_inactive_login_cannot_be_given_a_role(client, programme_admin, workplace):
    gone = UserFactory(email="slutat@avesta.se", is_active=False)
    client.force_login(programme_admin)
    response = client.post(
        reverse("roleassignment:add"), {"user": gone.pk, "role": Role.MANAGER, "workplace": workplace.pk}
    )
    assert response.status_code == 200
    assert "user" in response.context["form"].errors
    assert not RoleAssignment.objects.filter(user=gone).exists()
    assert client.get(reverse("user_chooser:chosen", args=[gone.pk])).status_code == 404


def test_edit_form_names_the_chosen_login_and_workplace(client, programme_admin, namesakes, workplace):
    first, _second = namesakes
    role = RoleAssignment.objects.create(user=first, role=Role.MANAGER, workplace=workplace)
    client.force_login(programme_admin)
    body = client.get(reverse("roleassignment:edit", args=[role.pk])).content.decode()
    assert "Anna Andersson &lt;anna.a@avesta.se&gt;" in body
    assert "Äldreboendet Solgården (Avesta kommun)" in body
