"""A certificate for a month without any attended time says so instead of an empty table."""

import pytest

from django.urls import reverse

from sessions import services

from .factories import at

pytestmark = pytest.mark.django_db


def test_month_without_sessions_shows_an_empty_state(client, manager, process_leader, workplace, staff, hr_user,
                                                     programme_setup):
    session = services.session_schedule(
        workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10), ends_at=at(10, 10),
        place="Rummet", process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
    )
    services.attendance_record(session=session, employee=staff[0], status="present", recorded_by=process_leader)
    client.force_login(hr_user)
    empty = client.get(reverse("sessions:certificate", args=[staff[0].pk, "2026-04"])).content.decode()
    assert "Ingen närvarotid är registrerad för 2026-04" in empty
    assert "<table" not in empty and "Summa" not in empty and "namnteckning" not in empty
    full = client.get(reverse("sessions:certificate", args=[staff[0].pk, "2026-03"])).content.decode()
    assert "<table" in full and "1 tim (60 min)" in full and "Ingen närvarotid" not in full
