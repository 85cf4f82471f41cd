"""Bad parameters in the sessions pages answer 400 (or 404) with a Swedish message, never 500
(issue 9, "Bad parameters")."""

from urllib.parse import quote

import pytest

from django.urls import reverse

from sessions import services

from .factories import at

pytestmark = pytest.mark.django_db

BAD_MONTHS = ["9999-12", "0000-01", "2026-13", "2026-00", "abc", "2026-1", "２０２６-０３", "2026-03-01", "1998-12",
              "2101-01", "2026-03\n"]
MESSAGE = "Ange månaden som ÅÅÅÅ-MM"


@pytest.fixture
def attended(manager, process_leader, workplace, staff, programme_setup):
    session = services.session_schedule(
        workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10), ends_at=at(10, 10),
        place="x", process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
    )
    services.attendance_record(session=session, employee=staff[0], status="present", recorded_by=process_leader)
    return session


@pytest.mark.parametrize("month", BAD_MONTHS)
def test_certificate_with_a_bad_month(client, hr_user, staff, month):
    client.force_login(hr_user)
    response = client.get(reverse("sessions:certificate", args=[staff[0].pk, "x"]).replace("/x/", f"/{quote(month)}/"))
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


@pytest.mark.parametrize("month", BAD_MONTHS)
def test_cofinancing_with_a_bad_month(client, hr_user, programme_setup, month):
    client.force_login(hr_user)
    response = client.get(reverse("sessions:cofinancing"), {"month": month})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()


@pytest.mark.parametrize("month", BAD_MONTHS)
def test_hours_report_with_a_bad_month(client, hr_user, month):
    client.force_login(hr_user)
    for suffix in ("", "?export=csv&"):
        response = client.get(reverse("sessions_hours_report") + (suffix or "?") + f"month={quote(month)}")
        assert response.status_code == 400
        assert MESSAGE in response.content.decode()


def test_first_and_last_months_answer(client, hr_user, staff, attended, programme_setup):
    client.force_login(hr_user)
    for month in ("1999-01", "2100-12"):
        assert client.get(reverse("sessions:certificate", args=[staff[0].pk, month])).status_code == 200
        assert client.get(reverse("sessions:cofinancing"), {"month": month}).status_code == 200
        assert client.get(reverse("sessions_hours_report"), {"month": month}).status_code == 200
    certificate = client.get(reverse("sessions:certificate", args=[staff[0].pk, "2026-03"]))
    assert certificate.context["total_minutes"] == 60


@pytest.mark.parametrize("value", ["abc", "-1", "0", "1.5", "99999999999999999999", "１"])
def test_cofinancing_with_a_bad_programme(client, hr_user, programme_setup, value):
    client.force_login(hr_user)
    response = client.get(reverse("sessions:cofinancing"), {"programme": value, "month": "2026-03"})
    assert response.status_code == 400
    assert "Ogiltigt val av program" in response.content.decode()


def test_cofinancing_with_a_programme_that_does_not_exist(client, hr_user, programme_setup):
    client.force_login(hr_user)
    response = client.get(reverse("sessions:cofinancing"), {"programme": "999999", "month": "2026-03"})
    assert response.status_code == 404


def test_huge_ids_in_addresses_are_not_found(client, manager, hr_user, workplace):
    client.force_login(manager)
    huge = "9" * 20
    for path in (f"/sv/sessioner/{huge}/", f"/sv/sessioner/arbetsplats/{huge}/planering/",
                 f"/sv/sessioner/{'9' * 18}/leda/"):
        assert client.get(path).status_code == 404, path
    client.force_login(hr_user)
    assert client.get(f"/sv/sessioner/intyg/{huge}/2026-03/").status_code == 404


def test_session_form_with_a_bad_module_parameter(client, manager, workplace, programme_setup):
    client.force_login(manager)
    url = reverse("sessions:create", args=[workplace.pk])
    assert client.get(url, {"module": "abc"}).status_code == 400
    assert client.get(url, {"module": "999999"}).status_code == 404
    assert client.get(url, {"module": programme_setup["work_modules"][1].pk}).status_code == 200


def test_roll_call_with_a_bad_person(client, attended, process_leader):
    client.force_login(process_leader)
    url = reverse("sessions:facilitate", args=[attended.pk])
    for employee in ("99999999999999999999", "abc", "-5"):
        response = client.post(url, {"employee": employee, "status": "present"}, follow=True)
        assert response.status_code == 200
        assert "Närvaron kunde inte sparas. Försök igen." in response.content.decode()
    response = client.post(url, {"employee": "999999", "status": "present"})
    assert response.status_code == 404
    response = client.post(url, {"employee": attended.invitations.first().employee_id, "status": "partial",
                                 "minutes": "99999999999"}, follow=True)
    assert "Närvaron kunde inte sparas" in response.content.decode()
