"""Suite-wide fixtures: scoped users for each role and a small organisation."""

import pytest

from django.conf import settings
from django.utils import translation

from people.models import Role
from tests.factories import (
    EmployeeFactory,
    OrganisationFactory,
    TwoFactorClient,
    WorkplaceFactory,
    user_with_role,
)


@pytest.fixture(autouse=True)
def _swedish_by_default():
    """Each test starts in Swedish: a request under /en/ leaves English active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _default_locale(request):
    """Wagtail's migrations create the default locale, and every translatable object (pages,
    surveys) needs it. A transactional test empties the database when it ends, migration rows
    included, so each test that uses the database finds the Swedish locale again."""
    uses_db = request.node.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "django_db_setup"} & set(request.fixturenames)
    )
    if uses_db:
        request.getfixturevalue("_django_db_helper")
        from wagtail.models import Locale

        Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    yield


@pytest.fixture(autouse=True)
def _offered_languages_as_migrated():
    """The offered languages are cached in the process's memory, which outlives a test's
    database: each test starts with those of a migrated database (no locale but Swedish), and
    the locales it adds are read as it adds them."""
    from cms import languages

    languages.remember([settings.LANGUAGE_CODE])
    yield
    languages.remember([settings.LANGUAGE_CODE])


@pytest.fixture
def client():
    """pytest-django's client, with a ``force_login`` that also proves the second factor."""
    return TwoFactorClient()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Avesta kommun", code="avesta")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Orsa kommun", code="orsa")


@pytest.fixture
def workplace(organisation):
    return WorkplaceFactory(organisation=organisation, name="Äldreboendet Solgården")


@pytest.fixture
def other_workplace(other_organisation):
    return WorkplaceFactory(organisation=other_organisation, name="Orsa bibliotek")


@pytest.fixture
def programme_admin(db):
    return user_with_role(Role.PROGRAMME_ADMIN, email="admin@example.se")


@pytest.fixture
def editor(db):
    return user_with_role(Role.EDITOR, email="redaktor@example.se")


@pytest.fixture
def hr_user(organisation):
    return user_with_role(Role.HR, organisation=organisation, email="hr@example.se")


@pytest.fixture
def manager(workplace):
    employee = EmployeeFactory(workplace=workplace, first_name="Maria", last_name="Chef")
    return user_with_role(Role.MANAGER, workplace=workplace, employee=employee, email="chef@example.se")


@pytest.fixture
def process_leader(workplace):
    employee = EmployeeFactory(workplace=workplace, first_name="Pelle", last_name="Ledare")
    return user_with_role(
        Role.PROCESS_LEADER, workplace=workplace, employee=employee, email="ledare@example.se"
    )
