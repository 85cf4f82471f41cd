"""The answer form, built from a survey's questions in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Question, QuestionType


def field_name(question: Question) -> str:
    return f"q_{question.pk}"


class AnswerForm(forms.Form):
    """One field per question, named ``q_<question id>``; rendered by hand as fieldsets."""

    def __init__(self, *args, questions: Iterable[Question], language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[field_name(question)] = self._field_for(question, language)

    @staticmethod
    def _field_for(question: Question, language: str) -> forms.Field:
        label = question.text_for(language)
        required = question.required
        messages = {"required": _("Svara på frågan, den är obligatorisk.")}
        if question.type == QuestionType.FREE_TEXT:
            return forms.CharField(
                label=label, required=required, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={**messages, "max_length": _("Svaret får vara högst 4 000 tecken.")},
            )
        choices = question.options_for(language)
        if question.type == QuestionType.MULTIPLE_CHOICE:
            return forms.TypedMultipleChoiceField(
                label=label, required=required, choices=choices, coerce=int,
                widget=forms.CheckboxSelectMultiple, error_messages=messages,
            )
        return forms.TypedChoiceField(
            label=label, required=required, choices=choices, coerce=int, empty_value=None,
            widget=forms.RadioSelect, error_messages=messages,
        )

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(field_name(q)) for q in self.questions}

    def rows(self):
        """(question, bound field, number) for the template."""
        return [(q, self[field_name(q)], i) for i, q in enumerate(self.questions, start=1)]


def draft_initial(draft: Mapping[str, list[str]] | None, questions: Iterable[Question]) -> dict[str, object]:
    """Initial values from a saved draft (only fields of these questions)."""
    if not draft:
        return {}
    initial: dict[str, object] = {}
    for question in questions:
        values = draft.get(field_name(question))
        if not values:
            continue
        initial[field_name(question)] = values if question.type == QuestionType.MULTIPLE_CHOICE else values[0]
    return initial


class LinkRequestForm(forms.Form):
    """"Send my link to my e-mail" on the non-personal page."""

    email = forms.EmailField(
        label=_("Din e-postadress"),
        max_length=254,
        error_messages={"required": _("Skriv din e-postadress."), "invalid": _("Skriv en hel e-postadress, till exempel namn@kommun.se.")},
    )


class CodeForm(forms.Form):
    """The one-time code from a letter."""

    code = forms.CharField(
        label=_("Koden i ditt brev"),
        max_length=40,
        error_messages={"required": _("Skriv koden från ditt brev.")},
    )

    _PROBLEMS = {
        "unknown": _("Koden stämmer inte. Kontrollera att du har skrivit av den rätt, bokstav för bokstav."),
        "used": _(
            "Koden har redan använts. Om det inte var du som använde den kan någon annan ha sett ditt brev: "
            "kontakta HR, så spärras koden och du får en ny."
        ),
        "answered": _("Du har redan svarat på enkäten. Tack!"),
        "not_open": _("Enkäten har inte öppnat än. Använd koden när den har öppnat."),
        "closed": _("Enkäten har stängt och tar inte emot fler svar."),
    }

    def add_code_problem(self, problem: str, invitation=None) -> None:
        self.add_error("code", self._PROBLEMS.get(problem, self._PROBLEMS["unknown"]))
