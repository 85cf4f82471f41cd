"""Too many wrong passwords lock that e-mail address from that client address, on the site's
login page and the Wagtail admin's alike; the right password does not get through the lock."""

import datetime

import pytest
from axes.models import AccessAttempt

from django.conf import settings
from django.utils import timezone

from people.models import Role
from tests.factories import DEMO_PASSWORD, user_with_role

pytestmark = pytest.mark.django_db

PAGES = ["/sv/logga-in/", "/admin/login/"]
HOME, ELSEWHERE = "203.0.113.5", "198.51.100.7"
LIMIT = settings.AXES_FAILURE_LIMIT


@pytest.fixture
def hr(organisation):
    return user_with_role(Role.HR, organisation=organisation, email="hr@example.se")


def _sign_in(client, page, email, password, address=HOME):
    client.logout()
    return client.post(page, {"username": email, "password": password}, REMOTE_ADDR=address)


def _signed_in(client, user) -> bool:
    return client.session.get("_auth_user_id") == str(user.pk)


@pytest.mark.parametrize("page", PAGES)
def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(client, hr, page):
    for _ in range(30):
        assert _sign_in(client, page, hr.email, "fel-lösenord").status_code in (200, 429)
    response = _sign_in(client, page, hr.email, DEMO_PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client, hr)
    html = response.content.decode()
    assert "För många inloggningsförsök" in html
    assert f"Försök igen om {settings.AXES_COOLOFF_TIME.seconds // 60} minuter" in html


@pytest.mark.parametrize("page", PAGES)
def test_the_limit_is_exact(client, hr, page):
    for _ in range(LIMIT - 1):
        assert _sign_in(client, page, hr.email, "fel-lösenord").status_code == 200
    # One short of the limit: the right password still signs in, and the count starts over.
    assert _sign_in(client, page, hr.email, DEMO_PASSWORD).status_code == 302
    assert _signed_in(client, hr)
    for _ in range(LIMIT - 1):
        assert _sign_in(client, page, hr.email, "fel-lösenord").status_code == 200
    # The limit-th wrong password locks.
    assert _sign_in(client, page, hr.email, "fel-lösenord").status_code == 429
    assert _sign_in(client, page, hr.email, DEMO_PASSWORD).status_code == 429


def test_the_lock_is_for_one_address_and_one_client_and_survives_changing_case(client, hr, organisation):
    colleague = user_with_role(Role.HR, organisation=organisation, email="kollega@example.se")
    for n in range(LIMIT):
        email = hr.email.upper() if n % 2 else f" {hr.email} "
        _sign_in(client, "/sv/logga-in/", email, "fel-lösenord")
    assert _sign_in(client, "/admin/login/", "HR@Example.se", DEMO_PASSWORD).status_code == 429
    # The same person from elsewhere, and a colleague from the same place, are not locked out.
    assert _sign_in(client, "/sv/logga-in/", hr.email, DEMO_PASSWORD, address=ELSEWHERE).status_code == 302
    assert _sign_in(client, "/sv/logga-in/", colleague.email, DEMO_PASSWORD).status_code == 302
    assert _signed_in(client, colleague)


def test_the_lock_ends_after_the_cool_off(client, hr):
    for _ in range(LIMIT):
        _sign_in(client, "/sv/logga-in/", hr.email, "fel-lösenord")
    assert _sign_in(client, "/sv/logga-in/", hr.email, DEMO_PASSWORD).status_code == 429
    # A minute before the cool-off has passed: still locked. (Each attempt while locked restarts it.)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME + datetime.timedelta(minutes=1)
    )
    assert _sign_in(client, "/sv/logga-in/", hr.email, DEMO_PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=1)
    )
    assert _sign_in(client, "/sv/logga-in/", hr.email, DEMO_PASSWORD).status_code == 302
    assert _signed_in(client, hr)


def test_nothing_is_kept_of_successful_sign_ins(client, hr):
    from axes.models import AccessLog

    _sign_in(client, "/sv/logga-in/", hr.email, DEMO_PASSWORD)
    assert _signed_in(client, hr)
    assert not AccessLog.objects.exists()
    assert not AccessAttempt.objects.exists()
