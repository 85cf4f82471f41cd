"""The programme, its two tracks and their ordered modules, with the funder's settings, and the
editors' wording of the e-mails sent about it."""

from __future__ import annotations

import datetime
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin

from cms.forms import ChildFormsAdminForm
from cms.widgets import DiscussionGuideChooser, LectureSegmentChooser
from people.models import Language, language_choices

from .message_kinds import message_kind, message_kind_choices, placeholders_unknown

# Bounds on what a programme may hold (issue 9): a date typed as year 1 or 9999, a negative unit
# cost or a 2 147 483 647-minute target is a typo, never a plan, and must not reach the funder's
# reports. The same figures are validators (forms), checks in the services and CheckConstraints.
PROGRAMME_DATE_MIN = datetime.date(2000, 1, 1)
PROGRAMME_DATE_MAX = datetime.date(2099, 12, 31)
RETENTION_DATE_MAX = datetime.date(2199, 12, 31)
PLANNED_PARTICIPANTS_MAX = 1_000_000
UNIT_COST_MAX = Decimal("10000.00")
COFINANCING_BUDGET_MAX = Decimal("9999999999.99")
ANONYMITY_THRESHOLD_MIN = 3
ANONYMITY_THRESHOLD_MAX = 50
COMPLETION_PERCENT_DEFAULT = 80
#: A track's target: at most 100 hours (the preparatory track is 14 h, the workplace track 5 h).
TRACK_TARGET_MAX_MINUTES = 6000
#: One module is held in one sitting: at most 16 hours.
MODULE_MAX_MINUTES = 960


def in_reader_language(obj: models.Model, field: str) -> str:
    """``field`` of ``obj`` in the active language: its ``<field>_en`` twin for English readers
    when an editor has filled it in, else the Swedish original.

    Programmes, tracks and modules are one row each whatever the language – sessions, hours and
    surveys point at them – so their names are translated field by field rather than as Wagtail
    page translations (docs/content.md).
    """
    swedish = getattr(obj, field)
    language = (translation.get_language() or "sv").split("-")[0]
    if language == "en":
        return getattr(obj, f"{field}_en", "") or swedish
    return swedish


class RoundingRule(models.TextChoices):
    """How reported hours are rounded in funder exports (never in the ledger itself)."""

    NONE = "none", _("Ingen avrundning (exakta minuter)")
    WHOLE_HOURS_DOWN = "whole_down", _("Hela timmar, avrundat nedåt")
    HALF_HOURS_DOWN = "half_down", _("Halvtimmar, avrundat nedåt")
    WHOLE_HOURS_NEAREST = "whole_nearest", _("Hela timmar, närmaste")

    def apply(self, minutes: int) -> Decimal:
        """Return hours for ``minutes`` under this rule."""
        hours = Decimal(minutes) / Decimal(60)
        if self == RoundingRule.WHOLE_HOURS_DOWN:
            return hours.to_integral_value(rounding=ROUND_DOWN)
        if self == RoundingRule.HALF_HOURS_DOWN:
            return (hours * 2).to_integral_value(rounding=ROUND_DOWN) / 2
        if self == RoundingRule.WHOLE_HOURS_NEAREST:
            return hours.to_integral_value(rounding=ROUND_HALF_UP)
        return hours.quantize(Decimal("0.01"))


class Programme(ClusterableModel):
    """A funded programme such as "Vilka är vi? 2018–2021"."""

    base_form_class = ChildFormsAdminForm

    name = models.CharField(_("namn"), max_length=200, unique=True)
    name_en = models.CharField(
        _("namn på engelska"), max_length=200, blank=True, help_text=_("Visas för den som läser på engelska.")
    )
    description = models.TextField(_("beskrivning"), blank=True)
    starts_on = models.DateField(
        _("startdatum"), validators=[MinValueValidator(PROGRAMME_DATE_MIN), MaxValueValidator(PROGRAMME_DATE_MAX)]
    )
    ends_on = models.DateField(
        _("slutdatum"), validators=[MinValueValidator(PROGRAMME_DATE_MIN), MaxValueValidator(PROGRAMME_DATE_MAX)]
    )
    planned_participants = models.PositiveIntegerField(
        _("planerat antal deltagare"), default=0, validators=[MaxValueValidator(PLANNED_PARTICIPANTS_MAX)]
    )
    organisations = models.ManyToManyField(
        "people.Organisation",
        verbose_name=_("organisationer"),
        related_name="programmes",
        blank=True,
    )
    unit_cost_per_hour = models.DecimalField(
        _("enhetskostnad per timme (kr)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(UNIT_COST_MAX)],
        help_text=_("Finansiärens schablon för deltagartid som medfinansiering."),
    )
    rounding_rule = models.CharField(
        _("avrundning i redovisningen"),
        max_length=20,
        choices=RoundingRule.choices,
        default=RoundingRule.NONE,
        help_text=_("Gäller bara exporten till finansiären, aldrig timredovisningen."),
    )
    retention_until = models.DateField(
        _("bevaras till"),
        null=True,
        blank=True,
        validators=[MinValueValidator(PROGRAMME_DATE_MIN), MaxValueValidator(RETENTION_DATE_MAX)],
        help_text=_("Sista möjliga revisionsdatum enligt beslutet om stöd."),
    )
    anonymity_threshold = models.PositiveSmallIntegerField(
        _("anonymitetsgräns"),
        default=5,
        validators=[MinValueValidator(ANONYMITY_THRESHOLD_MIN), MaxValueValidator(ANONYMITY_THRESHOLD_MAX)],
        help_text=_("Enkätresultat visas bara för grupper med minst så här många svar."),
    )
    module_completion_percent = models.PositiveSmallIntegerField(
        _("gräns för genomförd modul (%)"),
        default=COMPLETION_PERCENT_DEFAULT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "En modul räknas som genomförd när deltagaren varit med minst så här stor del av modulens "
            "planerade tid. Den som varit med kortare tid visas som Delvis och kan bjudas in igen."
        ),
    )
    cofinancing_budget = models.DecimalField(
        _("budgeterad medfinansiering, deltagartid (kr)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(COFINANCING_BUDGET_MAX)],
        help_text=_("Det belopp deltagarnas tid ska motsvara enligt budgeten. Styrgruppen följer utfallet mot det."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("planned_participants"),
        FieldPanel("organisations"),
        MultiFieldPanel(
            [
                FieldPanel("unit_cost_per_hour"),
                FieldPanel("rounding_rule"),
                FieldPanel("retention_until"),
                FieldPanel("anonymity_threshold"),
                FieldPanel("module_completion_percent"),
                FieldPanel("cofinancing_budget"),
            ],
            heading=_("Finansiär och uppföljning"),
        ),
        InlinePanel("phases", heading=_("Faser"), label=_("Fas")),
        InlinePanel("milestones", heading=_("Milstolpar"), label=_("Milstolpe")),
    ]

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="courses_programme_dates_ordered",
                violation_error_message=_("Slutdatum kan inte vara före startdatum."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__gte=PROGRAMME_DATE_MIN, ends_on__lte=PROGRAMME_DATE_MAX),
                name="courses_programme_dates_bounded",
                violation_error_message=_("Programmets datum måste ligga mellan 2000-01-01 och 2099-12-31."),
            ),
            models.CheckConstraint(
                condition=Q(retention_until__isnull=True)
                | Q(retention_until__gte=models.F("ends_on"), retention_until__lte=RETENTION_DATE_MAX),
                name="courses_programme_retention_bounded",
                violation_error_message=_("Bevarandedatum måste vara efter programmets slut och senast 2199-12-31."),
            ),
            models.CheckConstraint(
                condition=Q(planned_participants__lte=PLANNED_PARTICIPANTS_MAX),
                name="courses_programme_participants_bounded",
            ),
            models.CheckConstraint(
                condition=Q(unit_cost_per_hour__gte=0, unit_cost_per_hour__lte=UNIT_COST_MAX),
                name="courses_programme_unit_cost_bounded",
            ),
            models.CheckConstraint(
                condition=Q(anonymity_threshold__gte=ANONYMITY_THRESHOLD_MIN), name="courses_programme_threshold_min_3"
            ),
            models.CheckConstraint(
                condition=Q(anonymity_threshold__lte=ANONYMITY_THRESHOLD_MAX),
                name="courses_programme_threshold_max",
            ),
            models.CheckConstraint(
                condition=Q(module_completion_percent__gte=1, module_completion_percent__lte=100),
                name="courses_programme_completion_percent_1_100",
            ),
            models.CheckConstraint(
                condition=Q(cofinancing_budget__gte=0), name="courses_programme_cofinancing_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.local_name

    @property
    def local_name(self) -> str:
        return in_reader_language(self, "name")

    @property
    def rounding(self) -> RoundingRule:
        return RoundingRule(self.rounding_rule)

    def current_phase(self, on: datetime.date) -> Phase | None:
        """The phase whose dates hold ``on`` (uses prefetched phases when present)."""
        return next((p for p in self.phases.all() if p.starts_on <= on <= p.ends_on), None)


class Phase(Orderable):
    """A stage of the programme, e.g. analysis and planning, implementation, closing."""

    programme = ParentalKey(Programme, verbose_name=_("program"), on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    starts_on = models.DateField(
        _("startdatum"), validators=[MinValueValidator(PROGRAMME_DATE_MIN), MaxValueValidator(PROGRAMME_DATE_MAX)]
    )
    ends_on = models.DateField(
        _("slutdatum"), validators=[MinValueValidator(PROGRAMME_DATE_MIN), MaxValueValidator(PROGRAMME_DATE_MAX)]
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("fas")
        verbose_name_plural = _("faser")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="courses_phase_dates_ordered",
                violation_error_message=_("Slutdatum kan inte vara före startdatum."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def milestones_in(self) -> list[Milestone]:
        """The programme's milestones within this phase's dates (uses prefetched milestones)."""
        return [m for m in self.programme.milestones.all() if self.starts_on <= m.due_on <= self.ends_on]


class Milestone(Orderable):
    """A dated milestone of the programme (a report, a conference day); its date places it in a phase."""

    programme = ParentalKey(
        Programme, verbose_name=_("program"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("milstolpe"), max_length=200)
    due_on = models.DateField(
        _("datum"), validators=[MinValueValidator(PROGRAMME_DATE_MIN), MaxValueValidator(PROGRAMME_DATE_MAX)]
    )

    panels = [FieldRowPanel([FieldPanel("title"), FieldPanel("due_on")])]

    class Meta(Orderable.Meta):
        verbose_name = _("milstolpe")
        verbose_name_plural = _("milstolpar")
        ordering = ["due_on", "sort_order"]

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%Y-%m-%d})"


class TrackKind(models.TextChoices):
    PREPARATORY = "preparatory", _("Preparandprocessen")
    WORKPLACE = "workplace", _("Arbetsplatsprocessen")


class Track(ClusterableModel):
    """The preparatory track (14 h, managers and representatives) or the workplace track (5 h)."""

    base_form_class = ChildFormsAdminForm

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.CASCADE, related_name="tracks"
    )
    kind = models.CharField(_("typ"), max_length=20, choices=TrackKind.choices)
    name = models.CharField(_("namn"), max_length=200)
    name_en = models.CharField(
        _("namn på engelska"), max_length=200, blank=True, help_text=_("Visas för den som läser på engelska.")
    )
    description = models.TextField(_("beskrivning"), blank=True)
    target_minutes = models.PositiveIntegerField(
        _("mål (minuter)"),
        validators=[MinValueValidator(1), MaxValueValidator(TRACK_TARGET_MAX_MINUTES)],
        help_text=_("Preparandprocessen: 840 (14 h). Arbetsplatsprocessen: 300 (5 h)."),
    )

    panels = [
        FieldPanel("programme"),
        FieldPanel("kind"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("description"),
        FieldPanel("target_minutes"),
        InlinePanel("modules", heading=_("Moduler"), label=_("Modul")),
    ]

    class Meta:
        verbose_name = _("spår")
        verbose_name_plural = _("spår")
        ordering = ["programme", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="courses_track_one_per_kind"),
            models.CheckConstraint(condition=Q(target_minutes__gt=0), name="courses_track_target_positive"),
            models.CheckConstraint(
                condition=Q(target_minutes__lte=TRACK_TARGET_MAX_MINUTES), name="courses_track_target_bounded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.local_name} ({self.programme})"

    @property
    def local_name(self) -> str:
        return in_reader_language(self, "name")

    @property
    def target_hours(self) -> Decimal:
        return Decimal(self.target_minutes) / Decimal(60)

    @property
    def planned_minutes(self) -> int:
        """The sum of the modules' planned minutes (uses prefetched modules when present)."""
        return sum(module.planned_minutes for module in self.modules.all())

    @property
    def minutes_off_target(self) -> int:
        """Planned minus target: 0 when the modules add up, negative when short, positive when over."""
        return self.planned_minutes - self.target_minutes


class Module(Orderable):
    """One part of a track, e.g. one workplace dialogue of an hour, with its discussion guide."""

    track = ParentalKey(Track, verbose_name=_("spår"), on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("titel"), max_length=200)
    title_en = models.CharField(
        _("titel på engelska"), max_length=200, blank=True, help_text=_("Visas för den som läser på engelska.")
    )
    description = models.TextField(_("beskrivning"), blank=True)
    planned_minutes = models.PositiveIntegerField(
        _("planerad tid (minuter)"), validators=[MinValueValidator(1), MaxValueValidator(MODULE_MAX_MINUTES)]
    )
    lecture_segment = models.ForeignKey(
        "cms.LectureSegmentPage",
        verbose_name=_("föreläsningsavsnitt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    discussion_guide = models.ForeignKey(
        "cms.DiscussionGuidePage",
        verbose_name=_("samtalsguide"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("title_en"),
        FieldPanel("description"),
        FieldPanel("planned_minutes"),
        # Passed as classes: they are made when the form is, once the page models are loaded.
        FieldPanel("lecture_segment", widget=LectureSegmentChooser),
        FieldPanel("discussion_guide", widget=DiscussionGuideChooser),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("modul")
        verbose_name_plural = _("moduler")
        constraints = [
            models.CheckConstraint(condition=Q(planned_minutes__gt=0), name="courses_module_minutes_positive"),
            models.CheckConstraint(
                condition=Q(planned_minutes__lte=MODULE_MAX_MINUTES), name="courses_module_minutes_bounded"
            ),
        ]

    def __str__(self) -> str:
        return self.local_title

    @property
    def local_title(self) -> str:
        return in_reader_language(self, "title")


class MessageText(PreviewableMixin, models.Model):
    """An editor's wording of one kind of e-mail, for one language and one programme or all.

    A blank subject or body keeps the next text in line for that part: the programme's own
    text, then the text for all programmes, then the default template
    (``courses.messages.message_render``).
    """

    kind = models.CharField(_("meddelande"), max_length=40, choices=message_kind_choices)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="message_texts",
        help_text=_("Lämna tomt för att texten ska gälla alla program som inte har en egen."),
    )
    language = models.CharField(
        _("språk"), max_length=8, choices=language_choices, default=Language.SWEDISH,
        help_text=_("Mottagaren får texten på sitt föredragna språk. Finns ingen text på det "
                    "språket får mottagaren standardtexten på sitt språk."),
    )
    subject = models.CharField(
        _("ämnesrad"), max_length=200, blank=True,
        help_text=_("Lämna tomt för att behålla standardämnet."),
    )
    body = models.TextField(
        _("text"), blank=True, max_length=10_000,
        help_text=_("Lämna tomt för att behålla standardtexten. Platshållare skrivs med dubbla klammerparenteser, till exempel {{ first_name }}."),
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("e-posttext")
        verbose_name_plural = _("e-posttexter")
        ordering = ["kind", "programme__name", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "programme", "language"],
                name="courses_messagetext_one_per_programme",
                violation_error_message=_("Det finns redan en text för det här meddelandet, programmet och språket."),
            ),
            # NULLs are distinct in a unique index: the texts for all programmes need their own.
            models.UniqueConstraint(
                fields=["kind", "language"],
                condition=Q(programme__isnull=True),
                name="courses_messagetext_one_for_all_programmes",
                violation_error_message=_("Det finns redan en text för det här meddelandet och språket för alla program."),
            ),
            models.CheckConstraint(
                condition=~Q(subject="") | ~Q(body=""),
                name="courses_messagetext_changes_something",
                violation_error_message=_("Skriv en ämnesrad, en text eller båda."),
            ),
        ]

    def __str__(self) -> str:
        kind = message_kind(self.kind)
        label = str(kind.label) if kind else self.kind
        where = self.programme.local_name if self.programme_id else _("alla program")
        return f"{label} – {where} ({self.get_language_display()})"

    def clean(self) -> None:
        super().clean()
        self.subject = " ".join(self.subject.split())
        self.body = self.body.strip("\n").replace("\r\n", "\n")
        kind = message_kind(self.kind)
        if kind is None:
            return  # the field's own choice check says so
        errors = {}
        for field in ("subject", "body"):
            unknown = placeholders_unknown(getattr(self, field), kind)
            if unknown:
                errors[field] = ValidationError(
                    _("Okänd platshållare: %(unknown)s. Du kan använda: %(allowed)s."),
                    code="unknown_placeholder",
                    params={
                        "unknown": ", ".join(unknown),
                        "allowed": ", ".join(f"{{{{ {name} }}}}" for name in kind.placeholder_names),
                    },
                )
        if errors:
            raise ValidationError(errors)

    # --- Preview: the e-mail as a recipient would get it, with example values ---------------

    def get_preview_template(self, request, mode_name: str) -> str:
        return "courses/admin/message_text_preview.html"

    def get_preview_context(self, request, mode_name: str) -> dict:
        from .messages import message_preview

        context = super().get_preview_context(request, mode_name)
        context.update(message_preview(self))
        return context
