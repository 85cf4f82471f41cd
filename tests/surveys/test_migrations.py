"""The migration that moved survey texts onto wagtail-localize's translations keeps every text
and every answer: one survey copy per language, the answers on the Swedish questions."""

import datetime

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.models import Locale

from surveys.models import Answer, Question, Survey
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("surveys", "0002_anonymity")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _old_survey(apps, programme):
    """A survey as the old columns held it: English, lättläst and two more languages in JSON."""
    OldSurvey = apps.get_model("surveys", "Survey")
    OldQuestion = apps.get_model("surveys", "Question")
    survey = OldSurvey.objects.create(
        programme_id=programme.pk, kind="before", title="Före samtalen", title_en="Before the dialogues",
        description="Om arbetsplatsen.", description_en="About the workplace.",
    )
    belong = OldQuestion.objects.create(
        survey=survey, sort_order=1, theme_key="tillhorighet", type="likert5", required=True,
        text_sv="Jag hör till här", text_en="I belong here", text_easy_sv="Jag är en av oss",
        translations={"so": {"text": "Halkan ayaan ka mid ahay"}, "fi": {"text": "Kuulun tänne"}},
    )
    role = OldQuestion.objects.create(
        survey=survey, sort_order=2, theme_key="roll", type="single_choice",
        text_sv="Vilken roll har du?", options_sv="Medarbetare\nChef",
        text_en="What is your role?", options_en="Employee\nManager",
        translations={"so": {"text": "Waa maxay doorkaaga?", "options": ["Shaqaale", "Maamule"]}},
    )
    return survey, belong, role


def test_texts_move_to_one_copy_per_language_and_answers_stay_on_swedish(workplace):
    programme = ProgrammeFactory()
    executor = _migrate(BEFORE)
    try:
        apps = executor.loader.project_state(BEFORE).apps
        survey, belong, role = _old_survey(apps, programme)
        survey_round = apps.get_model("surveys", "SurveyRound").objects.create(
            survey=survey, programme_id=programme.pk, name="Före", phase="before",
            opens_on=datetime.date(2026, 1, 1), closes_on=datetime.date(2026, 12, 31),
        )
        response = apps.get_model("surveys", "Response").objects.create(
            round=survey_round, respondent_key="k1", workplace_id=workplace.pk, submitted_on=datetime.date(2026, 2, 1)
        )
        OldAnswer = apps.get_model("surveys", "Answer")
        OldAnswer.objects.create(response=response, question=belong, value=4)
        OldAnswer.objects.create(response=response, question=role, value=2)
        Locale.objects.filter(language_code="so").delete()
    finally:
        _migrate(_latest())

    source = Survey.objects.get(pk=survey.pk)
    assert source.locale.language_code == "sv" and source.title == "Före samtalen"
    copies = {s.locale.language_code: s for s in source.get_translations().select_related("locale")}
    assert set(copies) == {"en", "sv-easy", "so"}  # "fi" is not a language of the site
    assert Locale.objects.filter(language_code="so").exists()
    assert copies["en"].title == "Before the dialogues" and copies["en"].description == "About the workplace."
    assert copies["so"].title == "Före samtalen"  # no Somali title: Swedish, as wagtail-localize fills it
    for copy in copies.values():
        assert copy.programme_id == programme.pk and copy.kind == "before"
        assert [q.theme_key for q in copy.questions.all()] == ["tillhorighet", "roll"]
    swedish = {q.theme_key: q for q in source.questions.all()}
    assert swedish["tillhorighet"].text == "Jag hör till här" and swedish["roll"].options == "Medarbetare\nChef"
    assert swedish["tillhorighet"].text_for("en") == "I belong here"
    assert swedish["tillhorighet"].text_for("sv-easy") == "Jag är en av oss"
    assert swedish["tillhorighet"].text_for("so") == "Halkan ayaan ka mid ahay"
    assert swedish["roll"].text_for("sv-easy") == "Vilken roll har du?"
    assert swedish["roll"].options_for("en") == [(1, "Employee"), (2, "Manager")]
    assert swedish["roll"].options_for("so") == [(1, "Shaqaale"), (2, "Maamule")]
    assert swedish["roll"].options_for("sv-easy") == [(1, "Medarbetare"), (2, "Chef")]
    for copy in copies.values():
        for question in copy.questions.all():
            assert question.translation_key == swedish[question.theme_key].translation_key
            assert question.locale_id == copy.locale_id
    # The answers are where they were: on the Swedish questions, counted as before.
    assert {(a.question_id, a.value) for a in Answer.objects.all()} == {
        (swedish["tillhorighet"].pk, 4), (swedish["roll"].pk, 2)
    }
    assert source.rounds.count() == 1 and not Survey.objects.filter(rounds__isnull=False).exclude(pk=source.pk)
    assert Question.objects.filter(answers__isnull=False).distinct().count() == 2


def test_backwards_the_copies_go_back_into_the_language_columns():
    programme = ProgrammeFactory()
    executor = _migrate(BEFORE)
    try:
        _old_survey(executor.loader.project_state(BEFORE).apps, programme)
        _migrate(_latest())
        assert Survey.objects.count() == 4
        executor = _migrate(BEFORE)
        apps = executor.loader.project_state(BEFORE).apps
        survey = apps.get_model("surveys", "Survey").objects.get()
        assert (survey.title, survey.title_en, survey.description_en) == (
            "Före samtalen", "Before the dialogues", "About the workplace."
        )
        questions = {q.theme_key: q for q in apps.get_model("surveys", "Question").objects.all()}
        assert set(questions) == {"tillhorighet", "roll"}
        assert questions["tillhorighet"].text_en == "I belong here"
        assert questions["tillhorighet"].text_easy_sv == "Jag är en av oss"
        assert questions["roll"].options_en == "Employee\nManager"
        assert questions["roll"].translations["so"] == {"text": "Waa maxay doorkaaga?",
                                                         "options": ["Shaqaale", "Maamule"]}
    finally:
        _migrate(_latest())
