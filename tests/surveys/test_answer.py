"""Answering from a signed link: abuse refused with a clear page, drafts kept, one response."""

import datetime
import time

import pytest

from django.core import signing
from django.urls import reverse
from django.utils import translation

from surveys.links import SALT, answer_path, answer_token
from surveys.models import Answer, Response
from surveys.pairing import respondent_key_for
from tests.factories import EmployeeFactory
from tests.surveys.factories import SurveyInvitationFactory

pytestmark = pytest.mark.django_db


def _questions(survey_round):
    return {q.theme_key: q for q in survey_round.survey.questions.all()}


def _complete_post(survey_round, **extra):
    q = _questions(survey_round)
    data = {
        f"q_{q['tillhorighet'].pk}": "4",
        f"q_{q['trygghet'].pk}": "7",
        f"q_{q['roll'].pk}": "1",
        f"q_{q['amnen'].pk}": ["1", "3"],
        f"q_{q['tankar'].pk}": "Bra samtal.",
        "action": "submit",
    }
    data.update(extra)
    return data


@pytest.fixture
def invitation(before_round, workplace):
    return SurveyInvitationFactory(round=before_round, employee=EmployeeFactory(workplace=workplace))


def _url(invitation):
    with translation.override("sv"):
        return answer_path(invitation, language="sv")


def test_answer_page_shows_fieldsets_progress_and_privacy(client, invitation):
    response = client.get(_url(invitation))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<fieldset") == 5 and html.count("<legend") == 5
    assert "<progress" in html and "Du har svarat på 0 av 5 frågor" in html
    assert "Vem ser vad, och när?" in html
    assert "inte din chef, processledarna, HR eller programmets administratörer" in html
    assert "Resultaten visas först när enkäten har stängt (31 december 2027)" in html
    assert "minst 5 har svarat på frågan" in html
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


def test_easy_swedish_and_english_texts(client, invitation):
    # The lättläst version is the sv-easy locale; the switch's old address leads there.
    response = client.get(_url(invitation) + "?lattlast=1", follow=True)
    assert response.redirect_chain[-1][0].startswith("/sv-easy/enkater/svar/")
    html = response.content.decode()
    assert "Jag hör till här" in html
    # Who sees what, and when – in easy-to-read Swedish too.
    assert "Vem får se dina svar?" in html and "Inte din chef. Inte HR." in html
    assert "Vi visar svaren först när enkäten är slut, 31 december." in html
    assert "minst 5 personer har svarat" in html
    with translation.override("en"):
        url = answer_path(invitation, language="en")
    html = client.get(url).content.decode()
    assert "I feel I belong at my workplace" in html
    assert "Who sees what, and when?" in html
    assert "not your manager, the process leaders, HR or the programme's administrators" in html
    assert "Results are shown only after the survey has closed (31 December 2027)" in html
    assert "Hur trygg känner du dig" in html  # no English text: Swedish


def test_submit_stores_anonymous_response_and_shows_confirmation(client, invitation, workplace):
    response = client.post(_url(invitation), _complete_post(invitation.round))
    assert response.status_code == 302 and response["Location"].endswith(reverse("surveys:thanks"))
    stored = Response.objects.get()
    assert stored.workplace == workplace and stored.organisation == workplace.organisation
    assert stored.respondent_key == respondent_key_for(
        programme_id=invitation.round.programme_id, employee_id=invitation.employee_id
    )
    assert isinstance(stored.submitted_on, datetime.date) and not isinstance(stored.submitted_on, datetime.datetime)
    answers = {a.question.theme_key: a for a in stored.answers.select_related("question")}
    assert answers["tillhorighet"].value == 4 and answers["amnen"].choices == [1, 3]
    assert answers["tankar"].text == "Bra samtal."
    invitation.refresh_from_db()
    assert invitation.responded and invitation.draft is None


def test_missing_required_answer_is_tied_to_its_field_and_kept_as_draft(client, invitation):
    q = _questions(invitation.round)
    data = _complete_post(invitation.round)
    del data[f"q_{q['tillhorighet'].pk}"]
    response = client.post(_url(invitation), data)
    html = response.content.decode()
    assert response.status_code == 200
    name = f"q_{q['tillhorighet'].pk}"
    assert f'aria-describedby="{name}-error"' in html and f'id="{name}-error"' in html
    assert "obligatorisk" in html and 'class="error-summary"' in html
    assert not Response.objects.exists()
    invitation.refresh_from_db()
    assert invitation.draft[f"q_{q['trygghet'].pk}"] == ["7"]
    # Coming back later with the same link shows what was filled in.
    html = client.get(_url(invitation)).content.decode()
    assert f'id="q_{q["trygghet"].pk}_7" name="q_{q["trygghet"].pk}" value="7" checked' in html


def test_autosave_endpoint_keeps_partial_answers(client, invitation):
    q = _questions(invitation.round)
    url = reverse("surveys:answer_draft", kwargs={"token": answer_token(invitation)})
    assert client.post(url, {f"q_{q['roll'].pk}": "2", "other": "x"}).status_code == 204
    invitation.refresh_from_db()
    assert invitation.draft == {f"q_{q['roll'].pk}": ["2"]}


def test_double_submit_stores_one_response(client, invitation):
    url = _url(invitation)
    assert client.post(url, _complete_post(invitation.round)).status_code == 302
    second = client.post(url, _complete_post(invitation.round))
    assert second.status_code == 200 and "Du har redan svarat" in second.content.decode()
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 5


def test_submit_service_twice_is_one_response(invitation):
    from surveys.services import SurveyError, survey_response_submit

    survey_response_submit(invitation_id=invitation.pk, answers={})
    with pytest.raises(SurveyError):
        survey_response_submit(invitation_id=invitation.pk, answers={})
    assert Response.objects.count() == 1


def test_forged_link_gets_a_clear_page(client, invitation):
    token = answer_token(invitation)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.get(reverse("surveys:answer", kwargs={"token": forged}))
    assert response.status_code == 404
    assert "Länken fungerar inte" in response.content.decode()
    response = client.get(reverse("surveys:answer", kwargs={"token": "nonsense"}))
    assert response.status_code == 404


def test_link_signed_for_another_invitation_id_is_refused(client, invitation):
    # A validly signed payload that names another round than the invitation's.
    token = signing.TimestampSigner(salt=SALT).sign(f"{invitation.round_id + 999}:{invitation.pk}:{invitation.nonce}")
    response = client.get(reverse("surveys:answer", kwargs={"token": token}))
    assert response.status_code == 404
    assert not Response.objects.exists()


def test_wrong_round_questions_are_not_stored(client, invitation, after_round):
    data = _complete_post(invitation.round)
    other_q = after_round.survey.questions.first()
    data[f"q_{other_q.pk}"] = "5"
    client.post(_url(invitation), data)
    assert not Answer.objects.filter(question=other_q).exists()


def test_reused_link_after_answering(client, invitation):
    client.post(_url(invitation), _complete_post(invitation.round))
    response = client.get(_url(invitation))
    assert response.status_code == 200 and "Du har redan svarat" in response.content.decode()


def test_replaced_nonce_invalidates_old_link(client, invitation):
    url = _url(invitation)
    invitation.nonce = "0" * 32
    invitation.save()
    response = client.get(url)
    assert response.status_code == 410 and "Länken har ersatts" in response.content.decode()
    assert client.post(url, _complete_post(invitation.round)).status_code == 410
    assert not Response.objects.exists()


@pytest.mark.parametrize(("age", "status", "text"), [
    (datetime.timedelta(days=60) - datetime.timedelta(seconds=5), 200, "Fråga 1 av 5"),
    (datetime.timedelta(days=60) + datetime.timedelta(seconds=5), 410, "Länken har gått ut"),
])
def test_link_expiry_at_the_boundary(client, invitation, settings, monkeypatch, age, status, text):
    """A link made ``age`` ago, with links valid for 60 days: just before and just after."""
    settings.SAMTALSRUM_LINK_MAX_AGE_DAYS = 60
    made_at = time.time() - age.total_seconds()
    monkeypatch.setattr(signing.time, "time", lambda: made_at)
    url = _url(invitation)
    monkeypatch.undo()
    response = client.get(url)
    assert response.status_code == status and text in response.content.decode()


def test_closed_and_not_yet_open_round(client, invitation):
    survey_round = invitation.round
    survey_round.opens_on = datetime.date(2020, 1, 1)
    survey_round.closes_on = datetime.date(2020, 2, 1)
    survey_round.save()
    response = client.get(_url(invitation))
    assert response.status_code == 410 and "Enkäten är stängd" in response.content.decode()
    response = client.post(_url(invitation), _complete_post(survey_round))
    assert response.status_code == 410 and not Response.objects.exists()
    survey_round.opens_on = datetime.date(2098, 1, 1)
    survey_round.closes_on = datetime.date(2099, 1, 1)
    survey_round.save()
    response = client.get(_url(invitation))
    assert response.status_code == 200 and "har inte öppnat" in response.content.decode()
