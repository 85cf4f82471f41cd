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


LANGUAGES = ("sv", "en", "sv-easy", "ar", "so", "ti", "fa")


def test_every_demo_question_exists_in_all_seven_languages():
    """Each question of both demo surveys has its own text and as many options in every language,
    through wagtail-localize: English and lättläst reviewed, the others machine-drafted."""
    from wagtail_localize.models import StringTranslation

    from surveys.models import Question, Survey

    Programme.objects.create(name=demo.PROGRAMME_NAME, starts_on=datetime.date(2026, 2, 1),
                             ends_on=datetime.date(2028, 2, 29))
    demo.seed(stdout=io.StringIO())
    counts = (Survey.objects.count(), Question.objects.count(), StringTranslation.objects.count())
    demo.seed(stdout=io.StringIO())
    assert (Survey.objects.count(), Question.objects.count(), StringTranslation.objects.count()) == counts

    sources = list(Survey.objects.sources())
    assert len(sources) == 2
    for survey in sources:
        assert sorted(survey.get_translations(inclusive=True).values_list("locale__language_code", flat=True)) == sorted(
            LANGUAGES
        )
        for question in survey.questions.all():
            swedish = question.options_for("sv")
            texts = {language: question.text_for(language) for language in LANGUAGES}
            assert len(set(texts.values())) == len(LANGUAGES), (question.theme_key, texts)
            for language in LANGUAGES:
                translated = Question.objects.get(translation_key=question.translation_key,
                                                  locale__language_code=language)
                assert translated.text == texts[language] and translated.theme_key == question.theme_key
                assert len(question.options_for(language)) == len(swedish), (language, question.theme_key)
                if question.options:
                    assert len(translated.options.splitlines()) == len(question.options.splitlines())
                    assert language == "sv" or translated.options != question.options, (language, question.theme_key)
        assert len({survey.title_for(language) for language in LANGUAGES}) == len(LANGUAGES)
    kinds = dict(
        StringTranslation.objects.values_list("locale__language_code", "translation_type").distinct()
    )
    assert kinds == {"en": "manual", "sv-easy": "manual", "ar": "machine", "so": "machine", "ti": "machine",
                     "fa": "machine"}
