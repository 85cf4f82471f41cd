"""The write step of the HR import: the employees a checked file creates, changes and marks as
left, with the records undo needs (:mod:`people.import_undo`), in the current transaction.

One interface, two ways. On PostgreSQL the rows go with ``COPY`` into a temporary staging table
(dropped at commit at the latest), and from there with one ``INSERT … SELECT`` for the new
employees and one ``UPDATE … FROM`` for the changed and the leavers, each of which writes its
change records (before- and after-images as JSON) in the same statement. Elsewhere (SQLite,
the embedded default) the ORM writes in batches. Both give the same rows.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection

from . import import_undo
from .models import Employee, EmployeeImport, EmployeeImportChange

BATCH_SIZE = 500
_STAGING = "people_import_staging"
# The columns of the staging table after ``line``, ``action`` and ``employee_id``.
_COLUMNS = ("organisation_id", "employee_number", *import_undo.IMAGE_FIELDS)


@dataclass(frozen=True)
class EmployeeChange:
    """An existing employee the import changes: ``action`` is ``updated`` or ``left``;
    ``before`` the employee as read (``id``, the image fields and ``updated_at``), ``after``
    every image field as it will be."""

    action: str
    before: Mapping[str, Any]
    after: Mapping[str, Any]


def employees_write(
    *,
    record: EmployeeImport,
    created: list[dict[str, Any]],
    changed: list[EmployeeChange],
    now: datetime.datetime,
) -> list[int]:
    """Create ``created`` (each with ``organisation_id``, ``employee_number`` and every image
    field), write ``changed``, and record every change under ``record``. Returns the new
    employees' ids in the order given."""
    if connection.vendor == "postgresql":
        return _write_with_copy(record=record, created=created, changed=changed, now=now)
    return _write_with_orm(record=record, created=created, changed=changed, now=now)


# --- Any database: the ORM ------------------------------------------------------------------


def _write_with_orm(
    *,
    record: EmployeeImport,
    created: list[dict[str, Any]],
    changed: list[EmployeeChange],
    now: datetime.datetime,
) -> list[int]:
    from .hr_import import _update_in_batches

    new = [Employee(**values) for values in created]
    Employee.objects.bulk_create(new, batch_size=BATCH_SIZE)
    written = []
    for change in changed:
        employee = Employee(pk=change.before["id"], **change.after)
        employee.updated_at = now
        written.append(employee)
    _update_in_batches(written, [*import_undo.IMAGE_FIELDS, "updated_at"])
    Action = EmployeeImportChange.Action
    rows = [
        EmployeeImportChange(
            employee_import=record, employee=employee, action=Action.CREATED, before=None,
            after=import_undo.employee_image(employee),
        )
        for employee in new
    ]
    rows.extend(
        EmployeeImportChange(
            employee_import=record, employee_id=change.before["id"], action=change.action,
            before=import_undo.image_of(change.before, with_timestamp=True),
            after=import_undo.image_of(change.after),
        )
        for change in changed
    )
    EmployeeImportChange.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return [employee.pk for employee in new]


# --- PostgreSQL: COPY into a staging table, then set-based statements -----------------------

# COPY's text format: backslash, tab and line breaks are escaped, NULL is \N.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = re.compile(r"[\\\n\r]").search


def _copy_line(values: list[Any]) -> str:
    """One row in COPY's text format; ``str()`` of a date, a number or a Decimal is what
    PostgreSQL reads."""
    texts = ["" if value is None else str(value) for value in values]
    joined = "\t".join(texts)
    if joined.count("\t") != len(values) - 1 or _NEEDS_ESCAPE(joined):
        texts = [text.translate(_COPY_ESCAPES) for text in texts]  # rarely: a tab in a name
    return "\t".join(["\\N" if value is None else text for value, text in zip(values, texts, strict=True)])


def _image_sql(alias: str, *, with_timestamp: bool = False) -> str:
    """``import_undo.image_of`` in SQL: the same JSON for the same employee row."""
    parts = []
    for name in import_undo.IMAGE_FIELDS:
        column = f"{alias}.{name}"
        if name in ("employment_start", "employment_end"):
            column = f"to_char({column}, 'YYYY-MM-DD')"
        elif name == "hourly_cost":
            column = f"{column}::text"
        parts.append(f"'{name}', {column}")
    if with_timestamp:
        # datetime.isoformat() of the UTC time Django reads: microseconds only when not zero.
        utc = f"({alias}.updated_at AT TIME ZONE 'UTC')"
        parts.append(
            f"""'updated_at', to_char({utc}, 'YYYY-MM-DD"T"HH24:MI:SS')
            || CASE WHEN extract(microseconds FROM {utc})::bigint %% 1000000 = 0 THEN ''
               ELSE to_char({utc}, '.US') END || '+00:00'"""
        )
    return f"jsonb_build_object({', '.join(parts)})"


def _write_with_copy(
    *,
    record: EmployeeImport,
    created: list[dict[str, Any]],
    changed: list[EmployeeChange],
    now: datetime.datetime,
) -> list[int]:
    if not created and not changed:
        return []
    lines = [
        _copy_line([line, "created", None, *(values[c] for c in _COLUMNS)])
        for line, values in enumerate(created)
    ]
    lines.extend(
        _copy_line([
            line, change.action, change.before["id"], None, None,
            *(change.after[c] for c in import_undo.IMAGE_FIELDS),
        ])
        for line, change in enumerate(changed, start=len(created))
    )
    fields = ", ".join(import_undo.IMAGE_FIELDS)
    with connection.cursor() as cursor:
        # A second import in the same transaction (the tests, a script) finds it still there.
        cursor.execute(f"DROP TABLE IF EXISTS pg_temp.{_STAGING}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {_STAGING} ("  # noqa: S608 - no user input in the names
            "line integer, action text, employee_id bigint, organisation_id bigint, "
            "employee_number text, first_name text, last_name text, email text, "
            "workplace_id bigint, employment_start date, employment_end date, "
            "preferred_language text, gender text, hourly_cost numeric(8, 2)"
            ") ON COMMIT DROP"
        )
        cursor.copy_expert(f"COPY {_STAGING} FROM STDIN", io.StringIO("\n".join(lines) + "\n"))
        ids: list[int] = []
        if created:
            cursor.execute(
                f"""
                WITH new AS (
                    INSERT INTO people_employee (
                        organisation_id, employee_number, {fields},
                        link_version, created_at, updated_at
                    )
                    SELECT organisation_id, employee_number, {fields}, 1, %(now)s, %(now)s
                    FROM {_STAGING} WHERE action = 'created'
                    RETURNING *
                ), changes AS (
                    INSERT INTO people_employeeimportchange
                        (employee_import_id, employee_id, action, before, after)
                    SELECT %(record)s, new.id, 'created', NULL, {_image_sql("new")} FROM new
                )
                SELECT id FROM new
                """,  # noqa: S608 - names from the code, values as parameters
                {"now": now, "record": record.pk},
            )
            ids = [row[0] for row in cursor.fetchall()]
        if changed:
            assignments = ", ".join(f"{name} = s.{name}" for name in import_undo.IMAGE_FIELDS)
            cursor.execute(
                f"""
                WITH written AS (
                    UPDATE people_employee e SET {assignments}, updated_at = %(now)s
                    FROM {_STAGING} s, people_employee old
                    WHERE s.action <> 'created' AND e.id = s.employee_id AND old.id = e.id
                    RETURNING e.id, s.action, s.line,
                        {_image_sql("old", with_timestamp=True)} AS before,
                        {_image_sql("e")} AS after
                )
                INSERT INTO people_employeeimportchange
                    (employee_import_id, employee_id, action, before, after)
                SELECT %(record)s, id, action, before, after FROM written ORDER BY line
                """,  # noqa: S608 - names from the code, values as parameters
                {"now": now, "record": record.pk},
            )
        cursor.execute(f"DROP TABLE {_STAGING}")
    return ids
