"""The dashboards: what each role sees, what the steering group never sees, and the cost."""

from __future__ import annotations

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboards.disclosure import split_disclosure
from dashboards.overview import programme_overview, programme_with_phases
from people.models import Employee, Role, RoleAssignment
from sessions.progress import MAN, OTHER, WOMAN, Period
from surveys.anonymity import ORGANISATION, PROGRAMME_NODE, WORKPLACE

from .conftest import build_world

pytestmark = pytest.mark.django_db

LANDING = "/sv/min-sida/"
REPORT = "/sv/oversikt/lagesrapport/"
REPORT_PDF = "/sv/oversikt/lagesrapport/pdf/"


def pdf_text(content: bytes) -> str:
    """What a reader (or a screen reader) gets out of the PDF: its text, page by page."""
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


# ---------------------------------------------------------------- the threshold


def test_small_cells_are_hidden_and_totals_cannot_reveal_them():
    # Workplace 11: 4 women and 6 men; workplace 12: 6 women, 6 men; organisation 1 over both.
    cells = {(1, 11, WOMAN): 4, (1, 11, MAN): 6, (1, 12, WOMAN): 6, (1, 12, MAN): 6}
    shown = split_disclosure(cells, categories=(WOMAN, MAN, OTHER), threshold=5, register={(1, 11): 10, (1, 12): 12})
    assert shown.total((WORKPLACE, 11)) == 10
    assert shown.part((WORKPLACE, 11), WOMAN) is None  # 4 < 5
    # 10 − 6 men would give the 4 women: the men are hidden too.
    assert shown.part((WORKPLACE, 11), MAN) is None
    # Organisation women 10 minus workplace 12's 6 women would give 4: workplace 12's women go as well.
    assert shown.part((ORGANISATION, 1), WOMAN) == 10
    assert shown.part((WORKPLACE, 12), WOMAN) is None


def test_threshold_boundaries():
    for n, visible in ((4, False), (5, True), (6, True)):
        shown = split_disclosure({(1, 11, WOMAN): n}, categories=(WOMAN, MAN), threshold=5, register={(1, 11): n})
        assert (shown.total((WORKPLACE, 11)) is not None) is visible
        assert (shown.part(PROGRAMME_NODE, WOMAN) is not None) is visible


def test_those_not_reached_are_protected_too():
    # 10 of 12 reached: "12 in the register, 10 reached" would show that 2 did not come.
    shown = split_disclosure({(1, 11, WOMAN): 10}, categories=(WOMAN,), threshold=5, register={(1, 11): 12})
    assert shown.total((WORKPLACE, 11)) is None
    shown = split_disclosure({(1, 11, WOMAN): 10}, categories=(WOMAN,), threshold=5, register={(1, 11): 15})
    assert shown.total((WORKPLACE, 11)) == 10


def test_overview_figures(world):
    programme = programme_with_phases(world.programme.pk)
    overview = programme_overview(programme, Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)))
    assert overview.reached == 36
    assert overview.planned == 60
    # Everyone in module 1 (60 min), half in module 2: 36 × 60 + 18 × 60 minutes.
    assert overview.hours_minutes["workplace"] == 54 * 60
    assert overview.hours_target_minutes["workplace"] == 36 * 120
    assert overview.funnel == {"invited": 36, "attended": 36, "completed": 18}
    # 54 h × 300 kr under the programme's rounding rule.
    assert overview.cofinancing_unit_value == 54 * 300
    rows = {r.name: r for r in overview.reach_rows}
    # Beta's 12 people are 3 per gender: hidden; then Alfa's 6 per gender would reveal them from
    # the programme's 9: hidden too (complementary suppression).
    assert rows[world.org_b.name].by_gender[WOMAN] is None
    assert rows[world.org_a.name].by_gender[WOMAN] is None
    assert rows[programme.name].by_gender[WOMAN] == 9
    assert rows[world.org_a.name].reached == 24
    # Months: March (36 people) and April (18).
    assert [(m.month.month, m.people) for m in overview.months] == [(3, 36), (4, 18)]


def test_corrections_count_and_cancelled_sessions_do_not(world):
    """The overview reads the ledger as the hours report does: corrections in the period count
    towards hours, completion and own cost; a cancelled session and a later correction do not."""
    from sessions.models import Attendance, HoursCorrection, Session, SessionStatus

    programme = programme_with_phases(world.programme.pk)
    period = Period(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    before = programme_overview(programme, period)
    work = programme.tracks.get(kind="workplace")
    only_module_1 = world.employees[11]  # no hourly cost
    did_both = world.employees[0]  # 250 kr an hour
    march = Session.objects.filter(workplace=world.wp_a1, module__sort_order=1).get()
    HoursCorrection.objects.create(employee=only_module_1, track=work, minutes=60, reason="Papperslista", created_by=world.admin)
    assert programme_overview(programme, period).funnel["completed"] == before.funnel["completed"] + 1
    HoursCorrection.objects.create(employee=did_both, track=work, session=march, minutes=-30, reason="Gick tidigt",
                                   created_by=world.admin)
    later = HoursCorrection.objects.create(employee=only_module_1, track=work, minutes=600, reason="Nästa år",
                                           created_by=world.admin)
    HoursCorrection.objects.filter(pk=later.pk).update(created_at=datetime.datetime(2027, 1, 15, tzinfo=datetime.UTC))
    cancelled = Session.objects.create(module=march.module, workplace=world.wp_a1, starts_at=march.starts_at.replace(month=5),
                                       ends_at=march.ends_at.replace(month=5))
    Attendance.objects.create(session=cancelled, employee=world.employees[12], status="present", minutes=60)
    Session.objects.filter(pk=cancelled.pk).update(status=SessionStatus.CANCELLED)

    after = programme_overview(programme, period)
    assert after.hours_minutes["workplace"] == before.hours_minutes["workplace"] + 60 - 30
    # One completes through the correction, one falls below the target through the other.
    assert after.funnel["completed"] == before.funnel["completed"] == 18
    assert after.cofinancing_own_value == before.cofinancing_own_value - 125
    assert after.cofinancing_minutes_without_cost == before.cofinancing_minutes_without_cost + 60
    assert after.reached == before.reached


def test_current_phase(world):
    programme = programme_with_phases(world.programme.pk)
    assert programme.current_phase(datetime.date(2026, 2, 28)).name == "Analys och planering"
    assert programme.current_phase(datetime.date(2026, 3, 1)).name == "Genomförande"
    assert programme.current_phase(datetime.date(2028, 1, 1)) is None


# ---------------------------------------------------------------- the steering group sees no one


def _person_strings(world) -> list[bytes]:
    out = []
    for e in Employee.objects.filter(organisation__in=[world.org_a, world.org_b]):
        out += [e.first_name.encode(), e.last_name.encode(), e.email.encode(), e.employee_number.encode()]
    return out


def test_steering_group_sees_no_person_anywhere(client, world):
    client.force_login(world.steering)
    pages = {
        LANDING: client.get(LANDING),
        REPORT: client.get(REPORT),
        REPORT + "?fran=2026-03-01&till=2026-03-31": client.get(REPORT, {"fran": "2026-03-01", "till": "2026-03-31"}),
        REPORT_PDF: client.get(REPORT_PDF),
        "/sv/program/": client.get("/sv/program/"),
    }
    for url, response in pages.items():
        assert response.status_code == 200, url
    assert "Genomförande" in pages[LANDING].content.decode()
    assert pages[REPORT_PDF]["Content-Type"] == "application/pdf"
    texts = {url: pdf_text(r.content).encode() if url == REPORT_PDF else r.content for url, r in pages.items()}
    assert "Lägesrapport" in texts[REPORT_PDF].decode()
    assert "Nådda deltagare" in texts[REPORT_PDF].decode()
    for needle in _person_strings(world):
        for url, text in texts.items():
            assert needle not in text, (needle, url)
    # The figures are there.
    assert "36" in pages[LANDING].content.decode()


def test_steering_group_is_refused_person_level_pages(client, world):
    client.force_login(world.steering)
    employee = world.employees[3]
    refused = [
        reverse("sessions:certificate", args=[employee.pk, "2026-03"]),
        reverse("sessions:workplace_certificates", args=[world.wp_a1.pk, "2026-03"]),
        reverse("sessions:planner", args=[world.wp_a1.pk]),
        reverse("sessions:cofinancing"),
        "/admin/timmar/",
        "/admin/deltagare/",
        "/admin/medfinansiering/",
        "/admin/people/employee/",
        reverse("sessions:attendance_list", args=[employee.attendances.first().session_id]),
    ]
    for url in refused:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"] or "logga-in" in response["Location"], url
        for needle in _person_strings(world)[:8]:
            assert needle not in response.content, url


def test_steering_group_role_is_programme_wide(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=world.steering, role=Role.STEERING_GROUP, organisation=world.org_a)


def test_progress_report_refused_to_other_roles(client, world):
    for user in (world.hr_a, world.manager, world.leader):
        client.force_login(user)
        assert client.get(REPORT).status_code == 403
        assert client.get(REPORT_PDF).status_code == 403


def test_progress_report_bad_period_is_400(client, world):
    client.force_login(world.steering)
    assert client.get(REPORT, {"fran": "2026-13-01"}).status_code == 400
    assert client.get(REPORT, {"fran": "2026-05-01", "till": "2026-04-01"}).status_code == 400


def test_progress_report_period_changes_the_figures(client, world):
    client.force_login(world.steering)
    april = client.get(REPORT, {"fran": "2026-04-01", "till": "2026-04-30"}).context["overview"]
    assert april.reached == 18
    assert april.funnel["invited"] == 36


# ---------------------------------------------------------------- each role's dashboard


def test_programme_admin_sees_data_quality_warnings(client, world):
    client.force_login(world.admin)
    body = client.get(LANDING).content.decode()
    # Köket and Fastighetsskötsel have no process leader.
    assert "2 arbetsplatser saknar processledare" in body
    assert "Fastighetsskötsel" in body
    assert "Att rätta i underlaget" in body


def test_manager_sees_who_is_missing_what(client, world):
    client.force_login(world.manager)
    body = client.get(LANDING).content.decode()
    assert "Så långt har arbetsplatsen kommit" in body and "Hemtjänsten Norr" in body
    last = world.employees[11]  # second half of Hemtjänsten Norr: never did Samtal 2
    assert f"{last.first_name} {last.last_name}: Samtal 2" in body
    other = next(e for e in world.employees if e.workplace_id == world.wp_b1.pk)
    assert other.last_name not in body


def test_leader_sees_next_sessions_and_groups(client, world):
    client.force_login(world.leader)
    response = client.get(LANDING)
    body = response.content.decode()
    assert "Mina nästa tillfällen" in body
    assert "Senast hållna tillfällen" in body
    assert world.employees[5].last_name not in body  # the group, not each person


def test_hr_sees_own_organisation_only(client, world):
    client.force_login(world.hr_a)
    body = client.get(LANDING).content.decode()
    assert "Hemtjänsten Norr" in body and "Köket" in body
    assert "Fastighetsskötsel" not in body
    # Someone of Alfa who left on 2026-06-30 with 1 of 2 hours.
    leaver = next(e for e in world.employees if e.employment_end and e.organisation_id == world.org_a.pk)
    assert leaver.last_name in body


# ---------------------------------------------------------------- queries do not grow


ROLES = ("steering", "admin", "hr_a", "manager", "leader")


def _count(client, user, url) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_dashboard_query_counts_are_constant(client, db):
    small = build_world(6, tag="s")
    large = build_world(30, tag="l")
    client.get(LANDING)  # warm the per-process caches (offered languages) first
    counts_small = {role: _count(client, getattr(small, role), LANDING) for role in ROLES}
    counts_small["report"] = _count(client, small.steering, REPORT)
    counts_small["pdf"] = _count(client, small.steering, REPORT_PDF)
    counts_large = {role: _count(client, getattr(large, role), LANDING) for role in ROLES}
    counts_large["report"] = _count(client, large.steering, REPORT)
    counts_large["pdf"] = _count(client, large.steering, REPORT_PDF)
    print("query counts", counts_small)
    assert counts_small == counts_large


def test_dashboard_shows_employers_and_the_report_workplaces_too(client, world):
    client.force_login(world.steering)
    dashboard = client.get(LANDING).content.decode()
    assert world.org_a.name in dashboard
    assert "Köket" not in dashboard
    report = client.get(REPORT).content.decode()
    assert "Köket" in report and world.org_a.name in report
