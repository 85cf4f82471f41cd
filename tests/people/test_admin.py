"""The people screens in the Wagtail admin show and change only what the viewer's role covers."""

import json

import pytest

from django.urls import reverse

from people.models import Employee
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_orgs_of_staff(workplace, other_workplace):
    own = EmployeeFactory.create_batch(3, workplace=workplace)
    foreign = EmployeeFactory.create_batch(2, workplace=other_workplace)
    return own, foreign


def test_hr_lists_only_their_organisations_employees(client, hr_user, two_orgs_of_staff):
    own, foreign = two_orgs_of_staff
    client.force_login(hr_user)
    response = client.get(reverse("employee:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert all(e.employee_number in body for e in own)
    assert not any(e.employee_number in body for e in foreign)


def test_hr_cannot_open_or_change_an_employee_of_another_organisation(client, hr_user, two_orgs_of_staff):
    _own, foreign = two_orgs_of_staff
    client.force_login(hr_user)
    target = foreign[0]
    assert client.get(reverse("employee:edit", args=[target.pk])).status_code == 404
    response = client.post(reverse("employee:edit", args=[target.pk]), {"first_name": "Ändrad"})
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.first_name != "Ändrad"


def test_hr_cannot_create_an_employee_in_another_organisation(client, hr_user, other_workplace, other_organisation):
    client.force_login(hr_user)
    response = client.post(
        reverse("employee:add"),
        {
            "first_name": "Ny",
            "last_name": "Person",
            "organisation": other_organisation.pk,
            "employee_number": "X1",
            "workplace": other_workplace.pk,
            "preferred_language": "sv",
        },
    )
    assert response.status_code == 200  # the form comes back with errors
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Employee.objects.filter(employee_number="X1").exists()


def test_hr_cannot_delete_employees(client, hr_user, two_orgs_of_staff):
    own, _ = two_orgs_of_staff
    client.force_login(hr_user)
    response = client.post(reverse("employee:delete", args=[own[0].pk]))
    assert response.status_code in (302, 403)
    assert Employee.objects.filter(pk=own[0].pk).exists()


def test_manager_and_process_leader_have_no_admin(client, manager, process_leader):
    for user in (manager, process_leader):
        client.force_login(user)
        response = client.get(reverse("employee:index"))
        assert response.status_code in (302, 403)
        assert "/admin/login/" in response.get("Location", "") or response.status_code == 403


def test_only_programme_admins_see_roles(client, hr_user, programme_admin, manager):
    client.force_login(hr_user)
    assert client.get(reverse("roleassignment:index")).status_code in (302, 403)
    client.force_login(programme_admin)
    response = client.get(reverse("roleassignment:index"))
    assert response.status_code == 200
    assert manager.get_full_name() in response.content.decode()


def test_programme_admin_sees_everyone(client, programme_admin, two_orgs_of_staff):
    own, foreign = two_orgs_of_staff
    client.force_login(programme_admin)
    body = client.get(reverse("employee:index")).content.decode()
    assert all(e.employee_number in body for e in own + foreign)


def test_employee_list_uses_a_constant_number_of_queries(client, hr_user, workplace, django_assert_max_num_queries):
    client.force_login(hr_user)
    EmployeeFactory.create_batch(5, workplace=workplace)
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("employee:index"))
    EmployeeFactory.create_batch(40, workplace=workplace)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("employee:index"))


def _workplace_filter_choices(client) -> str:
    """What the employee list's workplace filter offers: its chooser's listing."""
    body = client.get(reverse("employee:index")).content.decode()
    assert reverse("workplace_chooser:choose") in body
    return json.loads(client.get(reverse("workplace_chooser:choose")).content)["html"]


def test_filters_offer_only_the_viewers_own_workplaces(client, hr_user, workplace, other_workplace):
    client.force_login(hr_user)
    offered = _workplace_filter_choices(client)
    assert workplace.name in offered
    assert other_workplace.name not in offered


def test_programme_admin_filters_offer_every_workplace(client, programme_admin, workplace, other_workplace):
    client.force_login(programme_admin)
    offered = _workplace_filter_choices(client)
    assert workplace.name in offered and other_workplace.name in offered
