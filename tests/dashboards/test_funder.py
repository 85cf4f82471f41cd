"""The funder's evidence in bulk, scoped: HR of one organisation never gets another's."""

from __future__ import annotations

import datetime
import io

import pytest

from django.urls import reverse

from sessions import selectors
from tests.excel import body, read_as_swedish_excel, swedish_number
from tests.factories import ProgrammeFactory

from .test_dashboards import pdf_text

pytestmark = pytest.mark.django_db


def test_workplace_certificates_one_page_per_person(client, world):
    client.force_login(world.hr_a)
    response = client.get(reverse("sessions:workplace_certificates", args=[world.wp_a1.pk, "2026-03"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(response.content)).pages
    assert len(pages) == 12  # everyone of Hemtjänsten Norr attended in March
    first = pages[0].extract_text()
    person = world.employees[0]
    assert f"{person.first_name} {person.last_name}" in first
    assert "Deltagarens namnteckning" in first and "Attesterat av (chef)" in first
    assert "Samtal 1" in first and "60" in first
    text = pdf_text(response.content)
    assert "Fastighetsskötsel" not in text
    # April: only half of them.
    april = client.get(reverse("sessions:workplace_certificates", args=[world.wp_a1.pk, "2026-04"]))
    assert len(PdfReader(io.BytesIO(april.content)).pages) == 6


def test_workplace_certificates_refused_outside_scope(client, world):
    url = reverse("sessions:workplace_certificates", args=[world.wp_b1.pk, "2026-03"])
    for user in (world.hr_a, world.manager, world.leader, world.steering):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(world.hr_b)
    assert client.get(url).status_code == 200
    client.force_login(world.hr_a)
    assert client.get(reverse("sessions:workplace_certificates", args=[world.wp_a1.pk, "2026-13"])).status_code == 400


def _csv(response) -> list[dict]:
    """The rows as Swedish Excel shows them, by heading."""
    header, *rows = read_as_swedish_excel(body(response))
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_participant_list_dates_and_scope(client, world):
    client.force_login(world.hr_a)
    rows = _csv(client.get("/admin/deltagare/", {"month": "2026-04", "export": "csv"}))
    numbers = {r["Anställningsnummer"] for r in rows}
    alfa = {e.employee_number for e in world.employees if e.organisation_id == world.org_a.pk}
    beta = {e.employee_number for e in world.employees if e.organisation_id == world.org_b.pk}
    assert numbers and numbers <= alfa
    assert not numbers & beta
    by_number = {r["Anställningsnummer"]: r for r in rows}
    done = world.employees[0]  # module 1 in March, module 2 in April: the 2-hour track is complete
    assert by_number[done.employee_number]["Startdatum (första deltagande)"] == "2026-03-10"
    assert by_number[done.employee_number]["Slutdatum"] == "2026-04-09"
    assert by_number[done.employee_number]["Avslutad därför att"] == "spåret genomfört"
    not_done = world.employees[11]
    assert by_number[not_done.employee_number]["Slutdatum"] == ""
    assert by_number[done.employee_number]["Arbetsgivare"] == world.org_a.name
    client.force_login(world.hr_b)
    assert client.get("/admin/deltagare/", {"organisation": world.org_a.pk}).status_code == 404
    # Before anyone attended: nobody on the list.
    client.force_login(world.hr_a)
    assert _csv(client.get("/admin/deltagare/", {"month": "2026-02", "export": "csv"})) == []


def test_cofinancing_report_both_valuations(client, world):
    client.force_login(world.hr_a)
    rows = _csv(client.get("/admin/medfinansiering/", {"programme": world.programme.pk, "month": "2026-03", "export": "csv"}))
    assert {r["Arbetsgivare"] for r in rows} == {world.org_a.name}
    minutes = sum(int(r["Minuter"]) for r in rows)
    assert minutes == 24 * 60
    # Half the people have an hourly cost of 250 kr: their hours valued at it, the rest counted apart.
    own = sum(swedish_number(r["Värde med egen timkostnad (kr)"]) for r in rows)
    without = sum(int(r["Minuter utan timkostnad i registret"]) for r in rows)
    assert own == 12 * 250
    assert without == 12 * 60
    unit = sum(swedish_number(r["Värde med enhetskostnad (kr)"]) for r in rows)
    assert unit == 24 * 300


def test_cofinancing_report_refused(client, world):
    client.force_login(world.manager)
    assert client.get("/admin/medfinansiering/").status_code in (302, 403)
    client.force_login(world.hr_a)
    assert client.get("/admin/medfinansiering/", {"organisation": world.org_b.pk}).status_code == 404
    assert client.get("/admin/medfinansiering/", {"programme": "abc"}).status_code == 400


def test_hours_report_programme_follows_its_argument(world):
    newer = ProgrammeFactory(name="Nyare", starts_on=datetime.date(2027, 1, 1))
    newer.organisations.set([world.org_a])
    other = ProgrammeFactory(name="Bara Beta", starts_on=datetime.date(2027, 6, 1))
    other.organisations.set([world.org_b])
    assert selectors.hours_report_programme(world.hr_a, world.programme.pk) == world.programme
    assert selectors.hours_report_programme(world.hr_a) == newer
    assert selectors.hours_report_programme(world.hr_a, other.pk) is None
    assert selectors.hours_report_programme(world.admin) == other
    assert selectors.hours_report_programme(world.admin, world.programme.pk) == world.programme


def test_hours_report_shows_the_chosen_programme(client, world):
    newer = ProgrammeFactory(name="Nyare", starts_on=datetime.date(2027, 1, 1))
    newer.organisations.set([world.org_a])
    client.force_login(world.hr_a)
    chosen = client.get("/admin/timmar/", {"programme": world.programme.pk, "export": "csv"})
    rows = _csv(chosen)
    first = next(r for r in rows if r["Anställningsnummer"] == world.employees[0].employee_number)
    assert first["Arbetsplats, minuter"] == "120"
    newest = _csv(client.get("/admin/timmar/", {"export": "csv"}))
    first = next(r for r in newest if r["Anställningsnummer"] == world.employees[0].employee_number)
    assert first["Arbetsplats, minuter"] == "0"
    other = ProgrammeFactory(name="Bara Beta", starts_on=datetime.date(2027, 6, 1))
    other.organisations.set([world.org_b])
    assert client.get("/admin/timmar/", {"programme": other.pk}).status_code == 404
