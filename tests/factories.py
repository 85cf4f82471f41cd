"""factory_boy factories shared by the whole suite."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from courses.models import Module, Programme, Track, TrackKind
from people.models import Employee, Organisation, Role, RoleAssignment, User, Workplace

DEMO_PASSWORD = "correct-horse-battery"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Organisation {n}")
    code = factory.Sequence(lambda n: f"org-{n}")


class WorkplaceFactory(DjangoModelFactory):
    class Meta:
        model = Workplace

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Arbetsplats {n}")


class EmployeeFactory(DjangoModelFactory):
    class Meta:
        model = Employee

    workplace = factory.SubFactory(WorkplaceFactory)
    organisation = factory.LazyAttribute(lambda o: o.workplace.organisation)
    employee_number = factory.Sequence(lambda n: f"E{n:05d}")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.LazyAttribute(lambda o: f"{o.employee_number.lower()}@example.se")
    employment_start = datetime.date(2015, 1, 1)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.se")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.PROGRAMME_ADMIN


def user_with_role(role: str, *, organisation=None, workplace=None, employee=None, **kwargs) -> User:
    """A login holding ``role`` where it applies (and in the role's admin group)."""
    from people.services import role_assign

    user = UserFactory(employee=employee, **kwargs)
    role_assign(user=user, role=role, organisation=organisation, workplace=workplace)
    return user


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Program {n}")
    starts_on = datetime.date(2026, 1, 1)
    ends_on = datetime.date(2027, 12, 31)
    planned_participants = 100
    unit_cost_per_hour = Decimal("300.00")


class TrackFactory(DjangoModelFactory):
    class Meta:
        model = Track

    programme = factory.SubFactory(ProgrammeFactory)
    kind = TrackKind.WORKPLACE
    name = "Arbetsplatsprocessen"
    target_minutes = 300


class ModuleFactory(DjangoModelFactory):
    class Meta:
        model = Module

    track = factory.SubFactory(TrackFactory)
    title = factory.Sequence(lambda n: f"Modul {n}")
    planned_minutes = 60
    sort_order = factory.Sequence(lambda n: n)
