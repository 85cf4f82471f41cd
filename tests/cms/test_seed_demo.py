from io import StringIO

import pytest
from django_otp.plugins.otp_static.models import StaticToken

from django.core.management import call_command
from django.db.models import Count, Q
from django.http import HttpRequest
from django.test import Client

from people.models import Employee, Organisation, Role, RoleAssignment, User, Workplace

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Organisation.objects.count(),
        Workplace.objects.count(),
        Employee.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
    )


def test_seed_demo_builds_the_programme_and_a_second_run_changes_nothing(client):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = _counts()
    assert first[0] == 8
    assert first[2] == 2684
    assert set(Organisation.objects.values_list("name", flat=True)) >= {
        "Avesta kommun", "Orsa kommun", "Södra Dalarnas Räddningstjänstförbund", "Stiftelsen Sjöviks folkhögskola",
    }
    units = Workplace.objects.filter(id__in=Employee.objects.values("workplace_id")).annotate(
        managers=Count("role_assignments", filter=Q(role_assignments__role=Role.MANAGER)),
        leaders=Count("role_assignments", filter=Q(role_assignments__role=Role.PROCESS_LEADER)),
    )
    assert units.exists()
    assert all(u.managers == 1 and u.leaders == 2 for u in units)
    printed = out.getvalue()
    for login in ("admin@", "redaktor@", "hr@", "chef@", "ledare@", "anstalld@"):
        assert login in printed

    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first

    # django-axes counts every sign-in by request, so the test passes one as the login pages do.
    for login in ("admin", "redaktor", "hr", "chef", "ledare", "anstalld"):
        assert client.login(request=HttpRequest(), email=f"{login}@demo.samtalsrum.se", password="samtalsrum-demo"), login
    assert client.login(request=HttpRequest(), email="chef@demo.samtalsrum.se", password="samtalsrum-demo")
    response = client.get("/sv/min-sida/")
    assert "Hemtjänsten Centrum" in response.content.decode()

    # The demo's programme admin and HR sign in with the second factor the command printed:
    # a backup code, or the code of an app holding the printed key.
    from django_otp.oath import totp

    from people.demo import DEMO_BACKUP_CODES, DEMO_TOTP_KEY, demo_totp_secret

    assert demo_totp_secret() in printed and DEMO_BACKUP_CODES[0] in printed
    admin = Client()
    admin.post("/sv/logga-in/", {"username": "admin@demo.samtalsrum.se", "password": "samtalsrum-demo"})
    assert admin.get("/admin/").status_code == 302
    assert admin.post("/sv/logga-in/kod/?next=/admin/", {"code": DEMO_BACKUP_CODES[0]}).status_code == 302
    assert admin.get("/admin/").status_code == 200
    hr = Client()
    hr.post("/admin/login/", {"username": "hr@demo.samtalsrum.se", "password": "samtalsrum-demo"})
    assert hr.post("/sv/logga-in/kod/", {"code": f"{totp(bytes.fromhex(DEMO_TOTP_KEY)):06d}"}).status_code == 302
    assert hr.get("/admin/").status_code == 200
    # A new run gives back the backup code used.
    call_command("seed_demo", stdout=StringIO())
    assert StaticToken.objects.filter(device__user__email="admin@demo.samtalsrum.se").count() == len(DEMO_BACKUP_CODES)
