"""Rendering an e-mail's subject and body: the editors' wording where they have written one, the
default template under ``templates/<app>/email/`` otherwise.

For each part (subject, body) the first non-blank of these is used, in the recipient's
language: the programme's own text, the text for all programmes, the default template. A
language with no editor's text gets the default template in that language, and the interface
catalogue falls back to the Swedish wording where a sentence is not yet translated. The
default templates get the same values as the editors' placeholders, so both say the same things.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from people.models import language_supported

from .message_kinds import MessageKind, message_kind, placeholders_fill
from .models import MessageText


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    body: str


class MessageTexts:
    """The editors' texts, read once per kind and programme and kept for the caller's run.

    A service sending a hundred invitations of one programme reads the texts with one query.
    """

    def __init__(self) -> None:
        self._loaded: dict[tuple[str, int | None], list[MessageText]] = {}

    def chain(self, *, kind: str, programme_id: int | None, language: str) -> list[MessageText]:
        """The texts that apply, the programme's own first."""
        key = (kind, programme_id)
        if key not in self._loaded:
            where = Q(programme__isnull=True)
            if programme_id is not None:
                where |= Q(programme_id=programme_id)
            self._loaded[key] = list(MessageText.objects.filter(where, kind=kind))
        texts = [t for t in self._loaded[key] if t.language == language]
        return sorted(texts, key=lambda t: t.programme_id is None)


def _language(language: str | None) -> str:
    """One of the site's languages: a text is kept per language of ``settings.LANGUAGES``
    (so an editor can write the Somali wording), and an unknown code reads as Swedish."""
    return language_supported(language)


def _compose(kind: MessageKind, chain: list[MessageText], values: Mapping[str, str]) -> RenderedMessage:
    subject_text = next((t.subject for t in chain if t.subject.strip()), None)
    body_text = next((t.body for t in chain if t.body.strip()), None)
    if subject_text is None:
        subject = render_to_string(kind.subject_template, dict(values))
    else:
        subject = placeholders_fill(subject_text, values)
    if body_text is None:
        body = render_to_string(kind.body_template, dict(values))
    else:
        body = placeholders_fill(body_text, values)
    # One line, whatever a value held: a subject is a mail header.
    subject = " ".join(subject.split())
    body = body.strip("\n") + "\n"
    return RenderedMessage(subject=subject, body=body)


def message_render(
    *,
    kind: str,
    programme_id: int | None,
    language: str | None,
    values: Mapping[str, str],
    texts: MessageTexts | None = None,
) -> RenderedMessage:
    """The subject and body of one e-mail of ``kind`` in ``language`` for ``programme_id``.

    ``values`` fill the placeholders (strings, already in ``language``). Pass one
    :class:`MessageTexts` for a run of messages so the texts are read once.
    """
    message_kind_ = message_kind(kind)
    if message_kind_ is None:
        raise LookupError(f"No message kind {kind!r} is declared.")
    language = _language(language)
    texts = texts or MessageTexts()
    with translation.override(language):
        chain = texts.chain(kind=kind, programme_id=programme_id, language=language)
        return _compose(message_kind_, chain, values)


def message_preview(text: MessageText) -> dict:
    """What the preview of ``text`` shows: the e-mail with each placeholder's example value.

    As when it is sent, a blank part falls back to the text for all programmes and then to
    the default template; ``text`` itself may be unsaved (the editor's form as it stands).
    """
    kind = message_kind(text.kind)
    language = _language(text.language)
    with translation.override(language):
        if kind is None:
            return {"language": language, "kind": None}
        chain = [text]
        if text.programme_id is not None:
            chain += list(
                MessageText.objects.filter(kind=text.kind, language=language, programme__isnull=True).exclude(
                    pk=text.pk
                )
            )
        message = _compose(kind, chain, kind.example_values())
        return {
            "language": language,
            "kind": kind,
            "subject": message.subject,
            "body": message.body,
            "attachment": str(kind.attachment),
        }
