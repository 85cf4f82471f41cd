"""Fixtures for survey tests: a programme with a before and an after survey and round."""

import datetime

import pytest

from surveys.models import Phase, SurveyKind
from tests.factories import ProgrammeFactory
from tests.surveys.factories import SurveyRoundFactory, survey_with_questions


@pytest.fixture
def programme(db):
    return ProgrammeFactory(name="Vilka är vi?")


@pytest.fixture
def before_round(programme, workplace, other_workplace):
    survey = survey_with_questions(programme=programme, kind=SurveyKind.BEFORE, title="Före")
    return SurveyRoundFactory(survey=survey, programme=programme, phase=Phase.BEFORE, name="Före",
                              opens_on=datetime.date(2026, 1, 1), workplaces=[workplace, other_workplace])


@pytest.fixture
def after_round(programme, workplace, other_workplace):
    # Same theme keys, changed wording.
    survey = survey_with_questions(programme=programme, kind=SurveyKind.AFTER, wording=" numera", title="Efter")
    return SurveyRoundFactory(survey=survey, programme=programme, phase=Phase.AFTER, name="Efter",
                              opens_on=datetime.date(2026, 1, 1), workplaces=[workplace, other_workplace])

