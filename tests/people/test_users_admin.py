import pytest

from django.contrib.auth.models import Group

from wagtail.models import ModelLogEntry

from people.models import User
from tests.factories import UserFactory

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


# --- No way around roles: superuser and groups only for superusers, and audited ---------------

def _user_data(**extra):
    return {"email": "ny@example.se", "first_name": "Ny", "last_name": "Person", "is_active": "on", **extra}


@pytest.fixture
def hr_group(hr_user):
    return Group.objects.get(name="HR")


@pytest.fixture
def superuser(db):
    return UserFactory(email="super@example.se", is_superuser=True, is_staff=True)


def test_programme_admin_has_no_superuser_or_group_fields(client, programme_admin, hr_group):
    client.force_login(programme_admin)
    target = UserFactory(email="person@example.se")
    for url in ("/admin/users/new/", f"/admin/users/edit/{target.pk}/"):
        html = client.get(url).content.decode()
        assert 'name="is_superuser"' not in html, url
        assert 'name="groups"' not in html, url
        assert "Organisation och personer → Roller" in html


def test_programme_admin_posting_superuser_and_groups_changes_neither(client, programme_admin, hr_group):
    client.force_login(programme_admin)
    response = client.post("/admin/users/new/", _user_data(
        is_superuser="on", groups=[hr_group.pk], password1="ett-langt-losenord-2026", password2="ett-langt-losenord-2026",
    ))
    assert response.status_code == 302
    created = User.objects.get(email="ny@example.se")
    assert not created.is_superuser and not created.groups.exists()

    target = UserFactory(email="person@example.se", first_name="Per", last_name="Son")
    response = client.post(f"/admin/users/edit/{target.pk}/", {
        "email": target.email, "first_name": "Per", "last_name": "Sonsson", "is_active": "on",
        "is_superuser": "on", "groups": [hr_group.pk],
    })
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.last_name == "Sonsson"  # the allowed change went through
    assert not target.is_superuser and not target.groups.exists()
    assert not ModelLogEntry.objects.filter(action__startswith="samtalsrum.user.").exists()


def _refused(response) -> bool:
    # Wagtail answers a refusal in the admin with a redirect to the dashboard and a message.
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def test_programme_admin_cannot_edit_a_superusers_login(client, programme_admin, superuser):
    client.force_login(programme_admin)
    assert _refused(client.get(f"/admin/users/edit/{superuser.pk}/"))
    response = client.post(f"/admin/users/edit/{superuser.pk}/", {
        "email": superuser.email, "first_name": "X", "last_name": "Y", "is_active": "on",
        "password1": "overtagen-2026-lang", "password2": "overtagen-2026-lang",
    })
    assert _refused(response)
    superuser.refresh_from_db()
    assert not superuser.check_password("overtagen-2026-lang") and superuser.first_name != "X"
    assert _refused(client.post(f"/admin/users/delete/{superuser.pk}/"))
    assert User.objects.filter(pk=superuser.pk).exists()


def test_superuser_changes_are_audited(client, superuser, hr_group):
    client.force_login(superuser)
    target = UserFactory(email="person@example.se", first_name="Per", last_name="Son")
    html = client.get(f"/admin/users/edit/{target.pk}/").content.decode()
    assert 'name="is_superuser"' in html and 'name="groups"' in html
    response = client.post(f"/admin/users/edit/{target.pk}/", {
        "email": target.email, "first_name": "Per", "last_name": "Son", "is_active": "on",
        "is_superuser": "on", "groups": [hr_group.pk],
    })
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.is_superuser
    entries = {e.action: e for e in ModelLogEntry.objects.filter(object_id=str(target.pk))}
    assert entries["samtalsrum.user.superuser"].data == {"user": target.email, "before": False, "after": True}
    assert entries["samtalsrum.user.superuser"].user_id == superuser.pk
    assert entries["samtalsrum.user.groups"].data["added"] == ["HR"]

    # Saving again without changes writes nothing more.
    client.post(f"/admin/users/edit/{target.pk}/", {
        "email": target.email, "first_name": "Per", "last_name": "Son", "is_active": "on",
        "is_superuser": "on", "groups": [hr_group.pk],
    })
    assert ModelLogEntry.objects.filter(object_id=str(target.pk), action__startswith="samtalsrum.user.").count() == 2
