"""After erasure or the purge, no table holds the person's name, e-mail address or employee
number – except what the register declares must stay until the retention date."""

import datetime

import pytest

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from cms.models import OutboxMessage
from courses.personal_data import personal_data_erase, personal_data_purge
from people.models import Employee, User
from people.privacy_register import evidence_columns
from sessions.models import HoursCorrection

from .conftest import EMAIL, LAST, NUMBER

pytestmark = pytest.mark.django_db(transaction=False)

TEXT_TYPES = {"CharField", "TextField", "JSONField", "EmailField", "SlugField", "GenericIPAddressField",
              "URLField", "FilePathField"}
NEEDLES = (LAST, EMAIL, NUMBER)


def _text_columns(cursor, table):
    for column in connection.introspection.get_table_description(cursor, table):
        try:
            kind = connection.introspection.get_field_type(column.type_code, column)
        except KeyError:
            kind = "TextField"  # an untyped SQLite column (full-text tables) may hold anything
        if kind in TEXT_TYPES:
            yield column.name


def scan() -> set[tuple[str, str, str]]:
    """(table, column, row id) of every text or JSON cell holding one of the needles."""
    hits = set()
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table.startswith("sqlite_") or table.endswith(("_data", "_idx", "_docsize", "_config")):
                continue  # SQLite's own and FTS5's tokenised shadow tables
            columns = list(_text_columns(cursor, table))
            pk = "rowid" if connection.vendor == "sqlite" else None
            if pk is None:
                names = [c.name for c in connection.introspection.get_table_description(cursor, table)]
                pk = "id" if "id" in names else (names[0] if names else None)
            if not columns:
                continue
            cells = [f"LOWER(CAST({qn(c)} AS TEXT))" for c in columns]
            where = " OR ".join(f"{cell} LIKE %s" for cell in cells for _n in NEEDLES)
            cursor.execute(
                f"SELECT {pk if pk == 'rowid' else qn(pk)}, {', '.join(cells)} FROM {qn(table)} WHERE {where}",  # noqa: S608 - introspected names
                [f"%{n.lower()}%" for _c in cells for n in NEEDLES],
            )
            for row in cursor.fetchall():
                for column, value in zip(columns, row[1:], strict=True):
                    if value and any(n.lower() in value for n in NEEDLES):
                        hits.add((table, column, str(row[0])))
    return hits


def _columns(pairs):
    out = set()
    for label, name in pairs:
        model = apps.get_model(label)
        field = model._meta.get_field(name)
        out.add((model._meta.db_table, field.column))
    return out


def _evidence_log_rows():
    from wagtail.models import ModelLogEntry

    rows = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(HoursCorrection))
    return {("wagtailcore_modellogentry", c, str(pk)) for pk in rows.values_list("pk", flat=True)
            for c in ("label", "data")}


def test_the_person_is_everywhere_before(person):
    tables = {table for table, _c, _r in scan()}
    for table in ("people_employee", "people_user", "cms_outboxmessage", "wagtailcore_modellogentry",
                  "dialogue_sessions_hourscorrection", "surveys_surveyinvitation", "cms_pagefeedback",
                  "axes_accessattempt", "otp_totp_totpdevice", "people_employeeimportchange",
                  "wagtailsearch_indexentry"):
        assert table in tables, table


def test_erasure_before_the_retention_date_leaves_only_the_evidence(person):
    result = personal_data_erase(employee=person.employee, erased_by=None)
    assert result["mode"] == "restrict"
    allowed = _columns(evidence_columns())
    leftover = {(t, c, r) for t, c, r in scan() if (t, c) not in allowed} - _evidence_log_rows()
    assert leftover == set()
    # The evidence itself is intact.
    employee = Employee.objects.get(pk=person.employee.pk)
    assert (employee.last_name, employee.employee_number, employee.email) == (LAST, NUMBER, "")
    assert employee.restricted_at is not None
    assert employee.attendances.get().minutes == 60
    assert not User.objects.filter(pk=person.login.pk).exists()
    assert not OutboxMessage.objects.filter(to_email=EMAIL).exists()


def test_purge_after_the_retention_date_leaves_nothing(person):
    from people.models import RoleAssignment

    RoleAssignment.objects.filter(user=person.login).delete()  # no longer staff
    report = personal_data_purge(today=datetime.date(2031, 1, 1))
    assert report.employees == 2  # she and her colleague
    assert scan() == set()
    employee = Employee.objects.get(pk=person.employee.pk)
    assert employee.erased_at is not None and employee.attendances.get().minutes == 60  # totals still add up


def test_purge_keeps_a_login_that_still_holds_a_role_and_nothing_else(person):
    from people.privacy_register import WHILE_STAFF, personal_fields

    personal_data_purge(today=datetime.date(2031, 1, 1))
    staff = _columns((d.model, f.name) for d, f in personal_fields() if f.retention == WHILE_STAFF)
    assert ("people_user", "email") in {(t, c) for t, c, _r in scan()}
    assert {(t, c) for t, c, _r in scan()} <= staff
    assert User.objects.get(pk=person.login.pk).employee_id is None


def test_purge_before_the_retention_date_changes_nothing(person):
    before = scan()
    report = personal_data_purge(today=datetime.date(2030, 12, 31), dry_run=False)
    assert report.employees == 0 and report.changed == 0
    assert scan() == before


def test_purge_run_twice_changes_nothing_the_second_time(person):
    def snapshot():
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
            state = {}
            for table in tables:
                if table.startswith("sqlite_") or table in {"django_session", "wagtailcore_modellogentry"}:
                    continue
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
                state[table] = sorted(
                    repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)) for row in cursor.fetchall()
                )
            return state

    dry = personal_data_purge(today=datetime.date(2031, 1, 1), dry_run=True)
    first = personal_data_purge(today=datetime.date(2031, 1, 1))
    assert dry.employees == first.employees == 2 and first.changed > 0
    after_first = snapshot()
    second = personal_data_purge(today=datetime.date(2031, 1, 1))
    assert second.employees == 0 and second.changed == 0
    assert snapshot() == after_first
