"""Wagtail's site history and its exports show each viewer only the entries about objects in
their scope: HR of one organisation never reads another's names, corrections or roll calls."""

import io

import pytest
from openpyxl import load_workbook

from django.urls import reverse

from wagtail.log_actions import log

from people.models import Role
from sessions.models import HoursCorrection
from tests.excel import body, read_as_swedish_excel
from tests.factories import EmployeeFactory, user_with_role
from tests.sessions.factories import SessionFactory, programme_with_tracks

pytestmark = pytest.mark.django_db

URL = "/admin/reports/site-history/"


@pytest.fixture
def history(organisation, other_organisation, workplace, other_workplace, programme_admin):
    """The same kinds of entries in organisation X (Avesta) and Y (Orsa)."""
    _programme, track, _prep, modules, _ = programme_with_tracks(organisations=[organisation, other_organisation])
    x_person = EmployeeFactory(workplace=workplace, first_name="Xenia", last_name="Avestasson")
    y_person = EmployeeFactory(workplace=other_workplace, first_name="Yngve", last_name="Orsasson")
    y_leader = user_with_role(
        Role.PROCESS_LEADER, workplace=other_workplace, email="ledare@orsa.se", first_name="Ylva", last_name="Orsaledare"
    )
    x_leader = user_with_role(
        Role.PROCESS_LEADER, workplace=workplace, email="ledare@avesta.se", first_name="Xander", last_name="Avestaledare"
    )
    for person, leader, place in ((x_person, x_leader, workplace), (y_person, y_leader, other_workplace)):
        log(person, "wagtail.edit", user=programme_admin)
        session = SessionFactory(module=modules[0], workplace=place, place=f"Rum {place.name}")
        log(session, "samtalsrum.attendance.record", user=leader,
            data={"employee": person.pk, "status": "present", "minutes": 60, "previous": None})
        correction = HoursCorrection.objects.create(
            employee=person, track=track, minutes=90, reason="Glömd närvaro", created_by=programme_admin
        )
        log(correction, "samtalsrum.hours.correct", user=programme_admin,
            data={"employee": person.pk, "minutes": 90, "reason": "Glömd närvaro", "session": None})
    # A name that a spreadsheet program would run as a formula.
    hostile = EmployeeFactory(workplace=workplace, first_name="=HYPERLINK(\"http://x.se\",\"Klicka\")", last_name="\x07")
    log(hostile, "wagtail.edit", user=programme_admin)
    return {"x": x_person, "y": y_person, "y_leader": y_leader, "x_leader": x_leader}


Y_WORDS = ("Orsasson", "Orsaledare", "Orsa bibliotek")


def _csv_rows(response) -> list[list[str]]:
    return read_as_swedish_excel(body(response))


def _xlsx_rows(response) -> list[list]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_hr_reads_only_their_organisations_entries_in_the_page(client, hr_user, history):
    client.force_login(hr_user)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Xenia Avestasson" in html
    assert "Avestaledare" in html  # the roll call of their own session, and who took it
    assert "+90 min" in html  # their own employee's correction
    for word in Y_WORDS:
        assert word not in html, word
    # The filters offer no one and nothing from the other organisation either.
    assert "ledare@orsa.se" not in html


def test_hr_exports_only_their_organisations_entries(client, hr_user, history):
    client.force_login(hr_user)
    csv_rows = _csv_rows(client.get(URL + "?export=csv"))
    xlsx_rows = _xlsx_rows(client.get(URL + "?export=xlsx"))
    for rows in (csv_rows, xlsx_rows):
        text = "\n".join(" ".join(str(cell) for cell in row) for row in rows)
        assert "Xenia Avestasson" in text
        assert "Avestaledare" in text
        for word in Y_WORDS:
            assert word not in text, word
        # Header + X's employee edit, roll call and correction, and the hostile name: nothing else.
        assert len(rows) == 1 + 4


def test_exports_defuse_formulas_and_control_characters(client, hr_user, history):
    client.force_login(hr_user)
    csv_labels = [row[1] for row in _csv_rows(client.get(URL + "?export=csv"))]
    assert "'=HYPERLINK(\"http://x.se\",\"Klicka\") \ufffd" in csv_labels
    sheet = load_workbook(
        io.BytesIO(b"".join(client.get(URL + "?export=xlsx").streaming_content)), read_only=False
    ).active
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    hostile = next(cell for cell in cells if "HYPERLINK" in str(cell.value))
    assert hostile.data_type == "s"
    assert hostile.value == "=HYPERLINK(\"http://x.se\",\"Klicka\") \ufffd"


def test_hr_of_the_other_organisation_sees_the_mirror_image(client, other_organisation, history):
    other_hr = user_with_role(Role.HR, organisation=other_organisation, email="hr@orsa.se")
    client.force_login(other_hr)
    html = client.get(URL).content.decode()
    assert "Yngve Orsasson" in html
    assert "Xenia Avestasson" not in html and "Avestaledare" not in html


def test_programme_admin_reads_every_entry(client, programme_admin, history):
    client.force_login(programme_admin)
    text = "\n".join(" ".join(str(c) for c in row) for row in _csv_rows(client.get(URL + "?export=csv")))
    for word in ("Xenia Avestasson", "Yngve Orsasson", "Orsaledare", "Avestaledare"):
        assert word in text


def test_role_and_login_history_is_for_programme_admins_only(client, hr_user, organisation, history):
    # Giving someone a role in X is logged on the role assignment, with their name in the label.
    user_with_role(Role.HR, organisation=organisation, email="ny.hr@avesta.se", first_name="Nyanställd", last_name="Hrsson")
    client.force_login(hr_user)
    assert "Hrsson" not in client.get(URL).content.decode()


def test_results_fragment_is_scoped_too(client, hr_user, history):
    client.force_login(hr_user)
    html = client.get(URL + "results/").content.decode()
    assert "Xenia Avestasson" in html
    assert "Orsasson" not in html


def test_per_object_history_outside_scope_is_not_found(client, hr_user, history):
    client.force_login(hr_user)
    assert client.get(reverse("employee:history", args=[history["x"].pk])).status_code == 200
    assert client.get(reverse("employee:history", args=[history["y"].pk])).status_code == 404


def test_anonymous_and_employees_without_admin_access_are_refused(client, manager, history):
    assert client.get(URL).status_code == 302
    client.force_login(manager)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert "Xenia" not in response.content.decode()


def _entries(workplace, actor, count):
    for _ in range(count):
        log(EmployeeFactory(workplace=workplace), "wagtail.edit", user=actor)


def test_query_count_does_not_grow_with_the_log(client, hr_user, workplace, other_workplace, programme_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(hr_user)
    counts = []
    for size in (3, 40):
        _entries(workplace, programme_admin, size)
        _entries(other_workplace, programme_admin, size)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
