"""Answering a survey – no password, no login – and the non-personal way in.

Two doors lead to one person's form, and both are held by that person only
(docs/anonymity.md):

- the personal signed link in their own e-mail (:func:`answer`);
- the one-time code in a sealed letter from HR, typed in on the non-personal page that the
  QR code at a session opens (:func:`participate`); the code opens the form in that browser
  session only (:func:`answer_here`).

A saved draft is shown again only in the browser session that saved it: a second person
who opens the same link sees an empty form, never another person's unsent answers.
"""

from __future__ import annotations

import hashlib
import secrets

from django_ratelimit.core import is_ratelimited

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .forms import AnswerForm, CodeForm, LinkRequestForm, draft_initial, field_name
from .links import LinkProblem, invitation_from_token
from .models import EASY_SWEDISH, QuestionType, SurveyInvitation, SurveyRound, source_language
from .services import (
    SurveyError,
    survey_draft_save,
    survey_letter_code_redeem,
    survey_link_request,
    survey_response_submit,
)
from .translations import translations_attach

_PROBLEM_STATUS = {
    LinkProblem.FORGED: 404,
    LinkProblem.WRONG_ROUND: 404,
    LinkProblem.REPLACED: 410,
    LinkProblem.EXPIRED: 410,
}
#: Browser-session keys: secrets that make this browser the owner of its drafts, and the
#: invitations a letter code has opened here (id → nonce, so a revoked code stops too).
DRAFT_SECRETS = "samtalsrum_survey_draft_secrets"
CODE_GRANTS = "samtalsrum_survey_code_grants"
#: Attempts on the non-personal page, per client address and per e-mail address.
REQUEST_RATE = "10/h"
ADDRESS_RATE = "3/h"


def _problem(request: HttpRequest, reason: str, status: int, invitation: SurveyInvitation | None = None) -> HttpResponse:
    response = render(
        request, "surveys/link_problem.html", {"reason": reason, "invitation": invitation}, status=status
    )
    response["X-Robots-Tag"] = "noindex"
    return response


#: The lättläst switch of the answer page: the button's value → the language it switches to.
SWITCH_TO = {"lattlast": EASY_SWEDISH, "vanlig": "sv"}


def _switched(request: HttpRequest, language: str) -> HttpResponse:
    """The same form under the other language's prefix (/sv-easy/… or /sv/…)."""
    return redirect(translate_url(request.path, language))


def _rows(form: AnswerForm, language: str) -> list[dict]:
    rows = []
    for number, question in enumerate(form.questions, start=1):
        name = field_name(question)
        bound = form[name]
        raw = bound.value()
        if raw is None:
            selected: set[str] = set()
        elif isinstance(raw, list | tuple):
            selected = {str(v) for v in raw}
        else:
            selected = {str(raw)}
        options = [
            {"id": f"{name}_{value}", "value": value, "label": label, "checked": str(value) in selected}
            for value, label in question.options_for(language)
        ]
        rows.append({
            "question": question,
            "name": name,
            "number": number,
            "legend": question.text_for(language),
            "errors": bound.errors,
            "options": options,
            "multiple": question.type == QuestionType.MULTIPLE_CHOICE,
            "free_text": question.type == QuestionType.FREE_TEXT,
            "scale": question.type == QuestionType.SCALE0_10,
            "text": raw if question.type == QuestionType.FREE_TEXT and raw else "",
            "answered": bool(selected - {""}) if question.type != QuestionType.FREE_TEXT else bool(raw),
        })
    return rows


def _draft_owner(request: HttpRequest, invitation: SurveyInvitation, *, create: bool) -> str:
    """This browser session's fingerprint for the invitation's draft ("" if it has none yet)."""
    secrets_by_invitation = request.session.get(DRAFT_SECRETS, {})
    secret = secrets_by_invitation.get(str(invitation.pk))
    if secret is None:
        if not create:
            return ""
        secret = secrets.token_hex(16)
        request.session[DRAFT_SECRETS] = {**secrets_by_invitation, str(invitation.pk): secret}
    return hashlib.sha256(f"{invitation.pk}:{secret}".encode()).hexdigest()


def _save_draft(request: HttpRequest, invitation: SurveyInvitation) -> None:
    survey_draft_save(
        invitation_id=invitation.pk, data=dict(request.POST.lists()), owner=_draft_owner(request, invitation, create=True)
    )


def _answer_page(request: HttpRequest, invitation: SurveyInvitation, *, draft_url: str) -> HttpResponse:
    survey_round = invitation.round
    if invitation.responded:
        return _problem(request, "answered", 200, invitation)
    today = timezone.localdate()
    if today < survey_round.opens_on:
        return _problem(request, "not_open", 200, invitation)
    if today > survey_round.closes_on:
        return _problem(request, "closed", 410, invitation)

    language = get_language() or source_language()
    if request.method == "GET" and request.GET.get("lattlast") == "1" and language == "sv":
        return _switched(request, EASY_SWEDISH)  # the address of the switch before lättläst had its own
    survey = survey_round.survey
    questions = list(survey.questions.all())
    translations_attach(language=language, surveys=[survey], questions=questions)
    owner = _draft_owner(request, invitation, create=False)
    own_draft = bool(invitation.draft) and bool(owner) and owner == invitation.draft_owner
    if request.method == "POST":
        form = AnswerForm(request.POST, questions=questions, language=language)
        action = request.POST.get("action")
        if action in SWITCH_TO:
            # What was filled in is kept as a draft, then the form opens in the other version.
            _save_draft(request, invitation)
            return _switched(request, SWITCH_TO[action])
        if action == "save":
            _save_draft(request, invitation)
            saved = True
        elif form.is_valid():
            try:
                survey_response_submit(invitation_id=invitation.pk, answers=form.answers(), today=today)
            except SurveyError as exc:
                return _problem(request, exc.code, 410 if exc.code == "closed" else 200, invitation)
            return redirect("surveys:thanks")
        else:
            # Keep what was filled in even when something is missing.
            _save_draft(request, invitation)
            saved = False
    else:
        initial = draft_initial(invitation.draft, questions) if own_draft else {}
        form = AnswerForm(initial=initial, questions=questions, language=language)
        saved = False
    rows = _rows(form, language)
    context = {
        "invitation": invitation,
        "survey": survey,
        "survey_title": survey.title_for(language),
        "survey_description": survey.description_for(language),
        "form": form,
        "rows": rows,
        "answered_count": sum(1 for r in rows if r["answered"]),
        "easy": language == EASY_SWEDISH,
        "saved": saved,
        "draft_elsewhere": request.method == "GET" and bool(invitation.draft) and not own_draft,
        "draft_url": draft_url,
        "threshold": survey_round.programme.anonymity_threshold,
        "closes_on": survey_round.closes_on,
        "has_errors": form.is_bound and request.POST.get("action") != "save" and bool(form.errors),
    }
    response = render(request, "surveys/answer.html", context)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _draft_endpoint(request: HttpRequest, invitation: SurveyInvitation) -> HttpResponse:
    if invitation.responded or not invitation.round.is_open_on(timezone.localdate()):
        return HttpResponse(status=410)
    _save_draft(request, invitation)
    return HttpResponse(status=204)


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The survey for the person the link was made for, in their chosen language."""
    check = invitation_from_token(token)
    if check.problem is not None:
        return _problem(request, check.problem.value, _PROBLEM_STATUS[check.problem])
    return _answer_page(
        request, check.invitation, draft_url=reverse("surveys:answer_draft", kwargs={"token": token})
    )


@require_POST
def answer_draft(request: HttpRequest, token: str) -> HttpResponse:
    """Autosave from static/js/survey.js: stores the unsent answers, answers 204."""
    check = invitation_from_token(token)
    if check.problem is not None:
        return HttpResponse(status=_PROBLEM_STATUS[check.problem])
    return _draft_endpoint(request, check.invitation)


def _granted_invitation(request: HttpRequest, invitation_id: int) -> SurveyInvitation:
    """The invitation a letter code opened in this browser session (404 for any other)."""
    nonce = request.session.get(CODE_GRANTS, {}).get(str(invitation_id))
    invitation = (
        SurveyInvitation.objects.select_related("round__survey", "round__programme", "employee")
        .filter(pk=invitation_id)
        .first()
    )
    if nonce is None or invitation is None or invitation.nonce != nonce:
        raise Http404
    return invitation


@never_cache
def answer_here(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """The form opened with a letter code, in the browser session that typed the code."""
    invitation = _granted_invitation(request, invitation_id)
    return _answer_page(
        request, invitation, draft_url=reverse("surveys:answer_here_draft", kwargs={"invitation_id": invitation_id})
    )


@require_POST
def answer_here_draft(request: HttpRequest, invitation_id: int) -> HttpResponse:
    return _draft_endpoint(request, _granted_invitation(request, invitation_id))


def _limited(request: HttpRequest, group: str, rate: str, key: str = "ip") -> bool:
    return is_ratelimited(request, group=group, key=key, rate=rate, method="POST", increment=True)


@never_cache
def participate(request: HttpRequest) -> HttpResponse:
    """The page the QR code at a session opens: the same for everyone, personal to no one.

    A participant either has their own link e-mailed to their own address, or types the code
    from their letter. The page answers the same whether or not an address is known, and
    both forms are rate-limited per client address (and per e-mail address).
    """
    survey_round = None
    round_id = request.GET.get("omgang", "")
    if round_id.isdecimal() and len(round_id) < 10:
        survey_round = SurveyRound.objects.select_related("survey").filter(pk=int(round_id)).first()
    link_form, code_form = LinkRequestForm(), CodeForm()
    sent = limited = False
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "link":
            link_form = LinkRequestForm(request.POST)
            if _limited(request, "surveys.link_request", REQUEST_RATE):
                limited, status = True, 429
            elif link_form.is_valid():
                if not _limited(request, "surveys.link_request_address", ADDRESS_RATE, key="post:email"):
                    survey_link_request(email=link_form.cleaned_data["email"])
                sent = True  # the same answer whether or not the address is known or limited
                link_form = LinkRequestForm()
        elif action == "code":
            code_form = CodeForm(request.POST)
            if _limited(request, "surveys.letter_code", REQUEST_RATE):
                limited, status = True, 429
            elif code_form.is_valid():
                code = code_form.cleaned_data["code"]
                invitation, problem = survey_letter_code_redeem(code=code)
                grants = request.session.get(CODE_GRANTS, {})
                if invitation is not None and (not problem or (problem == "used" and str(invitation.pk) in grants)):
                    request.session.cycle_key()
                    request.session[CODE_GRANTS] = {**grants, str(invitation.pk): invitation.nonce}
                    return redirect("surveys:answer_here", invitation_id=invitation.pk)
                code_form.add_code_problem(problem, invitation)
                status = 400
    title = survey_round.survey.title_for(get_language() or source_language()) if survey_round else ""
    response = render(request, "surveys/participate.html", {
        "link_form": link_form, "code_form": code_form, "sent": sent, "limited": limited,
        "survey_title": title, "round": survey_round,
    }, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def thanks(request: HttpRequest) -> HttpResponse:
    """The only thing a respondent sees afterwards: a confirmation, not their answers."""
    return render(request, "surveys/thanks.html")
