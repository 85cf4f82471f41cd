"""Searches with a NUL, control characters or a huge query get a message or a normal result,
never a server error – on PostgreSQL too, where a NUL in a query makes psycopg2 raise."""

from __future__ import annotations

import pytest

from django.urls import reverse

from tests.cms.factories import content_tree
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

SITE_SEARCH = "/sv/program/sok/"
# The index (search) views of the project's admin viewsets.
ADMIN_SEARCHES = [
    "employee:index", "workplace:index", "organisation:index", "roleassignment:index",
    "page_feedback:index", "programmes:index", "tracks:index", "wagtailsnippets_surveys_survey:list",
    "surveyround:index",
]
NUL_QUERIES = ["\x00", "Åsa\x00", "%00", "a\x00b\x00c"]
ODD_QUERIES = ["\x01\x02\x1b", "\t", "Åsa\x7f", "'\"&|!:*()<>", "x" * 200, "a " * 100]


@pytest.fixture
def admin_client(client, programme_admin):
    content_tree()
    client.force_login(programme_admin)
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("query", NUL_QUERIES)
def test_site_search_with_a_nul_is_400_with_a_message(client, query):
    content_tree()
    client.raise_request_exception = False
    response = client.get(SITE_SEARCH, {"q": query})
    if "\x00" not in query:  # "%00" typed as text is an ordinary search
        assert response.status_code == 200
        return
    assert response.status_code == 400
    assert "Adressen innehåller ett tecken som inte är tillåtet (NUL)" in response.content.decode()


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_site_search_with_odd_text_is_a_normal_result(client, query):
    content_tree()
    client.raise_request_exception = False
    response = client.get(SITE_SEARCH, {"q": query})
    assert response.status_code == 200
    assert "Sök i materialet" in response.content.decode()


def test_a_search_longer_than_the_limit_is_400_with_a_message(client):
    content_tree()
    assert client.get(SITE_SEARCH, {"q": "x" * 200}).status_code == 200
    response = client.get(SITE_SEARCH, {"q": "x" * 201})
    assert response.status_code == 400
    assert "Sökfrågan är för lång (högst 200 tecken)" in response.content.decode()


@pytest.mark.parametrize("name", ADMIN_SEARCHES)
def test_admin_searches_refuse_a_nul_and_take_odd_text(admin_client, name):
    url = reverse(name)
    for query in NUL_QUERIES:
        response = admin_client.get(url, {"q": query})
        assert response.status_code == (400 if "\x00" in query else 200), (url, query)
    for query in ODD_QUERIES:
        assert admin_client.get(url, {"q": query}).status_code == 200, (url, query)


def test_admin_search_still_finds_people(admin_client, workplace):
    EmployeeFactory(workplace=workplace, first_name="Ingegerd", last_name="Sjöholm")
    response = admin_client.get(reverse("employee:index"), {"q": "Sjöholm"})
    assert response.status_code == 200 and "Ingegerd" in response.content.decode()


def test_nul_in_any_parameter_is_400(admin_client):
    assert admin_client.get(reverse("sessions_hours_report"), {"month": "2026-03\x00"}).status_code == 400


def test_wagtail_page_search_with_many_words_is_not_a_server_error(admin_client):
    # A few hundred words once exhausted the recursion limit of Wagtail's search; the length
    # limit keeps every search under it.
    assert admin_client.get("/admin/pages/search/", {"q": "a " * 100}).status_code == 200
    assert admin_client.get("/admin/pages/search/", {"q": "a " * 3000}).status_code == 400


@pytest.mark.parametrize("name", ["workplace:index", "organisation:index"])
def test_admin_search_of_workplaces_and_organisations_works_by_name_and_code(admin_client, name, workplace):
    from tests.factories import WorkplaceFactory

    WorkplaceFactory(organisation=workplace.organisation, name="Hemtjänsten Norr", code="K4711")
    wanted = "Hemtjänsten Norr" if name == "workplace:index" else "Avesta kommun"
    for query in (wanted.split()[0], "K4711" if name == "workplace:index" else "avesta"):
        response = admin_client.get(reverse(name), {"q": query})
        assert response.status_code == 200, query
        assert wanted in response.content.decode(), query
