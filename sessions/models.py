"""Scheduled dialogue sessions, invitations, attendance and the hours ledger.

The ledger is attendance minutes plus signed corrections; it never stores a typed total
(see ``sessions.selectors.ledger_by_track``). Once a session is closed its invitations and
attendance are fixed: services refuse changes and database triggers (``sessions.db_guards``)
refuse them too; only a signed ``HoursCorrection`` changes the hours afterwards.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .bounds import (
    CORRECTION_MINUTES_ABS_MAX,
    SESSION_CAPACITY_MAX,
    SESSION_INSTANT_MAX,
    SESSION_INSTANT_MIN,
    SESSION_MAX_MINUTES,
)


def _new_uid() -> str:
    return f"{uuid.uuid4()}@samtalsrum"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Planerad")
    CLOSED = "closed", _("Avslutad")
    CANCELLED = "cancelled", _("Inställd")


class SessionQuerySet(models.QuerySet["Session"]):
    def active(self) -> SessionQuerySet:
        return self.exclude(status=SessionStatus.CANCELLED)


class Session(models.Model):
    """One occasion of one module: for a workplace, or open across workplaces (preparatory)."""

    module = models.ForeignKey(
        "courses.Module", verbose_name=_("modul"), on_delete=models.PROTECT, related_name="sessions"
    )
    workplace = models.ForeignKey(
        "people.Workplace",
        verbose_name=_("arbetsplats"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        help_text=_("Tomt för öppna preparandtillfällen."),
    )
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    place = models.CharField(_("plats"), max_length=200, blank=True)
    video_link = models.URLField(_("videolänk"), blank=True)
    process_leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("processledare"),
        related_name="led_sessions",
        blank=True,
    )
    capacity = models.PositiveIntegerField(_("antal platser"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    closed_at = models.DateTimeField(_("avslutad"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("avslutad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    cancel_reason = models.TextField(_("skäl till att tillfället ställdes in"), blank=True, editable=False)
    sequence = models.PositiveIntegerField(_("version"), default=0)
    invitations_pending = models.BooleanField(
        _("inbjudningar väntar"),
        default=False,
        editable=False,
        help_text=_("Inbjudningarna byggs och skickas i bakgrunden strax efter att tillfället har sparats."),
    )
    uid = models.CharField(_("kalender-id"), max_length=100, unique=True, default=_new_uid, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skapad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("samtalstillfälle")
        verbose_name_plural = _("samtalstillfällen")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="sessions_session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0), name="sessions_session_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__lte=SESSION_CAPACITY_MAX),
                name="sessions_session_capacity_bounded",
            ),
            # Year 1 became 1 BC in PostgreSQL and broke every page that read it (issue 9).
            models.CheckConstraint(
                condition=Q(starts_at__gte=SESSION_INSTANT_MIN, ends_at__lte=SESSION_INSTANT_MAX),
                name="sessions_session_dates_bounded",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="sessions_session_closed_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["workplace", "starts_at"]),
            models.Index(fields=["status", "starts_at"]),
            # The beat's flush looks only at the few sessions whose invitations are still to be built.
            models.Index(
                fields=["created_at"], condition=Q(invitations_pending=True), name="sessions_invitations_pending"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module} – {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def length_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_open(self) -> bool:
        """An open preparatory session, across workplaces."""
        return self.workplace_id is None

    @property
    def is_closed(self) -> bool:
        return self.status == SessionStatus.CLOSED

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Inbjuden")
    WAITLISTED = "waitlisted", _("På väntelista")
    CANCELLED = "cancelled", _("Avbokad")
    DECLINED = "declined", _("Tackat nej")


class Invitation(models.Model):
    session = models.ForeignKey(Session, verbose_name=_("tillfälle"), on_delete=models.CASCADE, related_name="invitations")
    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("anställd"), on_delete=models.PROTECT, related_name="session_invitations"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=InvitationStatus.choices, default=InvitationStatus.INVITED
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "employee"], name="sessions_invitation_unique_employee"),
        ]
        indexes = [models.Index(fields=["employee", "status"])]

    def __str__(self) -> str:
        return f"{self.employee} – {self.session}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Närvarande")
    ABSENT = "absent", _("Frånvarande")
    PARTIAL = "partial", _("Delvis")


class Attendance(models.Model):
    """Minutes one employee actually attended one session (partial attendance is real)."""

    session = models.ForeignKey(Session, verbose_name=_("tillfälle"), on_delete=models.PROTECT, related_name="attendances")
    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("anställd"), on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(_("närvaro"), max_length=10, choices=AttendanceStatus.choices)
    minutes = models.PositiveIntegerField(_("minuter"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrerad av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("registrerad"), auto_now=True)

    class Meta:
        verbose_name = _("närvaro")
        verbose_name_plural = _("närvaro")
        ordering = ["session", "employee"]
        constraints = [
            models.UniqueConstraint(fields=["session", "employee"], name="sessions_attendance_unique_employee"),
            models.CheckConstraint(
                condition=~Q(status="absent") | Q(minutes=0), name="sessions_attendance_absent_zero_minutes"
            ),
            models.CheckConstraint(
                condition=Q(minutes__lte=SESSION_MAX_MINUTES), name="sessions_attendance_minutes_bounded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} – {self.session}: {self.minutes} min"


class HoursCorrection(models.Model):
    """A signed, append-only correction of the ledger: who, when, why and how many minutes."""

    employee = models.ForeignKey(
        "people.Employee", verbose_name=_("anställd"), on_delete=models.PROTECT, related_name="hours_corrections"
    )
    session = models.ForeignKey(
        Session, verbose_name=_("tillfälle"), null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    track = models.ForeignKey("courses.Track", verbose_name=_("spår"), on_delete=models.PROTECT, related_name="+")
    minutes = models.IntegerField(_("minuter (+/−)"))
    reason = models.TextField(_("skäl"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gjord av"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("gjord"), auto_now_add=True)

    class Meta:
        verbose_name = _("timkorrigering")
        verbose_name_plural = _("timkorrigeringar")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(minutes=0), name="sessions_correction_minutes_not_zero"),
            models.CheckConstraint(condition=~Q(reason=""), name="sessions_correction_reason_required"),
            models.CheckConstraint(
                condition=Q(minutes__gte=-CORRECTION_MINUTES_ABS_MAX, minutes__lte=CORRECTION_MINUTES_ABS_MAX),
                name="sessions_correction_minutes_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee}: {self.minutes:+d} min"


class LedgerEntry(models.Model):
    """One line of the hours ledger, read-only: a database view over attendance in sessions
    that were not cancelled, and the corrections (migration ``0003_ledger_view``).

    Reports sum it in one grouped query instead of one subquery per person and track. The
    moment a line counts in is its session's start, or the correction's own time when it
    belongs to no session – the same rule as the certificate and the co-financing summary.
    """

    ATTENDANCE = "attendance"
    CORRECTION = "correction"

    id = models.BigIntegerField(primary_key=True)  # the source row's id, doubled (+1 for corrections)
    source = models.CharField(max_length=10)
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.DO_NOTHING, related_name="ledger_entries", db_constraint=False
    )
    track = models.ForeignKey("courses.Track", on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    occurred_at = models.DateTimeField()
    minutes = models.IntegerField()

    class Meta:
        managed = False
        db_table = "dialogue_sessions_ledger"
        verbose_name = _("timrad")
        verbose_name_plural = _("timliggaren")

    def __str__(self) -> str:
        return f"{self.employee_id} {self.track_id}: {self.minutes:+d} min"
