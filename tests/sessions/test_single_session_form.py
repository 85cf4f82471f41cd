"""The single-session form starts from the first module someone still lacks, with only them."""

import pytest

from django.urls import reverse

from sessions import services

from .factories import at

pytestmark = pytest.mark.django_db


def _initial(client, workplace, **query):
    response = client.get(reverse("sessions:create", args=[workplace.pk]), query)
    assert response.status_code == 200
    return response.context["form"].initial


def test_preselects_only_those_missing_the_module(client, manager, process_leader, workplace, staff,
                                                  programme_setup):
    first, second = programme_setup["work_modules"][:2]
    held = services.session_schedule(
        workplace=workplace, module=first, starts_at=at(10), ends_at=at(10, 10), place="Rummet",
        process_leaders=[process_leader], invitees=staff[:2], scheduled_by=manager,
    )
    for employee in staff[:2]:
        services.attendance_record(session=held, employee=employee, status="present", recorded_by=process_leader)
    client.force_login(manager)
    initial = _initial(client, workplace)
    assert initial["module"] == first
    lacking = {e.pk for e in initial["invitees"]}
    assert staff[2].pk in lacking and staff[3].pk in lacking
    assert staff[0].pk not in lacking and staff[1].pk not in lacking

    # Everyone at the workplace who lacks it, and no one else.
    assert lacking == {staff[2].pk, staff[3].pk, manager.employee_id, process_leader.employee_id}
