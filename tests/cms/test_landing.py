import pytest

from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_landing_requires_sign_in(client):
    response = client.get(reverse("cms:landing"))
    assert response.status_code == 302
    assert reverse("cms:login") in response["Location"]


def test_manager_sees_own_workplace_and_not_others(client, manager, workplace, other_workplace):
    client.force_login(manager)
    response = client.get(reverse("cms:landing"))
    assert response.status_code == 200
    body = response.content.decode()
    assert workplace.name in body
    assert other_workplace.name not in body
    assert "Chef" in body
