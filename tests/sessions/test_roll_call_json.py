"""The roll call's JSON endpoint: each tap saved without a reload, through the same guards as the
form (roll-call window, closed-session lock, bounds, scope), refusals told in Swedish."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from sessions import services
from sessions.models import Attendance

from .factories import SessionFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(manager, process_leader, workplace, staff, programme_setup):
    return services.session_schedule(
        workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10), ends_at=at(10, 10),
        place="Personalrummet", process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
    )


def _mark(client, session, **data):
    return client.post(reverse("sessions:roll_call_mark", args=[session.pk]), data)


def test_marks_are_saved_and_answered_as_json(client, session, process_leader, staff):
    client.force_login(process_leader)
    present = _mark(client, session, employee=staff[0].pk, status="present")
    assert present.status_code == 200
    assert present.json() == {
        "ok": True, "message": f"Närvaro sparad för {staff[0].full_name}.", "employee": staff[0].pk,
        "status": "present", "status_label": "Närvarande", "minutes": 60, "minutes_label": "1 tim", "marked": 1,
    }
    partly = _mark(client, session, employee=staff[1].pk, status="partial", minutes="25").json()
    assert partly["minutes_label"] == "25 min" and partly["marked"] == 2
    # A second tap changes the mark, it does not add one.
    again = _mark(client, session, employee=staff[0].pk, status="absent").json()
    assert again["status"] == "absent" and again["marked"] == 2
    assert dict(Attendance.objects.values_list("employee_id", "status")) == {
        staff[0].pk: "absent", staff[1].pk: "partial"}


def test_refusals_are_swedish_sentences_and_write_nothing(client, session, process_leader, staff):
    client.force_login(process_leader)
    out_of_bounds = _mark(client, session, employee=staff[0].pk, status="partial", minutes="60")
    assert out_of_bounds.status_code == 409
    assert out_of_bounds.json() == {
        "ok": False, "error": f"{staff[0].full_name}: Ange närvarotid mellan 1 och 59 minuter."}
    broken = _mark(client, session, employee=staff[0].pk, status="maybe")
    assert broken.status_code == 400 and broken.json()["error"] == "Närvaron kunde inte sparas. Försök igen."
    assert Attendance.objects.count() == 0


def test_closed_session_is_locked(client, session, process_leader, staff):
    services.session_close(session=session, closed_by=process_leader)
    client.force_login(process_leader)
    refused = _mark(client, session, employee=staff[0].pk, status="present")
    assert refused.status_code == 409
    assert "Tillfället är avslutat; närvaron kan bara ändras med en korrigering." in refused.json()["error"]
    assert Attendance.objects.get(employee=staff[0]).status == "absent"  # as the close left it


def test_before_the_roll_call_opens(client, process_leader, workplace, staff, programme_setup):
    starts = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=2)
    coming = SessionFactory(module=programme_setup["work_modules"][1], workplace=workplace, starts_at=starts,
                            process_leaders=[process_leader])
    coming.invitations.create(employee=staff[0])
    client.force_login(process_leader)
    refused = _mark(client, coming, employee=staff[0].pk, status="present")
    assert refused.status_code == 409
    assert "Närvaron kan tas först när tillfället börjar" in refused.json()["error"]
    assert Attendance.objects.count() == 0


def test_outside_scope_is_not_found(client, session, other_leader, hr_user, manager, staff):
    for who in (other_leader, hr_user):
        client.force_login(who)
        assert _mark(client, session, employee=staff[0].pk, status="present").status_code == 404
    client.logout()
    assert _mark(client, session, employee=staff[0].pk, status="present").status_code == 302
    client.force_login(manager)  # the manager sees the session but does not lead it
    assert client.get(reverse("sessions:roll_call_mark", args=[session.pk])).status_code in (404, 405)
    assert Attendance.objects.count() == 0


def test_the_page_shows_the_chosen_state_without_colour_alone(client, session, process_leader, staff):
    services.attendance_record(session=session, employee=staff[0], status="absent", recorded_by=process_leader)
    client.force_login(process_leader)
    html = client.get(reverse("sessions:facilitate", args=[session.pk])).content.decode()
    start = html.index(f'id="person-{staff[0].pk}"')
    person = html[start:html.index("</li>", start)]
    assert 'value="present" class="roll-call__choice" aria-pressed="false"' in person
    assert 'value="absent" class="roll-call__choice" aria-pressed="true"' in person
    assert "– Frånvarande" in person
    assert 'role="status" aria-live="polite"' in html
    assert reverse("sessions:roll_call_mark", args=[session.pk]) in html
