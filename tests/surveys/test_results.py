"""Results pages: suppression below the threshold, differencing refused, scope, query counts."""

import pytest

from django.urls import reverse

from people.models import Role
from surveys.selectors import (
    ORGANISATION,
    PROGRAMME,
    WORKPLACE,
    Group,
    hidden_children,
    response_counts,
    visibility,
)
from tests.factories import EmployeeFactory, WorkplaceFactory, user_with_role
from tests.surveys.helpers import answer_many, people

pytestmark = pytest.mark.django_db


def _url(programme, **params):
    url = reverse("surveys:results", kwargs={"programme_id": programme.pk})
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def _fill(survey_round, workplace, n, value=4, text="En tanke"):
    answer_many(survey_round, people(workplace, n), tillhorighet=value, trygghet=6, tankar=text)


def test_hidden_children_adds_secondary_suppression():
    # 3 is under 5; alone it could be found as 15 - 6 - 6, so the smallest visible sibling goes too.
    assert hidden_children({"a": 6, "b": 6, "c": 3}, 15, 5) in ({"a", "c"}, {"b", "c"})
    assert hidden_children({"a": 6, "b": 6, "c": 5}, 17, 5) == set()
    # Responses outside every child count as hidden as well.
    assert hidden_children({"a": 10}, 12, 5) == {"a"}
    assert hidden_children({"a": 10}, 10, 5) == set()


def test_manager_of_small_workplace_sees_results_hidden_and_why(client, programme, before_round, workplace, manager):
    _fill(before_round, workplace, 3)
    client.force_login(manager)
    response = client.get(_url(programme))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Resultaten visas inte" in html and "Färre än 5 personer har svarat" in html
    assert "<svg" not in html and "En tanke" not in html
    assert "Medel före" not in html


def test_large_enough_workplace_shows_charts_and_table(client, programme, before_round, workplace, manager):
    _fill(before_round, workplace, 6)
    client.force_login(manager)
    html = client.get(_url(programme)).content.decode()
    assert 'role="img"' in html and 'aria-labelledby="chart-1-title chart-1-desc"' in html
    assert "<table" in html and "Medel före" in html
    assert html.count("En tanke") == 6


def test_attempted_differencing_is_refused(client, programme, before_round, organisation, programme_admin):
    """Org: A 6, B 6, C 3 answers. C is hidden; subtracting A and B from the organisation
    would reveal C, so one of A/B is hidden too."""
    a, b, c = (WorkplaceFactory(organisation=organisation, name=n) for n in ("A", "B", "C"))
    before_round.workplaces.add(a, b, c)
    _fill(before_round, a, 6, value=5)
    _fill(before_round, b, 6, value=5)
    _fill(before_round, c, 3, value=1)
    counts = response_counts(programme)
    shown = {
        wp.name: visibility(Group(WORKPLACE, wp.pk, wp.name, organisation.pk), counts, 5).visible["before"]
        for wp in (a, b, c)
    }
    org_visible = visibility(Group(ORGANISATION, organisation.pk, ""), counts, 5).visible["before"]
    assert org_visible and not shown["C"] and sorted(shown.values()) == [False, False, True]
    client.force_login(programme_admin)
    hidden_wp = a if not shown["A"] else b
    html = client.get(_url(programme, grupp=f"ap-{hidden_wp.pk}")).content.decode()
    assert "Gruppen döljs för att skydda en annan grupp" in html
    # The organisation level is shown (15 answers); its complement in the programme is empty.
    html = client.get(_url(programme, grupp=f"org-{organisation.pk}")).content.decode()
    assert "Medel före" in html


def test_organisation_hidden_when_other_organisation_is_small(client, programme, before_round, workplace, other_workplace, hr_user):
    _fill(before_round, workplace, 10)
    _fill(before_round, other_workplace, 2)
    client.force_login(hr_user)
    html = client.get(_url(programme)).content.decode()  # HR's first group: their organisation
    assert "Resultaten visas inte" in html and "skydda en annan grupp" in html
    counts = response_counts(programme)
    assert visibility(Group(PROGRAMME, programme.pk, ""), counts, 5).visible["before"]


def test_combined_filters_are_refused(client, programme, before_round, workplace, programme_admin):
    _fill(before_round, workplace, 6)
    client.force_login(programme_admin)
    for url in (
        _url(programme, grupp="program") + f"&grupp=ap-{workplace.pk}",
        _url(programme, workplace=workplace.pk),
        _url(programme, organisation=workplace.organisation_id, grupp=f"ap-{workplace.pk}"),
    ):
        response = client.get(url)
        assert response.status_code == 400
        assert "Välj en grupp i taget" in response.content.decode()


def test_scope_refusals(client, programme, before_round, workplace, other_workplace, manager, hr_user):
    _fill(before_round, workplace, 6)
    _fill(before_round, other_workplace, 6)
    client.force_login(manager)
    assert client.get(_url(programme, grupp="program")).status_code == 403
    assert client.get(_url(programme, grupp=f"org-{workplace.organisation_id}")).status_code == 403
    assert client.get(_url(programme, grupp=f"ap-{other_workplace.pk}")).status_code == 403
    client.force_login(hr_user)
    assert client.get(_url(programme, grupp=f"ap-{other_workplace.pk}")).status_code == 403
    assert client.get(_url(programme, grupp=f"org-{other_workplace.organisation_id}")).status_code == 403
    assert client.get(_url(programme, grupp=f"ap-{workplace.pk}")).status_code == 200
    # An employee with a login sees no results, only their own confirmation after answering.
    employee_user = user_with_role(Role.PROCESS_LEADER, workplace=other_workplace, employee=EmployeeFactory(workplace=other_workplace))
    client.force_login(employee_user)
    assert client.get(_url(programme)).status_code == 404
    client.logout()
    assert client.get(_url(programme)).status_code == 302


def test_manager_response_counts_only_above_threshold(client, programme, before_round, workplace, manager):
    _fill(before_round, workplace, 3)
    client.force_login(manager)
    html = client.get(reverse("surveys:results_index")).content.decode()
    assert "Färre än 5 har svarat" in html and "3 av" not in html
    _fill(before_round, workplace, 3)
    html = client.get(reverse("surveys:results_index")).content.decode()
    assert "6 av 6 har svarat" in html


@pytest.mark.parametrize("size", [6, 30])
def test_results_query_count_is_constant(client, programme, before_round, after_round, workplace, programme_admin,
                                         size, django_assert_max_num_queries):
    employees = people(workplace, size)
    answer_many(before_round, employees, tillhorighet=3, trygghet=4, roll=1, amnen=[1, 2], tankar="Före")
    answer_many(after_round, employees, tillhorighet=4, trygghet=6, roll=2, amnen=[3], tankar="Efter")
    client.force_login(programme_admin)
    with django_assert_max_num_queries(23):  # 22, and the second factor's device (people.middleware)
        response = client.get(_url(programme, grupp=f"ap-{workplace.pk}"))
    assert response.status_code == 200
    assert "Förändring för dem som svarat både före och efter" in response.content.decode()
