"""The client address behind the README's reverse proxy: X-Forwarded-For is believed only from
trusted proxies, so limits are per person and a direct client cannot choose its address."""

import pytest

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings

from cms.client_address import client_address
from cms.models import PageFeedback
from people.models import Role
from tests.cms.factories import content_tree
from tests.factories import DEMO_PASSWORD, user_with_role

PROXY = "127.0.0.1"
ALICE, BOB, DIRECT = "203.0.113.5", "203.0.113.6", "198.51.100.7"


def _address(remote: str, forwarded: str | None = None) -> str:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_address(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def test_without_trusted_proxies_the_header_is_ignored():
    assert _address(PROXY, ALICE) == PROXY
    assert _address(DIRECT, "1.2.3.4") == DIRECT


@override_settings(SAMTALSRUM_TRUSTED_PROXIES=[PROXY])
def test_behind_one_trusted_proxy():
    assert _address(PROXY, ALICE) == ALICE
    # The client sent its own X-Forwarded-For; the proxy appended the address it saw.
    assert _address(PROXY, f"1.2.3.4, {ALICE}") == ALICE
    # A direct client is not the proxy: its header is not believed.
    assert _address(DIRECT, "1.2.3.4") == DIRECT
    # The proxy itself without a header, and a header the proxy wrote nothing sensible in.
    assert _address(PROXY) == PROXY
    assert _address(PROXY, "unknown") == PROXY
    assert _address("::1", ALICE) == "::1"


@override_settings(SAMTALSRUM_TRUSTED_PROXIES=["10.0.0.0/8", "2001:db8::/32"])
def test_through_a_chain_of_trusted_proxies_and_ipv6():
    assert _address("10.0.0.2", f"1.2.3.4, {ALICE}, 10.0.0.1") == ALICE
    assert _address("2001:db8::1", "2a00:1450::9, 2001:db8::2") == "2a00:1450::9"
    assert _address("10.0.0.2", "[2001:db8:1::5]:443") == "2001:db8:1::5"
    # Every hop trusted: the leftmost is as far as the chain goes.
    assert _address("10.0.0.2", "10.0.0.3") == "10.0.0.3"


@override_settings(SAMTALSRUM_TRUSTED_PROXIES=["not-an-address"])
def test_a_misconfigured_proxy_list_says_which_entry():
    with pytest.raises(ImproperlyConfigured, match="not-an-address"):
        _address(PROXY, ALICE)


@pytest.fixture
def feedback_url(db):
    cache.clear()
    yield content_tree().segment.url + "synpunkter/"
    cache.clear()


def _post_feedback(client, url, remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return client.post(url, {"rating": "partly"}, REMOTE_ADDR=remote, **extra).status_code


@override_settings(SAMTALSRUM_TRUSTED_PROXIES=[PROXY])
def test_two_clients_behind_the_proxy_have_separate_feedback_limits(client, feedback_url):
    for _ in range(5):
        assert _post_feedback(client, feedback_url, PROXY, ALICE) == 302
    assert _post_feedback(client, feedback_url, PROXY, ALICE) == 429
    assert _post_feedback(client, feedback_url, PROXY, BOB) == 302
    assert PageFeedback.objects.count() == 6


@override_settings(SAMTALSRUM_TRUSTED_PROXIES=[PROXY])
def test_a_direct_client_cannot_escape_the_limit_with_a_forged_header(client, feedback_url):
    for n in range(5):
        assert _post_feedback(client, feedback_url, DIRECT, f"192.0.2.{n}") == 302
    assert _post_feedback(client, feedback_url, DIRECT, "192.0.2.99") == 429
    assert PageFeedback.objects.count() == 5


@pytest.mark.django_db
@override_settings(SAMTALSRUM_TRUSTED_PROXIES=[PROXY])
def test_sign_in_lockout_is_per_client_behind_the_proxy_and_not_escaped_by_a_forged_header(client, organisation):
    hr = user_with_role(Role.HR, organisation=organisation, email="hr@example.se")

    def sign_in(password, remote, forwarded=None):
        extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
        client.logout()
        return client.post("/sv/logga-in/", {"username": hr.email, "password": password}, REMOTE_ADDR=remote, **extra)

    for n in range(30):
        sign_in("fel-lösenord", DIRECT, f"192.0.2.{n}")
    assert sign_in(DEMO_PASSWORD, DIRECT, "192.0.2.200").status_code == 429
    for _ in range(30):
        sign_in("fel-lösenord", PROXY, ALICE)
    assert sign_in(DEMO_PASSWORD, PROXY, ALICE).status_code == 429
    # Bob, behind the same proxy, signs in: the lock is Alice's address, not the proxy's.
    response = sign_in(DEMO_PASSWORD, PROXY, BOB)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == hr.pk
