"""The whole-page cache of the material: served only to visitors who are not signed in, with
each visitor's own CSRF token, and gone as soon as anything is published."""

import re

import pytest

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.models import PageFeedback
from tests.cms.factories import content_tree

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.SAMTALSRUM_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def tree():
    return content_tree()


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_second_anonymous_visit_is_served_without_the_database(tree):
    first, first_queries = _get(Client(), tree.segment.url)
    second, second_queries = _get(Client(), tree.segment.url)
    assert first.status_code == second.status_code == 200
    assert first_queries > 5 and second_queries == 0
    assert "Välkommen till samtalet om mångfald." in second.content.decode()
    # the security headers of a rendered page come with the cached one too
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Language"):
        assert second[header] == first[header], header
    assert "Cookie" in second["Vary"]


def test_each_visitor_gets_their_own_csrf_token_and_the_feedback_form_works(tree):
    Client().get(tree.segment.url)  # fills the cache
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(tree.segment.url)
    tokens = set(TOKEN.findall(page.content.decode()))
    assert len(tokens) == 1 and "\x00" not in next(iter(tokens))
    assert visitor.cookies["csrftoken"].value  # set for this visitor
    response = visitor.post(tree.segment.url + "synpunkter/",
                            {"csrfmiddlewaretoken": tokens.pop(), "rating": "helpful", "comment": "Bra film"})
    assert response.status_code == 302  # accepted, not a CSRF refusal
    assert PageFeedback.objects.filter(comment="Bra film").count() == 1
    # and a form without a token is still refused
    assert Client(enforce_csrf_checks=True).post(tree.segment.url + "synpunkter/", {"rating": "helpful"}).status_code == 403


def test_signed_in_visitors_and_reading_preferences_never_get_the_shared_page(tree, process_leader):
    Client().get(tree.segment.url)
    leader = Client()
    leader.force_login(process_leader)
    _response, queries = _get(leader, tree.segment.url)
    assert queries > 0  # rendered for them
    assert "Logga ut" in leader.get(tree.guide.url).content.decode()
    reader = Client()
    reader.cookies["samtalsrum_reading"] = "text-2"
    _response, queries = _get(reader, tree.segment.url)
    assert queries > 0


def test_a_signed_in_render_is_never_stored_for_others(tree, process_leader):
    leader = Client()
    leader.force_login(process_leader)
    assert "Logga ut" in leader.get(tree.guide.url).content.decode()
    anonymous = Client().get(tree.guide.url).content.decode()
    assert "Logga ut" not in anonymous


def test_publishing_any_page_clears_the_cache(tree):
    Client().get(tree.segment.url)
    tree.segment.title = "Ny rubrik för filmen"
    tree.segment.save_revision().publish()
    response, queries = _get(Client(), tree.segment.url)
    assert queries > 0 and "Ny rubrik för filmen" in response.content.decode()
    # another page's publication clears it too (menus and lists show other pages)
    Client().get(tree.segment.url)
    tree.guide.save_revision().publish()
    _response, queries = _get(Client(), tree.segment.url)
    assert queries > 0


def test_query_strings_posts_and_other_routes_are_not_cached(tree):
    Client().get(tree.segment.url)
    _response, queries = _get(Client(), tree.segment.url + "?synpunkter=tack")
    assert queries > 0
    _response, queries = _get(Client(), tree.segment.url + "transkription/")
    _response, again = _get(Client(), tree.segment.url + "transkription/")
    assert again > 0


def test_turned_off_with_zero_seconds(tree, settings):
    settings.SAMTALSRUM_PAGE_CACHE_SECONDS = 0
    Client().get(tree.segment.url)
    _response, queries = _get(Client(), tree.segment.url)
    assert queries > 0
