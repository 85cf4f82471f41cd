"""Tokens: scopes, revocation, expiry, the use log, rate limits and the admin screens."""

import datetime

import pytest

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken, ApiTokenUse
from api.services import api_token_revoke
from people.models import Role
from tests.factories import user_with_role

from .conftest import ApiClient, token_for

pytestmark = pytest.mark.django_db

HOURS = "/api/v1/hours/"
IMPORT = "/api/v1/employees/import/"


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["type"]
    return body


def test_no_token_wrong_token_revoked_expired_are_401(world, organisation):
    assert_problem(ApiClient().get(HOURS), 401)
    text = token_for(organisation, "read")
    assert_problem(ApiClient(text[:-1] + ("A" if text[-1] != "A" else "B")).get(HOURS), 401)
    assert_problem(ApiClient("sr_nonsense").get(HOURS), 401)
    assert ApiClient(text).get(HOURS).status_code == 200
    token = ApiToken.objects.get(prefix=text[3:13])
    api_token_revoke(token=token, user=None)
    body = assert_problem(ApiClient(text).get(HOURS), 401)
    assert body["detail"] == "API-nyckeln är spärrad."
    assert ApiClient(text).get(HOURS)["WWW-Authenticate"] == "Bearer"
    expired = token_for(organisation, "read", expires_at=timezone.now() + datetime.timedelta(seconds=1))
    ApiToken.objects.filter(prefix=expired[3:13]).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert assert_problem(ApiClient(expired).get(HOURS), 401)["detail"] == "API-nyckeln har gått ut."


def test_only_a_hash_is_stored_and_every_use_is_logged(world, organisation):
    text = token_for(organisation, "read")
    token = ApiToken.objects.get(prefix=text[3:13])
    assert text not in (token.secret_hash, token.prefix) and len(token.secret_hash) == 64
    client = ApiClient(text)
    client.get(HOURS)
    client.get(f"{HOURS}?month=2026-13")
    api_token_revoke(token=token, user=None)
    client.get(HOURS)
    uses = list(ApiTokenUse.objects.filter(token=token).order_by("pk").values_list("method", "path", "status"))
    assert uses == [("GET", HOURS, 200), ("GET", f"{HOURS}?month=2026-13", 400), ("GET", HOURS, 401)]


def test_read_only_token_cannot_import_and_writes_nothing(world, organisation):
    from people.models import Employee

    before = Employee.objects.count()
    client = ApiClient(token_for(organisation, "read"))
    body = assert_problem(client.post(IMPORT, {"file": b"x"}), 403)
    assert body["detail"] == "API-nyckeln saknar behörighet för detta."
    assert Employee.objects.count() == before
    write_only = ApiClient(token_for(organisation, "write"))
    assert_problem(write_only.get(HOURS), 403)


@override_settings(REST_FRAMEWORK={
    **__import__("django.conf").conf.settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"token": "3/min"},
})
def test_rate_limit_per_token_is_429_problem(world, organisation):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    api_settings.reload()
    SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        first, second = ApiClient(token_for(organisation, "read")), ApiClient(token_for(organisation, "read"))
        assert [first.get(HOURS).status_code for _ in range(3)] == [200, 200, 200]
        response = first.get(HOURS)
        body = assert_problem(response, 429)
        assert int(response["Retry-After"]) > 0 and "sekund" in body["detail"]
        assert second.get(HOURS).status_code == 200  # another token has its own count
    finally:
        api_settings.reload()
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES


def test_hr_creates_tokens_only_for_own_organisation_and_sees_it_once(world, client, hr_user, organisation,
                                                                      other_organisation):
    client.force_login(hr_user)
    url = reverse("api_tokens:add")
    form = client.get(url)
    assert form.status_code == 200
    assert other_organisation.name not in form.content.decode()
    refused = client.post(url, {"name": "Heroma", "organisation": other_organisation.pk, "can_read": "on"})
    assert refused.status_code == 200 and not ApiToken.objects.exists()
    created = client.post(url, {"name": "Heroma", "organisation": organisation.pk, "can_read": "on",
                                "can_write": "on"})
    assert created.status_code == 200
    token = ApiToken.objects.get()
    html = created.content.decode()
    assert f"sr_{token.prefix}_" in html and "visas bara den här gången" in html
    text = html.split('id="api-token-text" type="text" readonly value="')[1].split('"')[0]
    assert ApiClient(text).get(HOURS).status_code == 200
    listing = client.get(reverse("api_tokens:index")).content.decode()
    assert "Heroma" in listing and text not in listing
    # Revoking from the edit form: the token stops working at once.
    edit = client.post(reverse("api_tokens:edit", args=[token.pk]), {"name": "Heroma", "revoke": "on"})
    assert edit.status_code == 302
    assert ApiClient(text).get(HOURS).status_code == 401


def test_tokens_of_other_organisations_are_404_and_others_are_refused(client, hr_user, other_organisation,
                                                                      manager):
    text = token_for(other_organisation, "read")
    token = ApiToken.objects.get(prefix=text[3:13])
    client.force_login(hr_user)
    assert client.get(reverse("api_tokens:edit", args=[token.pk])).status_code == 404
    assert "Lönesystem" not in client.get(reverse("api_tokens:index")).content.decode()
    client.force_login(manager)
    assert client.get(reverse("api_tokens:index")).status_code in (302, 403)
    admin = user_with_role(Role.PROGRAMME_ADMIN, email="pa@example.se")
    client.force_login(admin)
    assert client.get(reverse("api_tokens:edit", args=[token.pk])).status_code == 200


def test_old_uses_are_purged(organisation):
    from api.tasks import api_token_uses_purge_task

    text = token_for(organisation, "read")
    token = ApiToken.objects.get(prefix=text[3:13])
    old = ApiTokenUse.objects.create(token=token, method="GET", path=HOURS, status=200,
                                     used_at=timezone.now() - datetime.timedelta(days=366))
    recent = ApiTokenUse.objects.create(token=token, method="GET", path=HOURS, status=200)
    assert api_token_uses_purge_task() == 1
    assert list(ApiTokenUse.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not ApiTokenUse.objects.filter(pk=old.pk).exists()
