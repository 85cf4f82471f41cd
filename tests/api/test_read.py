"""The read endpoints: the HR report's figures, scope per organisation, pages, filters, ETags."""

from urllib.parse import urlencode

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import Employee
from tests.excel import body, read_as_swedish_excel
from tests.factories import EmployeeFactory
from tests.sessions.factories import AttendanceFactory, SessionFactory, at

from .conftest import ApiClient, token_for

pytestmark = pytest.mark.django_db

HOURS = "/api/v1/hours/"
SESSIONS = "/api/v1/sessions/"
ATTENDANCE = "/api/v1/attendance/"
COFINANCING = "/api/v1/cofinancing/"


def all_pages(client, url):
    results, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        results += body["results"]
        url, pages = body["next"], pages + 1
    return results, pages


def minutes_by_number(results, kind):
    return {row["employee_number"]: next(t["minutes"] for t in row["tracks"] if t["kind"] == kind) for row in results}


def test_hours_match_the_hr_report_export(world, reader, client, hr_user):
    client.force_login(hr_user)
    for month in ("2026-03", "2026-04", ""):
        api, _pages = all_pages(reader, f"{HOURS}?month={month}")
        export = client.get(reverse("sessions_hours_report") + f"?export=csv&month={month}")
        lines = read_as_swedish_excel(body(export))[1:]
        report = {cells[0]: (int(cells[4]), int(cells[7])) for cells in lines}
        assert report == {
            number: (minutes_by_number(api, "preparatory")[number], minutes_by_number(api, "workplace")[number])
            for number in minutes_by_number(api, "workplace")
        }
    ours = world["ours"]
    march, _ = all_pages(reader, f"{HOURS}?month=2026-03")
    assert minutes_by_number(march, "workplace")[ours[1].employee_number] == 45  # 60 minus the correction
    assert minutes_by_number(march, "preparatory")[ours[0].employee_number] == 120


def test_every_endpoint_sees_only_its_organisation(world, reader, other_organisation):
    ours, theirs = world["ours"], world["theirs"]
    theirs_numbers = {e.employee_number for e in theirs}
    hours, _ = all_pages(reader, HOURS)
    assert {row["employee_number"] for row in hours} == {e.employee_number for e in ours}
    sessions, _ = all_pages(reader, SESSIONS)
    s = world["sessions"]
    assert {row["id"] for row in sessions} == {s["ours"].pk, s["april"].pk, s["open"].pk}
    attendance, _ = all_pages(reader, ATTENDANCE)
    assert {row["employee_number"] for row in attendance} == {e.employee_number for e in ours[:3]}
    assert not {row["employee_number"] for row in attendance} & theirs_numbers
    # The other organisation's token sees its own people, and at the open session only its own.
    other = ApiClient(token_for(other_organisation, "read"))
    their_attendance, _ = all_pages(other, ATTENDANCE)
    assert {row["employee_number"] for row in their_attendance} == theirs_numbers
    assert {row["session_id"] for row in their_attendance} == {s["theirs"].pk, s["open"].pk}
    # Co-financing: March, theirs 50 + 50 + 90 + 10 minutes, ours 60 + 60 + 60 - 15 + 120.
    ours_total = sum(r["minutes"] for r in reader.get(f"{COFINANCING}?month=2026-03").json()["rows"])
    theirs_total = sum(r["minutes"] for r in other.get(f"{COFINANCING}?month=2026-03").json()["rows"])
    assert (ours_total, theirs_total) == (285, 200)
    # A workplace of the other organisation is no filter: a problem, not their data.
    response = reader.get(f"{HOURS}?workplace={theirs[0].workplace_id}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Okänd arbetsplats."


def test_filters_month_workplace_updated_since(world, reader):
    s = world["sessions"]
    march, _ = all_pages(reader, f"{SESSIONS}?month=2026-03")
    assert {row["id"] for row in march} == {s["ours"].pk, s["open"].pk}
    at_workplace, _ = all_pages(reader, f"{ATTENDANCE}?workplace={world['second'].pk}")
    assert at_workplace == []
    hours_second, _ = all_pages(reader, f"{HOURS}?workplace={world['second'].pk}")
    assert [row["employee_number"] for row in hours_second] == [world["ours"][3].employee_number]
    later = s["april"].updated_at.isoformat()
    s["ours"].place = "Matsalen"
    s["ours"].save()
    since = urlencode({"updated_since": s["ours"].updated_at.isoformat()})
    changed, _ = all_pages(reader, f"{SESSIONS}?{since}")
    assert [row["id"] for row in changed] == [s["ours"].pk]
    assert reader.get(f"{SESSIONS}?updated_since={later}").status_code == 200
    bad = reader.get(f"{SESSIONS}?updated_since=igår")
    assert bad.status_code == 400 and bad.json()["type"] == "urn:samtalsrum:problem:bad-parameter"
    assert reader.get(f"{HOURS}?month=2026-13").json()["status"] == 400


def test_etag_answers_304_until_something_changes(world, reader):
    first = reader.get(SESSIONS)
    etag = first["ETag"]
    again = reader.get(SESSIONS, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    world["sessions"]["ours"].place = "Matsalen"
    world["sessions"]["ours"].save()
    changed = reader.get(SESSIONS, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_pages_stay_stable_while_rows_are_added(world, reader, workplace):
    sessions = world["sessions"]
    for day in range(1, 25):
        AttendanceFactory(session=sessions["ours"], employee=EmployeeFactory(workplace=workplace), minutes=day)
    before = set(
        Attendance_ids := [row["id"] for row in all_pages(reader, ATTENDANCE)[0]]  # noqa: F841
    )
    seen, url = [], f"{ATTENDANCE}?page_size=5"
    while url:
        body = reader.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
        # Someone takes the roll call of another session between two page fetches.
        AttendanceFactory(session=sessions["april"], employee=EmployeeFactory(workplace=workplace), minutes=30)
    assert len(seen) == len(set(seen))  # no duplicates
    assert before <= set(seen)  # no pre-existing row skipped


def test_hours_use_a_constant_number_of_queries_from_10_to_10000_employees(world, reader, workplace):
    def add_employees(first, last):
        Employee.objects.bulk_create(
            [Employee(organisation=workplace.organisation, workplace=workplace, employee_number=f"B{n:06d}",
                      first_name="Bulk", last_name=f"Anställd{n}") for n in range(first, last)],
            batch_size=1000,
        )

    def queries_for_a_page():
        with CaptureQueriesContext(connection) as queries:
            response = reader.get(f"{HOURS}?month=2026-03&page_size=1000")
        assert response.status_code == 200
        return len(queries), len(response.json()["results"])

    add_employees(0, 6)  # with the world's four: 10
    small = queries_for_a_page()
    add_employees(6, 9_996)
    large = queries_for_a_page()
    assert small[1] == 10 and large[1] == 1000
    assert small[0] == large[0], (small, large)


def test_cofinancing_needs_a_month_and_rounds_by_the_programme(world, reader):
    missing = reader.get(COFINANCING)
    assert missing.status_code == 400 and "ÅÅÅÅ-MM" in missing.json()["detail"]
    body = reader.get(f"{COFINANCING}?month=2026-03").json()
    assert body["month"] == "2026-03" and body["programme_id"] == world["programme"].pk


def test_unknown_address_is_a_problem(reader):
    response = reader.get("/api/v1/finns-inte/")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_session_and_open_session_outside_scope_not_listed(world, reader, other_workplace):
    foreign_open = SessionFactory(module=world["sessions"]["open"].module, workplace=None, starts_at=at(20))
    ids = {row["id"] for row in all_pages(reader, SESSIONS)[0]}
    assert foreign_open.pk not in ids and world["sessions"]["theirs"].pk not in ids


def test_a_nul_in_the_query_and_an_unexpected_failure_are_problems(world, reader, monkeypatch):
    nul = reader.get(f"{HOURS}?month=%00")
    assert nul.status_code == 400 and nul["Content-Type"] == "application/problem+json"
    import api.selectors

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(api.selectors, "employee_hours", broken)
    failed = reader.get(HOURS)
    assert failed.status_code == 500 and failed["Content-Type"] == "application/problem+json"
    assert "database gone" not in failed.content.decode()


def test_hours_rows_are_written_as_the_declared_fields_say(world, reader, organisation):
    """The hours endpoint writes its rows directly; they must equal DRF's field-by-field output."""
    from rest_framework import serializers as drf

    from api.serializers import EmployeeHoursSerializer
    from courses.models import Programme
    from sessions import selectors

    programme = Programme.objects.order_by("-starts_on", "-pk").first()
    people = selectors.hours_of(
        list(Employee.objects.filter(organisation=organisation).select_related("workplace")), programme=programme
    )
    serializer = EmployeeHoursSerializer(context={"targets": {"preparatory": 840, "workplace": 300}})
    assert len(people) > 2
    by_field = [drf.Serializer.to_representation(serializer, person) for person in people]
    assert [serializer.to_representation(person) for person in people] == by_field
    # A page goes through the list serializer, which writes the rows itself as well.
    page = EmployeeHoursSerializer(people, many=True, context={"targets": {"preparatory": 840, "workplace": 300}})
    assert page.data == by_field
