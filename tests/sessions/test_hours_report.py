"""The HR hours report's figures, pinned: attendance plus corrections, per track, per month,
the same on the page, in the exports and through the API; and a page reads only its people."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sessions import selectors, services
from sessions.models import HoursCorrection, SessionStatus
from sessions.reports import HoursReportView
from tests.excel import body, fetch_export, read_as_swedish_excel, swedish_number
from tests.factories import EmployeeFactory

from .factories import AttendanceFactory, SessionFactory, at

pytestmark = pytest.mark.django_db


def _correct(employee, track, minutes, by, *, session=None, created_at=None):
    correction = HoursCorrection.objects.create(
        employee=employee, track=track, minutes=minutes, reason="Rättad enligt närvarolistan", created_by=by,
        session=session,
    )
    if created_at is not None:  # auto_now_add: a correction made in another month
        HoursCorrection.objects.filter(pk=correction.pk).update(created_at=created_at)
    return correction


@pytest.fixture
def session(manager, process_leader, workplace, staff, programme_setup):
    return services.session_schedule(
        workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10), ends_at=at(10, 10),
        place="Personalrummet", process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
    )


@pytest.fixture
def ledger(session, staff, manager, process_leader, hr_user, programme_setup, workplace):
    """Four people, each with a different mix of attendance and corrections in March 2026."""
    work, prep = programme_setup["work_track"], programme_setup["prep_track"]
    march = session  # 10 March 2026, workplace track
    services.attendance_record(session=march, employee=staff[0], status="partial", minutes=45,
                               recorded_by=process_leader)
    services.attendance_record(session=march, employee=staff[1], status="present", recorded_by=process_leader)
    # staff[0]: +30 tied to the March session, −10 made in April without a session
    _correct(staff[0], work, 30, hr_user, session=march)
    _correct(staff[0], work, -10, hr_user, created_at=at(5, month=4))
    # staff[2]: corrections only, 20 in March; 840 preparatory minutes never count on the workplace track
    _correct(staff[2], work, 20, hr_user, created_at=at(15))
    _correct(staff[2], prep, 120, hr_user, created_at=at(15))
    # staff[3]: attended a session that was cancelled afterwards: nothing counts
    cancelled = SessionFactory(module=programme_setup["work_modules"][1], workplace=workplace, starts_at=at(12),
                               ends_at=at(12, 10))
    AttendanceFactory(session=cancelled, employee=staff[3], minutes=60)
    type(cancelled).objects.filter(pk=cancelled.pk).update(status=SessionStatus.CANCELLED)
    # the manager's preparatory session
    prep_session = SessionFactory(module=programme_setup["prep_modules"][0], workplace=None, starts_at=at(3),
                                  ends_at=at(3, 11))
    AttendanceFactory(session=prep_session, employee=manager.employee, minutes=120)
    return {"staff": staff, "manager": manager.employee}


# (workplace minutes, preparatory minutes): all months, and March 2026 alone
EXPECTED_ALL = {0: (65, 0), 1: (60, 0), 2: (20, 120), 3: (0, 0)}
EXPECTED_MARCH = {0: (75, 0), 1: (60, 0), 2: (20, 120), 3: (0, 0)}


def _figures(rows, people):
    by_pk = {r.pk: (r.workplace_minutes, r.preparatory_minutes) for r in rows}
    return {i: by_pk[p.pk] for i, p in enumerate(people)}


@pytest.mark.parametrize(("month", "expected"), [(None, EXPECTED_ALL), (datetime.date(2026, 3, 1), EXPECTED_MARCH)])
def test_report_sums_attendance_and_corrections(ledger, hr_user, programme_setup, month, expected):
    programme = programme_setup["programme"]
    whole = selectors.hours_report(hr_user, programme=programme, month=month)
    assert _figures(whole, ledger["staff"]) == expected
    page = selectors.hours_of(list(selectors.hours_report_people(hr_user)), programme=programme, month=month)
    assert _figures(page, ledger["staff"]) == expected
    page = selectors.hours_page(selectors.hours_report_people(hr_user), offset=0, size=50, programme=programme,
                                month=month)
    assert _figures(page, ledger["staff"]) == expected
    manager = next(r for r in whole if r.pk == ledger["manager"].pk)
    assert (manager.preparatory_minutes, manager.preparatory_required) == (120, True)


def test_april_holds_only_the_april_correction(ledger, hr_user, programme_setup):
    rows = selectors.hours_report(hr_user, programme=programme_setup["programme"], month=datetime.date(2026, 4, 1))
    figures = _figures(rows, ledger["staff"])
    assert figures == {0: (-10, 0), 1: (0, 0), 2: (0, 0), 3: (0, 0)}


def test_another_programmes_tracks_do_not_count(ledger, hr_user, programme_setup, organisation):
    from .factories import programme_with_tracks

    other, *_ = programme_with_tracks(organisations=[organisation], name="Nästa program")
    rows = selectors.hours_report(hr_user, programme=other)
    assert _figures(rows, ledger["staff"]) == {0: (0, 0), 1: (0, 0), 2: (0, 0), 3: (0, 0)}


def _csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    return read_as_swedish_excel(body(response))


def test_page_and_exports_show_the_corrected_figures(client, ledger, hr_user, programme_setup,
                                                      django_capture_on_commit_callbacks):
    client.force_login(hr_user)
    url = reverse("sessions_hours_report")
    page = client.get(url + "?month=2026-03").content.decode()
    assert "1,3 av 5 timmar" in page  # staff[0]: 45 attended + 30 corrected (75 min)
    assert "0,3 av 5 timmar" in page  # staff[2]: corrections only (20 min)
    rows = _csv_rows(client.get(url + "?export=csv&month=2026-03"))
    header = rows[0]
    by_number = {r[0]: r for r in rows[1:]}
    minutes_column = header.index("Arbetsplats, minuter")
    hours_column = header.index("Arbetsplats, timmar")
    for i, (work, _prep) in EXPECTED_MARCH.items():
        assert int(by_number[ledger["staff"][i].employee_number][minutes_column]) == work
        assert swedish_number(by_number[ledger["staff"][i].employee_number][hours_column]) == round(
            Decimal(work) / 60, 2)
    book = openpyxl.load_workbook(io.BytesIO(body(fetch_export(client, url + "?export=xlsx",
                                                               django_capture_on_commit_callbacks))))
    sheet = list(book.active.values)
    column = sheet[0].index("Arbetsplats, minuter")
    values = {r[0]: r[column] for r in sheet[1:]}
    for i, (work, _prep) in EXPECTED_ALL.items():
        assert values[ledger["staff"][i].employee_number] == work


def test_api_hours_equal_the_report(ledger, hr_user, programme_setup, organisation):
    from api.services import api_token_create

    _token, text = api_token_create(creator=hr_user, organisation=organisation, name="Lön", scopes=["read"])
    from django.test import Client

    api = Client(HTTP_AUTHORIZATION=f"Bearer {text}")
    body = api.get(f"/api/v1/hours/?month=2026-03&programme={programme_setup['programme'].pk}&page_size=2").json()
    results = body["results"]
    while body["next"]:
        body = api.get(body["next"]).json()
        results += body["results"]
    minutes = {r["id"]: {t["kind"]: t["minutes"] for t in r["tracks"]} for r in results}
    for i, (work, prep) in EXPECTED_MARCH.items():
        assert minutes[ledger["staff"][i].pk] == {"workplace": work, "preparatory": prep}


def test_last_page_reads_only_its_own_people(client, ledger, hr_user, workplace, programme_setup, monkeypatch):
    """Page-first: one statement cuts the page and sums the ledger of that page's people only."""
    EmployeeFactory.create_batch(12, workplace=workplace)
    monkeypatch.setattr(HoursReportView, "paginate_by", 5)
    client.force_login(hr_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("sessions_hours_report") + "?p=4")
    assert response.status_code == 200
    shown = response.context["object_list"]
    people = list(selectors.hours_report_people(hr_user))
    assert [e.pk for e in shown] == [e.pk for e in people[15:20]]
    reads = [q["sql"] for q in queries.captured_queries if "dialogue_sessions_attendance" in q["sql"]]
    assert len(reads) == 1 and "LIMIT 5 OFFSET 15" in reads[0].upper()
    # and the page's figures are the whole report's figures for those people
    whole = {e.pk: (e.workplace_minutes, e.preparatory_minutes, e.preparatory_required)
             for e in selectors.hours_report(hr_user, programme=programme_setup["programme"])}
    for person in selectors.hours_page(selectors.hours_report_people(hr_user), offset=0, size=100,
                                       programme=programme_setup["programme"]):
        assert (person.workplace_minutes, person.preparatory_minutes, person.preparatory_required) == whole[person.pk]


def test_a_correction_moves_the_report_and_leaves_a_trace(client, ledger, hr_user, programme_setup):
    before = {r.pk: r.workplace_minutes for r in selectors.hours_report(hr_user, programme=programme_setup["programme"])}
    person = ledger["staff"][1]
    _correct(person, programme_setup["work_track"], -60, hr_user, created_at=timezone.now())
    after = {r.pk: r.workplace_minutes for r in selectors.hours_report(hr_user, programme=programme_setup["programme"])}
    assert after[person.pk] == before[person.pk] - 60
    assert {k: v for k, v in after.items() if k != person.pk} == {k: v for k, v in before.items() if k != person.pk}
    assert HoursCorrection.objects.filter(employee=person, minutes=-60, created_by=hr_user).count() == 1
