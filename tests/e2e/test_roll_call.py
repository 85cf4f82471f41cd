"""The roll call on a phone with JavaScript: each tap is saved in the background, the page does
not reload, the focus stays on the person and the result is announced."""

import re

import pytest

from django.urls import reverse

from sessions import services
from sessions.models import Attendance
from tests.e2e.conftest import PHONE
from tests.factories import EmployeeFactory
from tests.sessions.factories import at, programme_with_tracks

pytestmark = pytest.mark.django_db(transaction=True)


def test_marks_saved_without_reload_focus_kept_and_announced(
    page, live_server, site_home, organisation, workplace, manager, process_leader, login, axe_check
):
    _programme, _track, _prep, modules, _ = programme_with_tracks(organisations=[organisation])
    staff = [EmployeeFactory(workplace=workplace, last_name=n) for n in ("Ahlström", "Björklund", "Cederqvist")]
    session = services.session_schedule(
        workplace=workplace, module=modules[0], starts_at=at(10), ends_at=at(10, 10), place="Personalrummet",
        process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
    )
    page.set_viewport_size(PHONE)
    login(page, process_leader)
    page.goto(live_server.url + reverse("sessions:facilitate", args=[session.pk]))
    # Anything kept in the page's memory (a running step timer) would vanish on a reload.
    page.evaluate("window.__stillHere = true")
    status = page.get_by_role("status")

    present = page.get_by_role("group", name=re.compile(staff[0].full_name)).get_by_role("button", name="Närvarande")
    assert present.get_attribute("aria-pressed") == "false"
    present.click()
    status.filter(has_text=f"Närvaro sparad för {staff[0].full_name}. Närvarande.").wait_for()
    assert present.get_attribute("aria-pressed") == "true"
    assert present.evaluate("b => document.activeElement === b")

    absent = page.get_by_role("group", name=re.compile(staff[1].full_name)).get_by_role("button", name="Frånvarande")
    absent.click()
    status.filter(has_text=f"Närvaro sparad för {staff[1].full_name}. Frånvarande.").wait_for()
    assert absent.get_attribute("aria-pressed") == "true"
    group = page.get_by_role("group", name=re.compile(staff[1].full_name))
    assert group.get_by_role("button", name="Närvarande").get_attribute("aria-pressed") == "false"
    assert "– Frånvarande" in group.inner_text()

    partly = page.get_by_role("group", name=re.compile(staff[2].full_name))
    partly.get_by_label("Delvis, minuter").fill("25")
    partly.get_by_role("button", name="Spara delvis").click()
    status.filter(has_text=f"Närvaro sparad för {staff[2].full_name}. Delvis.").wait_for()
    assert "(25 min)" in partly.inner_text()
    assert partly.get_by_role("button", name="Spara delvis").evaluate("b => document.activeElement === b")

    assert page.evaluate("window.__stillHere") is True
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert dict(Attendance.objects.filter(session=session).values_list("employee_id", "minutes")) == {
        staff[0].pk: 60, staff[1].pk: 0, staff[2].pk: 25}
    axe_check(page, "roll call after marks at 360 px")
    # What was saved is what a reload shows.
    page.reload()
    assert page.get_by_role("group", name=re.compile(staff[1].full_name)).get_by_role(
        "button", name="Frånvarande").get_attribute("aria-pressed") == "true"
