"""Two simultaneous submits of one invitation store one response (PostgreSQL row locks)."""

import threading

import pytest

from django.db import connection, connections

from surveys.models import Response
from surveys.services import SurveyError, survey_response_submit
from tests.factories import EmployeeFactory
from tests.surveys.factories import (
    SurveyInvitationFactory,
    SurveyRoundFactory,
    survey_with_questions,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks (set DATABASE_URL)"),
]


def test_simultaneous_double_submit_stores_one_response(workplace):
    from tests.factories import ProgrammeFactory

    programme = ProgrammeFactory()
    survey_round = SurveyRoundFactory(survey=survey_with_questions(programme=programme), programme=programme)
    invitation = SurveyInvitationFactory(round=survey_round, employee=EmployeeFactory(workplace=workplace))
    question = survey_round.survey.questions.get(theme_key="tillhorighet")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit():
        barrier.wait()
        try:
            survey_response_submit(invitation_id=invitation.pk, answers={question.pk: 4})
            outcomes.append("stored")
        except SurveyError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["answered", "stored"]
    assert Response.objects.count() == 1
