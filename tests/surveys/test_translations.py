"""Surveys in the reader's language, from their wagtail-localize translations: answers always
land on the Swedish questions, untranslated questions stay Swedish one by one, the lättläst
switch keeps the draft, and editors translate surveys in wagtail-localize's editor."""

import pytest

from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale

from surveys.links import answer_path
from surveys.models import Answer, Question, Survey
from surveys.results import PROGRAMME, Group, programme_results
from tests.factories import EmployeeFactory
from tests.surveys.factories import SurveyInvitationFactory, survey_translation
from tests.surveys.helpers import answer, close

pytestmark = pytest.mark.django_db

SOMALI = {
    "tillhorighet": "Waxaan dareemayaa inaan ka mid ahay goobtayda shaqada",
    "trygghet": "Intee ayaad ku kalsoon tahay marka fikraduhu isku dhacaan?",
    "roll": "Waa maxay doorkaaga?",
    "amnen": "Maxaad ka wada hadasheen?",
    "tankar": "Ma jiraa wax kale oo aad rabto inaad tiraahdo?",
}
SOMALI_OPTIONS = {"roll": "Shaqaale\nMaamule\nKale", "amnen": "Luqad\nDiin\nKaftan"}


def _somali(survey, missing=()):
    return survey_translation(survey, "so", title="Ka hor wadahadallada", texts=SOMALI, options=SOMALI_OPTIONS,
                              missing=missing)


def _path(invitation, language):
    with translation.override(language):
        return answer_path(invitation, language=language)


def _post(survey_round, action="submit"):
    q = {question.theme_key: question for question in survey_round.survey.questions.all()}
    return {
        f"q_{q['tillhorighet'].pk}": "4", f"q_{q['trygghet'].pk}": "7", f"q_{q['roll'].pk}": "2",
        f"q_{q['amnen'].pk}": ["1", "3"], f"q_{q['tankar'].pk}": "Aad bay u fiicnayd.", "action": action,
    }


def test_answering_in_somali_saves_on_the_swedish_questions_and_counts_with_swedish_answers(
    client, programme, before_round, workplace
):
    _somali(before_round.survey)
    swedish = {q.pk for q in before_round.survey.questions.all()}
    for _n in range(5):
        invitation = SurveyInvitationFactory(round=before_round, employee=EmployeeFactory(workplace=workplace))
        page = client.get(_path(invitation, "so"))
        html = page.content.decode()
        assert page.status_code == 200 and '<html lang="so"' in html
        assert "Ka hor wadahadallada" in html and SOMALI["roll"] in html and "Maamule" in html
        assert "Vilken roll har du?" not in html
        response = client.post(_path(invitation, "so"), _post(before_round))
        assert response.status_code == 302, response.content.decode()[:2000]
    answer(before_round, EmployeeFactory(workplace=workplace), roll=2, tillhorighet=4)  # one in Swedish

    assert {a.question_id for a in Answer.objects.all()} == swedish
    assert not Answer.objects.exclude(question__locale__language_code="sv").exists()
    close(before_round)
    results = programme_results(programme=programme, group=Group(PROGRAMME, programme.pk, ""))
    roll = next(t for t in results.themes if t.theme_key == "roll")
    assert roll.n["before"] == 6 and [o.counts["before"] for o in roll.options] == [0, 6, 0]
    assert [o.label for o in roll.options] == ["Medarbetare", "Chef", "Annan"]
    # The same figures read in Somali, with the Somali labels.
    somali = programme_results(programme=programme, group=Group(PROGRAMME, programme.pk, ""), language="so")
    roll = next(t for t in somali.themes if t.theme_key == "roll")
    assert [(o.label, o.counts["before"]) for o in roll.options] == [("Shaqaale", 0), ("Maamule", 6), ("Kale", 0)]
    assert roll.text == SOMALI["roll"]


def test_a_question_missing_from_the_translation_is_shown_in_swedish_alone(client, before_round, workplace):
    _somali(before_round.survey, missing=("trygghet",))
    invitation = SurveyInvitationFactory(round=before_round, employee=EmployeeFactory(workplace=workplace))
    html = client.get(_path(invitation, "so")).content.decode()
    assert "Hur trygg känner du dig när åsikter krockar?" in html
    assert SOMALI["trygghet"] not in html
    for theme in ("tillhorighet", "roll", "amnen", "tankar"):
        assert SOMALI[theme] in html
    assert "Vilken roll har du?" not in html and "Något mer du vill säga?" not in html
    # Answering works for the untranslated question too.
    assert client.post(_path(invitation, "so"), _post(before_round)).status_code == 302
    assert Answer.objects.filter(question__theme_key="trygghet", value=7).count() == 1


def test_options_of_another_number_than_the_swedish_fall_back_to_swedish(client, before_round, workplace):
    survey_translation(before_round.survey, "so", texts=SOMALI, options={"roll": "Shaqaale\nMaamule"})
    invitation = SurveyInvitationFactory(round=before_round, employee=EmployeeFactory(workplace=workplace))
    html = client.get(_path(invitation, "so")).content.decode()
    assert SOMALI["roll"] in html and "Medarbetare" in html and "Shaqaale" not in html


def test_answer_page_queries_do_not_grow_with_the_translated_questions(client, before_round, workplace):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _somali(before_round.survey)
    invitation = SurveyInvitationFactory(round=before_round, employee=EmployeeFactory(workplace=workplace))
    client.get(_path(invitation, "so"))  # warm the per-process caches
    counts = []
    for extra in (0, 6):
        source = before_round.survey
        translated = Survey.objects.get(translation_key=source.translation_key, locale__language_code="so")
        for i in range(extra):
            question = Question.objects.create(survey=source, theme_key=f"extra-{i}", text=f"Extra {i}", sort_order=10 + i)
            Question.objects.create(survey=translated, locale=translated.locale, translation_key=question.translation_key,
                                    theme_key=question.theme_key, text=f"Dheeri {i}", sort_order=10 + i)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(_path(invitation, "so")).content.decode()
        assert extra == 0 or "Dheeri 5" in html
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_lattlast_switch_keeps_what_was_filled_in(client, before_round, workplace):
    invitation = SurveyInvitationFactory(round=before_round, employee=EmployeeFactory(workplace=workplace))
    q = {question.theme_key: question for question in before_round.survey.questions.all()}
    swedish = _path(invitation, "sv")
    html = client.get(swedish).content.decode()
    assert 'value="lattlast"' in html and "Visa enkäten på lättläst svenska" in html
    # Half-way through, without the autosave having run: the switch itself saves the draft.
    response = client.post(swedish, {f"q_{q['roll'].pk}": "3", f"q_{q['trygghet'].pk}": "8", "action": "lattlast"})
    easy = swedish.replace("/sv/", "/sv-easy/", 1)  # the same link, under the lättläst prefix
    assert response.status_code == 302 and response["Location"] == easy
    html = client.get(easy).content.decode()
    assert "Jag hör till här" in html and "Vem får se dina svar?" in html
    assert f'id="q_{q["roll"].pk}_3" name="q_{q["roll"].pk}" value="3" checked' in html
    assert f'id="q_{q["trygghet"].pk}_8" name="q_{q["trygghet"].pk}" value="8" checked' in html
    assert 'value="vanlig"' in html and "Visa vanlig svenska" in html
    # And back to ordinary Swedish, with a change made in lättläst kept too.
    response = client.post(easy, {f"q_{q['roll'].pk}": "1", f"q_{q['trygghet'].pk}": "8", "action": "vanlig"})
    assert response.status_code == 302 and response["Location"] == swedish
    html = client.get(swedish).content.decode()
    assert "Jag känner att jag hör till på min arbetsplats" in html
    assert f'id="q_{q["roll"].pk}_1" name="q_{q["roll"].pk}" value="1" checked' in html
    invitation.refresh_from_db()
    assert not invitation.responded


def test_an_editor_translates_a_survey_in_wagtail_localize(client, editor, before_round):
    from wagtail_localize.models import Translation

    from people.services import user_groups_sync

    Locale.objects.get_or_create(language_code="so")
    user_groups_sync(user=editor)
    client.force_login(editor)
    survey = before_round.survey
    listing = client.get(reverse("wagtailsnippets_surveys_survey:list"))
    assert listing.status_code == 200
    submit = reverse("wagtail_localize:submit_snippet_translation", args=["surveys", "survey", survey.pk])
    assert survey.title in listing.content.decode()
    # What shows "Översätt" among the survey's actions in the list.
    assert editor.has_perm("wagtail_localize.submit_translation") and editor.has_perm("surveys.change_survey")
    assert client.get(submit).status_code == 200
    so = Locale.objects.get(language_code="so")
    response = client.post(submit, {"locales": [so.pk]})
    assert response.status_code == 302
    translated = Survey.objects.get(translation_key=survey.translation_key, locale=so)
    assert Translation.objects.filter(source__object_id=survey.translation_key, target_locale=so).exists()
    assert sorted(translated.questions.values_list("theme_key", flat=True)) == sorted(
        survey.questions.values_list("theme_key", flat=True)
    )
    editor_page = client.get(reverse("wagtailsnippets_surveys_survey:edit", args=[translated.pk]))
    assert editor_page.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in editor_page.templates]
    # Editors translate; adding or deleting surveys stays with programme admins.
    assert client.get(reverse("wagtailsnippets_surveys_survey:add")).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_surveys_survey:delete", args=[survey.pk])).status_code in (302, 403)


def test_rounds_are_given_with_the_swedish_survey_only(client, programme_admin, before_round, workplace):
    from people.services import user_groups_sync

    english = Survey.objects.get(translation_key=before_round.survey.translation_key, locale__language_code="en")
    user_groups_sync(user=programme_admin)
    client.force_login(programme_admin)
    data = {"survey": english.pk, "programme": english.programme_id, "name": "Engelsk", "phase": "before",
            "opens_on": "2026-12-01", "closes_on": "2026-12-31", "workplaces": [workplace.pk],
            "reminder_interval_days": "7", "max_reminders": "2"}
    response = client.post("/admin/surveyround/new/", data)
    assert response.status_code == 200 and not english.rounds.exists()
    assert client.post("/admin/surveyround/new/", {**data, "survey": before_round.survey_id}).status_code == 302
