"""An employee answers the demo survey on a phone in Arabic (right to left) and in Somali: the
survey is in their language, passes axe, does not scroll sideways, and the answers are stored
on the Swedish questions."""

import datetime
import importlib

import pytest

from django.utils import translation

from surveys import demo
from surveys.links import answer_path
from surveys.models import Answer, Response, SurveyKind
from tests.e2e.conftest import PHONE
from tests.factories import EmployeeFactory, ProgrammeFactory
from tests.surveys.factories import SurveyInvitationFactory, SurveyRoundFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("so", "ltr")])
def test_employee_answers_the_survey_in_their_language_on_a_phone(
    page, live_server, site_home, workplace, axe_check, language, direction
):
    programme = ProgrammeFactory(name=demo.PROGRAMME_NAME)
    survey = demo._survey(programme, SurveyKind.BEFORE)
    demo._translations(survey)
    survey_round = SurveyRoundFactory(survey=survey, programme=programme, opens_on=datetime.date(2026, 1, 1),
                                      workplaces=[workplace])
    invitation = SurveyInvitationFactory(round=survey_round, employee=EmployeeFactory(workplace=workplace))
    texts = importlib.import_module(f"surveys.demo_i18n.{language}")
    with translation.override(language):
        url = live_server.url + answer_path(invitation, language=language)

    page.set_viewport_size(PHONE)
    page.goto(url)
    html = page.locator("html")
    assert html.get_attribute("lang") == language and html.get_attribute("dir") == direction
    assert page.get_by_role("heading", level=1).inner_text() == texts.SURVEYS["before"]["title"]
    questions = {q.theme_key: q for q in survey.questions.all()}
    for theme in ("respekt", "tillhorighet", "amnen"):
        legend = page.locator(f"#q_{questions[theme].pk}-legend .question__text")
        assert legend.inner_text() == texts.QUESTIONS[theme]["text"]
    assert page.get_by_text(texts.QUESTIONS["amnen"]["options"].split("\n")[0], exact=True).is_visible()
    assert "På min arbetsplats blir alla" not in page.content()
    axe_check(page, f"survey in {language} at 360 px")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    for theme, value in (("respekt", 4), ("olikheter", 5), ("kulturkrockar", 3), ("oenighet", 4), ("tillhorighet", 8)):
        page.locator(f'label[for="q_{questions[theme].pk}_{value}"]').click()
    page.locator(f'label[for="q_{questions["amnen"].pk}_2"]').click()
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_url(f"**/{language}/enkater/tack/")
    axe_check(page, f"thanks page in {language} at 360 px")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    stored = Response.objects.get()
    answers = {a.question.theme_key: a for a in Answer.objects.filter(response=stored).select_related("question")}
    assert answers["respekt"].value == 4 and answers["tillhorighet"].value == 8 and answers["amnen"].choices == [2]
    assert {a.question.locale.language_code for a in answers.values()} == {"sv"}
    assert {a.question.survey_id for a in answers.values()} == {survey.pk}
