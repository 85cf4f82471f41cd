"""Answering a survey from a personal signed link – no password, no login."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .forms import AnswerForm, draft_initial, field_name
from .links import LinkProblem, invitation_from_token
from .models import EASY_SWEDISH, QuestionType, SurveyInvitation
from .services import SurveyError, survey_draft_save, survey_response_submit

_PROBLEM_STATUS = {
    LinkProblem.FORGED: 404,
    LinkProblem.REPLACED: 404,
    LinkProblem.WRONG_ROUND: 404,
    LinkProblem.EXPIRED: 410,
}


def _problem(request: HttpRequest, reason: str, status: int, invitation: SurveyInvitation | None = None) -> HttpResponse:
    response = render(
        request, "surveys/link_problem.html", {"reason": reason, "invitation": invitation}, status=status
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _text_language(request: HttpRequest) -> tuple[str, bool]:
    language = get_language() or "sv"
    easy = language == "sv" and (request.GET.get("lattlast") == "1" or request.POST.get("lattlast") == "1")
    return (EASY_SWEDISH if easy else language), easy


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


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The survey for the person the link was made for, in their chosen language."""
    check = invitation_from_token(token)
    if check.problem is not None:
        return _problem(request, check.problem.value, _PROBLEM_STATUS[check.problem])
    invitation = check.invitation
    survey_round = invitation.round
    if invitation.responded:
        return _problem(request, "answered", 200, invitation)
    today = timezone.localdate()
    if today < survey_round.opens_on:
        return _problem(request, "not_open", 200, invitation)
    if today > survey_round.closes_on:
        return _problem(request, "closed", 410, invitation)

    language, easy = _text_language(request)
    questions = list(survey_round.survey.questions.all())
    if request.method == "POST":
        form = AnswerForm(request.POST, questions=questions, language=language)
        if request.POST.get("action") == "save":
            survey_draft_save(invitation_id=invitation.pk, data=dict(request.POST.lists()))
            saved = True
        elif form.is_valid():
            try:
                survey_response_submit(invitation_id=invitation.pk, answers=form.answers(), today=today)
            except SurveyError as exc:
                return _problem(request, exc.code, 410 if exc.code == "closed" else 200, invitation)
            return redirect("surveys:thanks")
        else:
            # Keep what was filled in even when something is missing.
            survey_draft_save(invitation_id=invitation.pk, data=dict(request.POST.lists()))
            saved = False
    else:
        form = AnswerForm(initial=draft_initial(invitation.draft, questions), questions=questions, language=language)
        saved = False
    rows = _rows(form, language)
    context = {
        "invitation": invitation,
        "survey": survey_round.survey,
        "survey_title": survey_round.survey.title_for(get_language() or "sv"),
        "survey_description": survey_round.survey.description_for(get_language() or "sv"),
        "form": form,
        "rows": rows,
        "answered_count": sum(1 for r in rows if r["answered"]),
        "easy": easy,
        "saved": saved,
        "token": token,
        "threshold": survey_round.programme.anonymity_threshold,
        "has_errors": form.is_bound and request.POST.get("action") != "save" and bool(form.errors),
    }
    response = render(request, "surveys/answer.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
def answer_draft(request: HttpRequest, token: str) -> HttpResponse:
    """Autosave from static/js/survey.js: stores the unsent answers, answers 204."""
    check = invitation_from_token(token)
    if check.problem is not None:
        return HttpResponse(status=_PROBLEM_STATUS[check.problem])
    invitation = check.invitation
    if invitation.responded or not invitation.round.is_open_on(timezone.localdate()):
        return HttpResponse(status=410)
    survey_draft_save(invitation_id=invitation.pk, data=dict(request.POST.lists()))
    return HttpResponse(status=204)


def thanks(request: HttpRequest) -> HttpResponse:
    """The only thing a respondent sees afterwards: a confirmation, not their answers."""
    return render(request, "surveys/thanks.html")
