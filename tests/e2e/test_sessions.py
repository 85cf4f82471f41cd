"""The sessions journey in a real browser: a manager plans the workplace dialogues, a process
leader takes attendance on a phone, HR finds the minutes in the hours report and its export."""

import re

import openpyxl
import pytest

from django.core import mail
from django.urls import reverse

from cms.models import ExportJob
from sessions.models import Attendance, Session
from tests.e2e.conftest import PHONE
from tests.factories import EmployeeFactory
from tests.sessions.factories import programme_with_tracks

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_plans_leader_takes_attendance_hr_sees_minutes(
    page, live_server, site_home, organisation, workplace, manager, process_leader, hr_user, login, axe_check
):
    programme_with_tracks(organisations=[organisation])
    staff = [EmployeeFactory(workplace=workplace, gender=g) for g in ("woman", "man", "woman")]

    # The manager opens the planner from the landing page, previews the five sessions and creates them.
    login(page, manager)
    page.get_by_role("link", name=re.compile("Planera samtal")).first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Planering")
    axe_check(page, "planner")
    # Sessions that have already begun: roll call opens at a session's start.
    page.get_by_label("Första tillfället börjar").fill("2026-03-02T09:00")
    page.get_by_label("Plats").fill("Personalrummet")
    page.get_by_role("button", name="Visa förslag").click()
    page.wait_for_load_state()
    assert "5 tillfällen för 5 medarbetare" in page.content()  # the preview: nothing saved yet
    assert Session.objects.filter(workplace=workplace).count() == 0 and mail.outbox == []
    axe_check(page, "planner preview")
    page.get_by_role("button", name="Skapa 5 tillfällen och skicka inbjudningarna").click()
    page.wait_for_load_state()
    assert "5 tillfällen planerades" in page.content()
    axe_check(page, "planner after creating sessions")
    assert Session.objects.filter(workplace=workplace).count() == 5
    invitations = [m for m in mail.outbox if m.to == [staff[0].email]]
    assert len(invitations) == 5
    assert all(any(a[0].endswith(".ics") for a in m.attachments) for m in invitations)

    first = Session.objects.filter(workplace=workplace).order_by("starts_at").first()
    page.goto(live_server.url + reverse("sessions:detail", args=[first.pk]))
    axe_check(page, "session detail")
    page.context.clear_cookies()

    # A process leader runs the first session on a phone.
    page.set_viewport_size(PHONE)
    login(page, process_leader)
    page.goto(live_server.url + reverse("sessions:facilitate", args=[first.pk]))
    axe_check(page, "facilitator view at 360 px")
    page.get_by_role("group", name=re.compile(staff[0].full_name)).get_by_role("button", name="Närvarande").click()
    status = page.get_by_role("status")
    status.filter(has_text=f"Närvaro sparad för {staff[0].full_name}").wait_for()
    partly = page.get_by_role("group", name=re.compile(staff[1].full_name))
    partly.get_by_label("Delvis, minuter").fill("40")
    partly.get_by_role("button", name="Spara delvis").click()
    status.filter(has_text=f"Närvaro sparad för {staff[1].full_name}").wait_for()
    axe_check(page, "facilitator view after roll call")
    page.get_by_role("button", name="Avsluta tillfället").click()
    page.wait_for_load_state()
    assert "1 närvarande, 1 delvis, 3 blir frånvarande" in page.content()  # three staff, the manager, the leader
    axe_check(page, "closing summary at 360 px")
    page.get_by_role("button", name="Bekräfta och avsluta").click()
    page.wait_for_load_state()
    assert "närvaron låst" in page.content()
    axe_check(page, "closed session at 360 px")
    minutes = dict(Attendance.objects.filter(session=first).values_list("employee_id", "minutes"))
    assert minutes[staff[0].pk] == 60 and minutes[staff[1].pk] == 40 and minutes[staff[2].pk] == 0
    page.goto(live_server.url + reverse("sessions:attendance_list", args=[first.pk]))
    axe_check(page, "attendance list")
    page.context.clear_cookies()

    # HR sees the minutes in the report and the XLSX export.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, hr_user)
    page.goto(live_server.url + reverse("sessions_hours_report"))
    row = page.get_by_role("row", name=re.compile(staff[1].full_name))
    assert "0,7 av 5 timmar" in row.inner_text()
    axe_check(page, "HR hours report")
    # Every XLSX file is written by a background job (eager here); its page offers the file.
    page.goto(live_server.url + reverse("sessions_hours_report") + "?export=xlsx")
    job = ExportJob.objects.get(requester=hr_user)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Ladda ner")).click()
    with open(download.value.path(), "rb") as file:  # the saved download has no file extension
        sheet = list(openpyxl.load_workbook(file).active.values)
    values = {r[0]: dict(zip(sheet[0], r, strict=True)) for r in sheet[1:]}
    assert values[staff[0].employee_number]["Arbetsplats, minuter"] == 60
    assert values[staff[1].employee_number]["Arbetsplats, minuter"] == 40
    assert job.file_name.endswith(".xlsx")
