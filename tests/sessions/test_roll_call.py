"""Roll call opens at the session's start, closing shows a summary and asks for a confirmation,
and the process leader may reopen within a set time (issue 9, "Hours and sessions")."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from people.links import employee_link_url
from sessions import services
from sessions.models import Attendance, Session
from sessions.roll_call import CloseSummary

from .factories import SessionFactory, at

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def session(manager, process_leader, workplace, staff, programme_setup):
    """A one-hour session on 2026-03-10 09:00 for the four staff, led by ``process_leader``."""
    return services.session_schedule(
        workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10), ends_at=at(10, 10),
        place="Personalrummet", process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
    )


@pytest.fixture
def coming(process_leader, workplace, staff, programme_setup):
    """A session that starts in two days (made directly, whatever today's date)."""
    starts = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=2)
    session = SessionFactory(module=programme_setup["work_modules"][1], workplace=workplace, starts_at=starts,
                             process_leaders=[process_leader])
    for employee in staff:
        session.invitations.create(employee=employee)
    return session


def _mark(session, employee, leader, now, status="present", minutes=None):
    return services.attendance_record(session=session, employee=employee, status=status, minutes=minutes,
                                      recorded_by=leader, now=now)


def test_roll_call_opens_at_the_start_less_the_early_window(session, process_leader, staff, settings):
    settings.SAMTALSRUM_ROLL_CALL_EARLY_MINUTES = 15
    opens = session.starts_at - 15 * MINUTE
    with pytest.raises(ValidationError) as refused:
        _mark(session, staff[0], process_leader, opens - datetime.timedelta(seconds=1))
    assert "Närvaron kan tas först när tillfället börjar, från 2026-03-10 08:45" in refused.value.messages[0]
    assert Attendance.objects.count() == 0
    _mark(session, staff[0], process_leader, opens)
    assert Attendance.objects.get().minutes == 60
    # Without an early window, the start itself is the first moment.
    settings.SAMTALSRUM_ROLL_CALL_EARLY_MINUTES = 0
    with pytest.raises(ValidationError):
        _mark(session, staff[1], process_leader, session.starts_at - MINUTE)
    _mark(session, staff[1], process_leader, session.starts_at)
    assert Attendance.objects.count() == 2


def test_closing_before_the_start_is_refused(session, process_leader):
    with pytest.raises(ValidationError):
        services.session_close(session=session, closed_by=process_leader, now=session.starts_at - 16 * MINUTE)
    session.refresh_from_db()
    assert session.status == "scheduled" and Attendance.objects.count() == 0


def test_facilitator_view_before_the_start_shows_when_roll_call_opens(client, coming, process_leader, staff):
    client.force_login(process_leader)
    url = reverse("sessions:facilitate", args=[coming.pk])
    html = client.get(url).content.decode()
    opens = timezone.localtime(coming.starts_at - 15 * MINUTE).strftime("%Y-%m-%d %H:%M")
    assert f"Närvaron kan tas från {opens}" in html
    assert 'name="status"' not in html and "Avsluta tillfället" not in html
    assert staff[0].full_name in html  # the leader sees who is coming
    response = client.post(url, {"employee": staff[0].pk, "status": "present"}, follow=True)
    assert "Närvaron kan tas först när tillfället börjar" in response.content.decode()
    summary = client.post(reverse("sessions:close", args=[coming.pk]), follow=True)
    assert "kan avslutas först när det har börjat" in summary.content.decode()
    coming.refresh_from_db()
    assert coming.status == "scheduled" and Attendance.objects.count() == 0


def test_close_shows_the_summary_and_needs_a_confirmation(client, session, process_leader, staff):
    services.attendance_record(session=session, employee=staff[0], status="present", recorded_by=process_leader)
    services.attendance_record(session=session, employee=staff[1], status="partial", minutes=40,
                               recorded_by=process_leader)
    services.attendance_record(session=session, employee=staff[2], status="absent", recorded_by=process_leader)
    client.force_login(process_leader)
    url = reverse("sessions:close", args=[session.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 närvarande, 1 delvis, 2 blir frånvarande" in html
    assert "1 person är inte markerad och registreras som frånvarande" in html
    session.refresh_from_db()
    assert session.status == "scheduled"
    # The confirmation without its figures (a crafted POST) closes nothing.
    client.post(url, {"confirm": "True"})
    session.refresh_from_db()
    assert session.status == "scheduled"
    # Someone marks another person after the summary was shown: the old confirmation is refused.
    services.attendance_record(session=session, employee=staff[3], status="present", recorded_by=process_leader)
    stale = client.post(url, {"confirm": "True", "present": 1, "partial": 1, "absent": 1, "unmarked": 1})
    assert stale.status_code == 200
    assert "Närvaron har ändrats sedan sammanfattningen visades" in stale.content.decode()
    assert "2 närvarande, 1 delvis, 1 blir frånvarande" in stale.content.decode()
    session.refresh_from_db()
    assert session.status == "scheduled"
    done = client.post(url, {"confirm": "True", "present": 2, "partial": 1, "absent": 1, "unmarked": 0})
    assert done.status_code == 302
    session.refresh_from_db()
    assert session.status == "closed" and session.closed_by == process_leader and session.closed_at
    entry = ModelLogEntry.objects.get(action="samtalsrum.session.close")
    assert entry.data == {"present": 2, "partial": 1, "absent": 1, "unmarked": 0}


def test_service_close_compares_the_confirmed_summary(session, process_leader, staff):
    with pytest.raises(services.CloseSummaryChangedError) as changed:
        services.session_close(session=session, closed_by=process_leader,
                               expected=CloseSummary(present=4, partial=0, absent=0, unmarked=0))
    assert changed.value.summary == CloseSummary(present=0, partial=0, absent=0, unmarked=4)
    services.session_close(session=session, closed_by=process_leader, expected=changed.value.summary)
    assert Attendance.objects.filter(session=session, status="absent").count() == 4


def test_reopen_within_the_window_is_audited_then_only_corrections(session, process_leader, manager, staff,
                                                                    other_leader, settings):
    settings.SAMTALSRUM_SESSION_REOPEN_HOURS = 24
    closed_at = at(10, 11)
    services.attendance_record(session=session, employee=staff[0], status="present", recorded_by=process_leader)
    services.session_close(session=session, closed_by=process_leader, now=closed_at)
    with pytest.raises(PermissionDenied):
        services.session_reopen(session=session, reopened_by=other_leader, now=closed_at)
    deadline = closed_at + datetime.timedelta(hours=24)
    with pytest.raises(ValidationError) as late:
        services.session_reopen(session=session, reopened_by=process_leader,
                                now=deadline + datetime.timedelta(seconds=1))
    assert "mer än 24 timmar sedan" in late.value.messages[0]
    assert Session.objects.get(pk=session.pk).status == "closed"
    services.session_reopen(session=session, reopened_by=process_leader, now=deadline)
    session.refresh_from_db()
    assert session.status == "scheduled" and session.closed_at is None
    entry = ModelLogEntry.objects.get(action="samtalsrum.session.reopen")
    assert entry.user_id == process_leader.pk and entry.data["closed_by"] == process_leader.pk
    # Reopened: the leader corrects the roll call and closes again.
    services.attendance_record(session=session, employee=staff[0], status="partial", minutes=30,
                               recorded_by=process_leader, now=deadline)
    services.session_close(session=session, closed_by=process_leader, now=deadline)
    assert Attendance.objects.get(session=session, employee=staff[0]).minutes == 30


def test_reopen_button_only_within_the_window(client, session, process_leader, settings):
    settings.SAMTALSRUM_SESSION_REOPEN_HOURS = 24
    services.session_close(session=session, closed_by=process_leader, now=at(10, 11))  # long ago
    client.force_login(process_leader)
    facilitate = reverse("sessions:facilitate", args=[session.pk])
    assert "Öppna närvaron igen" not in client.get(facilitate).content.decode()
    response = client.post(reverse("sessions:reopen", args=[session.pk]), follow=True)
    assert "Timmarna ändras nu bara med en korrigering" in response.content.decode()
    session.refresh_from_db()
    assert session.status == "closed"
    # Closed just now: the leader may reopen.
    Session.objects.filter(pk=session.pk).update(closed_at=timezone.now())
    assert "Öppna närvaron igen" in client.get(facilitate).content.decode()
    assert client.post(reverse("sessions:reopen", args=[session.pk])).status_code == 302
    session.refresh_from_db()
    assert session.status == "scheduled"
    assert client.get(reverse("sessions:reopen", args=[session.pk])).status_code == 405


def test_employee_never_sees_a_closed_session_as_upcoming(client, coming, process_leader, staff):
    # Held and closed early, before its planned end: for the employee it is past.
    link = employee_link_url(staff[0], reverse("sessions:my_sessions"))
    client.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    mine = reverse("sessions:my_sessions")
    assert client.get(mine).context["upcoming"][0].session == coming
    services.attendance_record(session=coming, employee=staff[0], status="present", recorded_by=process_leader,
                               now=coming.starts_at)
    services.session_close(session=coming, closed_by=process_leader, now=coming.starts_at + 30 * MINUTE)
    response = client.get(mine)
    assert response.context["upcoming"] == []
    assert [i.session for i in response.context["past"]] == [coming]
    assert "Du har inga kommande tillfällen" in response.content.decode()
