"""Organisations, workplaces, employees, logins and the roles that scope what a login sees."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.search import index


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A login. Signs in with an e-mail address; most employees never need one."""

    username = None
    email = models.EmailField(_("e-postadress"), unique=True)
    employee = models.OneToOneField(
        "people.Employee",
        verbose_name=_("anställd"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("inloggning")
        verbose_name_plural = _("inloggningar")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class Organisation(index.Indexed, models.Model):
    """An employer taking part in the programme."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    code = models.SlugField(
        _("kod"),
        max_length=50,
        unique=True,
        help_text=_("Kort kod som kan användas i importfiler i stället för namnet."),
    )
    organisation_number = models.CharField(_("organisationsnummer"), max_length=20, blank=True)

    search_fields = [
        index.SearchField("name"),
        index.SearchField("code"),
        index.AutocompleteField("name"),
        index.AutocompleteField("code"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Workplace(index.Indexed, models.Model):
    """A unit with a manager: where the workplace dialogues happen. May sit in a department."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="workplaces",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("ingår i (förvaltning/avdelning)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("namn"), max_length=200)
    code = models.CharField(
        _("kod"),
        max_length=50,
        blank=True,
        help_text=_("Enhetens kod i HR-systemet, om den finns."),
    )

    search_fields = [
        index.SearchField("name"),
        index.SearchField("code"),
        index.AutocompleteField("name"),
        index.AutocompleteField("code"),
        index.FilterField("organisation_id"),
    ]

    class Meta:
        verbose_name = _("arbetsplats")
        verbose_name_plural = _("arbetsplatser")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="people_workplace_unique_name_per_org"
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="people_workplace_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Gender(models.TextChoices):
    WOMAN = "woman", _("Kvinna")
    MAN = "man", _("Man")
    OTHER = "other", _("Annat / vill inte ange")


class Language(models.TextChoices):
    """The two languages code refers to by name. A person may prefer any language of
    ``settings.LANGUAGES`` (:func:`language_choices`)."""

    SWEDISH = "sv", _("Svenska")
    ENGLISH = "en", _("Engelska")


def language_choices() -> list[tuple[str, str]]:
    """Every interface language, each named in itself: adding one to ``settings.LANGUAGES``
    makes it a choice without a migration."""
    from django.conf import settings

    return [(code, name) for code, name in settings.LANGUAGES]


def language_supported(code: str | None) -> str:
    """``code`` if it is one of ``settings.LANGUAGES``, else the site's default language."""
    from django.conf import settings

    codes = {known for known, _name in settings.LANGUAGES}
    for candidate in ((code or "").lower(), (code or "").lower().split("-")[0]):
        if candidate in codes:
            return candidate
    return settings.LANGUAGE_CODE


class EmployeeQuerySet(models.QuerySet["Employee"]):
    def active(self, on: datetime.date | None = None) -> EmployeeQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(employment_end__isnull=True) | Q(employment_end__gte=on))

    def unrestricted(self) -> EmployeeQuerySet:
        """Without those whose processing is restricted (GDPR art. 18, docs/privacy.md)."""
        return self.filter(restricted_at__isnull=True)


class Employee(index.Indexed, models.Model):
    """An HR record. Imported from the employer's HR system; never deleted, only marked as left."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="employees",
    )
    employee_number = models.CharField(_("anställningsnummer"), max_length=50)
    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100)
    email = models.EmailField(_("e-postadress"), blank=True)
    workplace = models.ForeignKey(
        Workplace,
        verbose_name=_("arbetsplats"),
        on_delete=models.PROTECT,
        related_name="employees",
    )
    employment_start = models.DateField(_("anställd från"), null=True, blank=True)
    employment_end = models.DateField(
        _("anställd till"),
        null=True,
        blank=True,
        help_text=_("Sätts när personen har slutat. Personer tas aldrig bort."),
    )
    preferred_language = models.CharField(
        _("föredraget språk"), max_length=8, choices=language_choices, default=Language.SWEDISH,
        help_text=_("E-post, länkar, enkäter och material når personen på det här språket."),
    )
    gender = models.CharField(
        _("kön"),
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text=_("Frivilligt. Används bara i finansiärens könsuppdelade sammanställningar."),
    )
    hourly_cost = models.DecimalField(
        _("timkostnad (kr)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    link_version = models.PositiveIntegerField(
        _("länkversion"),
        default=1,
        editable=False,
        help_text=_("Räknas upp när personens länkar spärras; äldre länkar slutar då gälla."),
    )
    restricted_at = models.DateTimeField(
        _("behandlingen begränsad"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Personen har begärt radering: uppgifterna sparas bara som underlag till finansiären."),
    )
    erased_at = models.DateTimeField(_("anonymiserad"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = EmployeeQuerySet.as_manager()

    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.SearchField("employee_number"),
        index.SearchField("email"),
        index.AutocompleteField("first_name"),
        index.AutocompleteField("last_name"),
        index.FilterField("organisation_id"),
        index.FilterField("workplace_id"),
        # Restricted and erased people are left out of lists and searches (people.selectors).
        index.FilterField("restricted_at"),
        index.FilterField("erased_at"),
    ]

    class Meta:
        verbose_name = _("anställd")
        verbose_name_plural = _("anställda")
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "employee_number"],
                name="people_employee_unique_number_per_org",
            ),
            models.CheckConstraint(
                condition=Q(employment_end__isnull=True)
                | Q(employment_start__isnull=True)
                | Q(employment_end__gte=models.F("employment_start")),
                name="people_employee_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(hourly_cost__isnull=True) | Q(hourly_cost__gte=0),
                name="people_employee_hourly_cost_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["workplace", "last_name"])]
        permissions = [("import_employees", "Kan importera anställda från HR-system")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @classmethod
    def get_indexed_objects(cls):
        # Search never finds someone whose processing is restricted (docs/privacy.md).
        return super().get_indexed_objects().filter(restricted_at__isnull=True)

    @property
    def has_left(self) -> bool:
        return self.employment_end is not None and self.employment_end < timezone.localdate()


class Role(models.TextChoices):
    PROGRAMME_ADMIN = "programme_admin", _("Programadministratör")
    EDITOR = "editor", _("Redaktör")
    HR = "hr", _("HR")
    MANAGER = "manager", _("Chef")
    PROCESS_LEADER = "process_leader", _("Processledare")
    STEERING_GROUP = "steering_group", _("Styrgrupp")


ORGANISATION_ROLES = (Role.HR,)
WORKPLACE_ROLES = (Role.MANAGER, Role.PROCESS_LEADER)
PROGRAMME_ROLES = (Role.PROGRAMME_ADMIN, Role.EDITOR, Role.STEERING_GROUP)


class RoleAssignment(models.Model):
    """What a login may do, and where: the programme, an organisation or a workplace."""

    user = models.ForeignKey(
        User, verbose_name=_("inloggning"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        help_text=_("För HR: den organisation rollen gäller."),
    )
    workplace = models.ForeignKey(
        Workplace,
        verbose_name=_("arbetsplats"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        help_text=_("För chef och processledare: den arbetsplats rollen gäller."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        verbose_name = _("roll")
        verbose_name_plural = _("roller")
        ordering = ["user__email", "role"]
        constraints = [
            models.CheckConstraint(
                name="people_role_scope_matches_role",
                condition=(
                    Q(
                        role__in=[r.value for r in PROGRAMME_ROLES],
                        organisation__isnull=True,
                        workplace__isnull=True,
                    )
                    | Q(
                        role__in=[r.value for r in ORGANISATION_ROLES],
                        organisation__isnull=False,
                        workplace__isnull=True,
                    )
                    | Q(
                        role__in=[r.value for r in WORKPLACE_ROLES],
                        organisation__isnull=True,
                        workplace__isnull=False,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(organisation__isnull=True, workplace__isnull=True),
                name="people_role_unique_programme",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=Q(organisation__isnull=False),
                name="people_role_unique_organisation",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "workplace"],
                condition=Q(workplace__isnull=False),
                name="people_role_unique_workplace",
            ),
        ]

    def __str__(self) -> str:
        where = self.workplace or self.organisation
        label = self.get_role_display()
        return f"{self.user} – {label}" + (f" ({where})" if where else "")

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.role in PROGRAMME_ROLES and (self.organisation_id or self.workplace_id):
            raise ValidationError(_("Den här rollen gäller hela programmet: välj ingen organisation eller arbetsplats."))
        if self.role in ORGANISATION_ROLES and (not self.organisation_id or self.workplace_id):
            raise ValidationError({"organisation": _("HR-rollen gäller en organisation: välj en organisation och ingen arbetsplats.")})
        if self.role in WORKPLACE_ROLES and (not self.workplace_id or self.organisation_id):
            raise ValidationError({"workplace": _("Rollen gäller en arbetsplats: välj en arbetsplats och ingen organisation.")})


class EmployeeImport(models.Model):
    """One upload of an HR file: kept for traceability and to carry the file from preview to import.

    The file is stored in the database rather than in media storage because it holds personal
    data that must never be served as a public file. An import from the command line has a
    record too (without a file), so that every import can be undone and counts as "later".
    """

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Förhandsgranskad")
        IMPORTED = "imported", _("Importerad")
        FAILED = "failed", _("Avbruten med fel")
        UNDONE = "undone", _("Ångrad")

    created_by = models.ForeignKey(
        User,
        verbose_name=_("importerad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee_imports",
    )
    created_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    imported_at = models.DateTimeField(_("importerad"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employee_imports",
        help_text=_("Tom när filen själv anger organisation per rad."),
    )
    file_name = models.CharField(_("filnamn"), max_length=255)
    content = models.BinaryField(_("fil"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW
    )
    row_count = models.PositiveIntegerField(_("rader"), default=0)
    created_count = models.PositiveIntegerField(_("nya"), default=0)
    updated_count = models.PositiveIntegerField(_("ändrade"), default=0)
    unchanged_count = models.PositiveIntegerField(_("oförändrade"), default=0)
    left_count = models.PositiveIntegerField(_("markerade som slutade"), default=0)
    error_count = models.PositiveIntegerField(_("rader med fel"), default=0)
    summary = models.JSONField(_("sammanfattning"), default=dict, blank=True)
    update_only = models.BooleanField(
        _("endast uppdatering"),
        default=False,
        help_text=_("Ingen markeras som slutad, även om den saknas i filen."),
    )
    undone_at = models.DateTimeField(_("ångrad"), null=True, blank=True)
    undone_by = models.ForeignKey(
        User,
        verbose_name=_("ångrad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("import av anställda")
        verbose_name_plural = _("importer av anställda")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="imported", imported_at__isnull=False)
                | Q(status="undone", imported_at__isnull=False, undone_at__isnull=False)
                | Q(status__in=["preview", "failed"], undone_at__isnull=True),
                name="people_employeeimport_dates_match_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"


class EmployeeImportChange(models.Model):
    """What one import did to one employee, with the imported fields before and after.

    The before-image lets the import be undone exactly (``people.import_undo``); the
    after-image shows whether someone has changed the employee since, in which case undo is
    refused rather than overwriting that change. Rows are deleted once the undo window has
    passed, since the images hold personal data.
    """

    class Action(models.TextChoices):
        CREATED = "created", _("Ny")
        UPDATED = "updated", _("Ändrad")
        LEFT = "left", _("Markerad som slutad")

    employee_import = models.ForeignKey(
        EmployeeImport,
        verbose_name=_("import"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("anställd"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Tom när en ny anställd har tagits bort av att importen ångrades."),
    )
    action = models.CharField(_("åtgärd"), max_length=10, choices=Action.choices)
    before = models.JSONField(_("före"), null=True, blank=True)
    after = models.JSONField(_("efter"))

    class Meta:
        verbose_name = _("ändring genom import")
        verbose_name_plural = _("ändringar genom import")
        constraints = [
            models.CheckConstraint(
                condition=Q(action="created", before__isnull=True)
                | (Q(before__isnull=False) & ~Q(action="created")),
                name="people_employeeimportchange_before_unless_created",
            ),
            models.UniqueConstraint(
                fields=["employee_import", "employee"],
                name="people_employeeimportchange_once_per_employee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.employee_id}"
