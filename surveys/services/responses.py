"""Writes for surveys: invitations, reminders, drafts, submitting a response, round dates."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from courses.messages import MessageTexts, message_render
from people.models import Employee, language_supported

from ..models import (
    EARLIEST_ROUND_DAY,
    LATEST_ROUND_DAY,
    Answer,
    Question,
    QuestionType,
    Response,
    SurveyInvitation,
    SurveyRound,
)
from ..pairing import respondent_key_for


class SurveyError(Exception):
    """A submit that cannot be stored; ``code`` says why, for the page the person sees."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def new_nonce() -> str:
    return secrets.token_hex(16)


def round_employees(survey_round: SurveyRound) -> Iterable[Employee]:
    """Active employees of the round's organisations and workplaces (as of its opening day)."""
    org_ids = list(survey_round.organisations.values_list("id", flat=True))
    wp_ids = list(survey_round.workplaces.values_list("id", flat=True))
    if not org_ids and not wp_ids:
        return Employee.objects.none()
    return (
        Employee.objects.active(survey_round.opens_on)
        .unrestricted()
        .filter(Q(organisation_id__in=org_ids) | Q(workplace_id__in=wp_ids))
        .order_by("id")
    )


def _enqueue(*, to: str, subject: str, body: str, dedupe_key: str, kind: str, language: str = "") -> None:
    from cms.services import outbox_message_enqueue

    outbox_message_enqueue(
        to=to, subject=subject, body=body, dedupe_key=dedupe_key, kind=kind, language=language
    )


def _invitation_mail(
    invitation: SurveyInvitation, *, reminder: bool, texts: MessageTexts | None = None
) -> tuple[str, str]:
    """Subject and body of ``invitation``'s e-mail in the employee's language: the editors'
    wording for the round's programme where they have written one, else the default template.
    Pass one ``texts`` for a run of invitations so the wording is read once."""
    from ..links import answer_url
    from ..messages import KIND_INVITATION, KIND_REMINDER, survey_message_values

    language = language_supported(invitation.employee.preferred_language)
    with translation.override(language):
        values = survey_message_values(
            invitation=invitation, language=language, url=answer_url(invitation, language=language)
        )
    message = message_render(
        kind=KIND_REMINDER if reminder else KIND_INVITATION,
        programme_id=invitation.round.programme_id,
        language=language,
        values=values,
        texts=texts,
    )
    return message.subject, message.body


@transaction.atomic
def survey_round_invite(*, survey_round: SurveyRound, today: datetime.date | None = None) -> int:
    """Invite everyone in the round who has not been invited; e-mail them through the outbox.

    Safe to run again: existing invitations are kept, and each e-mail has a dedupe key.
    Returns the number of new invitations.
    """
    today = today or timezone.localdate()
    survey_round = SurveyRound.objects.select_for_update().select_related("survey", "programme").get(pk=survey_round.pk)
    new = survey_invitations_ensure(survey_round=survey_round)
    pending = (
        survey_round.invitations.filter(sent_on__isnull=True, responded=False)
        .select_related("employee", "round__survey", "round__programme")
        .exclude(employee__email="")
    )
    sent_ids = []
    texts = MessageTexts()
    for invitation in pending:
        subject, body = _invitation_mail(invitation, reminder=False, texts=texts)
        _enqueue(
            to=invitation.employee.email,
            subject=subject,
            body=body,
            dedupe_key=f"survey-invitation:{invitation.pk}",
            kind="survey_invitation",
            language=language_supported(invitation.employee.preferred_language),
        )
        sent_ids.append(invitation.pk)
    SurveyInvitation.objects.filter(pk__in=sent_ids).update(sent_on=today)
    survey_round.invitations_sent_on = today
    survey_round.save(update_fields=["invitations_sent_on"])
    return new


def survey_invitations_ensure(*, survey_round: SurveyRound) -> int:
    """Create the missing invitations of a round without sending anything; returns how many."""
    already = set(survey_round.invitations.values_list("employee_id", flat=True))
    new = [
        SurveyInvitation(round=survey_round, employee=employee, nonce=new_nonce())
        for employee in round_employees(survey_round)
        if employee.id not in already
    ]
    SurveyInvitation.objects.bulk_create(new, batch_size=500)
    return len(new)


@transaction.atomic
def survey_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind those who have not answered in open rounds, at most ``max_reminders`` times.

    The dedupe key names the reminder's number, so a retried run sends nothing twice.
    """
    today = today or timezone.localdate()
    # Unsent drafts are personal data tied to an invitation: gone once their round has closed.
    SurveyInvitation.objects.filter(round__closes_on__lt=today, draft__isnull=False).update(draft=None)
    count = 0
    texts = MessageTexts()
    rounds = SurveyRound.objects.filter(opens_on__lte=today, closes_on__gte=today, invitations_sent_on__isnull=False)
    for survey_round in rounds.select_related("survey", "programme"):
        due_before = today - datetime.timedelta(days=survey_round.reminder_interval_days)
        invitations = (
            survey_round.invitations.select_for_update(of=("self",))
            .filter(responded=False, sent_on__lte=due_before, reminder_count__lt=survey_round.max_reminders)
            .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lte=due_before))
            .exclude(employee__email="")
            .select_related("employee", "round__survey", "round__programme")
        )
        for invitation in invitations:
            number = invitation.reminder_count + 1
            subject, body = _invitation_mail(invitation, reminder=True, texts=texts)
            _enqueue(
                to=invitation.employee.email,
                subject=subject,
                body=body,
                dedupe_key=f"survey-reminder:{invitation.pk}:{number}",
                kind="survey_reminder",
            language=language_supported(invitation.employee.preferred_language),
            )
            SurveyInvitation.objects.filter(pk=invitation.pk).update(reminder_count=number, last_reminded_on=today)
            count += 1
    return count


@transaction.atomic
def survey_draft_save(*, invitation_id: int, data: Mapping[str, list[str]], owner: str) -> bool:
    """Keep unsent answers (``q_<id>`` fields only) so a dropped connection loses nothing.

    ``owner`` fingerprints the browser session that saves it: the draft is shown again only
    there, never to a second person who opens the same link (docs/anonymity.md).
    """
    invitation = SurveyInvitation.objects.select_for_update().filter(pk=invitation_id, responded=False).first()
    if invitation is None:
        return False
    invitation.draft = {
        k: [_storable(str(v))[:4000] for v in values][:20] for k, values in data.items() if k.startswith("q_")
    }
    invitation.draft_owner = owner
    invitation.save(update_fields=["draft", "draft_owner"])
    return True


def _storable(text: str) -> str:
    """Text as PostgreSQL can store it: NUL is the one character its text and JSON types refuse."""
    return text.replace("\x00", "\ufffd")


def _answer_row(question: Question, value: Any) -> Answer | None:
    """The answer to store, or None for no answer: an unanswered question is not stored, so
    every stored row is one person answering (the counts of the anonymity rule rely on it)."""
    if isinstance(value, str):
        value = value.strip()
    if value in (None, "", []):
        return None
    if question.type == QuestionType.MULTIPLE_CHOICE:
        return Answer(question=question, choices=sorted(int(v) for v in value))
    if question.type == QuestionType.FREE_TEXT:
        return Answer(question=question, text=_storable(str(value)))
    return Answer(question=question, value=int(value))


@transaction.atomic
def survey_response_submit(
    *, invitation_id: int, answers: Mapping[int, Any], today: datetime.date | None = None
) -> Response:
    """Store one person's answers without their identity and mark the invitation answered.

    The invitation row is locked and ``(round, respondent_key)`` is unique, so submitting twice
    (two tabs, a double click, a retried request) stores one response. Raises
    :class:`SurveyError` with code ``answered`` or ``closed``.
    """
    today = today or timezone.localdate()
    invitation = (
        SurveyInvitation.objects.select_for_update(of=("self",))
        .select_related("round", "employee")
        .get(pk=invitation_id)
    )
    if invitation.responded:
        raise SurveyError("answered")
    survey_round = invitation.round
    if not survey_round.is_open_on(today):
        raise SurveyError("closed")
    employee = invitation.employee
    key = respondent_key_for(programme_id=survey_round.programme_id, employee_id=employee.id)
    response, created = Response.objects.get_or_create(
        round=survey_round,
        respondent_key=key,
        defaults={
            "organisation_id": employee.organisation_id,
            "workplace_id": employee.workplace_id,
            "submitted_on": today,
        },
    )
    if created:
        questions = {q.id: q for q in Question.objects.filter(survey_id=survey_round.survey_id)}
        rows = []
        for question_id, value in answers.items():
            question = questions.get(int(question_id))
            if question is None:  # a question of another survey: never stored here
                continue
            row = _answer_row(question, value)
            if row is not None:
                row.response = response
                rows.append(row)
        Answer.objects.bulk_create(rows)
    invitation.responded = True
    invitation.draft = None
    invitation.draft_owner = ""
    invitation.save(update_fields=["responded", "draft", "draft_owner"])
    return response


def round_dates_suggest(
    *, workplace_ids: Iterable[int], phase: str, open_days: int = 14
) -> tuple[datetime.date, datetime.date] | None:
    """Opening and closing dates for a round from the workplaces' workplace-track sessions.

    "Before" closes the day before the first session and opens ``open_days`` earlier; "after"
    opens on the day of the last session (the QR codes are shown at its end) and stays open
    ``open_days``. Cancelled sessions do not count. None when there are no sessions (or the
    sessions app is not installed): the round then keeps the dates entered by hand.
    """
    from django.apps import apps
    from django.db.models import Max, Min

    try:
        session_model = apps.get_model("dialogue_sessions", "Session")
    except LookupError:
        return None
    span = (
        session_model.objects.filter(workplace_id__in=list(workplace_ids), module__track__kind="workplace")
        .exclude(status="cancelled")
        .aggregate(first=Min("starts_at"), last=Max("starts_at"))
    )
    if span["first"] is None:
        return None
    first = timezone.localdate(span["first"])
    last = timezone.localdate(span["last"])
    if phase == "before":
        opens_on, closes_on = first - datetime.timedelta(days=open_days), first - datetime.timedelta(days=1)
    else:
        opens_on, closes_on = last, last + datetime.timedelta(days=open_days)
    # Sessions far outside any sane range (a typo in a year) suggest nothing.
    if not (opens_on >= EARLIEST_ROUND_DAY and closes_on <= LATEST_ROUND_DAY):
        return None
    return opens_on, closes_on
