"""Helpers that answer surveys the way a respondent would, through the service, and close
rounds so that their results are released."""

import datetime

from django.utils import timezone

from surveys.models import QuestionType, SurveyRound
from surveys.services import survey_response_submit
from tests.factories import EmployeeFactory
from tests.surveys.factories import SurveyInvitationFactory


def answer(survey_round, employee, **values):
    """Answer ``survey_round`` as ``employee``; ``values`` maps theme key → value."""
    invitation = SurveyInvitationFactory(round=survey_round, employee=employee)
    questions = {q.theme_key: q for q in survey_round.survey.questions.all()}
    answers = {}
    for theme, value in values.items():
        question = questions[theme]
        if question.type == QuestionType.MULTIPLE_CHOICE and not isinstance(value, list):
            value = [value]
        answers[question.pk] = value
    return survey_response_submit(invitation_id=invitation.pk, answers=answers)


def people(workplace, n):
    return [EmployeeFactory(workplace=workplace) for _ in range(n)]


def answer_many(survey_round, employees, **values):
    for employee in employees:
        answer(survey_round, employee, **values)


def close(*survey_rounds, days_ago=1):
    """Close rounds as if their last day was ``days_ago`` days ago (their results are then
    released). Straight to the database: the admin form refuses closing in the past."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    for survey_round in survey_rounds:
        SurveyRound.objects.filter(pk=survey_round.pk).update(closes_on=day)
        survey_round.closes_on = day
