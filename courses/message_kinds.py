"""The kinds of e-mail the platform sends, and the placeholders editors may use in their wording.

Each app that sends e-mail declares its kinds here when it is loaded (``sessions.messages``,
``surveys.messages``): a key, a label, the templates of its default subject and body under
``templates/<app>/email/``, and the placeholders its values fill in. ``courses`` holds the
register because the editors' texts (:class:`courses.models.MessageText`) are kept per
programme; it never imports the apps that declare kinds.

Editors write placeholders as ``{{ name }}``. Their texts are never compiled as templates: a
placeholder is replaced by its value in one pass, so neither a template tag nor a value that
happens to contain braces can run anything or pull in other data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise

#: ``{{ name }}`` with optional spaces inside the braces.
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
#: What remains of template syntax once the placeholders are taken out: tags, comments, braces.
TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


@dataclass(frozen=True)
class Placeholder:
    """One value an editor may put in a text: ``{{ name }}``, what it is, and an example.

    ``example`` may be a function of the other placeholders' examples (a value made of others)."""

    name: str
    label: str | Promise
    example: str | Promise | Callable[[dict[str, str]], str]


@dataclass(frozen=True)
class MessageKind:
    """One kind of e-mail: its default subject and body templates and its placeholders."""

    key: str
    label: str | Promise
    subject_template: str
    body_template: str
    placeholders: tuple[Placeholder, ...]
    #: Said in the preview: the calendar file that goes with this kind of message, if any.
    attachment: str | Promise = ""

    @property
    def placeholder_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.placeholders)

    def example_values(self) -> dict[str, str]:
        """The placeholders' example values, in the active language (for the preview)."""
        values = {p.name: str(p.example) for p in self.placeholders if not callable(p.example)}
        for p in self.placeholders:
            if callable(p.example):
                values[p.name] = p.example(dict(values))
        return values


_KINDS: dict[str, MessageKind] = {}


def message_kind_register(kind: MessageKind) -> MessageKind:
    """Declare ``kind``; declaring the same key again replaces it (a reloaded module)."""
    _KINDS[kind.key] = kind
    return kind


def message_kind(key: str) -> MessageKind | None:
    return _KINDS.get(key)


def message_kinds() -> list[MessageKind]:
    return list(_KINDS.values())


def message_kind_choices() -> list[tuple[str, str]]:
    """The choices of ``MessageText.kind``: every declared kind, in the order declared."""
    return [(kind.key, kind.label) for kind in _KINDS.values()]


def placeholders_unknown(text: str, kind: MessageKind) -> list[str]:
    """What in ``text`` is not a placeholder of ``kind``, as the editor wrote it; empty when
    every ``{{ … }}`` names one and no other template syntax is left over."""
    unknown: list[str] = []
    allowed = set(kind.placeholder_names)
    for match in PLACEHOLDER.finditer(text):
        if match.group(1) not in allowed and match.group(0) not in unknown:
            unknown.append(match.group(0))
    leftover = TEMPLATE_SYNTAX.findall(PLACEHOLDER.sub("", text))
    for token in leftover:
        if token not in unknown:
            unknown.append(token)
    return unknown


def placeholders_fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each ``{{ name }}`` replaced by its value, in one pass.

    Values are inserted as they are and not read again, so a value that contains ``{{ … }}``
    stays as it is. A name without a value (checked away when the text was saved) becomes empty.
    """
    return PLACEHOLDER.sub(lambda match: str(values.get(match.group(1), "")), text)
