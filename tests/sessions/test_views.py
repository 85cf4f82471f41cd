import datetime
import io

import openpyxl
import pytest

from django.urls import reverse

from people.links import employee_link_url
from people.models import Employee, Role
from sessions import services
from sessions.models import Attendance, HoursCorrection, Session
from tests.excel import body as file_body
from tests.excel import fetch_export, read_as_swedish_excel
from tests.factories import EmployeeFactory, user_with_role

from .factories import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(manager, process_leader, workplace, staff, programme_setup):
    return services.session_schedule(
        workplace=workplace,
        module=programme_setup["work_modules"][0],
        starts_at=at(10),
        ends_at=at(10, 10),
        place="Personalrummet",
        process_leaders=[process_leader],
        invitees=staff,
        scheduled_by=manager,
    )


def test_manager_plans_via_form_and_sees_warnings(client, manager, process_leader, workplace, staff, programme_setup):
    client.force_login(manager)
    url = reverse("sessions:create", args=[workplace.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "module": programme_setup["work_modules"][0].pk,
        "starts_at": "2028-03-10T09:00",  # after the programme's end, within its margin
        "ends_at": "2028-03-10T10:00",
        "place": "Matsalen",
        "process_leaders": [process_leader.pk],
        "invitees": [e.pk for e in staff],
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "utanför programmets datum" in response.content.decode()
    assert Session.objects.count() == 0
    response = client.post(url, {**data, "confirm_warnings": "on"})
    assert response.status_code == 302
    assert Session.objects.get().invitations.count() == 4


def test_form_errors_are_shown_and_nothing_saved(client, manager, workplace, programme_setup):
    client.force_login(manager)
    response = client.post(reverse("sessions:create", args=[workplace.pk]), {
        "module": programme_setup["work_modules"][0].pk,
        "starts_at": "2026-03-10T10:00", "ends_at": "2026-03-10T09:00",
    })
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sluttiden måste vara efter starttiden" in body and "Ange plats eller videolänk" in body
    assert Session.objects.count() == 0


@pytest.mark.parametrize("who", ["other_manager", "process_leader", "hr_user"])
def test_only_own_manager_may_plan(client, who, request, workplace, programme_setup, staff):
    client.force_login(request.getfixturevalue(who))
    for name in ("planner", "create"):
        assert client.get(reverse(f"sessions:{name}", args=[workplace.pk])).status_code == 404
    response = client.post(reverse("sessions:planner", args=[workplace.pk]), {
        "first_starts_at": "2026-04-01T09:00", "interval_days": 7, "place": "x",
    })
    assert response.status_code == 404
    assert Session.objects.count() == 0


def test_refusals_on_a_session(client, session, other_manager, other_leader, staff, hr_user):
    client.force_login(other_manager)
    for name in ("detail", "edit", "cancel", "facilitate", "attendance_list", "correct"):
        assert client.get(reverse(f"sessions:{name}", args=[session.pk])).status_code == 404, name
    assert client.post(reverse("sessions:cancel", args=[session.pk])).status_code == 404
    client.force_login(other_leader)
    assert client.post(reverse("sessions:facilitate", args=[session.pk]),
                       {"employee": staff[0].pk, "status": "present"}).status_code == 404
    assert client.post(reverse("sessions:close", args=[session.pk])).status_code == 404
    client.force_login(hr_user)  # HR sees the session but may not take attendance or edit it
    assert client.get(reverse("sessions:detail", args=[session.pk])).status_code == 200
    assert client.post(reverse("sessions:facilitate", args=[session.pk]),
                       {"employee": staff[0].pk, "status": "present"}).status_code == 404
    assert client.post(reverse("sessions:cancel", args=[session.pk])).status_code == 404
    session.refresh_from_db()
    assert session.status == "scheduled"
    assert Attendance.objects.count() == 0


def test_employee_refused_staff_pages(client, session, staff):
    user = user_with_role(Role.EDITOR, employee=staff[0], email="emp@example.se")
    client.force_login(user)
    assert client.get(reverse("sessions:detail", args=[session.pk])).status_code == 404
    assert client.get(reverse("sessions:facilitate", args=[session.pk])).status_code == 404
    assert client.get(reverse("sessions:certificate", args=[staff[1].pk, "2026-03"])).status_code == 404  # not even whether they exist
    assert client.get(reverse("sessions:cofinancing")).status_code == 403
    assert client.get(reverse("sessions_hours_report")).status_code in (302, 403)


def test_roll_call_without_js_and_close(client, session, process_leader, staff):
    client.force_login(process_leader)
    url = reverse("sessions:facilitate", args=[session.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert staff[0].full_name in page.content.decode()
    client.post(url, {"employee": staff[0].pk, "status": "present"})
    client.post(url, {"employee": staff[1].pk, "status": "partial", "minutes": "30"})
    response = client.post(url, {"employee": staff[2].pk, "status": "partial", "minutes": "300"}, follow=True)
    assert "Ange närvarotid mellan 1 och 59 minuter" in response.content.decode()
    assert dict(Attendance.objects.values_list("employee_id", "minutes")) == {staff[0].pk: 60, staff[1].pk: 30}
    summary = client.post(reverse("sessions:close", args=[session.pk]))  # the summary first
    assert "1 närvarande, 1 delvis, 2 blir frånvarande" in summary.content.decode()
    session.refresh_from_db()
    assert session.status == "scheduled"
    client.post(reverse("sessions:close", args=[session.pk]), {
        "confirm": "True", "present": 1, "partial": 1, "absent": 0, "unmarked": 2,
    })
    session.refresh_from_db()
    assert session.status == "closed"
    client.post(url, {"employee": staff[0].pk, "status": "absent"})
    assert Attendance.objects.get(employee=staff[0]).minutes == 60
    locked = client.get(url).content.decode()
    assert "närvaron är låst" in locked
    assert 'name="status"' not in locked and "Avsluta tillfället" not in locked
    assert f"{staff[0].full_name} – Närvarande (1 tim)" in locked
    printable = client.get(reverse("sessions:attendance_list", args=[session.pk]))
    assert "Namnteckning" in printable.content.decode()


def test_correction_after_close(client, session, manager, process_leader, staff):
    services.attendance_record(session=session, employee=staff[0], status="present", recorded_by=process_leader)
    services.session_close(session=session, closed_by=process_leader)
    client.force_login(process_leader)
    assert client.get(reverse("sessions:correct", args=[session.pk])).status_code == 403
    client.force_login(manager)
    url = reverse("sessions:correct", args=[session.pk])
    response = client.post(url, {"employee": staff[0].pk, "track": session.module.track_id, "minutes": "-10",
                                 "reason": ""})
    assert response.status_code == 200 and HoursCorrection.objects.count() == 0
    response = client.post(url, {"employee": staff[0].pk, "track": session.module.track_id, "minutes": "-10",
                                 "reason": "Gick tio minuter tidigare"})
    assert response.status_code == 302
    assert HoursCorrection.objects.get().created_by == manager


def test_employee_opens_own_pages_from_signed_link(client, session, staff, process_leader):
    services.attendance_record(session=session, employee=staff[0], status="present", recorded_by=process_leader)
    assert client.get(reverse("sessions:my_sessions")).status_code == 302  # not signed in, no link
    link = employee_link_url(staff[0], reverse("sessions:my_hours"))
    response = client.get(link.split("://", 1)[1].split("/", 1)[1].join(["/", ""]), follow=True)
    assert response.status_code == 200
    assert "1 tim av 5 tim" in response.content.decode() and "4 tim kvar" in response.content.decode()
    mine = client.get(reverse("sessions:my_sessions"))
    assert session.module.title in mine.content.decode()


def test_hr_report_scoped_with_exports(client, session, process_leader, staff, hr_user, other_workplace,
                                       django_capture_on_commit_callbacks):
    outsider = EmployeeFactory(workplace=other_workplace, first_name="Utom", last_name="Scope")
    services.attendance_record(session=session, employee=staff[0], status="partial", minutes=45,
                               recorded_by=process_leader)
    client.force_login(hr_user)
    response = client.get(reverse("sessions_hours_report"))
    assert response.status_code == 200
    body = response.content.decode()
    assert staff[0].full_name in body and outsider.full_name not in body
    assert "0,8 av 5 timmar" in body  # 45 minutes, as people say it
    csv = client.get(reverse("sessions_hours_report") + "?export=csv")
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert staff[0].employee_number in text and outsider.employee_number not in text
    xlsx = fetch_export(client, reverse("sessions_hours_report") + "?export=xlsx&month=2026-03",
                        django_capture_on_commit_callbacks)
    book = openpyxl.load_workbook(io.BytesIO(file_body(xlsx)))
    rows = list(book.active.values)
    row = next(r for r in rows if r[0] == staff[0].employee_number)
    assert 45 in row
    empty_month = client.get(reverse("sessions_hours_report") + "?export=csv&month=2026-04")
    text = b"".join(empty_month.streaming_content).decode() if empty_month.streaming else empty_month.content.decode()
    assert ";45;" not in text and ";45," not in text


def test_certificate_and_cofinancing_rounding_only_in_export(client, session, process_leader, staff, hr_user,
                                                              programme_setup):
    programme = programme_setup["programme"]
    programme.rounding_rule = "whole_down"
    programme.save()
    services.attendance_record(session=session, employee=staff[0], status="partial", minutes=50,
                               recorded_by=process_leader)
    services.attendance_record(session=session, employee=staff[2], status="partial", minutes=50,
                               recorded_by=process_leader)
    services.attendance_record(session=session, employee=staff[1], status="present", recorded_by=process_leader)
    client.force_login(hr_user)
    cert = client.get(reverse("sessions:certificate", args=[staff[0].pk, "2026-03"]))
    assert cert.status_code == 200 and ">50min<" in cert.content.decode().replace(" ", "")
    summary = client.get(reverse("sessions:cofinancing") + f"?programme={programme.pk}&month=2026-03")
    rows = {r["gender"]: r for r in summary.context["rows"]}
    # women: 50 + 50 = 100 minutes → 1 whole hour (rounded down) × 300 kr
    assert rows["Kvinna"]["minutes"] == 100 and rows["Kvinna"]["hours"] == 1
    assert rows["Kvinna"]["amount"] == 300
    assert rows["Man"]["hours"] == 1
    # the ledger itself is exact
    report = client.get(reverse("sessions_hours_report") + "?month=2026-03")
    assert "0,8 av 5 timmar" in report.content.decode()  # 50 minutes


def test_hr_cannot_open_other_organisations_certificate(client, hr_user, other_workplace):
    outsider = EmployeeFactory(workplace=other_workplace)
    client.force_login(hr_user)
    assert client.get(reverse("sessions:certificate", args=[outsider.pk, "2026-03"])).status_code == 404


def _grow(workplace, session, process_leader, count):
    from sessions.models import Invitation

    employees = [EmployeeFactory(workplace=workplace) for _ in range(count)]
    Invitation.objects.bulk_create([Invitation(session=session, employee=e) for e in employees])
    Attendance.objects.bulk_create([Attendance(session=session, employee=e, status="present", minutes=60)
                                    for e in employees])
    for i in range(3):
        extra = services.session_schedule(
            workplace=workplace, module=session.module.track.modules.all()[i + 1], starts_at=at(11 + i),
            ends_at=at(11 + i, 10), place="x", invitees=employees, scheduled_by=session.created_by,
            confirm_warnings=True, process_leaders=[process_leader],
        )
        assert extra


@pytest.mark.parametrize("size", [3, 30])
def test_query_counts_constant(client, size, session, manager, process_leader, hr_user, workplace,
                               django_assert_max_num_queries):
    _grow(workplace, session, process_leader, size)
    client.force_login(manager)
    # Measured: planner 17, facilitator view 9, HR report 17, CSV export 13 at both sizes
    # (each includes the one query of the two-factor check, people.middleware).
    with django_assert_max_num_queries(17):
        assert client.get(reverse("sessions:planner", args=[workplace.pk])).status_code == 200
    client.force_login(process_leader)
    with django_assert_max_num_queries(9):
        assert client.get(reverse("sessions:facilitate", args=[session.pk])).status_code == 200
    client.force_login(hr_user)
    with django_assert_max_num_queries(18):  # 17, and the programme filter's choices
        assert client.get(reverse("sessions_hours_report")).status_code == 200
    # The request's 14, then the rows: a savepoint, the cursor's planning setting, one statement, release.
    with django_assert_max_num_queries(18):
        response = client.get(reverse("sessions_hours_report") + "?export=csv")
        assert response.status_code == 200
        rows = read_as_swedish_excel(file_body(response))
    people = Employee.objects.filter(organisation=workplace.organisation).count()
    assert people >= size
    assert len(rows) == people + 1  # the heading, then everyone once


def test_datetime_helper_is_aware():
    assert at(1).tzinfo is not None and at(1) < at(1) + datetime.timedelta(minutes=1)


def test_preparatory_session_form_sign_up_and_waitlist(client, programme_admin, manager, other_manager,
                                                        process_leader, programme_setup):
    client.force_login(manager)
    assert client.get(reverse("sessions:create_open")).status_code == 403
    client.force_login(programme_admin)
    response = client.post(reverse("sessions:create_open"), {
        "module": programme_setup["prep_modules"][0].pk, "starts_at": "2027-05-04T09:00",
        "ends_at": "2027-05-04T12:00", "place": "Kommunhuset", "capacity": "1",
    })
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.workplace is None and session.capacity == 1
    client.force_login(manager)
    assert session.module.title in client.get(reverse("sessions:list")).content.decode()
    client.post(reverse("sessions:sign_up", args=[session.pk]))
    client.force_login(other_manager)
    client.post(reverse("sessions:sign_up", args=[session.pk]))
    statuses = dict(session.invitations.values_list("employee_id", "status"))
    assert statuses == {manager.employee_id: "invited", other_manager.employee_id: "waitlisted"}
    mine = session.invitations.get(employee=manager.employee)
    # someone else cannot cancel the manager's place
    assert client.post(reverse("sessions:invitation_cancel", args=[mine.pk])).status_code == 404
    client.force_login(manager)
    client.post(reverse("sessions:invitation_cancel", args=[mine.pk]))
    statuses = dict(session.invitations.values_list("employee_id", "status"))
    assert statuses == {manager.employee_id: "cancelled", other_manager.employee_id: "invited"}


def test_manager_edits_and_cancels_through_the_views(client, session, manager, process_leader, staff):
    from cms.models import OutboxMessage

    client.force_login(manager)
    url = reverse("sessions:edit", args=[session.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {
        "starts_at": "2026-03-12T13:00", "ends_at": "2026-03-12T14:00", "place": "Matsalen",
        "process_leaders": [process_leader.pk], "invitees": [e.pk for e in staff[:3]],
    })
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.place == "Matsalen" and session.sequence == 1
    assert session.invitations.get(employee=staff[3]).status == "cancelled"
    assert OutboxMessage.objects.filter(kind="session_update").count() == 4
    assert client.get(reverse("sessions:cancel", args=[session.pk])).status_code == 200
    assert client.post(reverse("sessions:cancel", args=[session.pk]), {"reason": " "}).status_code == 200
    session.refresh_from_db()
    assert session.status == "scheduled"  # no reason, nothing cancelled
    assert client.post(reverse("sessions:cancel", args=[session.pk]),
                       {"reason": "Lokalen är upptagen"}).status_code == 302
    session.refresh_from_db()
    assert session.status == "cancelled"
    assert client.get(url).status_code == 403  # a cancelled session cannot be edited


def test_manager_and_leader_have_no_hours_report(client, manager, process_leader):
    for user in (manager, process_leader):
        client.force_login(user)
        assert client.get(reverse("sessions_hours_report")).status_code in (302, 403)
        assert client.get(reverse("sessions:cofinancing")).status_code == 403


def test_facilitator_view_walks_the_discussion_guide(client, session, process_leader, staff,
                                                      django_assert_max_num_queries):
    from tests.cms.factories import content_tree

    tree = content_tree()
    module = session.module
    module.discussion_guide = tree.guide
    module.save()
    client.force_login(process_leader)
    url = reverse("sessions:facilitate", args=[session.pk])
    client.get(url)
    with django_assert_max_num_queries(16):
        html = client.get(url).content.decode()
    assert "Frågerunda" in html and "Vilka är vi nu?" in html
    assert "HEMLIG-NOT-2" in html  # the leader's notes show in the leader's view
    assert "<video" in html and 'kind="captions"' in html  # the lecture segment plays in place
    assert html.count('class="timer"') == 5


def test_employee_cancels_own_place_from_signed_link(client, programme_admin, manager, other_manager,
                                                      programme_setup):
    session = services.session_schedule(
        workplace=None, module=programme_setup["prep_modules"][0], starts_at=at(4, 9, year=2027),
        ends_at=at(4, 12, year=2027), place="Kommunhuset", capacity=1, scheduled_by=programme_admin,
        invitees=[manager.employee, other_manager.employee],
    )
    mine = session.invitations.get(employee=manager.employee)
    theirs = session.invitations.get(employee=other_manager.employee)
    assert (mine.status, theirs.status) == ("invited", "waitlisted")
    # not signed in and no link: nothing happens
    client.post(reverse("sessions:invitation_cancel", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.status == "invited"
    link = employee_link_url(other_manager.employee, reverse("sessions:my_sessions"))
    client.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    # the link opens only that person's own places
    assert client.post(reverse("sessions:invitation_cancel", args=[mine.pk])).status_code == 404
    link = employee_link_url(manager.employee, reverse("sessions:my_sessions"))
    client.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert client.post(reverse("sessions:invitation_cancel", args=[mine.pk])).status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == ("cancelled", "invited")
