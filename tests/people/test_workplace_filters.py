"""Workplace filters of the employee list and the HR hours report: a chooser limited to the
viewer's scope instead of a ``<select>`` with every workplace, and the filter still filters."""

import json
import re

import pytest

from django.urls import reverse

from tests.factories import EmployeeFactory, WorkplaceFactory

pytestmark = pytest.mark.django_db

LISTS = ["employee:index", "sessions_hours_report"]


@pytest.fixture
def many_workplaces(organisation, workplace, other_workplace):
    """Forty workplaces in the HR user's organisation, besides the fixtures' two."""
    return WorkplaceFactory.create_batch(40, organisation=organisation)


@pytest.fixture
def people(workplace, other_workplace, many_workplaces):
    here = EmployeeFactory(workplace=workplace, first_name="Hilda", last_name="Härifrån")
    elsewhere = EmployeeFactory(workplace=many_workplaces[0], first_name="Elsa", last_name="Annanstans")
    foreign = EmployeeFactory(workplace=other_workplace, first_name="Fredrik", last_name="Främling")
    return here, elsewhere, foreign


@pytest.mark.parametrize("url_name", LISTS)
def test_filter_is_a_chooser_not_a_select_of_every_workplace(
    client, hr_user, people, workplace, many_workplaces, url_name
):
    client.force_login(hr_user)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("workplace_chooser:choose") in body
    assert not re.search(r'<select[^>]*name="workplace"', body)
    options = re.findall(r"<option[^>]*>([^<]*)</option>", body)
    assert not any(w.name in text for w in [*many_workplaces, workplace] for text in options)


@pytest.mark.parametrize("url_name", LISTS)
def test_chosen_workplace_filters_the_list(client, hr_user, people, workplace, url_name):
    here, elsewhere, _foreign = people
    client.force_login(hr_user)
    body = client.get(reverse(url_name), {"workplace": workplace.pk}).content.decode()
    assert here.last_name in body
    assert elsewhere.last_name not in body
    # The chooser names the chosen workplace.
    assert "Äldreboendet Solgården (Avesta kommun)" in body


@pytest.mark.parametrize("url_name", LISTS)
def test_workplace_outside_scope_is_ignored_and_not_named(client, hr_user, people, other_workplace, url_name):
    here, elsewhere, foreign = people
    client.force_login(hr_user)
    response = client.get(reverse(url_name), {"workplace": other_workplace.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert foreign.last_name not in body
    assert other_workplace.name not in body
    # Not applied: the viewer's own people are still listed.
    assert here.last_name in body and elsewhere.last_name in body


def test_workplace_chooser_lists_only_the_viewers_workplaces(client, hr_user, many_workplaces, other_workplace):
    client.force_login(hr_user)
    html = json.loads(client.get(reverse("workplace_chooser:choose")).content)["html"]
    assert other_workplace.name not in html
    # One page at a time, not all forty-one.
    assert html.count("data-chooser-modal-choice") == 20
    search = client.get(reverse("workplace_chooser:choose_results"), {"q": many_workplaces[7].name})
    assert many_workplaces[7].name in search.content.decode()
