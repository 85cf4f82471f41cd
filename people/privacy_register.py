"""The personal-data register: every model field that holds personal data, declared once.

Each app declares its own models in its ``privacy.py`` (``people/privacy.py``,
``sessions/privacy.py`` …) and registers a :class:`Provider` with :func:`register`. A
declaration names every field of a model: either a :class:`PersonalField` (category, purpose
and legal basis, retention rule) or a field that holds no personal data (``other``). A test
walks every model and fails on a field that is not declared; the privacy page and the record
of processing are rendered from the same declarations (see docs/privacy.md).

A provider also knows how to export one person's data and how to erase it. This module lives in
``people`` because every app may use ``people`` and ``people`` uses none of them: the apps
register themselves here, and the services in ``people.personal_data`` run them in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    IDENTITY = "identity", _("Identitet")
    CONTACT = "contact", _("Kontaktuppgifter")
    EMPLOYMENT = "employment", _("Anställning")
    ATTENDANCE = "attendance", _("Närvaro och timmar")
    SURVEY_PSEUDONYM = "survey_pseudonym", _("Enkätpseudonym")
    FREE_TEXT = "free_text", _("Fritext")
    TECHNICAL = "technical", _("Tekniska uppgifter")


@dataclass(frozen=True)
class Purpose:
    key: str
    text: Promise | str
    legal_basis: Promise | str


@dataclass(frozen=True)
class Retention:
    """How long a field is kept. ``evidence``: kept until the programme's retention date even
    when the person asks for erasure (the funder's audit needs it); processing is restricted."""

    key: str
    text: Promise | str
    evidence: bool = False


@dataclass(frozen=True)
class PersonalField:
    name: str
    category: Category
    purpose: Purpose
    retention: Retention


@dataclass(frozen=True)
class ModelDeclaration:
    """One model: its personal fields and the fields reviewed as holding no personal data."""

    model: str  # "app_label.ModelName"
    description: Promise | str
    fields: tuple[PersonalField, ...] = ()
    other: tuple[str, ...] = ()

    def field_names(self) -> set[str]:
        return {f.name for f in self.fields} | set(self.other)


@dataclass(frozen=True)
class Subject:
    """One person, with the identifiers taken before anything is erased."""

    employee_id: int
    organisation_id: int
    user_id: int | None
    full_name: str
    employee_number: str
    emails: tuple[str, ...]
    #: The person asked (articles 17/18): their login goes, roles and all. The purge after the
    #: retention date keeps a login that still holds a role, unlinked from the HR record.
    requested: bool = False


Exporter = Callable[[Subject], dict]
Eraser = Callable[[Subject, bool], dict[str, int]]


@dataclass
class Provider:
    """What one app stores about people. ``layer`` follows the dependency direction (people 0,
    cms 1, courses 2, sessions 3, surveys 4): erasure runs from the highest layer down, so a
    row is gone before the row it points to."""

    app_label: str
    layer: int
    declarations: list[ModelDeclaration] = field(default_factory=list)
    export: Exporter | None = None
    #: ``erase(subject, keep_evidence)``: with ``keep_evidence`` (before the retention date) only
    #: what is not evidence goes; without it (after the date) everything about the person goes.
    erase: Eraser | None = None
    #: Models whose audit-log entries are evidence until the retention date, like the rows.
    evidence_log_models: tuple[str, ...] = ()
    #: ``programme_purge(programme, dry_run=...)``: what goes about a programme as a whole once
    #: its retention date has passed (not tied to one person). Returns counts; idempotent.
    programme_purge: Callable[..., dict[str, int]] | None = None


_providers: dict[str, Provider] = {}
_discovered = False


def register(provider: Provider) -> Provider:
    _providers[provider.app_label] = provider
    return provider


def providers() -> list[Provider]:
    """Every registered provider, in layer order (people first)."""
    global _discovered
    if not _discovered:
        autodiscover_modules("privacy")
        _discovered = True
    return sorted(_providers.values(), key=lambda p: p.layer)


def declarations() -> list[ModelDeclaration]:
    return [d for p in providers() for d in p.declarations]


def personal_fields() -> list[tuple[ModelDeclaration, PersonalField]]:
    return [(d, f) for d in declarations() for f in d.fields]


def counts_by_category() -> dict[str, int]:
    counts = {c.value: 0 for c in Category}
    for _decl, f in personal_fields():
        counts[f.category.value] += 1
    return counts


def evidence_columns() -> set[tuple[str, str]]:
    """(model label, field name) of what an erasure before the retention date keeps."""
    return {(d.model, f.name) for d, f in personal_fields() if f.retention.evidence}


# ---------------------------------------------------------------- shared purposes and rules

PROGRAMME = Purpose(
    "programme",
    _("Genomföra programmet: bjuda in till samtal, planera, skicka länkar och påminnelser."),
    _("Art. 6.1 e GDPR: uppgift av allmänt intresse (arbetsgivarens kompetensutveckling av personalen)."),
)
EVIDENCE = Purpose(
    "evidence",
    _("Redovisa deltagartid och medfinansiering till finansiären, och visa underlaget vid revision."),
    _("Art. 6.1 c GDPR: rättslig förpliktelse (stödbeslutet och EU:s regler om att bevara underlag)."),
)
SURVEY = Purpose(
    "survey",
    _("Följa upp programmet med anonyma före- och efterenkäter."),
    _("Art. 6.1 e GDPR: uppgift av allmänt intresse; att svara är frivilligt."),
)
SECURITY = Purpose(
    "security",
    _("Skydda inloggningen och spåra vem som ändrat vad (säkerhet och behörighet)."),
    _("Art. 6.1 e och art. 32 GDPR: säkerhet i behandlingen."),
)
FEEDBACK = Purpose(
    "feedback",
    _("Förbättra materialet utifrån läsarnas synpunkter."),
    _("Art. 6.1 e GDPR: uppgift av allmänt intresse."),
)

UNTIL_RETENTION = Retention(
    "until_retention",
    _("Till programmets bevarandedatum (sista möjliga revisionsdatum); därefter anonymiseras uppgiften. "
      "Begär personen radering före dess begränsas behandlingen och uppgiften sparas bara som underlag."),
    evidence=True,
)
UNTIL_ERASURE = Retention(
    "until_erasure",
    _("Så länge personen deltar i programmet; raderas när personen begär det och senast vid bevarandedatum."),
)
WHILE_STAFF = Retention(
    "while_staff",
    _("Så länge inloggningen har en roll; en inloggning utan roll raderas med personens övriga uppgifter."),
)
OUTBOX_DAYS = Retention(
    "outbox_days",
    _("Meddelandets text och bilagor raderas ett antal dagar efter leveransen (inställning); "
      "kvar blir vem, vilken sorts meddelande och när."),
)
SURVEY_DRAFT = Retention(
    "survey_draft",
    _("Raderas när svaret skickas, när länken spärras eller slutar gälla, och när omgången stänger."),
)
PAIRING = Retention(
    "pairing",
    _("Till utvärderingens slut; då ersätts nycklarna med slumpvärden så att före- och eftersvar inte längre kan paras."),
)
SIGN_IN = Retention(
    "sign_in",
    _("Misslyckade inloggningar sparas tills spärrtiden har gått ut; webbläsarsessioner tills de löper ut."),
)
IMPORT_UNDO = Retention(
    "import_undo",
    _("Förhandsgranskade filer raderas efter två dygn, före- och efterbilder när ångra-fristen har gått ut."),
)
FEEDBACK_DAYS = Retention(
    "feedback_days",
    _("Synpunkten raderas ett antal dagar efter att den kom in (inställning)."),
)
EXPORT_HOURS = Retention(
    "export_hours",
    _("Exportfilen raderas ett antal timmar efter att den skapats (inställning), och genast när "
      "en person i den begär radering."),
)
AUDIT = Retention(
    "audit",
    _("Till programmets bevarandedatum; poster som namnger en person som raderas anonymiseras."),
)
