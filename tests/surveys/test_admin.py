"""Authoring surveys in the Wagtail admin: questions inline, theme keys unique, translations."""

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from surveys.models import EASY_SWEDISH, Question, QuestionType, Survey
from tests.factories import ProgrammeFactory
from tests.surveys.factories import QuestionFactory, SurveyFactory, survey_translation

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/surveys/survey/add/"
EDIT = "wagtailsnippets_surveys_survey:edit"


def _login(client, user):
    from people.services import user_groups_sync

    user_groups_sync(user=user)
    client.force_login(user)


def _post_data(programme, questions):
    data = {
        "programme": programme.pk, "title": "Före processen", "kind": "before", "description": "",
        "questions-TOTAL_FORMS": str(len(questions)), "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000",
    }
    for i, q in enumerate(questions):
        base = {"theme_key": "", "type": "likert5", "text": "", "options": "",
                "ORDER": str(i + 1), "DELETE": "", "id": ""}
        base.update(q)
        for key, value in base.items():
            if key == "required" and not value:
                continue
            data[f"questions-{i}-{key}"] = value
    return data


def test_programme_admin_writes_a_survey_with_inline_questions(client, programme_admin):
    programme = ProgrammeFactory()
    _login(client, programme_admin)
    assert client.get(ADD_URL).status_code == 200
    response = client.post(ADD_URL, _post_data(programme, [
        {"theme_key": "tillhorighet", "text": "Jag hör till", "required": "on"},
        {"theme_key": "roll", "type": "single_choice", "text": "Roll?", "options": "A\nB"},
    ]))
    assert response.status_code == 302, response.content.decode()[:3000]
    survey = Survey.objects.get()
    assert [q.theme_key for q in survey.questions.all()] == ["tillhorighet", "roll"]
    assert survey.questions.first().required
    edit = client.get(reverse(EDIT, args=[survey.pk]))
    assert edit.status_code == 200 and "Jag hör till" in edit.content.decode()


def test_duplicate_theme_key_and_missing_options_are_refused(client, programme_admin):
    programme = ProgrammeFactory()
    _login(client, programme_admin)
    response = client.post(ADD_URL, _post_data(programme, [
        {"theme_key": "samma", "text": "Ett"},
        {"theme_key": "samma", "text": "Två"},
    ]))
    assert response.status_code == 200
    assert not Survey.objects.exists()
    response = client.post(ADD_URL, _post_data(programme, [
        {"theme_key": "roll", "type": "single_choice", "text": "Roll?", "options": "Bara ett"},
    ]))
    assert response.status_code == 200
    assert "minst två svarsalternativ" in response.content.decode()
    assert not Survey.objects.exists()


def test_employee_and_manager_cannot_open_survey_admin(client, manager):
    _login(client, manager)
    assert client.get(ADD_URL).status_code in (302, 403)


def test_missing_translation_falls_back_to_swedish():
    question = QuestionFactory(text="Jag hör till")
    survey_translation(question.survey, EASY_SWEDISH, texts={question.theme_key: "Jag hör hit"})
    survey_translation(question.survey, "fi", texts={question.theme_key: "Kuulun joukkoon"})
    question = Question.objects.get(pk=question.pk)
    assert question.text_for("en") == "Jag hör till"  # no English translation
    assert question.text_for(EASY_SWEDISH) == "Jag hör hit"
    assert question.text_for("fi") == "Kuulun joukkoon"
    assert question.text_for("de") == "Jag hör till"
    labels = question.options_for("en")
    assert labels[0] == (1, "Strongly disagree") and len(labels) == 5


def test_choice_options_fall_back_when_translation_count_differs():
    question = QuestionFactory(type=QuestionType.SINGLE_CHOICE, text="?", options="Ja\nNej")
    survey_translation(question.survey, "en", options={question.theme_key: "Yes"})
    question = Question.objects.get(pk=question.pk)
    assert question.options_for("en") == [(1, "Ja"), (2, "Nej")]
    translated = Question.objects.get(translation_key=question.translation_key, locale__language_code="en")
    with pytest.raises(ValidationError, match="Lika många alternativ som på svenska"):
        translated.clean()


def test_programme_admin_creates_a_round(client, programme_admin, workplace):
    from surveys.models import SurveyRound
    from tests.surveys.factories import SurveyFactory

    survey = SurveyFactory()
    other = SurveyFactory()
    _login(client, programme_admin)
    data = {"survey": survey.pk, "programme": survey.programme_id, "name": "Före", "phase": "before",
            "opens_on": "2026-12-01", "closes_on": "2026-12-31", "workplaces": [workplace.pk],
            "reminder_interval_days": "7", "max_reminders": "2"}
    assert client.post("/admin/surveyround/new/", {**data, "closes_on": "2026-11-30"}).status_code == 200
    assert client.post("/admin/surveyround/new/", {**data, "programme": other.programme_id}).status_code == 200
    assert not SurveyRound.objects.exists()
    assert client.post("/admin/surveyround/new/", data).status_code == 302
    assert list(SurveyRound.objects.get().workplaces.all()) == [workplace]


@pytest.mark.parametrize(("opens_on", "closes_on", "message"), [
    ("0001-01-01", "2026-12-31", "Välj ett datum mellan 2025-07-02 och 2028-07-01"),
    ("2026-12-01", "9999-12-31", "Välj ett datum mellan 2025-07-02 och 2028-07-01"),
    ("2026-12-01", "2028-07-02", "Välj ett datum mellan"),  # a day after the programme's end + margin
    ("2026-12-01", "2027-12-03", "högst ett år"),
    ("2026-10-01", "2026-11-22", "en omgång kan inte stänga i efterhand"),  # closes yesterday
])
def test_round_dates_are_bounded(client, programme_admin, workplace, opens_on, closes_on, message):
    """Programme 2026-01-01 – 2027-12-31: a round lies within it ± 183 days, is open at most a
    year and cannot close in the past. Refused with a message, nothing saved, never a 500."""
    from surveys.models import SurveyRound

    survey = SurveyFactory()
    _login(client, programme_admin)
    data = {"survey": survey.pk, "programme": survey.programme_id, "name": "Före", "phase": "before",
            "opens_on": opens_on, "closes_on": closes_on, "workplaces": [workplace.pk],
            "reminder_interval_days": "7", "max_reminders": "2"}
    response = client.post("/admin/surveyround/new/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SurveyRound.objects.exists()
    ok = client.post("/admin/surveyround/new/", {**data, "opens_on": "2026-12-01", "closes_on": "2027-11-30"})
    assert ok.status_code == 302 and SurveyRound.objects.count() == 1


def test_the_database_refuses_absurd_round_dates():
    import datetime

    from django.db import IntegrityError, transaction

    from tests.surveys.factories import SurveyRoundFactory

    for opens_on, closes_on in ((datetime.date(1, 1, 1), datetime.date(2026, 1, 1)),
                                (datetime.date(2026, 1, 1), datetime.date(9999, 12, 31))):
        with pytest.raises(IntegrityError), transaction.atomic():
            SurveyRoundFactory(opens_on=opens_on, closes_on=closes_on)


def test_a_closed_round_cannot_be_reopened(client, programme_admin, workplace):
    import datetime

    from django.utils import timezone

    from tests.surveys.factories import SurveyRoundFactory

    closed = SurveyRoundFactory(opens_on=datetime.date(2026, 10, 1),
                                closes_on=timezone.localdate() - datetime.timedelta(days=1), workplaces=[workplace])
    _login(client, programme_admin)
    data = {"survey": closed.survey_id, "programme": closed.programme_id, "name": closed.name, "phase": "before",
            "opens_on": "2026-10-01", "closes_on": "2027-01-31", "workplaces": [workplace.pk],
            "reminder_interval_days": "7", "max_reminders": "2"}
    response = client.post(f"/admin/surveyround/edit/{closed.pk}/", data)
    assert response.status_code == 200 and "datumen kan inte ändras" in response.content.decode()
    closed.refresh_from_db()
    assert closed.closes_on == timezone.localdate() - datetime.timedelta(days=1)
