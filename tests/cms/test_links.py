import pytest

from django.core import signing
from django.urls import reverse

from people.links import employee_link_token, employee_link_url
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_signed_link_opens_the_employees_own_page_without_password(client, workplace):
    employee = EmployeeFactory(workplace=workplace, first_name="Amina")
    url = employee_link_url(employee, reverse("cms:landing"))
    response = client.get(url.split("8000", 1)[-1], follow=True)
    assert response.status_code == 200
    assert "Välkommen, Amina" in response.content.decode()


def test_forged_link_is_refused_with_a_clear_page(client, workplace):
    employee = EmployeeFactory(workplace=workplace)
    token = employee_link_token(employee)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = client.get(reverse("cms:employee_link", kwargs={"token": forged}))
    assert response.status_code == 410
    assert "Länken fungerar inte" in response.content.decode()
    assert client.get(reverse("cms:landing")).status_code == 302


def test_link_for_someone_else_cannot_be_made_from_another_token(client, workplace):
    employee = EmployeeFactory(workplace=workplace)
    other = EmployeeFactory(workplace=workplace)
    value = signing.TimestampSigner(salt="another-purpose").sign_object({"e": other.pk})
    response = client.get(reverse("cms:employee_link", kwargs={"token": value}))
    assert response.status_code == 410
    assert employee.pk != other.pk


def test_open_redirect_is_refused(client, workplace):
    employee = EmployeeFactory(workplace=workplace)
    url = reverse("cms:employee_link", kwargs={"token": employee_link_token(employee)})
    response = client.get(url + "?next=https://evil.example.com/")
    assert response.status_code == 302
    assert response["Location"] == reverse("cms:landing")
