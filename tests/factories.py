"""factory_boy factories shared by the whole suite."""

import datetime
from decimal import Decimal

import factory
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from factory.django import DjangoModelFactory

from django.test import Client

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


def totp_device(user: User) -> TOTPDevice:
    """The login's confirmed authenticator app, set up now if it has none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Testapp", confirmed=True)


def totp_code(device: TOTPDevice) -> str:
    """The code the app shows right now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


class TwoFactorClient(Client):
    """A test client whose ``force_login`` also proves the second factor, as typing the app's
    code at the verification step does, for logins that must have one (programme admins, HR)
    or have one. Tests of the second step itself use ``django.test.Client``."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        from people.two_factor import two_factor_required

        has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        if has_device or two_factor_required(user):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
            session.save()


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
