"""Results pages: released only when a round closes, suppression per group and per question
at the threshold boundaries, differencing refused, scope, constant query counts."""

import pytest

from django.urls import reverse

from people.models import Role
from surveys.anonymity import ORGANISATION, PROGRAMME_NODE, WORKPLACE
from surveys.results import disclosure_for
from tests.factories import EmployeeFactory, WorkplaceFactory, user_with_role
from tests.surveys.helpers import answer, answer_many, close, people

pytestmark = pytest.mark.django_db


def _url(programme, **params):
    url = reverse("surveys:results", kwargs={"programme_id": programme.pk})
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def _fill(survey_round, workplace, n, value=4, text="En tanke"):
    answer_many(survey_round, people(workplace, n), tillhorighet=value, trygghet=6, tankar=text)


def test_open_round_shows_nothing_until_it_closes(client, programme, before_round, workplace, manager):
    _fill(before_round, workplace, 12)
    client.force_login(manager)
    html = client.get(_url(programme)).content.decode()
    assert "Resultaten visas först när enkätomgången har stängt" in html
    assert "inte släppt än" in html and "Medel före" not in html and "En tanke" not in html
    assert "Nästa möjliga uppdatering (före): 1 januari 2028." in html
    close(before_round)
    html = client.get(_url(programme)).content.decode()
    assert "Medel före" in html and html.count("En tanke") == 12


@pytest.mark.parametrize(("n", "shown"), [(4, False), (5, True), (6, True)])
def test_group_threshold_boundary(client, programme, before_round, workplace, manager, n, shown):
    _fill(before_round, workplace, n)
    close(before_round)
    client.force_login(manager)
    html = client.get(_url(programme)).content.decode()
    assert ("Medel före" in html) is shown
    assert (html.count("En tanke") == n) is shown
    assert ("Färre än 5 personer har svarat" in html) is not shown


@pytest.mark.parametrize(("answered", "shown"), [(4, False), (5, True), (6, True)])
def test_single_question_threshold_boundary(client, programme, before_round, workplace, manager, answered, shown):
    """Ten people answer; only ``answered`` of them the optional questions."""
    group = people(workplace, 10)
    for i, employee in enumerate(group):
        extra = {"roll": 2, "tankar": f"Tanke {i}"} if i < answered else {}
        answer(before_round, employee, tillhorighet=4, trygghet=6, **extra)
    close(before_round)
    client.force_login(manager)
    html = client.get(_url(programme)).content.decode()
    assert "Medel före" in html  # the group itself is shown
    assert ("Tanke 0" in html) is shown
    roll = html.split("Vilken roll har du?</h2>", 1)[1].split("</section>", 1)[0]
    assert ("<table" in roll) is shown
    assert ("Visas inte: färre än 5 har svarat på frågan" in roll) is not shown


def test_differencing_across_workplaces_is_refused(client, programme, before_round, organisation, programme_admin):
    """Org: A 6, B 7, C 3 answers. C is hidden; subtracting A and B from the organisation
    would reveal C, so the smaller of A/B is hidden too."""
    a, b, c = (WorkplaceFactory(organisation=organisation, name=n) for n in ("A", "B", "C"))
    before_round.workplaces.add(a, b, c)
    _fill(before_round, a, 6, value=5)
    _fill(before_round, b, 7, value=5)
    _fill(before_round, c, 3, value=1)
    close(before_round)
    disclosure = disclosure_for(programme)
    shown = {w.name: disclosure.group_shown("before", (WORKPLACE, w.pk)) for w in (a, b, c)}
    assert shown == {"A": False, "B": True, "C": False}
    assert disclosure.group_shown("before", (ORGANISATION, organisation.pk))
    client.force_login(programme_admin)
    html = client.get(_url(programme, grupp=f"ap-{a.pk}")).content.decode()
    assert "Gruppen döljs för att skydda andra" in html
    html = client.get(_url(programme, grupp=f"org-{organisation.pk}")).content.decode()
    assert "Medel före" in html


def test_organisation_hidden_when_other_organisation_is_small(client, programme, before_round, workplace, other_workplace, hr_user):
    _fill(before_round, workplace, 10)
    _fill(before_round, other_workplace, 2)
    close(before_round)
    client.force_login(hr_user)
    html = client.get(_url(programme)).content.decode()  # HR's first group: their organisation
    assert "Resultaten visas inte" in html and "skydda andra" in html
    assert disclosure_for(programme).group_shown("before", PROGRAMME_NODE)


def test_release_in_steps_a_group_that_gained_fewer_than_the_threshold_is_hidden(
    client, programme, before_round, workplace, manager
):
    """Round 1 (8 answers) is released; round 2 adds one person at the same workplace. The
    results do not move by one person: the workplace is hidden until five more have answered."""
    from tests.surveys.factories import SurveyRoundFactory

    _fill(before_round, workplace, 8, value=4)
    close(before_round, days_ago=10)
    second = SurveyRoundFactory(survey=before_round.survey, programme=programme, phase="before", name="Före 2",
                                workplaces=[workplace])
    client.force_login(manager)
    first_view = client.get(_url(programme)).content.decode()
    assert "Medel före" in first_view and "4,00" in first_view
    _fill(second, workplace, 1, value=1)
    close(second, days_ago=5)
    html = client.get(_url(programme)).content.decode()
    assert "Medel före" not in html and "Gruppen döljs för att skydda andra" in html
    # Four more (five new in all) and the group is shown again, moved by five people.
    third = SurveyRoundFactory(survey=before_round.survey, programme=programme, phase="before", name="Före 3",
                               workplaces=[workplace])
    _fill(third, workplace, 4, value=1)
    close(third, days_ago=1)
    assert "Medel före" in client.get(_url(programme)).content.decode()


def test_paired_statistics_hidden_when_few_answered_only_before(client, programme, before_round, after_round, workplace, manager):
    """"All before" minus "paired before" would give the two who answered only before."""
    both = people(workplace, 8)
    answer_many(before_round, both, tillhorighet=2, trygghet=4)
    answer_many(after_round, both, tillhorighet=4, trygghet=6)
    answer_many(before_round, people(workplace, 2), tillhorighet=1, trygghet=0)
    close(before_round, after_round)
    client.force_login(manager)
    html = client.get(_url(programme)).content.decode()
    assert "Medel före" in html and "Medel efter" in html
    assert "Förändring för dem som svarat både före och efter" not in html
    assert "eller så skulle jämförelsen avslöja någons svar" in html


def test_combined_filters_are_refused(client, programme, before_round, workplace, programme_admin):
    _fill(before_round, workplace, 6)
    close(before_round)
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
    close(before_round)
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


@pytest.mark.parametrize(("answered", "text"), [
    (4, "Färre än 5 har svarat"), (5, "minst 5 av 12 har svarat"), (9, "minst 5 av 12 har svarat"),
    (10, "minst 10 av 12 har svarat"),
])
def test_manager_counter_moves_only_in_steps_while_open(client, programme, before_round, workplace, manager,
                                                        answered, text):
    from tests.surveys.factories import SurveyInvitationFactory

    group = people(workplace, 12 - 1)  # the manager is the twelfth
    answer_many(before_round, group[:answered], tillhorighet=4)
    for employee in [*group[answered:], manager.employee]:
        SurveyInvitationFactory(round=before_round, employee=employee)
    client.force_login(manager)
    html = client.get(reverse("surveys:results_index")).content.decode()
    assert text in html and f"{answered} av" not in html.replace(f"minst {answered} av", "")


def test_manager_counter_is_exact_once_closed(client, programme, before_round, workplace, manager):
    _fill(before_round, workplace, 7)
    close(before_round)
    client.force_login(manager)
    assert "7 av 7 har svarat" in client.get(reverse("surveys:results_index")).content.decode()


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "Förändring för dem som svarat både före och efter" in response.content.decode()
    return len(queries)


def test_results_query_count_is_constant(client, programme, before_round, after_round, workplace, programme_admin):
    """The same number of queries with 6 and with 36 people answering, for every kind of group."""
    from surveys.models import SurveyRound

    params = ("program", f"org-{workplace.organisation_id}", f"ap-{workplace.pk}")
    client.force_login(programme_admin)
    client.get(_url(programme))  # warm the per-process caches (site, locales) first
    counts = {}
    for size in (6, 30):
        SurveyRound.objects.filter(pk__in=[before_round.pk, after_round.pk]).update(closes_on="2027-12-31")
        employees = people(workplace, size)
        answer_many(before_round, employees, tillhorighet=3, trygghet=4, roll=1, amnen=[1, 2], tankar="Före")
        answer_many(after_round, employees, tillhorighet=4, trygghet=6, roll=2, amnen=[3], tankar="Efter")
        close(before_round, after_round)
        counts[size] = [_count_queries(client, _url(programme, grupp=p)) for p in params]
    assert counts[6] == counts[30], counts
    assert max(counts[30]) <= RESULTS_MAX_QUERIES, counts


#: The most queries any results page needs, whatever the number of answers (measured: see
#: docs/anonymity.md).
RESULTS_MAX_QUERIES = 24
