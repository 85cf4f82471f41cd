"""Min sida for a participant: my hours per track, done and left, and my next session."""

from __future__ import annotations

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dashboards.selectors import employee_hours, employee_next_session
from people.models import Employee
from sessions.models import (
    Attendance,
    HoursCorrection,
    Invitation,
    InvitationStatus,
    Session,
    SessionStatus,
)
from tests.factories import EmployeeFactory, OrganisationFactory, UserFactory, WorkplaceFactory

from .conftest import build_world

pytestmark = pytest.mark.django_db

LANDING = "/sv/min-sida/"
MY_HOURS = "/sv/sessioner/mina-timmar/"


def _page(client, employee: Employee) -> str:
    client.force_login(UserFactory(employee=employee))
    response = client.get(LANDING)
    assert response.status_code == 200
    return response.content.decode()


def _work_track(world):
    return world.programme.tracks.get(kind="workplace")


def _session(world, *, days: float, place: str, status: str = SessionStatus.SCHEDULED, workplace=None) -> Session:
    module = _work_track(world).modules.order_by("sort_order").last()
    starts = timezone.now() + datetime.timedelta(days=days)
    session = Session.objects.create(
        module=module, workplace=workplace or world.wp_a1, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1),
        place=place,
    )
    if status != SessionStatus.SCHEDULED:
        Session.objects.filter(pk=session.pk).update(status=status)
    return session


def _book(session: Session, employee: Employee, status: str = InvitationStatus.INVITED) -> None:
    Invitation.objects.create(session=session, employee=employee, status=status)


def test_figures_count_a_correction_and_not_a_cancelled_session(client, world):
    employee = world.employees[8]  # Hemtjänsten Norr, second half: Samtal 1 only (60 of 120 min)
    work = _work_track(world)
    HoursCorrection.objects.create(employee=employee, track=work, minutes=30, reason="Papperslista", created_by=world.admin)
    cancelled = _session(world, days=-20, place="Inställt rum")
    Attendance.objects.create(session=cancelled, employee=employee, status="present", minutes=60)
    Session.objects.filter(pk=cancelled.pk).update(status=SessionStatus.CANCELLED)

    programme, rows = employee_hours(employee)
    assert programme == world.programme
    # Only the workplace track: this employee holds no role that takes the preparatory one.
    assert [(r["track"].kind, r["minutes"], r["target"], r["left"]) for r in rows] == [("workplace", 90, 120, 30)]

    body = _page(client, employee)
    assert "Mina timmar per spår" in body
    assert "1 tim 30 min av 2 tim" in body
    assert "30 min kvar" in body
    assert 'max="120" value="90"' in body
    assert "Aktuell fas:" in body
    # The same figure as Mina timmar, which reads the same ledger.
    assert "1 tim 30 min av 2 tim" in client.get(MY_HOURS).content.decode()


def test_a_manager_takes_both_tracks_and_sees_one_phase_header(client, world):
    manager = world.employees[0]
    client.force_login(world.manager)
    body = client.get(LANDING).content.decode()
    assert "Preparandprocessen" in body and "0 min av 14 tim" in body and "14 tim kvar" in body
    assert "2 tim av 2 tim" in body
    # The manager's dashboard already shows the phase; the employee part does not repeat it.
    assert body.count('class="phase-header"') == 1
    assert employee_hours(manager)[1][0]["track"].kind == "preparatory"


def test_left_is_never_negative(client, world):
    employee = world.employees[8]
    HoursCorrection.objects.create(employee=employee, track=_work_track(world), minutes=600, reason="Extra",
                                   created_by=world.admin)
    _programme, rows = employee_hours(employee)
    assert rows[0]["minutes"] == 660 and rows[0]["left"] == 0
    body = _page(client, employee)
    assert "11 tim av 2 tim" in body
    assert "Målet är nått." in body
    assert "kvar" not in body.split('id="emp-hours"')[1].split('id="emp-next"')[0]
    assert "Du har nått målet på alla dina spår" in body


def test_next_session_is_the_soonest_future_scheduled_one(client, world):
    employee = world.employees[8]
    _book(_session(world, days=-1, place="Rum som varit"), employee)  # ended yesterday, never closed
    _book(_session(world, days=1, place="Rum inställt", status=SessionStatus.CANCELLED), employee)
    _book(_session(world, days=2, place="Rum i kön"), employee, InvitationStatus.WAITLISTED)
    _book(_session(world, days=2.5, place="Rum avbokat"), employee, InvitationStatus.CANCELLED)
    _book(_session(world, days=5, place="Rum fem"), employee)
    soonest = _session(world, days=3, place="Rum tre")
    _book(soonest, employee)

    assert employee_next_session(employee).session == soonest
    body = _page(client, employee)
    next_part = body.split('id="emp-next"')[1]
    assert "Plats: Rum tre" in next_part
    assert timezone.localtime(soonest.starts_at).strftime("%H:%M") in next_part
    assert f'datetime="{timezone.localtime(soonest.starts_at).isoformat()}"' in next_part
    for other in ("Rum som varit", "Rum inställt", "Rum i kön", "Rum avbokat", "Rum fem"):
        assert other not in body
    assert 'href="/sv/sessioner/mina/"' in next_part


def test_another_employees_figures_and_sessions_never_show(client, world):
    me, colleague = world.employees[8], world.employees[9]  # same workplace, same figures so far
    HoursCorrection.objects.create(employee=colleague, track=_work_track(world), minutes=45, reason="Papperslista",
                                   created_by=world.admin)
    _book(_session(world, days=1, place="Kollegans rum"), colleague)
    _book(_session(world, days=4, place="Mitt rum"), me)
    body = _page(client, me)
    assert "1 tim av 2 tim" in body and "1 tim 45 min" not in body
    assert "Mitt rum" in body and "Kollegans rum" not in body
    assert colleague.last_name not in body


def test_empty_states_say_what_to_do_next(client, world):
    newcomer = EmployeeFactory(organisation=world.org_a, workplace=world.wp_a1)
    body = _page(client, newcomer)
    assert "0 min av 2 tim" in body and "2 tim kvar" in body
    assert "Du har inget inbokat tillfälle just nu. Din chef bokar" in body

    elsewhere = OrganisationFactory(name="Gamma AB", code="gamma")
    outsider = EmployeeFactory(organisation=elsewhere, workplace=WorkplaceFactory(organisation=elsewhere))
    body = _page(client, outsider)
    assert "Du är inte med i något program ännu" in body
    assert "Aktuell fas:" not in body
    assert "Din chef bokar" in body


def _count(client, employee: Employee) -> int:
    client.force_login(UserFactory(employee=employee))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LANDING)
    assert response.status_code == 200
    return len(queries)


def _ledger(world, employee: Employee, n: int) -> None:
    for i in range(n):
        session = _session(world, days=-30 - i, place=f"Rum {i}")
        Attendance.objects.create(session=session, employee=employee, status="present", minutes=20)
        _book(session, employee)
        _book(_session(world, days=1 + i, place=f"Kommande {i}"), employee)
        HoursCorrection.objects.create(employee=employee, track=_work_track(world), minutes=5, reason=f"Rättelse {i}",
                                       created_by=world.admin)


def test_query_count_is_constant(client, db):
    small = build_world(2, tag="s")
    one = small.employees[5]
    _ledger(small, one, 1)
    large = build_world(10, tag="l")
    many = large.employees[25]
    _ledger(large, many, 12)
    assert employee_hours(many)[1][0]["minutes"] == 60 + 12 * 25
    client.get(LANDING)  # warm the per-process caches (offered languages) first
    assert _count(client, one) == _count(client, many)
