"""The single-session form starts from the first module someone still lacks, with only them."""

import re

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


def test_choosing_a_module_preselects_only_those_missing_that_module(client, manager, process_leader, workplace,
                                                                      staff, programme_setup):
    second = programme_setup["work_modules"][1]
    held = services.session_schedule(
        workplace=workplace, module=second, starts_at=at(10), ends_at=at(10, 10), place="Rummet",
        process_leaders=[process_leader], invitees=staff[:1], scheduled_by=manager,
    )
    services.attendance_record(session=held, employee=staff[0], status="present", recorded_by=process_leader)
    services.session_schedule(  # staff[1] is booked on it already
        workplace=workplace, module=second, starts_at=at(12), ends_at=at(12, 10), place="Rummet",
        process_leaders=[process_leader], invitees=staff[1:2], scheduled_by=manager, confirm_warnings=True,
    )
    client.force_login(manager)
    response = client.get(reverse("sessions:create", args=[workplace.pk]), {"module": second.pk})
    assert {e.pk for e in response.context["form"].initial["invitees"]} == {
        staff[2].pk, staff[3].pk, manager.employee_id, process_leader.employee_id}
    html = response.content.decode()
    assert "De som ännu saknar modulen är förvalda." in html
    assert "Hela arbetsplatsen är förvald" not in html
    checked = set(re.findall(r'<input type="checkbox" name="invitees" value="(\d+)"[^>]*checked', html))
    assert checked == {str(staff[2].pk), str(staff[3].pk), str(manager.employee_id), str(process_leader.employee_id)}
