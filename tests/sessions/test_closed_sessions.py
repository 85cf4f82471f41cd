"""Once a session is closed, nothing changes its invitations or attendance except an audited
correction: the services refuse, and so does the database (issue 9, "Changes after closing")."""

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from wagtail.models import ModelLogEntry

from people.links import employee_link_url
from sessions import services
from sessions.models import Attendance, Invitation, Session
from sessions.selectors import certificate, roll_call_rows
from tests.factories import EmployeeFactory

from .factories import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(manager, process_leader, workplace, staff, programme_setup):
    session = services.session_schedule(
        workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10), ends_at=at(10, 10),
        place="Personalrummet", process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
    )
    for employee in staff[:3]:
        services.attendance_record(session=session, employee=employee, status="present", recorded_by=process_leader)
    services.session_close(session=session, closed_by=process_leader)
    return session


@pytest.fixture
def open_session(programme_admin, manager, other_manager, programme_setup):
    """An open preparatory session with one seat: the manager has it, the other manager waits."""
    session = services.session_schedule(
        workplace=None, module=programme_setup["prep_modules"][0], starts_at=at(20), ends_at=at(20, 11),
        place="Kommunhuset", capacity=1, scheduled_by=programme_admin,
        invitees=[manager.employee, other_manager.employee],
    )
    return session


def _state(session):
    return (
        sorted(Invitation.objects.filter(session=session).values_list("employee_id", "status")),
        sorted(Attendance.objects.filter(session=session).values_list("employee_id", "status", "minutes")),
    )


def _open_link(client, employee, path):
    link = employee_link_url(employee, path)
    client.get("/" + link.split("://", 1)[1].split("/", 1)[1])


def test_employee_cannot_cancel_through_the_signed_link_after_closing(client, closed, staff):
    before = _state(closed)
    invitation = closed.invitations.get(employee=staff[0])
    _open_link(client, staff[0], reverse("sessions:my_sessions"))
    response = client.post(reverse("sessions:invitation_cancel", args=[invitation.pk]), follow=True)
    assert "Tillfället är avslutat eller inställt; platsen kan inte avbokas" in response.content.decode()
    assert _state(closed) == before
    # The printed attendance list and the certificate still agree.
    assert staff[0] in [row["employee"] for row in roll_call_rows(closed)]
    assert certificate(staff[0], at(1).date())["total_minutes"] == 60


def test_manager_cannot_cancel_a_place_or_the_session_after_closing(client, closed, manager, staff):
    before = _state(closed)
    client.force_login(manager)
    invitation = closed.invitations.get(employee=staff[1])
    response = client.post(reverse("sessions:invitation_cancel", args=[invitation.pk]), follow=True)
    assert "platsen kan inte avbokas" in response.content.decode()
    response = client.post(reverse("sessions:cancel", args=[closed.pk]), {"reason": "Fel"}, follow=True)
    assert "Bara planerade tillfällen kan ställas in" in response.content.decode()
    for call in (
        lambda: services.session_cancel(session=closed, cancelled_by=manager, reason="Fel"),
        lambda: services.session_reschedule(session=closed, starts_at=at(11), ends_at=at(11, 10), place="x",
                                            rescheduled_by=manager),
        lambda: services.invitation_cancel(invitation=invitation, cancelled_by=manager),
    ):
        with pytest.raises(ValidationError):
            call()
    assert _state(closed) == before
    assert Session.objects.get(pk=closed.pk).status == "closed"


def test_roll_call_and_sign_up_refused_after_closing(closed, process_leader, staff):
    before = _state(closed)
    with pytest.raises(ValidationError, match="bara ändras med en korrigering"):
        services.attendance_record(session=closed, employee=staff[3], status="present", recorded_by=process_leader)
    assert _state(closed) == before


def test_waitlist_does_not_move_once_closed(open_session, programme_admin, manager, other_manager):
    services.session_close(session=open_session, closed_by=programme_admin)
    before = _state(open_session)
    mine = open_session.invitations.get(employee=manager.employee)
    with pytest.raises(ValidationError):
        services.invitation_cancel(invitation=mine, cancelled_by=manager)
    with pytest.raises(ValidationError):
        services.invitation_request(session=open_session, employee=other_manager.employee, requested_by=other_manager)
    assert _state(open_session) == before


def test_a_place_with_attendance_cannot_be_cancelled_before_closing_either(manager, process_leader, workplace,
                                                                           staff, programme_setup):
    session = services.session_schedule(
        workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10), ends_at=at(10, 10),
        place="x", process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
    )
    services.attendance_record(session=session, employee=staff[0], status="present", recorded_by=process_leader)
    with pytest.raises(ValidationError, match="Närvaron är redan registrerad"):
        services.invitation_cancel(invitation=session.invitations.get(employee=staff[0]), cancelled_by=manager)
    with pytest.raises(ValidationError, match="kan inte flyttas"):
        services.session_reschedule(session=session, starts_at=at(11), ends_at=at(11, 10), place="x",
                                    rescheduled_by=manager)
    with pytest.raises(ValidationError, match="kan inte ställas in"):
        services.session_cancel(session=session, cancelled_by=manager, reason="Sjuk")
    # A person without attendance may still be let go, and it is audited.
    services.invitation_cancel(invitation=session.invitations.get(employee=staff[1]), cancelled_by=manager)
    entry = ModelLogEntry.objects.get(action="samtalsrum.invitation.cancel")
    assert entry.data == {"employee": staff[1].pk, "own": False, "was_invited": True}
    assert entry.user_id == manager.pk


def test_cancelling_through_the_link_is_audited(client, open_session, manager, other_manager):
    mine = open_session.invitations.get(employee=manager.employee)
    _open_link(client, manager.employee, reverse("sessions:my_sessions"))
    assert client.post(reverse("sessions:invitation_cancel", args=[mine.pk])).status_code == 302
    entry = ModelLogEntry.objects.get(action="samtalsrum.invitation.cancel")
    assert entry.data["own"] is True and entry.user_id is None
    assert ModelLogEntry.objects.filter(action="samtalsrum.session.waitlist_promote").count() == 1


def test_corrections_still_change_the_hours_after_closing(closed, manager, staff, programme_setup):
    services.hours_correction_create(employee=staff[3], session=closed, track=programme_setup["work_track"],
                                     minutes=45, reason="Var där men missades i uppropet", created_by=manager)
    assert certificate(staff[3], at(1).date())["total_minutes"] == 45
    assert ModelLogEntry.objects.filter(action="samtalsrum.hours.correct").count() == 1


# ---------------------------------------------------------------- the database refuses too


def _raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize(
    ("sql", "with_person"),
    [
        ("UPDATE dialogue_sessions_attendance SET minutes = 0, status = 'absent' WHERE session_id = %s", False),
        ("UPDATE dialogue_sessions_invitation SET status = 'cancelled' WHERE session_id = %s", False),
        ("INSERT INTO dialogue_sessions_attendance (session_id, employee_id, status, minutes, recorded_at) "
         "VALUES (%s, %s, 'present', 60, CURRENT_TIMESTAMP)", True),
        ("UPDATE dialogue_sessions_session SET starts_at = starts_at + INTERVAL '1 month', "
         "ends_at = ends_at + INTERVAL '1 month' WHERE id = %s", False),
        ("UPDATE dialogue_sessions_session SET status = 'cancelled' WHERE id = %s", False),
        ("DELETE FROM dialogue_sessions_invitation WHERE session_id = %s", False),
    ],
    ids=["attendance-update", "invitation-cancel", "attendance-insert", "session-moved", "session-cancelled",
         "invitation-delete"],
)
def test_database_refuses_raw_changes_to_a_closed_session(closed, sql, with_person):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's guards (INTERVAL arithmetic and delete guards); SQLite is tested below")
    params = [closed.pk]
    if with_person:  # someone who was not there, added afterwards
        params.append(EmployeeFactory(workplace=closed.workplace).pk)
    before = _state(closed)
    with pytest.raises(IntegrityError, match="Tillfället är avslutat"):
        _raw(sql, params)
    assert _state(closed) == before
    assert Session.objects.get(pk=closed.pk).starts_at == at(10)


def test_sqlite_refuses_raw_updates_to_a_closed_session(closed):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's guards; PostgreSQL's are tested above")
    before = _state(closed)
    for sql in (
        "UPDATE dialogue_sessions_attendance SET minutes = 0, status = 'absent' WHERE session_id = %s",
        "UPDATE dialogue_sessions_invitation SET status = 'cancelled' WHERE session_id = %s",
        "UPDATE dialogue_sessions_session SET status = 'cancelled' WHERE id = %s",
    ):
        with pytest.raises(IntegrityError, match="Tillfället är avslutat"):
            _raw(sql, [closed.pk])
    assert _state(closed) == before


def test_the_leader_who_took_the_roll_call_can_still_be_deleted(closed, process_leader, staff):
    """Who recorded a mark is bookkeeping, not evidence: deleting that login keeps every mark."""
    before = _state(closed)
    process_leader.delete()
    assert _state(closed) == before
    assert set(Attendance.objects.filter(session=closed).values_list("recorded_by", flat=True)) == {None}


def test_database_allows_the_same_changes_while_the_session_is_open(manager, process_leader, workplace, staff,
                                                                     programme_setup):
    session = services.session_schedule(
        workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10), ends_at=at(10, 10),
        place="x", process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
    )
    services.attendance_record(session=session, employee=staff[0], status="present", recorded_by=process_leader)
    _raw("UPDATE dialogue_sessions_attendance SET minutes = 30, status = 'partial' WHERE session_id = %s",
         [session.pk])
    assert Attendance.objects.get(session=session).minutes == 30
