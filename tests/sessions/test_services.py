import datetime

import pytest

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from wagtail.models import ModelLogEntry

from cms.models import OutboxMessage
from sessions import services
from sessions.models import Attendance, HoursCorrection, Invitation, Session
from sessions.selectors import ledger_by_track, ledger_monthly, planner

from .factories import at

pytestmark = pytest.mark.django_db


def _schedule(manager, workplace, module, invitees, leaders, day=10, **kwargs):
    return services.session_schedule(
        workplace=workplace,
        module=module,
        starts_at=at(day),
        ends_at=at(day) + datetime.timedelta(minutes=60),
        place="Personalrummet",
        process_leaders=leaders,
        invitees=invitees,
        scheduled_by=manager,
        **kwargs,
    )


def test_manager_schedules_and_invitations_are_queued(manager, process_leader, workplace, staff, programme_setup,
                                                       django_capture_on_commit_callbacks):
    module = programme_setup["work_modules"][0]
    with django_capture_on_commit_callbacks(execute=True):
        session = _schedule(manager, workplace, module, staff, [process_leader])
    assert session.invitations.count() == 4
    assert set(session.process_leaders.all()) == {process_leader}
    # four invitees plus the process leader
    assert OutboxMessage.objects.filter(kind="session_invite").count() == 5
    assert len(mail.outbox) == 5
    message = next(m for m in mail.outbox if m.to == [staff[0].email])
    assert message.attachments[0][0] == "samtal.ics"
    assert "/lank/" in message.body
    assert ModelLogEntry.objects.filter(action="samtalsrum.session.schedule").count() == 1


def test_manager_cannot_schedule_for_another_workplace(manager, other_workplace, programme_setup):
    with pytest.raises(PermissionDenied):
        _schedule(manager, other_workplace, programme_setup["work_modules"][0], [], [])
    assert Session.objects.count() == 0


def test_leader_must_belong_to_workplace(manager, workplace, other_leader, programme_setup):
    with pytest.raises(ValidationError):
        _schedule(manager, workplace, programme_setup["work_modules"][0], [], [other_leader])
    assert Session.objects.count() == 0


def test_conflicts_and_programme_dates_need_confirmation(manager, process_leader, workplace, staff, programme_setup):
    m1, m2 = programme_setup["work_modules"][:2]
    _schedule(manager, workplace, m1, staff[:2], [process_leader])
    with pytest.raises(services.ScheduleWarningsError) as exc:
        _schedule(manager, workplace, m2, staff[1:], [process_leader])
    codes = {w.code for w in exc.value.warnings}
    assert codes == {"leader_busy", "invitee_busy"}
    assert Session.objects.count() == 1
    _schedule(manager, workplace, m2, staff[1:], [process_leader], confirm_warnings=True)
    assert Session.objects.count() == 2

    # After the programme's end (2027-12-31) but within its margin: a warning.
    with pytest.raises(services.ScheduleWarningsError) as exc:
        services.session_schedule(
            workplace=workplace, module=m1, starts_at=at(1, year=2028), ends_at=at(1, 10, year=2028),
            place="x", scheduled_by=manager, process_leaders=[process_leader],
        )
    assert [w.code for w in exc.value.warnings] == ["outside_programme"]
    # Beyond the margin: refused, even with the warnings confirmed.
    with pytest.raises(ValidationError) as refused:
        services.session_schedule(
            workplace=workplace, module=m1, starts_at=at(1, year=2030), ends_at=at(1, 10, year=2030),
            place="x", scheduled_by=manager, process_leaders=[process_leader], confirm_warnings=True,
        )
    assert "programmets period med marginal" in refused.value.message_dict["starts_at"][0]
    assert Session.objects.count() == 2


def test_end_before_start_is_refused(manager, workplace, programme_setup):
    with pytest.raises(ValidationError):
        services.session_schedule(
            workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10, 10), ends_at=at(10, 9),
            place="x", scheduled_by=manager,
        )


def test_reschedule_raises_sequence_and_cancel(manager, process_leader, workplace, staff, programme_setup,
                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        session = _schedule(manager, workplace, programme_setup["work_modules"][0], staff, [process_leader])
        services.session_reschedule(
            session=session, starts_at=at(11), ends_at=at(11, 10), place="Matsalen",
            invitees=staff[:3], rescheduled_by=manager,
        )
    session.refresh_from_db()
    assert session.sequence == 1
    assert OutboxMessage.objects.filter(kind="session_update").count() == 3 + 1  # kept invitees + leader
    assert OutboxMessage.objects.filter(kind="session_cancel", to_email=staff[3].email).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(session=session, cancelled_by=manager, reason="Lokalen är upptagen")
    session.refresh_from_db()
    assert session.status == "cancelled" and session.sequence == 2
    assert OutboxMessage.objects.filter(kind="session_cancel").count() == 1 + 3 + 1


def test_other_manager_cannot_reschedule_or_cancel(manager, other_manager, workplace, staff, programme_setup):
    session = _schedule(manager, workplace, programme_setup["work_modules"][0], staff, [], confirm_warnings=True)
    with pytest.raises(PermissionDenied):
        services.session_cancel(session=session, cancelled_by=other_manager, reason="x")
    with pytest.raises(PermissionDenied):
        services.session_reschedule(session=session, starts_at=at(12), ends_at=at(12, 10), place="x",
                                    rescheduled_by=other_manager)
    session.refresh_from_db()
    assert session.status == "scheduled" and session.sequence == 0


def test_attendance_and_close_lock(manager, process_leader, other_leader, hr_user, workplace, staff, programme_setup):
    session = _schedule(manager, workplace, programme_setup["work_modules"][0], staff, [process_leader])
    services.attendance_record(session=session, employee=staff[0], status="present", recorded_by=process_leader)
    services.attendance_record(session=session, employee=staff[1], status="partial", minutes=40,
                               recorded_by=process_leader)
    with pytest.raises(ValidationError):
        services.attendance_record(session=session, employee=staff[2], status="partial", minutes=90,
                                   recorded_by=process_leader)
    for intruder in (other_leader, hr_user):
        with pytest.raises(PermissionDenied):
            services.attendance_record(session=session, employee=staff[2], status="present", recorded_by=intruder)
    # change of mind: the row is updated, not duplicated
    services.attendance_record(session=session, employee=staff[1], status="partial", minutes=45,
                               recorded_by=process_leader)
    assert Attendance.objects.get(employee=staff[1]).minutes == 45
    assert ModelLogEntry.objects.filter(action="samtalsrum.attendance.record").count() == 3
    services.session_close(session=session, closed_by=process_leader)
    assert Attendance.objects.filter(session=session).count() == 4
    assert Attendance.objects.get(employee=staff[3]).status == "absent"
    with pytest.raises(ValidationError):
        services.attendance_record(session=session, employee=staff[0], status="absent", recorded_by=process_leader)
    assert Attendance.objects.get(employee=staff[0]).minutes == 60


def test_corrections_by_manager_or_hr_only(manager, hr_user, process_leader, other_manager, workplace, staff,
                                           programme_setup):
    track = programme_setup["work_track"]
    session = _schedule(manager, workplace, programme_setup["work_modules"][0], staff, [process_leader])
    services.attendance_record(session=session, employee=staff[0], status="present", recorded_by=process_leader)
    services.session_close(session=session, closed_by=process_leader)
    services.hours_correction_create(employee=staff[0], session=session, track=track, minutes=-15,
                                     reason="Gick tidigt", created_by=manager)
    services.hours_correction_create(employee=staff[0], track=track, minutes=30, reason="Extra", created_by=hr_user)
    for intruder in (process_leader, other_manager):
        with pytest.raises(PermissionDenied):
            services.hours_correction_create(employee=staff[0], track=track, minutes=5, reason="x",
                                             created_by=intruder)
    with pytest.raises(ValidationError):
        services.hours_correction_create(employee=staff[0], track=track, minutes=5, reason=" ", created_by=hr_user)
    assert HoursCorrection.objects.count() == 2
    [row] = ledger_by_track(staff[0])
    assert row["minutes"] == 60 - 15 + 30
    monthly = ledger_monthly([staff[0].pk])
    assert sum(r["minutes"] for r in monthly) == 75
    assert ModelLogEntry.objects.filter(action="samtalsrum.hours.correct").count() == 2


def test_planner_and_create_remaining(manager, process_leader, workplace, staff, programme_setup):
    track = programme_setup["work_track"]
    session = _schedule(manager, workplace, programme_setup["work_modules"][0], staff[:2], [process_leader])
    services.attendance_record(session=session, employee=staff[0], status="present", recorded_by=process_leader)
    modules, rows = planner(workplace, track)
    cells = {row.employee.pk: row.cells for row in rows}
    assert cells[staff[0].pk][0] == "done"
    assert cells[staff[1].pk][0] == "booked"
    assert cells[staff[2].pk][0] == "missing"
    created = services.planner_create_remaining(
        workplace=workplace, first_starts_at=at(16), place="Personalrummet", process_leaders=[process_leader],
        scheduled_by=manager,
    )
    assert len(created) == 5
    first = created[0]
    assert first.module == modules[0]
    # staff[0] did it, staff[1] is booked: the rest (two staff + manager + leader employees) are invited
    assert staff[0].pk not in set(first.invitations.values_list("employee_id", flat=True))
    modules, rows = planner(workplace, track)
    assert all(cell != "missing" for row in rows for cell in row.cells)


def test_preparatory_waitlist_moves_up(programme_admin, manager, process_leader, workplace, programme_setup,
                                       other_manager, django_capture_on_commit_callbacks):
    module = programme_setup["prep_modules"][0]
    session = services.session_schedule(
        workplace=None, module=module, starts_at=at(20), ends_at=at(20, 11), place="Kommunhuset",
        capacity=1, scheduled_by=programme_admin,
    )
    with pytest.raises(PermissionDenied):
        services.session_schedule(
            workplace=None, module=module, starts_at=at(21), ends_at=at(21, 11), place="x",
            capacity=1, scheduled_by=manager,
        )
    first = services.invitation_request(session=session, employee=manager.employee, requested_by=manager)
    second = services.invitation_request(session=session, employee=other_manager.employee, requested_by=other_manager)
    assert (first.status, second.status) == ("invited", "waitlisted")
    with pytest.raises(PermissionDenied):
        services.invitation_request(session=session, employee=manager.employee, requested_by=process_leader)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.invitation_cancel(invitation=first, cancelled_by=manager)
    assert promoted.pk == second.pk
    assert Invitation.objects.get(pk=second.pk).status == "invited"
    assert OutboxMessage.objects.filter(to_email=other_manager.employee.email, kind="session_invite").exists()
