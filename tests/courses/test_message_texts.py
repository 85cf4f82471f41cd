"""E-mail wording: the default templates, the editors' texts per programme and language, their
checks, the preview and who may edit them (``courses.MessageText``)."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from django.db import IntegrityError, connection, transaction
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.models import OutboxMessage
from courses.models import MessageText
from people.models import Role
from sessions import notifications
from surveys.models import Survey, SurveyInvitation
from surveys.services.responses import _invitation_mail
from tests.factories import EmployeeFactory, ProgrammeFactory, user_with_role
from tests.sessions.factories import SessionFactory, programme_with_tracks
from tests.surveys.factories import SurveyRoundFactory, survey_with_questions

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_courses_messagetext:add"
LIST_URL = "wagtailsnippets_courses_messagetext:list"
PREVIEW_URL = "wagtailsnippets_courses_messagetext:preview_on_add"
CHOOSER_URL = "wagtailsnippetchoosers_courses_messagetext:choose"


@pytest.fixture
def rendered_templates():
    names: list[str] = []

    def record(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


@pytest.fixture
def world(workplace, organisation):
    programme, track, _prep, modules, _prep_modules = programme_with_tracks(organisations=[organisation])
    other, _t, _p, other_modules, _pm = programme_with_tracks(organisations=[organisation])
    starts = datetime.datetime(2026, 3, 12, 13, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Stockholm"))
    session = SessionFactory(module=modules[0], workplace=workplace, starts_at=starts,
                             ends_at=starts + datetime.timedelta(minutes=90), place="Personalrummet",
                             video_link="https://video.example.se/rum")
    other_session = SessionFactory(module=other_modules[0], workplace=workplace, starts_at=starts,
                                   ends_at=starts + datetime.timedelta(minutes=90), place="Matsalen")
    return {"programme": programme, "other": other, "session": session, "other_session": other_session}


def _person(workplace, language: str, email: str):
    return EmployeeFactory(workplace=workplace, first_name="Amina" if language == "sv" else "Alex",
                           email=email, preferred_language=language)


def _sent(email: str, kind: str) -> OutboxMessage:
    return OutboxMessage.objects.get(to_email=email, kind=kind)


# Subject start and a sentence of the body, per kind and language, from the default templates.
SESSION_TEXTS = {
    "invite": {"sv": ("Inbjudan: Samtal 1 2026-03-12 13:00", "Du är inbjuden till ett samtalstillfälle."),
               "en": ("Invitation: Samtal 1 2026-03-12 13:00", "You are invited to a dialogue session.")},
    "update": {"sv": ("Ändrad tid eller plats: Samtal 1", "Samtalstillfället har ändrats."),
               "en": ("Changed time or place: Samtal 1", "The dialogue session has changed.")},
    "cancel": {"sv": ("Inställt: Samtal 1", "Skäl: Processledaren är sjuk"),
               "en": ("Cancelled: Samtal 1", "Reason: Processledaren är sjuk")},
    "reminder": {"sv": ("Påminnelse: Samtal 1", "Välkommen till samtalstillfället."),
                 "en": ("Reminder: Samtal 1", "Welcome to the dialogue session.")},
    "waitlist": {"sv": ("Väntelista: Samtal 1", "Du står på väntelistan"),
                 "en": ("Waitlist: Samtal 1", "You are on the waitlist")},
}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("kind", list(SESSION_TEXTS))
def test_every_session_message_renders_from_its_template_in_the_recipients_language(
    world, workplace, kind, language, rendered_templates
):
    person = _person(workplace, language, "person@example.se")
    notifications.session_notify(session=world["session"], employees=[person], kind=kind,
                                 reason="Processledaren är sjuk" if kind == "cancel" else "")
    message = _sent("person@example.se", f"session_{kind}")
    subject, sentence = SESSION_TEXTS[kind][language]
    assert message.subject.startswith(subject)
    assert sentence in message.body_text
    greeting = {"sv": "Hej Amina!", "en": "Hi Alex!"}[language]
    assert message.body_text.startswith(greeting)
    assert {"sv": "Tid: 2026-03-12 13:00–14:30", "en": "Time: 2026-03-12 13:00–14:30"}[language] in message.body_text
    assert {"sv": "Plats: Personalrummet", "en": "Place: Personalrummet"}[language] in message.body_text
    assert "https://video.example.se/rum" in message.body_text
    assert "/lank/" in message.body_text
    assert f"sessions/email/{kind}.txt" in rendered_templates
    assert f"sessions/email/{kind}_subject.txt" in rendered_templates
    # The other language's wording is nowhere in it.
    other = SESSION_TEXTS[kind]["en" if language == "sv" else "sv"][1]
    assert other not in message.body_text
    has_calendar = kind in ("invite", "update", "cancel")
    assert bool(message.attachments) is has_calendar


@pytest.fixture
def survey_invitation(world, workplace):
    survey = survey_with_questions(programme=world["programme"], title="Före samtalen")
    Survey.objects.filter(translation_key=survey.translation_key, locale__language_code="en").update(
        title="Before the dialogues"
    )
    survey_round = SurveyRoundFactory(survey=survey, programme=world["programme"], opens_on=datetime.date(2026, 1, 1),
                                      closes_on=datetime.date(2026, 3, 31), workplaces=[workplace])

    def make(language: str) -> SurveyInvitation:
        person = _person(workplace, language, f"{language}@example.se")
        return SurveyInvitation.objects.create(round=survey_round, employee=person, nonce=language * 16)

    return make


SURVEY_TEXTS = {
    False: {"sv": ("Enkät: Före samtalen", "Du är inbjuden att svara på enkäten \"Före samtalen\""),
            "en": ("Survey: Before the dialogues", "You are invited to answer the survey \"Before the dialogues\"")},
    True: {"sv": ("Påminnelse: Före samtalen", "En påminnelse: du är inbjuden att svara på enkäten"),
           "en": ("Reminder: Before the dialogues", "A reminder: you are invited to answer the survey")},
}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("reminder", [False, True])
def test_survey_invitation_and_reminder_render_from_their_templates(
    survey_invitation, reminder, language, rendered_templates
):
    invitation = survey_invitation(language)
    subject, body = _invitation_mail(invitation, reminder=reminder)
    expected_subject, sentence = SURVEY_TEXTS[reminder][language]
    assert subject == expected_subject
    assert sentence in body
    assert f"/{language}/enkater/svar/" in body
    assert "2026-03-31" in body
    assert {"sv": "Dina svar är anonyma", "en": "Your answers are anonymous"}[language] in body
    name = "reminder" if reminder else "invitation"
    assert f"surveys/email/{name}.txt" in rendered_templates


# --- The editors' texts -------------------------------------------------------------------------


def test_a_programmes_own_text_is_used_for_its_language_and_others_keep_the_default(world, workplace):
    MessageText.objects.create(
        kind="invite", programme=world["programme"], language="sv",
        subject="Välkommen till {{ module }}, {{ first_name }}!",
        body="Hej {{ first_name }}, vi ses {{ start }}.\n\n{{ details }}\n\nDina sidor: {{ my_sessions_url }}",
    )
    swedish = _person(workplace, "sv", "sv@example.se")
    english = _person(workplace, "en", "en@example.se")
    notifications.session_notify(session=world["session"], employees=[swedish, english], kind="invite")
    notifications.session_notify(session=world["other_session"], employees=[swedish], kind="invite",
                                 extra_key="other")

    own = OutboxMessage.objects.get(to_email="sv@example.se", dedupe_key__endswith=":0")
    assert own.subject == "Välkommen till Samtal 1, Amina!"
    assert own.body_text.startswith("Hej Amina, vi ses 2026-03-12 13:00.")
    assert "Plats: Personalrummet" in own.body_text  # {{ details }}
    assert "Du är inbjuden till ett samtalstillfälle." not in own.body_text
    assert "/lank/" in own.body_text
    assert own.attachments  # the calendar file still goes with it

    # English readers of the same programme keep the English default.
    assert _sent("en@example.se", "session_invite").subject.startswith("Invitation: Samtal 1")
    # Another programme keeps the default.
    other = OutboxMessage.objects.get(to_email="sv@example.se", dedupe_key__endswith=":other")
    assert other.subject.startswith("Inbjudan: Samtal 1")
    assert "Du är inbjuden till ett samtalstillfälle." in other.body_text


def test_a_text_for_all_programmes_applies_where_a_programme_has_none_and_blank_parts_fall_through(
    world, workplace
):
    MessageText.objects.create(kind="reminder", programme=None, language="sv",
                               subject="Snart dags: {{ module }}", body="Alla program: {{ details }}")
    MessageText.objects.create(kind="reminder", programme=world["programme"], language="sv",
                               subject="", body="Vårt program, {{ first_name }}.")
    person = _person(workplace, "sv", "p@example.se")
    notifications.session_notify(session=world["session"], employees=[person], kind="reminder")
    notifications.session_notify(session=world["other_session"], employees=[person], kind="reminder",
                                 extra_key="other")
    own = OutboxMessage.objects.get(to_email="p@example.se", dedupe_key__endswith=":0")
    assert own.subject == "Snart dags: Samtal 1"  # blank: the text for all programmes
    assert own.body_text == "Vårt program, Amina.\n"
    other = OutboxMessage.objects.get(to_email="p@example.se", dedupe_key__endswith=":other")
    assert other.subject == "Snart dags: Samtal 1"
    assert other.body_text.startswith("Alla program: Samtal 1\nTid: 2026-03-12 13:00–14:30\nPlats: Matsalen")


def test_an_editors_survey_text_is_used_for_its_programme(survey_invitation):
    invitation = survey_invitation("en")
    MessageText.objects.create(kind="survey_reminder", programme=invitation.round.programme, language="en",
                               subject="{{ first_name }}, one more time", body="Answer here: {{ url }}")
    subject, body = _invitation_mail(invitation, reminder=True)
    assert subject == "Alex, one more time"
    assert body.startswith("Answer here: http") and "/en/enkater/svar/" in body
    # The invitation (another kind) keeps its default.
    assert _invitation_mail(invitation, reminder=False)[0] == "Survey: Before the dialogues"


def test_values_are_not_read_as_placeholders(world, workplace):
    """A manager's cancellation reason cannot pull in another value (e.g. someone's link)."""
    MessageText.objects.create(kind="cancel", programme=None, language="sv", body="Skäl: {{ reason }}")
    person = _person(workplace, "sv", "p@example.se")
    notifications.session_notify(session=world["session"], employees=[person], kind="cancel",
                                 reason="{{ my_hours_url }} {% now 'Y' %}")
    assert _sent("p@example.se", "session_cancel").body_text == "Skäl: {{ my_hours_url }} {% now 'Y' %}\n"


def test_texts_are_read_once_for_a_whole_run(world, workplace):
    MessageText.objects.create(kind="invite", programme=world["programme"], language="sv", subject="S {{ module }}")
    people = [_person(workplace, ("sv", "en")[i % 2], f"p{i}@example.se") for i in range(6)]
    with CaptureQueriesContext(connection) as queries:
        assert notifications.session_notify(session=world["session"], employees=people, kind="invite") == 6
    reads = [q["sql"] for q in queries.captured_queries if "courses_messagetext" in q["sql"]]
    assert len(reads) == 1


def test_one_text_per_kind_programme_and_language_in_the_database(world):
    MessageText.objects.create(kind="invite", programme=world["programme"], language="sv", subject="a")
    MessageText.objects.create(kind="invite", programme=None, language="sv", subject="b")
    MessageText.objects.create(kind="invite", programme=world["programme"], language="en", subject="c")
    for programme in (world["programme"], None):
        with pytest.raises(IntegrityError), transaction.atomic():
            MessageText.objects.create(kind="invite", programme=programme, language="sv", subject="again")
    with pytest.raises(IntegrityError), transaction.atomic():
        MessageText.objects.create(kind="update", programme=None, language="sv", subject="", body="")
    assert MessageText.objects.count() == 3


# --- The admin screens --------------------------------------------------------------------------


def _form(**values) -> dict[str, str]:
    return {"kind": "invite", "programme": "", "language": "sv", "subject": "", "body": "", **values}


def test_an_editor_saves_a_text_and_it_is_used(client, editor, world, workplace):
    client.force_login(editor)
    response = client.post(reverse(ADD_URL), _form(programme=str(world["programme"].pk),
                                                   subject="Hej {{first_name}} – {{ module }}"))
    assert response.status_code == 302
    text = MessageText.objects.get()
    assert (text.kind, text.programme, text.language) == ("invite", world["programme"], "sv")
    person = _person(workplace, "sv", "p@example.se")
    notifications.session_notify(session=world["session"], employees=[person], kind="invite")
    assert _sent("p@example.se", "session_invite").subject == "Hej Amina – Samtal 1"
    listing = client.get(reverse(LIST_URL))
    assert listing.status_code == 200
    assert "Inbjudan till ett samtalstillfälle" in listing.content.decode()


@pytest.mark.parametrize(
    ("field", "text", "shown"),
    [
        ("body", "Hej {{ namn }}, välkommen {{ first_name }}", "{{ namn }}"),
        ("subject", "{{ reason }}", "{{ reason }}"),  # the reason belongs to cancellations only
        ("body", "{% load static %}{{ first_name }}", "{%"),
        ("body", "{{ first_name.__class__ }}", "{{ first_name.__class__ }}"),
    ],
)
def test_unknown_placeholders_are_refused_with_a_message_and_nothing_is_saved(
    client, editor, world, field, text, shown
):
    client.force_login(editor)
    response = client.post(reverse(ADD_URL), _form(**{field: text}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Okänd platshållare:" in page
    assert shown in page
    assert "{{ first_name }}" in page  # the message says which ones may be used
    assert not MessageText.objects.exists()


def test_a_second_text_for_the_same_message_is_refused_with_a_message(client, editor, world):
    MessageText.objects.create(kind="invite", programme=None, language="sv", subject="Först")
    client.force_login(editor)
    response = client.post(reverse(ADD_URL), _form(subject="Igen"))
    assert response.status_code == 200
    assert "Det finns redan en text för det här meddelandet och språket för alla program." in response.content.decode()
    assert list(MessageText.objects.values_list("subject", flat=True)) == ["Först"]


def test_the_preview_shows_the_e_mail_with_example_values(client, editor, world):
    client.force_login(editor)
    data = _form(kind="cancel", language="en", subject="Off: {{ module }}",
                 body="Dear {{ first_name }},\nwhy: {{ reason }}\n<b>{{ place }}</b>")
    answer = client.post(reverse(PREVIEW_URL), data)
    assert answer.json() == {"is_valid": True, "is_available": True}
    page = client.get(reverse(PREVIEW_URL)).content.decode()
    assert "data-preview-subject>Off: Who are we? Dialogue 1</dd>" in page
    assert "Dear Anna," in page
    assert "why: The process leader is ill" in page
    assert "&lt;b&gt;Staff room&lt;/b&gt;" in page  # shown as text, never as markup
    assert "samtal.ics" in page  # a cancellation comes with its calendar file


def test_the_preview_of_a_blank_text_shows_the_default_wording(client, editor, world):
    client.force_login(editor)
    client.post(reverse(PREVIEW_URL), _form(kind="survey_invitation", subject="Enkät!"))
    page = client.get(reverse(PREVIEW_URL)).content.decode()
    assert "Enkät!" in page
    assert "Du är inbjuden att svara på enkäten" in page


def test_the_preview_refuses_an_unknown_placeholder(client, editor, world):
    client.force_login(editor)
    answer = client.post(reverse(PREVIEW_URL), _form(body="{{ lösenord }}"))
    assert answer.json()["is_valid"] is False


@pytest.mark.parametrize("role", [Role.HR, Role.MANAGER, Role.STEERING_GROUP])
def test_others_than_editors_and_programme_admins_are_refused(client, role, organisation, workplace, world):
    kwargs = {"organisation": organisation} if role == Role.HR else {}
    if role == Role.MANAGER:
        kwargs = {"workplace": workplace, "employee": EmployeeFactory(workplace=workplace)}
    client.force_login(user_with_role(role, **kwargs))
    for url in (reverse(LIST_URL), reverse(ADD_URL), reverse(CHOOSER_URL)):
        response = client.get(url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response.headers["Location"].rstrip("/").endswith(("/admin", "/admin/login")) or (
                "/logga-in/" in response.headers["Location"] or "/admin/login/" in response.headers["Location"]
            )
    response = client.post(reverse(ADD_URL), _form(subject="Intrång"))
    assert response.status_code in (302, 403)
    assert not MessageText.objects.exists()


def test_a_programme_admin_may_edit_the_texts(client, programme_admin, world):
    client.force_login(programme_admin)
    assert client.get(reverse(ADD_URL)).status_code == 200
    assert client.get(reverse(CHOOSER_URL)).status_code == 200
    ProgrammeFactory()  # a second programme does not break the form
    assert client.post(reverse(ADD_URL), _form(subject="Ny")).status_code == 302
    assert MessageText.objects.get().subject == "Ny"
