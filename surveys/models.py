"""Before/after surveys, rounds, invitations and anonymous responses.

Who has answered (:class:`SurveyInvitation`) is stored apart from what was answered
(:class:`Response`, :class:`Answer`). A response carries no employee id and no time finer
than the day; a person's before and after answers share a pseudonymous ``respondent_key``
derived with a secret that lives in the settings, not in the database (see
:func:`surveys.pairing.respondent_key_for`).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

#: The language variant for easy-to-read Swedish ("lättläst").
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

DEFAULT_LIKERT_LABELS: dict[str, list[str]] = {
    "sv": ["Instämmer inte alls", "Instämmer lite", "Instämmer delvis", "Instämmer till stor del", "Instämmer helt"],
    "en": ["Strongly disagree", "Disagree somewhat", "Partly agree", "Mostly agree", "Strongly agree"],
    EASY_SWEDISH: ["Nej, inte alls", "Lite", "Ibland", "Ganska mycket", "Ja, helt"],
}
DEFAULT_SCALE_LABELS: dict[str, list[str]] = {
    "sv": ["Inte alls", "Helt och hållet"],
    "en": ["Not at all", "Completely"],
    EASY_SWEDISH: ["Inte alls", "Helt"],
}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Survey(ClusterableModel):
    """A questionnaire written in the Wagtail admin, given in one or more rounds."""

    programme = models.ForeignKey(
        "courses.Programme", verbose_name=_("program"), on_delete=models.PROTECT, related_name="surveys"
    )
    title = models.CharField(_("rubrik"), max_length=200)
    title_en = models.CharField(_("rubrik på engelska"), max_length=200, blank=True)
    description = models.TextField(
        _("inledning"), blank=True, help_text=_("Visas överst i enkäten. Berätta hur svaren hanteras.")
    )
    description_en = models.TextField(_("inledning på engelska"), blank=True)
    kind = models.CharField(_("typ"), max_length=10, choices=SurveyKind.choices, default=SurveyKind.BEFORE)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    panels = [
        FieldPanel("programme"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("kind")]),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("title_en"), FieldPanel("description_en")], heading=_("Engelska")),
        InlinePanel("questions", heading=_("Frågor"), label=_("Fråga"), min_num=1),
    ]

    class Meta:
        verbose_name = _("enkät")
        verbose_name_plural = _("enkäter")
        ordering = ["programme", "kind", "title"]

    def __str__(self) -> str:
        return self.title

    def title_for(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title

    def description_for(self, language: str) -> str:
        return self.description_en if language == "en" and self.description_en else self.description


class Question(Orderable):
    """One question. ``theme_key`` stays the same across before/after surveys so they compare.

    Texts live in one column per language shown in the admin (Swedish, English, easy-to-read
    Swedish) plus ``translations`` for further languages: ``{"fi": {"text": "...",
    "options": ["...", ...]}}``. Whatever is missing falls back to Swedish.
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
    text_sv = models.TextField(_("fråga (svenska)"))
    text_en = models.TextField(_("fråga (engelska)"), blank=True)
    text_easy_sv = models.TextField(_("fråga (lättläst svenska)"), blank=True)
    options_sv = models.TextField(
        _("svarsalternativ (svenska)"),
        blank=True,
        help_text=_(
            "Ett alternativ per rad. Krävs för ett val/flera val. För skala 1–5: fem rader "
            "(lämna tomt för standardetiketterna). För skala 0–10: två rader, ändpunkternas etiketter."
        ),
    )
    options_en = models.TextField(_("svarsalternativ (engelska)"), blank=True)
    options_easy_sv = models.TextField(_("svarsalternativ (lättläst svenska)"), blank=True)
    translations = models.JSONField(
        _("fler språk"),
        default=dict,
        blank=True,
        help_text=_('Till exempel {"fi": {"text": "…", "options": ["…"]}}.'),
    )

    panels = [
        FieldRowPanel([FieldPanel("theme_key"), FieldPanel("type"), FieldPanel("required")]),
        FieldPanel("text_sv"),
        FieldPanel("options_sv"),
        MultiFieldPanel(
            [FieldPanel("text_en"), FieldPanel("options_en"), FieldPanel("text_easy_sv"), FieldPanel("options_easy_sv"), FieldPanel("translations")],
            heading=_("Översättningar"),
            classname="collapsed",
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        constraints = [
            models.UniqueConstraint(fields=["survey", "theme_key"], name="surveys_question_unique_theme"),
        ]

    def __str__(self) -> str:
        return f"{self.theme_key}: {self.text_sv[:60]}"

    # --- texts -------------------------------------------------------------------------

    def text_for(self, language: str) -> str:
        """The question in ``language`` ("sv", "en", "sv-easy", or any key of translations)."""
        text = {"sv": self.text_sv, "en": self.text_en, EASY_SWEDISH: self.text_easy_sv}.get(language)
        if not text:
            text = (self.translations or {}).get(language, {}).get("text", "")
        return text or self.text_sv

    def _option_lines(self, language: str) -> list[str]:
        lines = _lines({"sv": self.options_sv, "en": self.options_en, EASY_SWEDISH: self.options_easy_sv}.get(language, ""))
        if not lines:
            lines = [str(x) for x in (self.translations or {}).get(language, {}).get("options", [])]
        return lines

    def options_for(self, language: str) -> list[tuple[int, str]]:
        """``(value, label)`` pairs. Likert: 1–5; choices: 1–n; 0–10 scale: 0–10 (ends labelled)."""
        sv = self._option_lines("sv")
        own = self._option_lines(language)
        if self.type == QuestionType.LIKERT5:
            labels = own if len(own) == 5 else sv if len(sv) == 5 else DEFAULT_LIKERT_LABELS.get(language, DEFAULT_LIKERT_LABELS["sv"])
            return list(enumerate(labels, start=1))
        if self.type == QuestionType.SCALE0_10:
            ends = own if len(own) == 2 else sv if len(sv) == 2 else DEFAULT_SCALE_LABELS.get(language, DEFAULT_SCALE_LABELS["sv"])
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
        pairs = self.options_for("sv")
        if self.type == QuestionType.SCALE0_10:
            pairs = [pairs[0], pairs[-1]]
            return "0–10; " + "; ".join(f"{v} = {label.split(' – ', 1)[-1]}" for v, label in pairs)
        return "; ".join(f"{v} = {label}" for v, label in pairs)

    def clean(self) -> None:
        sv = _lines(self.options_sv)
        if self.type in CHOICE_TYPES and len(sv) < 2:
            raise ValidationError({"options_sv": _("Skriv minst två svarsalternativ, ett per rad.")})
        if self.type == QuestionType.LIKERT5 and sv and len(sv) != 5:
            raise ValidationError({"options_sv": _("En skala 1–5 har fem etiketter (eller lämna tomt).")})
        if self.type == QuestionType.SCALE0_10 and sv and len(sv) != 2:
            raise ValidationError({"options_sv": _("Skriv två rader: etiketten för 0 och för 10.")})
        for field in ("options_en", "options_easy_sv"):
            other = _lines(getattr(self, field))
            if other and sv and len(other) != len(sv):
                raise ValidationError({field: _("Lika många alternativ som på svenska, i samma ordning.")})
        if not isinstance(self.translations, dict):
            raise ValidationError({"translations": _("Ange ett objekt med språkkoder som nycklar.")})


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

    survey = models.ForeignKey(Survey, verbose_name=_("enkät"), on_delete=models.PROTECT, related_name="rounds")
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
