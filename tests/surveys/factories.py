"""Factories for surveys: a small before/after pair with every question type."""

import datetime

import factory
from factory.django import DjangoModelFactory

from surveys.models import (
    Phase,
    Question,
    QuestionType,
    Survey,
    SurveyInvitation,
    SurveyKind,
    SurveyRound,
)
from surveys.services import new_nonce
from tests.factories import ProgrammeFactory


class SurveyFactory(DjangoModelFactory):
    class Meta:
        model = Survey

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Enkät {n}")
    kind = SurveyKind.BEFORE


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    theme_key = factory.Sequence(lambda n: f"tema-{n}")
    type = QuestionType.LIKERT5
    text_sv = factory.Sequence(lambda n: f"Påstående {n}")
    sort_order = factory.Sequence(lambda n: n)


class SurveyRoundFactory(DjangoModelFactory):
    class Meta:
        model = SurveyRound
        skip_postgeneration_save = True

    survey = factory.SubFactory(SurveyFactory)
    programme = factory.LazyAttribute(lambda o: o.survey.programme)
    name = factory.Sequence(lambda n: f"Omgång {n}")
    phase = Phase.BEFORE
    opens_on = datetime.date(2026, 1, 1)
    closes_on = datetime.date(2027, 12, 31)

    @factory.post_generation
    def workplaces(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.workplaces.set(extracted)


class SurveyInvitationFactory(DjangoModelFactory):
    class Meta:
        model = SurveyInvitation

    round = factory.SubFactory(SurveyRoundFactory)
    employee = factory.SubFactory("tests.factories.EmployeeFactory")
    nonce = factory.LazyFunction(new_nonce)


def survey_with_questions(*, programme, kind=SurveyKind.BEFORE, wording="", title=None) -> Survey:
    """One question of each type. ``wording`` changes the texts but keeps the theme keys."""
    survey = SurveyFactory(programme=programme, kind=kind, title=title or f"Enkät {kind}")
    QuestionFactory(survey=survey, theme_key="tillhorighet", type=QuestionType.LIKERT5, required=True,
                    text_sv=f"Jag känner att jag hör till på min arbetsplats{wording}",
                    text_en="I feel I belong at my workplace", text_easy_sv="Jag hör till här", sort_order=1)
    QuestionFactory(survey=survey, theme_key="trygghet", type=QuestionType.SCALE0_10, required=True,
                    text_sv=f"Hur trygg känner du dig när åsikter krockar{wording}?", sort_order=2)
    QuestionFactory(survey=survey, theme_key="roll", type=QuestionType.SINGLE_CHOICE,
                    text_sv="Vilken roll har du?", options_sv="Medarbetare\nChef\nAnnan", sort_order=3)
    QuestionFactory(survey=survey, theme_key="amnen", type=QuestionType.MULTIPLE_CHOICE,
                    text_sv="Vad har ni pratat om?", options_sv="Språk\nReligion\nHumor", sort_order=4)
    QuestionFactory(survey=survey, theme_key="tankar", type=QuestionType.FREE_TEXT,
                    text_sv="Något mer du vill säga?", sort_order=5)
    return survey
