"""The migration that introduced the bounds repairs what careless input stored before (issue 9:
a session saved in year 1 was stored as 1 BC and its pages answered 500 for good)."""

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from wagtail.models import ModelLogEntry

from people.links import employee_link_url
from sessions.models import HoursCorrection, Session

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("dialogue_sessions", "0001_sessions_attendance_ledger")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_year_one_session_and_absurd_correction_are_repaired(client, manager, workplace, staff, programme_setup):
    module = programme_setup["work_modules"][0]
    _migrate(BEFORE)
    try:
        # What the old code let through: local midnight of 1 January, year 1 (UTC: 1 BC), and a
        # correction of +2 147 483 647 minutes.
        year_one = "0001-01-01 00:30:00+01:12:12" if connection.vendor == "postgresql" else "0001-01-01 00:30:00"
        year_one_end = "0001-01-01 01:30:00+01:12:12" if connection.vendor == "postgresql" else "0001-01-01 01:30:00"
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO dialogue_sessions_session (module_id, workplace_id, starts_at, ends_at, place, video_link,"
                " status, sequence, uid, created_at, updated_at) VALUES (%s, %s, %s, %s, 'x', '', 'scheduled', 0,"
                " 'year-one@samtalsrum', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                [module.pk, workplace.pk, year_one, year_one_end],
            )
            cursor.execute("SELECT id FROM dialogue_sessions_session WHERE uid = 'year-one@samtalsrum'")
            session_id = cursor.fetchone()[0]
            cursor.execute(
                "INSERT INTO dialogue_sessions_invitation (session_id, employee_id, status, created_at, updated_at)"
                " VALUES (%s, %s, 'invited', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                [session_id, staff[0].pk],
            )
            cursor.execute(
                "INSERT INTO dialogue_sessions_hourscorrection (employee_id, track_id, minutes, reason, created_by_id,"
                " created_at) VALUES (%s, %s, 2147483647, 'Skrivfel', %s, CURRENT_TIMESTAMP)",
                [staff[1].pk, programme_setup["work_track"].pk, manager.pk],
            )
    finally:
        _migrate(_latest())

    session = Session.objects.get(pk=session_id)
    assert session.status == "cancelled"
    assert session.starts_at.date() == programme_setup["programme"].starts_on
    assert "Tiden låg utanför det giltiga intervallet (0001-" in session.cancel_reason
    assert ModelLogEntry.objects.filter(action="samtalsrum.session.date_repaired", object_id=str(session_id)).exists()
    correction = HoursCorrection.objects.get(employee=staff[1])
    assert correction.minutes == 12000
    assert "Ursprungligen +2147483647 minuter" in correction.reason
    # Every page that read the session answers again.
    client.force_login(manager)
    assert client.get(reverse("sessions:detail", args=[session_id])).status_code == 200
    assert client.get(reverse("sessions:planner", args=[workplace.pk])).status_code == 200
    assert client.get(reverse("sessions:list")).status_code == 200
    client.logout()
    link = employee_link_url(staff[0], reverse("sessions:my_sessions"))
    mine = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    assert mine.status_code == 200 and module.title in mine.content.decode()
