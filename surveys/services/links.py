"""Writes for personal links: sending someone their own link, letters with one-time codes,
and revoking and reissuing a person's links (docs/anonymity.md)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone, translation

from people.models import Employee, User, language_supported

from ..links import letter_code_digest, letter_code_new
from ..models import SurveyInvitation, SurveyRound
from .responses import _enqueue, _invitation_mail, new_nonce, survey_invitations_ensure


def _open_invitations(today: datetime.date):
    return SurveyInvitation.objects.filter(
        responded=False, round__opens_on__lte=today, round__closes_on__gte=today
    ).select_related("employee", "round__survey", "round__programme")


@transaction.atomic
def survey_link_request(*, email: str, now: datetime.datetime | None = None) -> int:
    """Send a person's own answer links to ``email`` – never anywhere else.

    For the non-personal page the QR code at a session opens: whoever types an address, the
    links go only to that address, and only if it is an invited employee's. The caller shows
    the same page whatever this returns, so the page never tells whether an address exists.
    At most one e-mail per invitation per ten minutes (the outbox's dedupe key).
    """
    now = now or timezone.now()
    email = (email or "").strip()
    if not email:
        return 0
    today = timezone.localdate(now)
    bucket = int(now.timestamp()) // 600
    count = 0
    for invitation in _open_invitations(today).filter(employee__email__iexact=email):
        if invitation.employee.has_left:
            continue
        subject, body = _invitation_mail(invitation, reminder=False)
        _enqueue(
            to=invitation.employee.email,
            subject=subject,
            body=body,
            dedupe_key=f"survey-link-request:{invitation.pk}:{bucket}",
            kind="survey_link_request",
            language=language_supported(invitation.employee.preferred_language),
        )
        count += 1
    return count


@transaction.atomic
def survey_letter_codes_issue(
    *, survey_round: SurveyRound, workplace_id: int, include_with_email: bool, issued_by: User | None,
    today: datetime.date | None = None,
) -> list[tuple[SurveyInvitation, str]]:
    """New one-time codes for the printed letters of one workplace in one round.

    For those who have not answered – by default only those without an e-mail address. Any
    earlier code of theirs stops working. The codes are returned once, for printing, and
    only their HMAC is kept. Audit-logged on the round (who, which workplace, how many).
    """
    from wagtail.log_actions import log

    today = today or timezone.localdate()
    survey_invitations_ensure(survey_round=survey_round)
    invitations = (
        SurveyInvitation.objects.select_for_update(of=("self",))
        .filter(round=survey_round, employee__workplace_id=workplace_id, responded=False)
        .select_related("employee", "employee__workplace", "round__survey", "round__programme")
        .order_by("employee__last_name", "employee__first_name", "id")
    )
    if not include_with_email:
        invitations = invitations.filter(employee__email="")
    letters = []
    for invitation in invitations:
        if invitation.employee.has_left:
            continue
        code = letter_code_new()
        invitation.letter_code_hash = letter_code_digest(code)
        invitation.letter_code_issued_on = today
        invitation.letter_code_used = False
        letters.append((invitation, code))
    SurveyInvitation.objects.bulk_update(
        [inv for inv, _code in letters], ["letter_code_hash", "letter_code_issued_on", "letter_code_used"]
    )
    log(survey_round, "samtalsrum.survey_letters", user=issued_by,
        data={"workplace": workplace_id, "letters": len(letters), "with_email": include_with_email})
    return letters


@transaction.atomic
def survey_letter_code_redeem(*, code: str, today: datetime.date | None = None) -> tuple[SurveyInvitation | None, str]:
    """The invitation a letter code opens, and marks the code used – or why it cannot.

    Problems: ``unknown``, ``used`` (someone has already used it: the employee should ask HR
    for a new code), ``answered``, ``not_open``, ``closed``.
    """
    today = today or timezone.localdate()
    digest = letter_code_digest(code)
    invitation = (
        SurveyInvitation.objects.select_for_update(of=("self",))
        .select_related("round", "employee")
        .filter(letter_code_hash=digest)
        .first()
    )
    if invitation is None:
        return None, "unknown"
    if invitation.responded:
        return invitation, "answered"
    if invitation.letter_code_used:
        return invitation, "used"
    if today < invitation.round.opens_on:
        return invitation, "not_open"
    if today > invitation.round.closes_on:
        return invitation, "closed"
    invitation.letter_code_used = True
    invitation.save(update_fields=["letter_code_used"])
    return invitation, ""


@transaction.atomic
def employee_links_reissue(*, employee: Employee, reissued_by: User | None, today: datetime.date | None = None) -> int:
    """Revoke every personal link of ``employee`` and send new ones to their own address.

    The employee link (``people.links``) gets a new version; each survey invitation not yet
    answered in a round that has not closed gets a new nonce, loses its letter code and its
    draft. The old links then answer 410 with a page that says they were replaced. New
    survey links go out by e-mail (without an address, HR prints a new letter). Returns the
    number of survey links replaced. Audit-logged on the employee.
    """
    from people.links import employee_links_revoke

    today = today or timezone.localdate()
    invitations = list(
        SurveyInvitation.objects.select_for_update(of=("self",))
        .filter(employee=employee, responded=False, round__closes_on__gte=today)
        .select_related("employee", "round__survey", "round__programme")
    )
    for invitation in invitations:
        invitation.nonce = new_nonce()
        invitation.letter_code_hash = ""
        invitation.letter_code_used = False
        invitation.letter_code_issued_on = None
        invitation.draft = None
        invitation.draft_owner = ""
    SurveyInvitation.objects.bulk_update(
        invitations, ["nonce", "letter_code_hash", "letter_code_used", "letter_code_issued_on", "draft", "draft_owner"]
    )
    employee = employee_links_revoke(employee=employee, revoked_by=reissued_by, survey_links=len(invitations))
    if employee.email:
        from django.template.loader import render_to_string

        from people.links import employee_link_url

        language = language_supported(employee.preferred_language)
        with translation.override(language):
            _enqueue(
                to=employee.email,
                subject=" ".join(render_to_string("surveys/email/links_reissued_subject.txt").split()),
                body=render_to_string("surveys/email/links_reissued.txt", {
                    "employee": employee, "url": employee_link_url(employee), "survey_links": len(invitations),
                }),
                dedupe_key=f"employee-links-reissue:{employee.pk}:{employee.link_version}",
                kind="employee_links_reissue",
                language=language,
            )
        for invitation in invitations:
            if invitation.round.opens_on > today:
                continue  # the invitation e-mail goes out when the round opens
            subject, body = _invitation_mail(invitation, reminder=False)
            _enqueue(
                to=employee.email, subject=subject, body=body,
                dedupe_key=f"survey-link-reissue:{invitation.pk}:{invitation.nonce}", kind="survey_link_reissue",
                language=language_supported(invitation.employee.preferred_language),
            )
    return len(invitations)
