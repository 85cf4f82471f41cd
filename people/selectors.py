"""Reads scoped to the viewer. Every list of people, workplaces or organisations goes through here."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from .models import Employee, EmployeeImport, Organisation, Role, RoleAssignment, User, Workplace


@dataclass(frozen=True)
class Scope:
    """What one login may see, computed from its role assignments with one query."""

    user_id: int | None
    roles: frozenset[str] = frozenset()
    hr_organisation_ids: frozenset[int] = frozenset()
    managed_workplace_ids: frozenset[int] = frozenset()
    led_workplace_ids: frozenset[int] = frozenset()
    employee_id: int | None = None
    is_superuser: bool = False

    @property
    def is_programme_admin(self) -> bool:
        return self.is_superuser or Role.PROGRAMME_ADMIN in self.roles

    @property
    def is_editor(self) -> bool:
        return self.is_programme_admin or Role.EDITOR in self.roles

    @property
    def is_steering_group(self) -> bool:
        """Follows the whole programme in aggregates; never sees a person."""
        return Role.STEERING_GROUP in self.roles

    @property
    def is_hr(self) -> bool:
        return bool(self.hr_organisation_ids)

    @property
    def is_manager(self) -> bool:
        return bool(self.managed_workplace_ids)

    @property
    def is_process_leader(self) -> bool:
        return bool(self.led_workplace_ids)

    @property
    def is_employee(self) -> bool:
        return self.employee_id is not None


@dataclass(frozen=True)
class OrganisationViewer:
    """A viewer that is no login: an integration bound to one organisation (an API token).

    It sees what HR of that organisation sees, and nothing of any other organisation.
    """

    organisation_id: int
    is_authenticated = True
    is_superuser = False
    employee_id = None
    pk = None


def scope_for(user: User | AnonymousUser | OrganisationViewer | None) -> Scope:
    """The viewer's scope; cached on the user object for the rest of the request."""
    if isinstance(user, OrganisationViewer):
        return Scope(user_id=None, hr_organisation_ids=frozenset({user.organisation_id}))
    if user is None or not user.is_authenticated:
        return Scope(user_id=None)
    cached = getattr(user, "_samtalsrum_scope", None)
    if cached is not None:
        return cached
    roles: set[str] = set()
    hr_orgs: set[int] = set()
    managed: set[int] = set()
    led: set[int] = set()
    for role, organisation_id, workplace_id in RoleAssignment.objects.filter(user=user).values_list(
        "role", "organisation_id", "workplace_id"
    ):
        roles.add(role)
        if role == Role.HR:
            hr_orgs.add(organisation_id)
        elif role == Role.MANAGER:
            managed.add(workplace_id)
        elif role == Role.PROCESS_LEADER:
            led.add(workplace_id)
    scope = Scope(
        user_id=user.pk,
        roles=frozenset(roles),
        hr_organisation_ids=frozenset(hr_orgs),
        managed_workplace_ids=frozenset(managed),
        led_workplace_ids=frozenset(led),
        employee_id=user.employee_id,
        is_superuser=user.is_superuser,
    )
    user._samtalsrum_scope = scope
    return scope


def organisations_for(user: User | AnonymousUser | None) -> QuerySet[Organisation]:
    """Organisations the viewer may see: all for programme admins, their own for HR."""
    scope = scope_for(user)
    qs = Organisation.objects.all()
    if scope.is_programme_admin:
        return qs
    return qs.filter(id__in=scope.hr_organisation_ids)


def workplaces_for(user: User | AnonymousUser | None) -> QuerySet[Workplace]:
    """Workplaces the viewer may see: HR's organisations, a manager's or process leader's own."""
    scope = scope_for(user)
    qs = Workplace.objects.select_related("organisation", "parent")
    if scope.is_programme_admin:
        return qs
    return qs.filter(
        Q(organisation_id__in=scope.hr_organisation_ids)
        | Q(id__in=scope.managed_workplace_ids | scope.led_workplace_ids)
    )


def assignable_users_for(user: User | AnonymousUser | None) -> QuerySet[User]:
    """Logins the viewer may give a role: every active login for programme admins, none otherwise
    (roles are assigned by programme admins only; see ``RoleAssignmentViewSet``)."""
    if not scope_for(user).is_programme_admin:
        return User.objects.none()
    return User.objects.filter(is_active=True).select_related("employee__workplace__organisation")


def managed_workplaces_for(user: User | AnonymousUser | None) -> QuerySet[Workplace]:
    """Workplaces where the viewer is manager (programme admins: all)."""
    scope = scope_for(user)
    qs = Workplace.objects.select_related("organisation")
    if scope.is_programme_admin:
        return qs
    return qs.filter(id__in=scope.managed_workplace_ids)


def employees_for(user: User | AnonymousUser | None) -> QuerySet[Employee]:
    """Employees the viewer may see. An employee sees only themselves.

    Those whose processing is restricted are left out of every list and export; evidence
    reads and the register extract use :func:`data_subjects_for`.
    """
    return data_subjects_for(user).filter(restricted_at__isnull=True)


def data_subjects_for(user: User | AnonymousUser | None) -> QuerySet[Employee]:
    """Employees the viewer may see, restricted ones included: for evidence and the register."""
    scope = scope_for(user)
    qs = Employee.objects.select_related("workplace", "organisation")
    if scope.is_programme_admin:
        return qs
    condition = Q(organisation_id__in=scope.hr_organisation_ids) | Q(
        workplace_id__in=scope.managed_workplace_ids | scope.led_workplace_ids
    )
    if scope.employee_id:
        condition |= Q(id=scope.employee_id)
    if not (scope.hr_organisation_ids or scope.managed_workplace_ids or scope.led_workplace_ids or scope.employee_id):
        return qs.none()
    return qs.filter(condition)


def managers_of(workplace: Workplace) -> QuerySet[User]:
    return User.objects.filter(roles__role=Role.MANAGER, roles__workplace=workplace).distinct()


def process_leaders_of(workplace: Workplace) -> QuerySet[User]:
    return User.objects.filter(
        roles__role=Role.PROCESS_LEADER, roles__workplace=workplace
    ).select_related("employee").distinct()


def employee_imports_for(user: User | AnonymousUser | None) -> QuerySet[EmployeeImport]:
    """HR imports the viewer may open: their own; programme admins see all."""
    scope = scope_for(user)
    qs = EmployeeImport.objects.select_related("organisation", "created_by").defer("content")
    if scope.is_programme_admin:
        return qs
    if scope.user_id is None:
        return qs.none()
    return qs.filter(created_by_id=scope.user_id)


def data_subject_admins_for(user: User | AnonymousUser | None) -> QuerySet[Employee]:
    """Employees whose register extract and erasure the viewer may handle: HR of their
    organisation and programme admins (not managers or process leaders)."""
    scope = scope_for(user)
    qs = Employee.objects.select_related("workplace", "organisation").filter(erased_at__isnull=True)
    if scope.is_programme_admin:
        return qs
    return qs.filter(organisation_id__in=scope.hr_organisation_ids)
