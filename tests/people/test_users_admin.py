import pytest

from people.models import User

pytestmark = pytest.mark.django_db


def test_programme_admin_creates_a_login_with_an_email_address(client, programme_admin):
    client.force_login(programme_admin)
    assert client.get("/admin/users/new/").status_code == 200
    response = client.post(
        "/admin/users/new/",
        {
            "email": "ny.chef@example.se",
            "first_name": "Ny",
            "last_name": "Chef",
            "password1": "ett-langt-losenord-2026",
            "password2": "ett-langt-losenord-2026",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.filter(email="ny.chef@example.se").exists()


def test_hr_cannot_create_logins(client, hr_user):
    client.force_login(hr_user)
    response = client.post("/admin/users/new/", {"email": "x@example.se"})
    assert response.status_code in (302, 403)
    assert not User.objects.filter(email="x@example.se").exists()
