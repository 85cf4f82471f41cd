"""Factories for surveys: a small before/after pair with every question type."""

import datetime

import factory
from factory.django import DjangoModelFactory

from wagtail.models import Locale

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
    text = factory.Sequence(lambda n: f"Påstående {n}")
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


def survey_translation(survey: Survey, language: str, *, title: str = "", description: str = "",
                       texts: dict[str, str] | None = None, options: dict[str, str] | None = None,
                       missing: tuple[str, ...] = ()) -> Survey:
    """A copy of ``survey`` in ``language``'s locale, as wagtail-localize leaves it: the same
    translation keys, the given texts, Swedish where none is given; questions in ``missing``
    are left out (added to the Swedish survey after it was translated)."""
    texts, options = texts or {}, options or {}
    locale = Locale.objects.get_or_create(language_code=language)[0]
    copy = Survey.objects.create(
        programme=survey.programme, kind=survey.kind, title=title or survey.title,
        description=description or survey.description, locale=locale, translation_key=survey.translation_key,
    )
    for question in survey.questions.all():
        if question.theme_key in missing:
            continue
        Question.objects.create(
            survey=copy, locale=locale, translation_key=question.translation_key, sort_order=question.sort_order,
            theme_key=question.theme_key, type=question.type, required=question.required,
            text=texts.get(question.theme_key, question.text), options=options.get(question.theme_key, question.options),
        )
    return copy


def survey_with_questions(*, programme, kind=SurveyKind.BEFORE, wording="", title=None) -> Survey:
    """One question of each type. ``wording`` changes the texts but keeps the theme keys.

    With an English and a lättläst translation of the first question (the others untranslated).
    """
    survey = SurveyFactory(programme=programme, kind=kind, title=title or f"Enkät {kind}")
    QuestionFactory(survey=survey, theme_key="tillhorighet", type=QuestionType.LIKERT5, required=True,
                    text=f"Jag känner att jag hör till på min arbetsplats{wording}", sort_order=1)
    QuestionFactory(survey=survey, theme_key="trygghet", type=QuestionType.SCALE0_10, required=True,
                    text=f"Hur trygg känner du dig när åsikter krockar{wording}?", sort_order=2)
    QuestionFactory(survey=survey, theme_key="roll", type=QuestionType.SINGLE_CHOICE,
                    text="Vilken roll har du?", options="Medarbetare\nChef\nAnnan", sort_order=3)
    QuestionFactory(survey=survey, theme_key="amnen", type=QuestionType.MULTIPLE_CHOICE,
                    text="Vad har ni pratat om?", options="Språk\nReligion\nHumor", sort_order=4)
    QuestionFactory(survey=survey, theme_key="tankar", type=QuestionType.FREE_TEXT,
                    text="Något mer du vill säga?", sort_order=5)
    survey_translation(survey, "en", texts={"tillhorighet": "I feel I belong at my workplace"})
    survey_translation(survey, "sv-easy", texts={"tillhorighet": "Jag hör till här"})
    return survey
