"""The survey in the reader's language, on wagtail-localize's translations.

A survey is written in Swedish (the default locale) and translated like the pages: each
language is a copy of the survey in its locale, with the same ``translation_key``, and each
question of the copy has the ``translation_key`` of the Swedish question it translates. Rounds,
invitations, answers and results only ever refer to the Swedish survey and questions, so the
figures are the same whatever language people answered in; the copies only give the texts.

Matching is per question: a question the translation lacks (added after the survey was
translated) is shown in Swedish, the others in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import Question, Survey, source_language


def translations_attach(*, language: str, surveys: Iterable[Survey] = (), questions: Iterable[Question] = ()) -> None:
    """Fetch the translations of ``surveys`` and ``questions`` into ``language`` – one query for
    each kind, however many there are – so that ``title_for``, ``text_for`` and ``options_for``
    need no further query."""
    if language == source_language():
        return
    for model, objects in ((Survey, list(surveys)), (Question, list(questions))):
        if not objects:
            continue
        fields = ("translation_key", "title", "description") if model is Survey else ("translation_key", "text", "options")
        found = {
            t.translation_key: t
            for t in model.objects.filter(
                translation_key__in={o.translation_key for o in objects}, locale__language_code=language
            ).only(*fields)
        }
        for obj in objects:
            obj.translation_set(language, found.get(obj.translation_key))
