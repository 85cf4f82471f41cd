"""``manage.py benchmark_data`` writes its rows in raw SQL, so a new NOT NULL column elsewhere
breaks it without any model test noticing – and with it ``make bench`` on a fresh database."""

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from courses.models import Programme
from people.models import Employee
from sessions.models import Attendance, Session

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="benchmark_data is written for PostgreSQL")
def test_builds_a_small_data_set_once():
    call_command("benchmark_data", employees=120, attendance=600)
    programme = Programme.objects.get(name__startswith="Benchmark")
    assert Employee.objects.filter(organisation__in=programme.organisations.all()).count() == 120
    assert Attendance.objects.count() == 600
    assert Session.objects.filter(invitations_pending=True).count() == 0  # nothing left to send
    call_command("benchmark_data", employees=120, attendance=600)  # a second run adds nothing
    assert Attendance.objects.count() == 600


@pytest.mark.skipif(connection.vendor == "postgresql", reason="on PostgreSQL it builds the data")
def test_refuses_sqlite_with_a_clear_message():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("benchmark_data", employees=10, attendance=10)
