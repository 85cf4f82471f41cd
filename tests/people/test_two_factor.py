"""Two-factor sign-in: required for programme admins and HR on both login pages, offered to
everyone else; set up with an app (QR code), proved with its code or a single-use backup code."""

import datetime
import re
from base64 import b32encode

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from people.models import Role
from tests.factories import DEMO_PASSWORD, totp_code, totp_device, user_with_role

pytestmark = pytest.mark.django_db

SETUP = "/sv/tvastegsverifiering/app/"
VERIFY = "/sv/logga-in/kod/"


@pytest.fixture
def person():
    """A client that signs in as a person does: password, then (if asked) the code."""
    return Client()


@pytest.fixture
def hr(organisation):
    return user_with_role(Role.HR, organisation=organisation, email="hr@example.se")


def _password(person, user, page="/sv/logga-in/"):
    response = person.post(page, {"username": user.email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def _wrong(device) -> str:
    right = totp_code(device)
    return "000000" if right != "000000" else "111111"


def _unthrottle(device):
    """As if the wait after a wrong code had passed."""
    device.refresh_from_db()
    if device.throttling_failure_timestamp:
        device.throttling_failure_timestamp = timezone.now() - datetime.timedelta(hours=1)
        device.save()


@pytest.mark.parametrize("page", ["/sv/logga-in/", "/admin/login/"])
def test_hr_without_a_verified_device_cannot_reach_the_admin(person, hr, page, workplace):
    _password(person, hr, page)
    for url in ("/admin/", reverse("employee:index"), "/admin/reports/site-history/", "/admin/timmar/", "/sv/min-sida/"):
        response = person.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(SETUP + "?next="), url
    # The setup page and signing out are open; nothing was shown in between.
    assert person.get(SETUP).status_code == 200
    assert person.post("/sv/logga-ut/").status_code == 302
    assert person.get("/admin/").status_code == 302
    assert "/admin/login/" in person.get("/admin/")["Location"]


def test_hr_sets_up_an_app_and_gets_backup_codes(person, hr):
    _password(person, hr)
    page = person.get(SETUP + "?next=/admin/").content.decode()
    assert "<svg" in page and "QR-kod att skanna med appen" in page
    device = TOTPDevice.objects.get(user=hr, confirmed=False)
    secret = re.search(r'class="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert secret.replace(" ", "") == b32encode(device.bin_key).decode().rstrip("=")
    # Reloading keeps the same secret, so a code already scanned stays valid.
    person.get(SETUP)
    assert TOTPDevice.objects.filter(user=hr).count() == 1

    wrong = person.post(SETUP + "?next=/admin/", {"code": _wrong(device)})
    assert wrong.status_code == 400
    assert "Koden stämmer inte" in wrong.content.decode()
    assert person.get("/admin/").status_code == 302
    _unthrottle(device)

    done = person.post(SETUP + "?next=/admin/", {"code": totp_code(device)})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", done.content.decode())
    assert len(codes) == 10
    assert sorted(StaticToken.objects.filter(device__user=hr).values_list("token", flat=True)) == sorted(codes)
    assert 'href="/admin/"' in done.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert person.get("/admin/").status_code == 200
    assert ModelLogEntry.objects.filter(object_id=str(hr.pk), action="samtalsrum.two_factor.enable").exists()


@pytest.mark.parametrize("page", ["/sv/logga-in/", "/admin/login/"])
def test_signing_in_asks_for_the_code_on_both_login_pages(person, hr, page):
    device = totp_device(hr)
    _password(person, hr, page)
    response = person.get("/admin/")
    assert response.status_code == 302 and response["Location"] == VERIFY + "?next=/admin/"

    wrong = person.post(VERIFY + "?next=/admin/", {"code": _wrong(device)})
    assert wrong.status_code == 400 and "Koden stämmer inte" in wrong.content.decode()
    # Right after a wrong code the app's throttle holds even the right one back, and says so.
    throttled = person.post(VERIFY + "?next=/admin/", {"code": totp_code(device)})
    assert throttled.status_code == 400 and "Vänta" in throttled.content.decode()
    assert person.get("/admin/").status_code == 302
    _unthrottle(device)

    response = person.post(VERIFY + "?next=/admin/", {"code": totp_code(device)})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert person.get("/admin/").status_code == 200
    assert person.get(reverse("employee:index")).status_code == 200


def test_a_code_works_once(person, hr):
    device = totp_device(hr)
    code = totp_code(device)
    _password(person, hr)
    assert person.post(VERIFY, {"code": code}).status_code == 302
    other = Client()
    _password(other, hr)
    assert other.post(VERIFY, {"code": code}).status_code == 400
    assert other.get("/admin/").status_code == 302


def test_a_backup_code_signs_in_once(person, hr):
    totp_device(hr)
    from people.two_factor import backup_codes_create

    code = backup_codes_create(user=hr)[0]
    _password(person, hr)
    assert person.post(VERIFY + "?next=/admin/", {"code": f" {code.upper()[:4]} {code[4:]} "}).status_code == 302
    assert person.get("/admin/").status_code == 200
    again = Client()
    _password(again, hr)
    assert again.post(VERIFY, {"code": code}).status_code == 400
    assert StaticToken.objects.filter(device__user=hr).count() == 9


def test_next_never_leaves_the_site(person, hr):
    device = totp_device(hr)
    _password(person, hr)
    response = person.post(VERIFY + "?next=https://evil.example/", {"code": totp_code(device)})
    assert response.status_code == 302 and response["Location"] == reverse("cms:landing")


def test_two_factor_is_offered_to_others_and_then_enforced(person, manager):
    _password(person, manager)
    assert person.get("/sv/min-sida/").status_code == 200
    overview = person.get("/sv/tvastegsverifiering/").content.decode()
    assert "Tvåstegsverifiering är av" in overview
    person.get(SETUP)
    device = TOTPDevice.objects.get(user=manager)
    assert person.post(SETUP, {"code": totp_code(device)}).status_code == 200

    later = Client()
    _password(later, manager)
    assert later.get("/sv/min-sida/")["Location"].startswith(VERIFY)
    device.refresh_from_db()
    device.last_t = -1  # the next 30-second step
    device.save()
    assert later.post(VERIFY, {"code": totp_code(device)}).status_code == 302
    # The manager may turn it off again; HR may not.
    assert later.post("/sv/tvastegsverifiering/stang-av/").status_code == 302
    assert not TOTPDevice.objects.filter(user=manager).exists()


def test_hr_cannot_turn_two_factor_off(client, hr):
    client.force_login(hr)  # with the second factor proved
    response = client.post("/sv/tvastegsverifiering/stang-av/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=hr, confirmed=True).exists()
    assert "kan inte stängas av" in client.get("/sv/tvastegsverifiering/").content.decode()


def test_new_backup_codes_replace_the_old(client, hr):
    client.force_login(hr)
    from people.two_factor import backup_codes_create

    old = backup_codes_create(user=hr)
    response = client.post("/sv/tvastegsverifiering/reservkoder/")
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.filter(device__user=hr).values_list("token", flat=True)) == set(new)


def test_an_operator_resets_a_lost_second_factor(person, hr):
    from io import StringIO

    from django.core.management import call_command

    totp_device(hr)
    out = StringIO()
    call_command("two_factor_reset", "HR@example.se", stdout=out)
    assert "borttagen" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=hr).exists()
    assert ModelLogEntry.objects.filter(object_id=str(hr.pk), action="samtalsrum.two_factor.disable").exists()
    # HR must set up a new app at the next sign-in.
    _password(person, hr)
    assert person.get("/admin/")["Location"].startswith(SETUP)
