"""The survey demo: idempotent, deterministic, visible results, a hidden small workplace."""

import datetime
import io

import pytest

from courses.models import Programme
from people import demo as people_demo
from people.models import User
from surveys import demo
from surveys.models import Answer, Response, SurveyInvitation
from surveys.results import PROGRAMME, Group, programme_results
from surveys.selectors import groups_for

pytestmark = pytest.mark.django_db


def test_without_the_programme_nothing_is_created():
    out = io.StringIO()
    assert demo.seed(stdout=out) == []
    assert "saknas" in out.getvalue() and not Response.objects.exists()


def test_demo_surveys_answers_and_open_link(client):
    people_demo.seed(stdout=io.StringIO())
    programme = Programme.objects.create(name=demo.PROGRAMME_NAME, starts_on=datetime.date(2026, 2, 1),
                                         ends_on=datetime.date(2028, 2, 29))
    lines = demo.seed(stdout=io.StringIO())
    counts = (Response.objects.count(), Answer.objects.count(), SurveyInvitation.objects.count())
    assert counts[0] > 300
    again = demo.seed(stdout=io.StringIO())
    assert (Response.objects.count(), Answer.objects.count(), SurveyInvitation.objects.count()) == counts
    assert len(lines) == len(again) == 1 and "/sv/enkater/svar/" in lines[0]

    url = lines[0].split("http://127.0.0.1:8000", 1)[1]
    response = client.get(url)
    assert response.status_code == 200 and "Före arbetsplatsprocessen" in response.content.decode()

    results = programme_results(programme=programme, group=Group(PROGRAMME, programme.pk, ""))
    respekt = next(t for t in results.themes if t.theme_key == "respekt")
    assert respekt.paired.n > 100 and respekt.paired.mean_change > 0.3 and respekt.paired.p_value < 0.001

    chef = User.objects.get(email="chef@demo.samtalsrum.se")
    group = groups_for(chef, programme)[0]
    assert not programme_results(programme=programme, group=group).visibility.any_visible
