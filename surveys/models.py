"""Before/after surveys, rounds, invitations and anonymous responses.

Who has answered (:class:`SurveyInvitation`) is stored apart from what was answered
(:class:`Response`, :class:`Answer`). A response carries no employee id and no time finer
than the day; a person's before and after answers share a pseudonymous ``respondent_key``
derived with a secret that lives in the settings, not in the database (see
:func:`surveys.pairing.respondent_key_for`).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.forms import ChildFormsAdminForm

#: The language variant for easy-to-read Swedish ("lättläst"): a Wagtail locale and URL prefix.
EASY_SWEDISH = "sv-easy"


class SurveyKind(models.TextChoices):
    BEFORE = "before", _("Före")
    AFTER = "after", _("Efter")
    OTHER = "other", _("Annan")


class Phase(models.TextChoices):
    BEFORE = "before", _("Före")
    AFTER = "after", _("Efter")


class QuestionType(models.TextChoices):
    LIKERT5 = "likert5", _("Påstående, skala 1–5")
    SINGLE_CHOICE = "single_choice", _("Ett val")
    MULTIPLE_CHOICE = "multiple_choice", _("Flera val")
    SCALE0_10 = "scale0_10", _("Skala 0–10")
    FREE_TEXT = "free_text", _("Fritext")


NUMERIC_TYPES = (QuestionType.LIKERT5, QuestionType.SCALE0_10)
CHOICE_TYPES = (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE)

#: The labels of a scale whose question names none. Swedish, English and lättläst are written
#: here; other languages take them from the interface catalogue (the Swedish labels are msgids).
DEFAULT_LIKERT_LABELS: dict[str, list[str]] = {
    "sv": [
        gettext_noop("Instämmer inte alls"), gettext_noop("Instämmer lite"), gettext_noop("Instämmer delvis"),
        gettext_noop("Instämmer till stor del"), gettext_noop("Instämmer helt"),
    ],
    "en": ["Strongly disagree", "Disagree somewhat", "Partly agree", "Mostly agree", "Strongly agree"],
    EASY_SWEDISH: ["Nej, inte alls", "Lite", "Ibland", "Ganska mycket", "Ja, helt"],
}
DEFAULT_SCALE_LABELS: dict[str, list[str]] = {
    "sv": [gettext_noop("Inte alls"), gettext_noop("Helt och hållet")],
    "en": ["Not at all", "Completely"],
    EASY_SWEDISH: ["Inte alls", "Helt"],
}


def default_labels(defaults: dict[str, list[str]], language: str) -> list[str]:
    """A scale's standard labels in ``language``: written out, or from the catalogue."""
    if language in defaults:
        return defaults[language]
    with translation.override(language):
        return [translation.gettext(label) for label in defaults["sv"]]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def source_language() -> str:
    """The language of the surveys that are given, answered and counted: the default locale's.

    Their translations (wagtail-localize, one per locale, the same ``translation_key``) only
    show the texts in other languages; answers always refer to the source's questions.
    """
    return settings.LANGUAGE_CODE


def _source_surveys() -> dict:
    return {"locale__language_code": source_language()}


class TranslatedTexts:
    """Texts of a translatable source object in other languages, fetched once per language.

    :func:`surveys.translations.translations_attach` fills the cache for many objects at once;
    otherwise the first request for a language fetches this object's translation.
    """

    def _translation(self, language: str):
        if language == source_language():
            return None
        cache = self.__dict__.setdefault("_translations", {})
        if language not in cache:
            cache[language] = (
                type(self).objects.filter(translation_key=self.translation_key, locale__language_code=language).first()
            )
        return cache[language]

    def translation_set(self, language: str, translated) -> None:
        self.__dict__.setdefault("_translations", {})[language] = translated


class SurveyQuerySet(models.QuerySet):
    def sources(self):
        """The surveys given in rounds (not their translations)."""
        return self.filter(**_source_surveys())


class Survey(TranslatedTexts, TranslatableMixin, ClusterableModel):
    """A questionnaire written in the Wagtail admin, given in one or more rounds.

    Written in Swedish and translated with wagtail-localize like the pages: each language is a
    copy in its locale with the same ``translation_key``, its questions matched to the
    Swedish ones by theirs. Rounds, answers and results refer to the Swedish survey only.
    """

    programme = models.ForeignKey(
        "courses.Programme", verbose_name=_("program"), on_delete=models.PROTECT, related_name="surveys"
    )
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(
        _("inledning"), blank=True, help_text=_("Visas överst i enkäten. Berätta hur svaren hanteras.")
    )
    kind = models.CharField(_("typ"), max_length=10, choices=SurveyKind.choices, default=SurveyKind.BEFORE)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    objects = SurveyQuerySet.as_manager()

    # The programme, kind and the questions' structure follow the Swedish survey; only texts
    # are translated.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        SynchronizedField("programme", overridable=False),
        SynchronizedField("kind", overridable=False),
        TranslatableField("questions"),
    ]

    panels = [
        FieldPanel("programme"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("kind")]),
        FieldPanel("description"),
        InlinePanel("questions", heading=_("Frågor"), label=_("Fråga"), min_num=1),
    ]
    # A tampered POST (a question's id left out) gets the form back, not a server error.
    base_form_class = ChildFormsAdminForm

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("enkät")
        verbose_name_plural = _("enkäter")
        ordering = ["programme", "kind", "title"]

    def __str__(self) -> str:
        return self.title

    def title_for(self, language: str) -> str:
        translated = self._translation(language)
        return (translated.title if translated else "") or self.title

    def description_for(self, language: str) -> str:
        translated = self._translation(language)
        return (translated.description if translated else "") or self.description


class Question(TranslatedTexts, TranslatableMixin, Orderable):
    """One question. ``theme_key`` stays the same across before/after surveys so they compare.

    The text and options are written in Swedish and translated with the survey; a question
    without a translation in a language is shown in Swedish there.
    """

    survey = ParentalKey(Survey, verbose_name=_("enkät"), on_delete=models.CASCADE, related_name="questions")
    theme_key = models.SlugField(
        _("temanyckel"),
        max_length=60,
        help_text=_(
            "Samma nyckel i före- och efterenkäten gör att svaren kan jämföras, även om "
            "formuleringen ändras. Till exempel: tillhorighet."
        ),
    )
    type = models.CharField(_("frågetyp"), max_length=20, choices=QuestionType.choices, default=QuestionType.LIKERT5)
    required = models.BooleanField(_("obligatorisk"), default=False)
    text = models.TextField(_("fråga"))
    options = models.TextField(
        _("svarsalternativ"),
        blank=True,
        help_text=_(
            "Ett alternativ per rad. Krävs för ett val/flera val. För skala 1–5: fem rader "
            "(lämna tomt för standardetiketterna). För skala 0–10: två rader, ändpunkternas etiketter."
        ),
    )

    translatable_fields = [
        TranslatableField("text"),
        TranslatableField("options"),
        SynchronizedField("theme_key", overridable=False),
        SynchronizedField("type", overridable=False),
        SynchronizedField("required", overridable=False),
    ]

    panels = [
        FieldRowPanel([FieldPanel("theme_key"), FieldPanel("type"), FieldPanel("required")]),
        FieldPanel("text"),
        FieldPanel("options"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        ordering = ["sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "theme_key"], name="surveys_question_unique_theme"),
        ]

    def __str__(self) -> str:
        return f"{self.theme_key}: {self.text[:60]}"

    # --- texts -------------------------------------------------------------------------

    def text_for(self, language: str) -> str:
        """The question in ``language`` (its translation, or Swedish where there is none)."""
        translated = self._translation(language)
        return (translated.text if translated else "") or self.text

    def _option_lines(self, language: str) -> list[str]:
        translated = self._translation(language)
        return _lines(translated.options) if translated else _lines(self.options)

    def options_for(self, language: str) -> list[tuple[int, str]]:
        """``(value, label)`` pairs. Likert: 1–5; choices: 1–n; 0–10 scale: 0–10 (ends labelled).

        Labels in ``language`` where the translation has as many as the Swedish question,
        otherwise the Swedish ones: the values always mean the same.
        """
        sv = _lines(self.options)
        own = self._option_lines(language)
        if self.type == QuestionType.LIKERT5:
            labels = own if len(own) == 5 else sv if len(sv) == 5 else default_labels(DEFAULT_LIKERT_LABELS, language)
            return list(enumerate(labels, start=1))
        if self.type == QuestionType.SCALE0_10:
            ends = own if len(own) == 2 else sv if len(sv) == 2 else default_labels(DEFAULT_SCALE_LABELS, language)
            return [(i, f"{i} – {ends[0]}" if i == 0 else f"{i} – {ends[1]}" if i == 10 else str(i)) for i in range(11)]
        if self.type in CHOICE_TYPES:
            labels = own if len(own) == len(sv) else sv
            return list(enumerate(labels, start=1))
        return []

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    def scale_description(self) -> str:
        """For the codebook: every value with its Swedish label."""
        if self.type == QuestionType.FREE_TEXT:
            return "fritext"
        pairs = self.options_for(source_language())
        if self.type == QuestionType.SCALE0_10:
            pairs = [pairs[0], pairs[-1]]
            return "0–10; " + "; ".join(f"{v} = {label.split(' – ', 1)[-1]}" for v, label in pairs)
        return "; ".join(f"{v} = {label}" for v, label in pairs)

    def clean(self) -> None:
        lines = _lines(self.options)
        source = self._source_question()
        if source is not None:
            # A translation: the options of the Swedish question, one for one.
            if lines and len(lines) != len(_lines(source.options)):
                raise ValidationError({"options": _("Lika många alternativ som på svenska, i samma ordning.")})
            return
        if self.type in CHOICE_TYPES and len(lines) < 2:
            raise ValidationError({"options": _("Skriv minst två svarsalternativ, ett per rad.")})
        if self.type == QuestionType.LIKERT5 and lines and len(lines) != 5:
            raise ValidationError({"options": _("En skala 1–5 har fem etiketter (eller lämna tomt).")})
        if self.type == QuestionType.SCALE0_10 and lines and len(lines) != 2:
            raise ValidationError({"options": _("Skriv två rader: etiketten för 0 och för 10.")})

    def _source_question(self) -> Question | None:
        """The Swedish question this one translates (None for a Swedish question)."""
        if not self.locale_id or self.locale.language_code == source_language():
            return None
        return Question.objects.filter(translation_key=self.translation_key, **_source_surveys()).first()


#: How far a round may lie outside its programme's period (surveys before the first and after
#: the last session), and the longest a round may stay open.
ROUND_MARGIN = datetime.timedelta(days=183)
ROUND_MAX_LENGTH = datetime.timedelta(days=366)
#: Dates no round can have, whatever its programme (also a database constraint).
EARLIEST_ROUND_DAY = datetime.date(2000, 1, 1)
LATEST_ROUND_DAY = datetime.date(2100, 12, 31)


def round_dates_errors(
    *, programme, opens_on: datetime.date, closes_on: datetime.date
) -> dict[str, str]:
    """What is wrong with a round's dates, field by field (empty when they are sane).

    A round lies within its programme's period give or take half a year, is open for at
    most a year, and closes on or after the day it opens.
    """
    errors: dict[str, str] = {}
    if programme is not None:
        earliest = max(programme.starts_on - ROUND_MARGIN, EARLIEST_ROUND_DAY)
        latest = min(programme.ends_on + ROUND_MARGIN, LATEST_ROUND_DAY)
        for name, day in (("opens_on", opens_on), ("closes_on", closes_on)):
            if not earliest <= day <= latest:
                errors[name] = _(
                    "Välj ett datum mellan %(earliest)s och %(latest)s (programmets period och ett halvår före och efter)."
                ) % {"earliest": earliest.isoformat(), "latest": latest.isoformat()}
    if "closes_on" not in errors:
        if closes_on < opens_on:
            errors["closes_on"] = _("Omgången kan inte stänga innan den öppnar.")
        elif closes_on - opens_on > ROUND_MAX_LENGTH:
            errors["closes_on"] = _("En omgång kan vara öppen i högst ett år.")
    return errors


class SurveyRound(models.Model):
    """A survey given at one point: before or after the workplace process, for chosen units."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("enkät"), on_delete=models.PROTECT, related_name="rounds",
        limit_choices_to=_source_surveys,
    )
    programme = models.ForeignKey(
        "courses.Programme", verbose_name=_("program"), on_delete=models.PROTECT, related_name="survey_rounds"
    )
    name = models.CharField(_("namn"), max_length=200)
    phase = models.CharField(_("skede"), max_length=10, choices=Phase.choices)
    organisations = models.ManyToManyField(
        "people.Organisation",
        verbose_name=_("organisationer"),
        blank=True,
        related_name="survey_rounds",
        help_text=_("Alla arbetsplatser i de valda organisationerna får enkäten."),
    )
    workplaces = models.ManyToManyField(
        "people.Workplace",
        verbose_name=_("arbetsplatser"),
        blank=True,
        related_name="survey_rounds",
        help_text=_("Enskilda arbetsplatser utöver organisationerna ovan."),
    )
    opens_on = models.DateField(
        _("öppnar"), help_text=_("Före: innan arbetsplatsens första samtal. Efter: efter det sista.")
    )
    closes_on = models.DateField(_("stänger"))
    reminder_interval_days = models.PositiveSmallIntegerField(_("dagar mellan påminnelser"), default=7)
    max_reminders = models.PositiveSmallIntegerField(_("högst antal påminnelser"), default=2)
    invitations_sent_on = models.DateField(_("inbjudningar skickade"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("survey"),
        FieldPanel("programme"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("phase")]),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        FieldPanel("organisations"),
        FieldPanel("workplaces"),
        FieldRowPanel([FieldPanel("reminder_interval_days"), FieldPanel("max_reminders")]),
    ]

    class Meta:
        verbose_name = _("enkätomgång")
        verbose_name_plural = _("enkätomgångar")
        ordering = ["-opens_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="surveys_round_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(opens_on__gte=EARLIEST_ROUND_DAY, closes_on__lte=LATEST_ROUND_DAY),
                name="surveys_round_dates_sane",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.survey_id and self.programme_id and self.survey.programme_id != self.programme_id:
            raise ValidationError({"survey": _("Enkäten hör till ett annat program.")})
        if not (self.opens_on and self.closes_on):
            return
        errors = round_dates_errors(
            programme=self.programme if self.programme_id else None, opens_on=self.opens_on, closes_on=self.closes_on
        )
        if errors:
            raise ValidationError(errors)
        # Results are released when a round closes (docs/anonymity.md): a closed round stays
        # closed, and an open one cannot be closed in the past, or two releases could differ
        # by a handful of answers.
        today = timezone.localdate()
        stored = SurveyRound.objects.filter(pk=self.pk).values("opens_on", "closes_on").first() if self.pk else None
        if stored and stored["closes_on"] < today:
            if (stored["opens_on"], stored["closes_on"]) != (self.opens_on, self.closes_on):
                raise ValidationError(_("Omgången har stängt och resultaten är släppta: datumen kan inte ändras."))
        elif self.closes_on < today:
            raise ValidationError({"closes_on": _("Välj dagens datum eller senare: en omgång kan inte stänga i efterhand.")})

    @property
    def is_closed(self) -> bool:
        return self.closes_on < timezone.localdate()

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class SurveyInvitation(models.Model):
    """Who is invited and whether they have answered – never what they answered.

    ``draft`` holds unsent answers so a dropped connection loses nothing; it is deleted when
    the response is submitted. There is deliberately no answer date or time here, so the
    invitation cannot be matched to a response by when it arrived.
    """

    round = models.ForeignKey(SurveyRound, verbose_name=_("omgång"), on_delete=models.CASCADE, related_name="invitations")
    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("anställd"), on_delete=models.PROTECT, related_name="survey_invitations"
    )
    nonce = models.CharField(max_length=32, help_text=_("Byts ut när länken ska sluta gälla."))
    responded = models.BooleanField(_("har svarat"), default=False)
    sent_on = models.DateField(_("skickad"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("påminnelser"), default=0)
    last_reminded_on = models.DateField(_("senast påmind"), null=True, blank=True)
    draft = models.JSONField(_("utkast"), null=True, blank=True)
    draft_owner = models.CharField(
        max_length=64, blank=True, help_text=_("Fingeravtryck av webbläsarsessionen som sparade utkastet.")
    )
    letter_code_hash = models.CharField(
        max_length=64, blank=True, help_text=_("HMAC av koden i personens brev; själva koden sparas aldrig.")
    )
    letter_code_issued_on = models.DateField(_("brev med kod skapat"), null=True, blank=True)
    letter_code_used = models.BooleanField(_("koden har använts"), default=False)

    class Meta:
        verbose_name = _("enkätinbjudan")
        verbose_name_plural = _("enkätinbjudningar")
        ordering = ["round", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "employee"], name="surveys_invitation_one_per_round"),
            models.CheckConstraint(
                condition=Q(responded=False) | Q(draft__isnull=True), name="surveys_invitation_no_draft_after_answer"
            ),
            models.UniqueConstraint(
                fields=["letter_code_hash"], condition=~Q(letter_code_hash=""), name="surveys_invitation_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.employee_id}"


class Response(models.Model):
    """What one person answered in one round: no employee id, no time finer than the day."""

    round = models.ForeignKey(SurveyRound, verbose_name=_("omgång"), on_delete=models.PROTECT, related_name="responses")
    respondent_key = models.CharField(_("pseudonym"), max_length=64, db_index=True)
    organisation = models.ForeignKey(
        "people.Organisation", verbose_name=_("organisation"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    workplace = models.ForeignKey(
        "people.Workplace", verbose_name=_("arbetsplats"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_on = models.DateField(_("inskickad"))

    class Meta:
        verbose_name = _("enkätsvar")
        verbose_name_plural = _("enkätsvar")
        ordering = ["round", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "respondent_key"], name="surveys_response_one_per_person"),
            models.CheckConstraint(condition=~Q(respondent_key=""), name="surveys_response_key_not_empty"),
        ]
        indexes = [models.Index(fields=["round", "workplace"]), models.Index(fields=["round", "organisation"])]

    def __str__(self) -> str:
        return f"{self.round} #{self.pk}"


class Answer(models.Model):
    """One answer: ``value`` for scales and single choice, ``choices`` for several, ``text`` for free text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.SmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("svar på fråga")
        verbose_name_plural = _("svar på frågor")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="surveys_answer_one_per_question"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0, value__lte=10), name="surveys_answer_value_range"
            ),
        ]
        indexes = [models.Index(fields=["question", "value"])]

    def __str__(self) -> str:
        return f"{self.question_id}={self.value}"
