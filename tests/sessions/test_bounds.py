"""Every date and number of a session, an attendance mark and a correction is bounded on the form,
in the service and in the database (issue 9: year 1 stored as 1 BC, +2 147 483 647 minutes)."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from sessions import services
from sessions.bounds import CORRECTION_MINUTES_ABS_MAX, SESSION_CAPACITY_MAX
from sessions.models import Attendance, HoursCorrection, Session
from sessions.selectors import ledger_by_track

from .factories import SessionFactory, at

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _schedule(manager, workplace, module, leader, starts_at, ends_at=None, **kwargs):
    return services.session_schedule(
        workplace=workplace, module=module, starts_at=starts_at, ends_at=ends_at or starts_at + DAY / 24,
        place="Personalrummet", process_leaders=[leader], scheduled_by=manager, **kwargs,
    )


def _local(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return at(day.day, hour, month=day.month, year=day.year)


@pytest.mark.parametrize("typed", ["0001-01-01T09:00", "9999-12-31T23:00", "2030-03-10T09:00"])
def test_session_form_refuses_impossible_dates_and_saves_nothing(client, manager, process_leader, workplace,
                                                                  programme_setup, typed):
    client.force_login(manager)
    ends = typed[:11] + "23:59" if typed.startswith("9999") else typed[:11] + "10:00"
    response = client.post(reverse("sessions:create", args=[workplace.pk]), {
        "module": programme_setup["work_modules"][0].pk, "starts_at": typed, "ends_at": ends,
        "place": "Matsalen", "process_leaders": [process_leader.pk], "confirm_warnings": "on",
    })
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ange ett datum mellan 1999 och 2100" in html or "programmets period med marginal" in html
    assert Session.objects.count() == 0


def test_session_dates_within_the_programme_and_its_margin(manager, process_leader, workplace, programme_setup,
                                                           settings):
    settings.SAMTALSRUM_SESSION_DATE_MARGIN_DAYS = 180
    module = programme_setup["work_modules"][0]
    programme = programme_setup["programme"]
    first, last = programme.starts_on - 180 * DAY, programme.ends_on + 180 * DAY
    for day in (first - DAY, last + DAY):
        with pytest.raises(ValidationError) as refused:
            _schedule(manager, workplace, module, process_leader, _local(day), confirm_warnings=True)
        assert "programmets period med marginal" in refused.value.message_dict["starts_at"][0]
    # The first and last day of the window are allowed, outside the programme with a warning.
    for day in (first, last):
        with pytest.raises(services.ScheduleWarningsError) as warned:
            _schedule(manager, workplace, module, process_leader, _local(day))
        assert [w.code for w in warned.value.warnings] == ["outside_programme"]
        _schedule(manager, workplace, module, process_leader, _local(day), confirm_warnings=True)
    assert Session.objects.count() == 2


def test_session_length_and_capacity_bounded(manager, process_leader, workplace, programme_setup):
    module = programme_setup["work_modules"][0]
    with pytest.raises(ValidationError, match="högst 16 timmar"):
        _schedule(manager, workplace, module, process_leader, at(10, 6), at(10, 22) + datetime.timedelta(minutes=1))
    _schedule(manager, workplace, module, process_leader, at(10, 6), at(10, 22))
    with pytest.raises(ValidationError, match="mellan 1 och 500 platser"):
        _schedule(manager, workplace, module, process_leader, at(11), capacity=SESSION_CAPACITY_MAX + 1)
    session = _schedule(manager, workplace, module, process_leader, at(12), capacity=SESSION_CAPACITY_MAX)
    assert session.capacity == 500
    with pytest.raises(ValidationError):
        services.session_reschedule(session=session, starts_at=at(12), ends_at=at(12, 10), place="x",
                                    capacity=SESSION_CAPACITY_MAX + 1, rescheduled_by=manager)


def test_session_form_bounds_capacity(client, manager, process_leader, workplace, programme_setup):
    client.force_login(manager)
    response = client.post(reverse("sessions:create", args=[workplace.pk]), {
        "module": programme_setup["work_modules"][0].pk, "starts_at": "2026-03-10T09:00",
        "ends_at": "2026-03-10T10:00", "place": "Matsalen", "process_leaders": [process_leader.pk],
        "capacity": "2147483647",
    })
    assert response.status_code == 200 and Session.objects.count() == 0
    assert "capacity" in response.context["form"].errors


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("starts_at", datetime.datetime(1, 1, 1, 9, tzinfo=datetime.UTC)),
        ("ends_at", datetime.datetime(9999, 12, 31, 9, tzinfo=datetime.UTC)),
        ("capacity", 2_147_483_647),
    ],
)
def test_database_refuses_out_of_range_sessions(programme_setup, field, value):
    session = SessionFactory(module=programme_setup["work_modules"][0])
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=session.pk).update(**{field: value})
    assert Session.objects.get(pk=session.pk).starts_at == at(10)


def test_database_refuses_out_of_range_minutes(manager, staff, programme_setup):
    session = SessionFactory(module=programme_setup["work_modules"][0])
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(session=session, employee=staff[0], status="present", minutes=961)
    with pytest.raises(IntegrityError), transaction.atomic():
        HoursCorrection.objects.create(employee=staff[0], track=programme_setup["work_track"],
                                       minutes=CORRECTION_MINUTES_ABS_MAX + 1, reason="x", created_by=manager)
    HoursCorrection.objects.create(employee=staff[0], track=programme_setup["work_track"],
                                   minutes=-CORRECTION_MINUTES_ABS_MAX, reason="x", created_by=manager)


# ---------------------------------------------------------------- planner


@pytest.mark.parametrize("typed", ["0001-01-01T09:00", "9999-12-31T09:00", "2031-01-01T09:00"])
def test_planner_refuses_impossible_years(client, manager, process_leader, workplace, staff, programme_setup, typed):
    client.force_login(manager)
    response = client.post(reverse("sessions:planner", args=[workplace.pk]), {
        "first_starts_at": typed, "interval_days": 7, "place": "x", "process_leaders": [process_leader.pk],
        "confirm_warnings": "on",
    })
    assert response.status_code == 200
    errors = response.context["form"].errors["first_starts_at"]
    assert errors == ["Ange ett datum mellan 1999 och 2100."] or "programmets period med marginal" in errors[0]
    assert Session.objects.count() == 0


def test_planner_refuses_when_a_later_session_would_leave_the_window(client, manager, process_leader, workplace,
                                                                     staff, programme_setup, settings):
    settings.SAMTALSRUM_SESSION_DATE_MARGIN_DAYS = 0
    client.force_login(manager)
    # Five modules, 60 days apart from 2027-10-01: the third lands after the programme's end.
    response = client.post(reverse("sessions:planner", args=[workplace.pk]), {
        "first_starts_at": "2027-10-01T09:00", "interval_days": 60, "place": "x",
        "process_leaders": [process_leader.pk], "confirm_warnings": "on",
    })
    assert response.status_code == 200
    assert "Tillfället för Samtal 3 skulle hamna 2028-01-29" in response.content.decode()
    assert Session.objects.count() == 0


# ---------------------------------------------------------------- corrections


def test_correction_form_refuses_absurd_minutes(client, manager, process_leader, workplace, staff,
                                                programme_setup):
    session = _schedule(manager, workplace, programme_setup["work_modules"][0], process_leader, at(10),
                        invitees=staff)
    services.session_close(session=session, closed_by=process_leader)
    client.force_login(manager)
    url = reverse("sessions:correct", args=[session.pk])
    for minutes in ("2147483647", "601", "-99999999999999999999"):
        response = client.post(url, {"employee": staff[0].pk, "track": session.module.track_id,
                                     "minutes": minutes, "reason": "Test"})
        assert response.status_code == 200, minutes
        assert "minutes" in response.context["form"].errors
    assert HoursCorrection.objects.count() == 0


def test_correction_within_a_multiple_of_the_target(manager, staff, programme_setup):
    track = programme_setup["work_track"]  # target 300 minutes: at most ±600 per correction
    with pytest.raises(ValidationError, match="högst 600 minuter"):
        services.hours_correction_create(employee=staff[0], track=track, minutes=601, reason="x", created_by=manager)
    with pytest.raises(ValidationError):
        services.hours_correction_create(employee=staff[0], track=track, minutes=2_147_483_647, reason="x",
                                         created_by=manager)
    services.hours_correction_create(employee=staff[0], track=track, minutes=600, reason="x", created_by=manager)
    assert ledger_by_track(staff[0])[0]["minutes"] == 600


def test_negative_corrections_cannot_drive_a_total_below_zero(manager, hr_user, process_leader, workplace, staff,
                                                               programme_setup):
    track = programme_setup["work_track"]
    session = _schedule(manager, workplace, programme_setup["work_modules"][0], process_leader, at(10),
                        invitees=staff)
    services.attendance_record(session=session, employee=staff[0], status="present", recorded_by=process_leader)
    services.session_close(session=session, closed_by=process_leader)
    # At the session: between 0 and its 60 minutes.
    with pytest.raises(ValidationError, match="mellan 0 och tillfällets längd"):
        services.hours_correction_create(employee=staff[0], session=session, track=track, minutes=1, reason="x",
                                         created_by=manager)
    with pytest.raises(ValidationError):
        services.hours_correction_create(employee=staff[0], session=session, track=track, minutes=-61, reason="x",
                                         created_by=manager)
    services.hours_correction_create(employee=staff[0], session=session, track=track, minutes=-60,
                                     reason="Var inte där", created_by=manager)
    # In the track: never below zero.
    with pytest.raises(ValidationError, match="har 0 minuter i spåret"):
        services.hours_correction_create(employee=staff[0], track=track, minutes=-1, reason="x", created_by=hr_user)
    services.hours_correction_create(employee=staff[0], track=track, minutes=30, reason="Extra", created_by=hr_user)
    services.hours_correction_create(employee=staff[0], track=track, minutes=-30, reason="Fel", created_by=hr_user)
    assert ledger_by_track(staff[0])[0]["minutes"] == 0
    assert HoursCorrection.objects.count() == 3


def test_corrections_on_an_open_session_are_refused(manager, process_leader, workplace, staff, programme_setup):
    session = _schedule(manager, workplace, programme_setup["work_modules"][0], process_leader, at(10),
                        invitees=staff)
    with pytest.raises(ValidationError, match="när tillfället är avslutat"):
        services.hours_correction_create(employee=staff[0], session=session, track=programme_setup["work_track"],
                                         minutes=10, reason="x", created_by=manager)
    assert HoursCorrection.objects.count() == 0
