"""Partial attendance, the completion rule, catch-up sessions, double-booking warnings and
cancellations with a reason (issue 9, "Partial attendance", "Double-booking")."""

import datetime

import pytest

from django.core import mail
from django.urls import reverse

from cms.models import OutboxMessage
from courses.models import Programme
from sessions import completion, services
from sessions.models import Invitation, Session
from sessions.selectors import planner
from tests.factories import EmployeeFactory

from .factories import at

pytestmark = pytest.mark.django_db


def _held(manager, leader, workplace, module, invitees, marks, day=10):
    """A closed session of ``module`` where ``marks`` maps employees to minutes (None = present)."""
    session = services.session_schedule(
        workplace=workplace, module=module, starts_at=at(day), ends_at=at(day) + datetime.timedelta(minutes=60),
        place="x", process_leaders=[leader], invitees=invitees, scheduled_by=manager, confirm_warnings=True,
    )
    for employee, minutes in marks.items():
        status = "present" if minutes is None else "partial"
        services.attendance_record(session=session, employee=employee, status=status, minutes=minutes,
                                   recorded_by=leader)
    services.session_close(session=session, closed_by=leader)
    return session


def _cells(workplace, track, module_index=0):
    _modules, rows = planner(workplace, track)
    return {row.employee.pk: row.cells[module_index] for row in rows}


def test_required_minutes_follow_the_programme_rule(programme_setup):
    module = programme_setup["work_modules"][0]  # 60 planned minutes
    programme = programme_setup["programme"]
    assert programme.module_completion_percent == 80
    assert completion.required_minutes(module, programme) == 48
    programme.module_completion_percent = 100
    assert completion.required_minutes(module, programme) == 60
    programme.module_completion_percent = 1
    assert completion.required_minutes(module, programme) == 1
    module.planned_minutes = 45
    programme.module_completion_percent = 80
    assert completion.required_minutes(module, programme) == 36
    module.planned_minutes = 50  # 40.0 exactly, and 41 at 81 %: rounded up, never down
    programme.module_completion_percent = 81
    assert completion.required_minutes(module, programme) == 41


def test_module_done_only_from_the_rule_upwards(manager, process_leader, workplace, staff, programme_setup):
    track, module = programme_setup["work_track"], programme_setup["work_modules"][0]
    _held(manager, process_leader, workplace, module, staff, {staff[0]: 47, staff[1]: 48, staff[2]: 49})
    cells = _cells(workplace, track)
    assert [cells[s.pk] for s in staff] == ["partial", "done", "done", "missing"]  # staff[3] was absent
    # 100 %: only the whole hour counts.
    Programme.objects.filter(pk=programme_setup["programme"].pk).update(module_completion_percent=100)
    track.programme.refresh_from_db()
    cells = _cells(workplace, track)
    assert [cells[s.pk] for s in staff[:3]] == ["partial", "partial", "partial"]


def test_partial_people_are_invited_again_and_their_minutes_add_up(client, manager, process_leader, workplace,
                                                                   staff, programme_setup):
    track, module = programme_setup["work_track"], programme_setup["work_modules"][0]
    _held(manager, process_leader, workplace, module, staff, {staff[0]: 40, staff[1]: None})
    client.force_login(manager)
    html = client.get(reverse("sessions:planner", args=[workplace.pk])).content.decode()
    assert ">Delvis<" in html
    assert "Planera uppsamlingstillfälle för Samtal 1 (1 delvis)" in html
    # The catch-up form proposes those who lack the module: partial and absent, not the one who is done.
    form = client.get(reverse("sessions:create", args=[workplace.pk]), {"module": module.pk}).context["form"]
    assert form.initial["module"] == module
    proposed = {e.pk for e in form.initial["invitees"]}
    assert staff[0].pk in proposed and staff[2].pk in proposed and staff[1].pk not in proposed
    # "Create the remaining sessions" invites the partial person as well.
    created = services.planner_create_remaining(
        workplace=workplace, first_starts_at=at(16), place="x", process_leaders=[process_leader],
        scheduled_by=manager,
    )
    catch_up = next(s for s in created if s.module == module)
    invited = set(catch_up.invitations.values_list("employee_id", flat=True))
    assert staff[0].pk in invited and staff[1].pk not in invited
    assert _cells(workplace, track)[staff[0].pk] == "booked"
    # 40 minutes before, 10 now: 50 ≥ 48, the module is done.
    services.attendance_record(session=catch_up, employee=staff[0], status="partial", minutes=10,
                               recorded_by=process_leader)
    assert _cells(workplace, track)[staff[0].pk] == "done"


def test_a_correction_on_the_session_counts_towards_the_module(manager, process_leader, workplace, staff,
                                                               programme_setup):
    track, module = programme_setup["work_track"], programme_setup["work_modules"][0]
    session = _held(manager, process_leader, workplace, module, staff, {staff[0]: 40})
    assert _cells(workplace, track)[staff[0].pk] == "partial"
    services.hours_correction_create(employee=staff[0], session=session, track=track, minutes=8,
                                     reason="Kom åtta minuter tidigare än antecknat", created_by=manager)
    assert _cells(workplace, track)[staff[0].pk] == "done"


def test_hours_report_complete_follows_the_track_target(client, manager, process_leader, hr_user, workplace,
                                                       staff, programme_setup):
    track = programme_setup["work_track"]
    for index, module in enumerate(programme_setup["work_modules"][:4]):
        _held(manager, process_leader, workplace, module, staff[:2], {staff[0]: None, staff[1]: None}, day=10 + index)
    # 240 of 300 minutes: not yet.
    services.hours_correction_create(employee=staff[0], track=track, minutes=59, reason="x", created_by=hr_user)
    services.hours_correction_create(employee=staff[1], track=track, minutes=60, reason="x", created_by=hr_user)
    client.force_login(hr_user)
    rows = {r.pk: r for r in client.get(reverse("sessions_hours_report")).context["object_list"]}
    assert rows[staff[0].pk].complete_label == "Nej"  # 299 minutes
    assert rows[staff[1].pk].complete_label == "Ja"  # 300 minutes
    assert completion.track_complete(300, 300) and not completion.track_complete(299, 300)
    assert not completion.track_complete(0, 0)


# ---------------------------------------------------------------- warnings that need a confirmation


def test_double_booking_on_a_module_needs_a_confirmation(manager, process_leader, workplace, staff,
                                                         programme_setup):
    module = programme_setup["work_modules"][0]
    _held(manager, process_leader, workplace, module, staff[:2], {staff[0]: None, staff[1]: 20})
    services.session_schedule(
        workplace=workplace, module=module, starts_at=at(20), ends_at=at(20, 10), place="x",
        process_leaders=[process_leader], invitees=[staff[2]], scheduled_by=manager,
    )
    with pytest.raises(services.ScheduleWarningsError) as warned:
        services.session_schedule(
            workplace=workplace, module=module, starts_at=at(24), ends_at=at(24, 10), place="x",
            process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
        )
    warnings = {w.code: w.message for w in warned.value.warnings}
    assert set(warnings) == {"already_booked", "already_done"}
    assert staff[2].full_name in warnings["already_booked"] and "1 redan bokade på Samtal 1" in warnings["already_booked"]
    assert staff[0].full_name in warnings["already_done"]
    assert staff[1].full_name not in warnings["already_done"]  # 20 minutes: partial, may be invited again
    assert Session.objects.count() == 2
    services.session_schedule(
        workplace=workplace, module=module, starts_at=at(24), ends_at=at(24, 10), place="x",
        process_leaders=[process_leader], invitees=staff, scheduled_by=manager, confirm_warnings=True,
    )
    assert Session.objects.count() == 3


def test_workplace_session_without_a_process_leader_needs_a_confirmation(manager, workplace, staff,
                                                                        programme_setup, programme_admin):
    with pytest.raises(services.ScheduleWarningsError) as warned:
        services.session_schedule(
            workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10), ends_at=at(10, 10),
            place="x", invitees=staff, scheduled_by=manager,
        )
    assert [w.code for w in warned.value.warnings] == ["no_process_leader"]
    assert Session.objects.count() == 0
    # The planner says it once, not once per module.
    with pytest.raises(services.ScheduleWarningsError) as warned:
        services.planner_create_remaining(workplace=workplace, first_starts_at=at(16), place="x",
                                          scheduled_by=manager)
    assert [w.code for w in warned.value.warnings] == ["no_process_leader"]
    assert Session.objects.count() == 0
    # Open preparatory sessions are led by the programme: no such warning.
    services.session_schedule(
        workplace=None, module=programme_setup["prep_modules"][0], starts_at=at(10), ends_at=at(10, 11),
        place="Kommunhuset", scheduled_by=programme_admin,
    )


def test_single_session_form_warns_before_re_booking_a_whole_workplace(client, manager, process_leader, workplace,
                                                                       staff, programme_setup):
    module = programme_setup["work_modules"][0]
    _held(manager, process_leader, workplace, module, staff, dict.fromkeys(staff))
    client.force_login(manager)
    url = reverse("sessions:create", args=[workplace.pk])
    everyone = [e.pk for e in staff] + [manager.employee_id, process_leader.employee_id]
    data = {"module": module.pk, "starts_at": "2026-03-24T09:00", "ends_at": "2026-03-24T10:00", "place": "x",
            "invitees": everyone}
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "4 har redan genomfört Samtal 1" in html and "ingen processledare" in html
    assert "Jag har läst varningarna och vill spara ändå" in html
    assert Session.objects.count() == 1
    assert client.post(url, {**data, "confirm_warnings": "on"}).status_code == 302
    assert Session.objects.count() == 2


def test_rescheduling_warns_only_about_people_added(manager, process_leader, workplace, staff, programme_setup):
    module = programme_setup["work_modules"][0]
    _held(manager, process_leader, workplace, module, staff[:1], {staff[0]: None})
    session = services.session_schedule(
        workplace=workplace, module=module, starts_at=at(20), ends_at=at(20, 10), place="x",
        process_leaders=[process_leader], invitees=staff[1:3], scheduled_by=manager,
    )
    services.session_reschedule(session=session, starts_at=at(21), ends_at=at(21, 10), place="y",
                                rescheduled_by=manager)
    with pytest.raises(services.ScheduleWarningsError) as warned:
        services.session_reschedule(session=session, starts_at=at(21), ends_at=at(21, 10), place="y",
                                    invitees=staff[:3], rescheduled_by=manager)
    assert [w.code for w in warned.value.warnings] == ["already_done"]


# ---------------------------------------------------------------- cancelling tells why


def test_cancelling_needs_a_reason_that_reaches_the_invitees(client, manager, process_leader, workplace, staff,
                                                             programme_setup, django_capture_on_commit_callbacks):
    session = services.session_schedule(
        workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(20), ends_at=at(20, 10),
        place="x", process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
    )
    mail.outbox.clear()
    client.force_login(manager)
    url = reverse("sessions:cancel", args=[session.pk])
    page = client.get(url).content.decode()
    assert 'name="reason"' in page and "<label" in page
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert client.post(url, {"reason": "x" * 2001}).status_code == 200
    session.refresh_from_db()
    assert session.status == "scheduled" and mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"reason": "Lokalen är vattenskadad"}).status_code == 302
    session.refresh_from_db()
    assert session.status == "cancelled" and session.cancel_reason == "Lokalen är vattenskadad"
    cancels = OutboxMessage.objects.filter(kind="session_cancel")
    assert cancels.count() == 4 + 1  # the invitees and the process leader
    assert all("Skäl: Lokalen är vattenskadad" in m.body_text for m in cancels)
    assert "Lokalen är vattenskadad" in client.get(reverse("sessions:detail", args=[session.pk])).content.decode()


def test_waitlisted_people_are_told_too(programme_admin, manager, other_manager, programme_setup):
    session = services.session_schedule(
        workplace=None, module=programme_setup["prep_modules"][0], starts_at=at(20), ends_at=at(20, 11),
        place="Kommunhuset", capacity=1, scheduled_by=programme_admin,
        invitees=[manager.employee, other_manager.employee],
    )
    services.session_cancel(session=session, cancelled_by=programme_admin, reason="Föreläsaren är sjuk")
    told = set(OutboxMessage.objects.filter(kind="session_cancel").values_list("to_email", flat=True))
    assert told == {manager.employee.email, other_manager.employee.email}


def test_planner_query_count_does_not_grow_with_partial_attendance(client, manager, process_leader, workplace,
                                                                   programme_setup, django_assert_max_num_queries):
    client.force_login(manager)
    url = reverse("sessions:planner", args=[workplace.pk])
    module = programme_setup["work_modules"][0]

    def grow(count):
        people = [EmployeeFactory(workplace=workplace) for _ in range(count)]
        session = services.session_schedule(
            workplace=workplace, module=module, starts_at=at(10), ends_at=at(10, 10), place="x",
            process_leaders=[process_leader], invitees=people, scheduled_by=manager, confirm_warnings=True,
        )
        for person in people:
            services.attendance_record(session=session, employee=person, status="partial", minutes=30,
                                       recorded_by=process_leader)
        services.session_close(session=session, closed_by=process_leader)

    grow(2)
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    grow(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert ">Delvis<" in client.get(url).content.decode()
    assert Invitation.objects.count() == 22
