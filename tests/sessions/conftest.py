import pytest

from people.models import Role
from tests.factories import EmployeeFactory, user_with_role

from .factories import programme_with_tracks


@pytest.fixture
def programme_setup(organisation, other_organisation):
    programme, work_track, prep_track, work_modules, prep_modules = programme_with_tracks(
        organisations=[organisation, other_organisation]
    )
    return {
        "programme": programme,
        "work_track": work_track,
        "prep_track": prep_track,
        "work_modules": work_modules,
        "prep_modules": prep_modules,
    }


@pytest.fixture
def staff(workplace):
    return [EmployeeFactory(workplace=workplace, gender=("woman", "man")[i % 2]) for i in range(4)]


@pytest.fixture
def second_leader(workplace):
    employee = EmployeeFactory(workplace=workplace, first_name="Lisa", last_name="Ledare")
    return user_with_role(Role.PROCESS_LEADER, workplace=workplace, employee=employee, email="ledare2@example.se")


@pytest.fixture
def other_leader(other_workplace):
    employee = EmployeeFactory(workplace=other_workplace)
    return user_with_role(Role.PROCESS_LEADER, workplace=other_workplace, employee=employee, email="ol@example.se")


@pytest.fixture
def other_manager(other_workplace):
    employee = EmployeeFactory(workplace=other_workplace)
    return user_with_role(Role.MANAGER, workplace=other_workplace, employee=employee, email="oc@example.se")
