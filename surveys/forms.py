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
