"""Writes of the HR import: preview, import, undo (the services; reading files is
:mod:`people.importing`, the limits on files :mod:`people.import_limits`, the leaver rule
:mod:`people.leaver_rule`, what undo records :mod:`people.import_undo`).

Re-exported by :mod:`people.services`, where callers find them.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import import_undo
from .import_write import EmployeeChange, employees_write
from .importing import ImportTable, normalise_key, read_employee_file
from .leaver_rule import LeaverCheck, OrganisationLeavers, leaver_check
from .models import Employee, EmployeeImport, Organisation, User, Workplace

_COMPARED_FIELDS = (
    "first_name", "last_name", "email", "workplace_id", "employment_start", "employment_end",
    "preferred_language", "gender", "hourly_cost",
)
_IMPORT_BATCH_SIZE = 500  # rows per statement where the ORM writes
# Fields of Employee.search_fields an import can change; others need no new index entry.
_SEARCHED_FIELDS = frozenset({"first_name", "last_name", "email"})


class RowAction(models.TextChoices):
    CREATE = "create", gettext_lazy("Ny")
    UPDATE = "update", gettext_lazy("Ändras")
    UNCHANGED = "unchanged", gettext_lazy("Oförändrad")
    ERROR = "error", gettext_lazy("Fel")


@dataclass(slots=True)
class RowResult:
    """What the import does, or would do, with one row of the file."""

    line: int
    action: str
    employee_number: str = ""
    name: str = ""
    organisation: str = ""
    workplace: str = ""
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def get_action_display(self) -> str:
        return str(RowAction(self.action).label)


@dataclass
class LeaverResult:
    """Someone of an imported organisation who is missing from the file."""

    employee_id: int
    employee_number: str
    name: str
    organisation: str
    workplace: str
    employment_end: datetime.date


@dataclass
class ImportResult:
    """The outcome of :func:`employee_import`, for the preview, the result page and the command."""

    dry_run: bool
    file_errors: list[str] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)
    # Who is missing from the file; marked as left unless ``leavers_withheld``.
    leavers: list[LeaverResult] = field(default_factory=list)
    organisation_ids: list[int] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    imported: bool = False
    update_only: bool = False
    # The leaver rule (people.leaver_rule) applied to this file, and whether it kept the
    # leavers from being marked for want of a confirmation.
    leaver_check: LeaverCheck | None = None
    leavers_withheld: bool = False
    record: EmployeeImport | None = None

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        by_action = Counter(row.action for row in self.rows)
        return {
            "rows": len(self.rows),
            "created": by_action[RowAction.CREATE],
            "updated": by_action[RowAction.UPDATE],
            "unchanged": by_action[RowAction.UNCHANGED],
            "errors": by_action[RowAction.ERROR],
            "left": len(self.leavers),
        }

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(row.errors for row in self.rows)

    def rows_errors_first(self) -> list[RowResult]:
        order = {"error": 0, "create": 1, "update": 2, "unchanged": 3}
        return sorted(self.rows, key=lambda row: (order[str(row.action)], row.line))


def _lookup(mapping: dict, key, ambiguous: object):
    value = mapping.get(key)
    return None if value is ambiguous else value


@transaction.atomic
def employee_import(
    *,
    importer: User | None,
    table: ImportTable,
    organisation: Organisation | None = None,
    dry_run: bool = True,
    today: datetime.date | None = None,
    update_only: bool = False,
    allow_mass_leavers: bool = False,
    expected_leavers: int | None = None,
    record: EmployeeImport | None = None,
) -> ImportResult:
    """Create, update and mark as left the employees of an HR file – all or nothing.

    ``table`` comes from :func:`people.importing.read_employee_file`. Rows are matched to
    employees by organisation and employee number, so importing the same file twice changes
    nothing. Employees of the imported organisation(s) missing from the file get
    ``employment_end = today`` unless they have already left; nobody is deleted.

    Who is marked as left follows :mod:`people.leaver_rule`: nobody with ``update_only``;
    more than the set share of an organisation only with ``allow_mass_leavers`` (else nobody,
    and ``result.leavers_withheld`` says so). ``expected_leavers`` is the number the person
    confirmed: if the file now marks a different number, nothing is written
    (``ValidationError``).

    What is written is recorded in ``record`` (created when not given) with a before-image of
    every employee changed, so the import can be undone (:func:`employee_import_undo`), and
    in the audit log.

    ``organisation`` is the organisation the file belongs to; it may be left out when the file
    has an organisation column (name or code per row). ``importer`` must hold
    ``people.import_employees`` and see every organisation involved; ``None`` means the
    command line, which may import into any organisation.

    With ``dry_run`` (the default) nothing is written. Nothing is written either when any row
    has an error. The number of queries does not depend on the number of rows.
    """
    today = today or timezone.localdate()
    result = ImportResult(
        dry_run=dry_run,
        file_errors=list(table.errors),
        ignored_columns=table.ignored_columns,
        update_only=update_only,
    )

    allowed = _import_organisations_allowed(importer)
    if organisation is not None and allowed is not None and organisation.pk not in allowed:
        raise PermissionDenied(_("Du får inte importera anställda till %(organisation)s.") % {
            "organisation": organisation.name,
        })
    has_organisation_column = "organisation" in table.columns
    if organisation is None and not has_organisation_column and not table.errors:
        result.file_errors.append(
            _("Välj organisation: filen har ingen kolumn som anger organisation.")
        )
    if result.file_errors:
        return result

    # A constant number of queries: every organisation, workplace and employee needed is read
    # once into dictionaries.
    if has_organisation_column:
        organisations = list(Organisation.objects.only("id", "name", "code"))
    else:
        organisations = [organisation]
    by_id = {org.pk: org for org in organisations}
    org_keys: dict[str, Organisation] = {}
    for org in organisations:
        org_keys[normalise_key(org.name)] = org
        org_keys[normalise_key(org.code)] = org

    # Each row's messages: those from reading the file, then those found here. The table
    # itself is left as it was, so it can be imported again after a preview.
    row_errors = [list(row.errors) for row in table.rows]

    # Which organisation each row belongs to.
    row_orgs: list[Organisation | None] = []
    for row, errors in zip(table.rows, row_errors, strict=True):
        org = organisation
        text = row.values.get("organisation", "") if has_organisation_column else ""
        if text:
            found = org_keys.get(normalise_key(text))
            if found is None:
                errors.append(_("Okänd organisation «%(value)s».") % {"value": text})
                org = None
            elif allowed is not None and found.pk not in allowed:
                errors.append(
                    _("Du får inte importera anställda till organisationen «%(value)s».")
                    % {"value": found.name}
                )
                org = None
            elif organisation is not None and found.pk != organisation.pk:
                errors.append(
                    _("Raden gäller %(row)s men importen gäller %(chosen)s.")
                    % {"row": found.name, "chosen": organisation.name}
                )
                org = None
            else:
                org = found
        elif org is None:
            errors.append(_("Fältet organisation är tomt."))
        row_orgs.append(org)

    org_ids = sorted({org.pk for org in row_orgs if org is not None})
    if organisation is not None:
        org_ids = [organisation.pk]
    result.organisation_ids = org_ids

    ambiguous = object()
    workplaces: dict[tuple[int, str], Workplace | object] = {}
    workplace_names: dict[tuple[int, str], Workplace] = {}
    workplace_by_id: dict[int, Workplace] = {}
    for workplace in Workplace.objects.filter(organisation_id__in=org_ids).only(
        "id", "organisation_id", "name", "code"
    ):
        workplace_by_id[workplace.pk] = workplace
        workplace_names[(workplace.organisation_id, normalise_key(workplace.name))] = workplace
        if workplace.code:
            key = (workplace.organisation_id, normalise_key(workplace.code))
            workplaces[key] = ambiguous if key in workplaces else workplace

    existing: dict[tuple[int, str], dict[str, Any]] = {
        (employee["organisation_id"], employee["employee_number"]): employee
        for employee in Employee.objects.filter(organisation_id__in=org_ids).values(
            "id", "organisation_id", "employee_number", *import_undo.IMAGE_FIELDS, "updated_at"
        )
    }

    # Duplicate employee numbers within the file.
    lines_by_key: dict[tuple[int, str], list[int]] = defaultdict(list)
    for row, org in zip(table.rows, row_orgs, strict=True):
        number = row.values.get("employee_number")
        if org is not None and number:
            lines_by_key[(org.pk, number)].append(row.line)

    created: list[dict[str, Any]] = []
    updated: list[EmployeeChange] = []
    search_changed: list[int] = []
    # The end of employment of those in the file as this import leaves it, for the leaver rule.
    ends_now: dict[tuple[int, str], datetime.date | None] = {}
    defaults = _new_employee_defaults()
    compared = [name for name in _COMPARED_FIELDS if name in table.columns]  # the file's fields
    # A file names the same few workplaces on many rows: each name is looked up once.
    resolved: dict[tuple[int, str], tuple[Workplace | None, bool]] = {}

    def resolve_workplace(org_pk: int, text: str) -> tuple[Workplace | None, bool]:
        """The workplace a cell names (by code, else by name) and whether the code is ambiguous."""
        workplace_key = (org_pk, normalise_key(text))
        if workplaces.get(workplace_key) is ambiguous and workplace_key not in workplace_names:
            return None, True
        found = _lookup(workplaces, workplace_key, ambiguous) or workplace_names.get(workplace_key)
        return found, False

    now = timezone.now()
    for row, org, errors in zip(table.rows, row_orgs, row_errors, strict=True):
        values = row.values
        raw = row.raw
        number = values.get("employee_number", "")
        first_name, last_name = raw.get("first_name"), raw.get("last_name")
        row_result = RowResult(
            line=row.line,
            action=RowAction.ERROR,
            employee_number=number or raw.get("employee_number", ""),
            name=f"{first_name} {last_name}" if first_name and last_name
            else (first_name or last_name or ""),
            organisation=org.name if org else raw.get("organisation", ""),
            workplace=raw.get("workplace", ""),
            errors=errors,
        )
        result.rows.append(row_result)
        org_pk = org.pk if org is not None else None
        key = (org_pk, number) if org_pk is not None and number else None
        if key and len(lines_by_key[key]) > 1:
            others = ", ".join(str(line) for line in lines_by_key[key] if line != row.line)
            errors.append(
                _("Anställningsnumret %(number)s finns också på rad %(lines)s.")
                % {"number": number, "lines": others}
            )

        workplace = None
        workplace_text = values.get("workplace")
        if org_pk is not None and workplace_text:
            found = resolved.get((org_pk, workplace_text))
            if found is None:
                found = resolved[(org_pk, workplace_text)] = resolve_workplace(org_pk, workplace_text)
            workplace, is_ambiguous = found
            if is_ambiguous:
                errors.append(
                    _("Arbetsplatskoden «%(value)s» används av flera arbetsplatser i %(organisation)s.")
                    % {"value": workplace_text, "organisation": org.name}
                )
            elif workplace is None:
                errors.append(
                    _("Okänd arbetsplats «%(value)s» i %(organisation)s.")
                    % {"value": workplace_text, "organisation": org.name}
                )
            else:
                row_result.workplace = workplace.name

        if errors or key is None or workplace is None:
            continue

        wanted = {name: values[name] for name in compared if name in values}
        wanted["workplace_id"] = workplace.pk
        employee = existing.get(key)
        if employee is None:
            new = {**defaults, **wanted, "organisation_id": org_pk, "employee_number": number}
            if not _dates_in_order(new["employment_start"], new["employment_end"], errors):
                continue
            row_result.action = RowAction.CREATE
            created.append(new)
            continue

        if "employment_end" not in wanted and employee["employment_end"] and employee["employment_end"] <= today:
            # Back in the HR system's export after having been marked as left: employed again.
            wanted["employment_end"] = None
        changed = [name for name, value in wanted.items() if employee[name] != value]
        if not changed:
            row_result.action = RowAction.UNCHANGED
            continue
        after = {name: employee[name] for name in import_undo.IMAGE_FIELDS}
        after.update(wanted)
        ends_now[key] = after["employment_end"]
        if not _dates_in_order(after["employment_start"], after["employment_end"], errors):
            continue
        row_result.action = RowAction.UPDATE
        row_result.changes = [_field_label(name) for name in changed]
        updated.append(EmployeeChange("updated", employee, after))
        if _SEARCHED_FIELDS.intersection(changed):
            search_changed.append(employee["id"])

    # Whoever of the imported organisations is not in the file has left – unless the leaver
    # rule says otherwise (people.leaver_rule).
    in_file = set(lines_by_key)
    leavers: list[EmployeeChange] = []
    current: dict[int, int] = defaultdict(int)
    for key, employee in existing.items():
        end_now = ends_now.get(key, employee["employment_end"])
        if end_now is not None and end_now <= today:
            continue
        current[employee["organisation_id"]] += 1
        if key in in_file or update_only:
            continue
        end = today
        start = employee["employment_start"]
        if start and start > today:
            end = start
        after = {name: employee[name] for name in import_undo.IMAGE_FIELDS}
        after["employment_end"] = end
        leavers.append(EmployeeChange("left", employee, after))
        workplace = workplace_by_id.get(employee["workplace_id"])
        result.leavers.append(
            LeaverResult(
                employee_id=employee["id"],
                employee_number=employee["employee_number"],
                name=f"{employee['first_name']} {employee['last_name']}",
                organisation=by_id[employee["organisation_id"]].name,
                workplace=workplace.name if workplace else "",
                employment_end=end,
            )
        )
    result.leavers.sort(key=lambda leaver: (leaver.organisation, leaver.name))
    leaving: dict[int, int] = defaultdict(int)
    for change in leavers:
        leaving[change.before["organisation_id"]] += 1
    result.leaver_check = leaver_check([
        OrganisationLeavers(organisation=by_id[pk].name, leavers=count, current=current[pk])
        for pk, count in sorted(leaving.items())
    ])
    if result.leaver_check.needs_confirmation and not allow_mass_leavers:
        result.leavers_withheld = True
        leavers = []

    for row_result in result.rows:
        if row_result.errors:
            row_result.action = RowAction.ERROR
    if dry_run or result.has_errors:
        return result
    if expected_leavers is not None and expected_leavers != len(leavers):
        raise ValidationError(
            _("Filen markerar nu %(count)s anställda som slutade, inte %(expected)s som du "
              "bekräftade. Ingenting har importerats; granska förhandsvisningen igen.")
            % {"count": len(leavers), "expected": expected_leavers}
        )

    result.imported = True
    result.record = _import_record(
        importer=importer, table=table, organisation=organisation, result=result,
        record=record, now=now,
    )
    created_ids = employees_write(
        record=result.record, created=created, changed=[*updated, *leavers], now=now
    )
    reindex = created_ids + search_changed
    if reindex:
        from .tasks import employees_search_index_task

        transaction.on_commit(lambda: employees_search_index_task.delay(reindex))
    return result


def _new_employee_defaults() -> dict[str, Any]:
    """What a new employee gets for a column the file does not have (the model's defaults)."""
    defaults = {}
    for name in import_undo.IMAGE_FIELDS:
        if name == "workplace_id":
            continue
        default = Employee._meta.get_field(name).get_default()
        defaults[name] = str(default) if isinstance(default, str) else default
    return defaults


def _import_record(
    *,
    importer: User | None,
    table: ImportTable,
    organisation: Organisation | None,
    result: ImportResult,
    record: EmployeeImport | None,
    now: datetime.datetime,
) -> EmployeeImport:
    """Mark ``record`` (or a new record, for the command line) as imported, with its counts,
    and write the import to the audit log."""
    from wagtail.log_actions import log

    if record is None:
        record = EmployeeImport(
            created_by=importer,
            organisation=organisation,
            file_name=table.file_name[:255],
            update_only=result.update_only,
        )
    record.status = EmployeeImport.Status.IMPORTED
    record.imported_at = now
    # The uploaded file holds personal data; once imported, only its counts are kept.
    record.content = b""
    _record_counts(record, result)
    record.save()
    log(record, "samtalsrum.employee_import.import", user=importer, data={
        "file_name": record.file_name,
        "organisation_ids": result.organisation_ids,
        "update_only": result.update_only,
        **{key: value for key, value in result.counts.items() if key != "left"},
        "left": record.left_count,
        "leavers_withheld": len(result.leavers) if result.leavers_withheld else 0,
        "mass_leavers_confirmed": bool(
            result.leaver_check and result.leaver_check.needs_confirmation
            and not result.leavers_withheld
        ),
    })
    return record


def _update_in_batches(employees: list[Employee], fields: list[str]) -> None:
    """Write ``fields`` of many employees with one ``UPDATE … FROM (VALUES …)`` per batch.

    Django's ``bulk_update`` builds a ``CASE WHEN`` expression per field and row in Python,
    which took most of a 10 000-row import; PostgreSQL and SQLite (3.33+) both take a list of
    values joined on the primary key instead.
    """
    if not employees:
        return
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        Employee.objects.bulk_update(employees, fields, batch_size=_IMPORT_BATCH_SIZE)
        return
    quote = connection.ops.quote_name
    model_fields = [Employee._meta.pk, *(Employee._meta.get_field(name) for name in fields)]
    columns = [field.column for field in model_fields]
    if vendor == "postgresql":
        # The types of a VALUES list come from its contents; say them for NULLs and dates.
        placeholder = "(" + ", ".join(
            f"CAST(%s AS {field.cast_db_type(connection)})" for field in model_fields
        ) + ")"
    else:
        placeholder = "(" + ", ".join(["%s"] * len(model_fields)) + ")"
    table = quote(Employee._meta.db_table)
    assignments = ", ".join(f"{quote(column)} = v.{quote(column)}" for column in columns[1:])
    column_list = ", ".join(quote(column) for column in columns)
    pk = quote(columns[0])
    with connection.cursor() as cursor:
        for start in range(0, len(employees), _IMPORT_BATCH_SIZE):
            batch = employees[start : start + _IMPORT_BATCH_SIZE]
            params = [
                field.get_db_prep_save(getattr(employee, field.attname), connection)
                for employee in batch
                for field in model_fields
            ]
            sql = (
                f"WITH v ({column_list}) AS (VALUES {', '.join([placeholder] * len(batch))}) "  # noqa: S608 - names from the model
                f"UPDATE {table} SET {assignments} FROM v WHERE {table}.{pk} = v.{pk}"
            )
            cursor.execute(sql, params)


def _dates_in_order(
    start: datetime.date | None, end: datetime.date | None, errors: list[str]
) -> bool:
    if start and end and end < start:
        errors.append(_("Anställd till ligger före anställd från."))
        return False
    return True


def _field_label(name: str) -> str:
    return str(Employee._meta.get_field(name.removesuffix("_id")).verbose_name)


@transaction.atomic
def employee_import_prepare(
    *,
    importer: User,
    file_name: str,
    content: bytes,
    organisation: Organisation | None = None,
    update_only: bool = False,
) -> tuple[EmployeeImport | None, ImportResult]:
    """Keep an uploaded file and return what importing it would do; nothing is imported yet.

    A file that cannot be read at all (no headers, wrong format) is not kept: the record is
    ``None`` and the result's ``file_errors`` say why.
    """
    table = read_employee_file(content, file_name)
    result = employee_import(
        importer=importer, table=table, organisation=organisation, dry_run=True,
        update_only=update_only,
    )
    if result.file_errors:
        return None, result
    record = EmployeeImport(
        created_by=importer,
        organisation=organisation,
        file_name=file_name[:255],
        content=content,
        status=EmployeeImport.Status.PREVIEW,
        update_only=update_only,
    )
    _record_counts(record, result)
    record.save()
    return record, result


def _file_gone() -> str:
    return _("Den uppladdade filen finns inte längre. Ladda upp den igen.")


def employee_import_preview(*, importer: User, record: EmployeeImport) -> ImportResult:
    """What importing a kept file would do now (a dry run; nothing is written)."""
    if not record.content:
        return ImportResult(dry_run=True, file_errors=[_file_gone()])
    table = read_employee_file(bytes(record.content), record.file_name)
    return employee_import(
        importer=importer, table=table, organisation=record.organisation, dry_run=True,
        update_only=record.update_only,
    )


@transaction.atomic
def employee_import_confirm(
    *,
    importer: User | None,
    record: EmployeeImport,
    allow_mass_leavers: bool = False,
    expected_leavers: int | None = None,
) -> ImportResult:
    """Import a previewed file for real. Refused (nothing written) if any row has an error.

    ``allow_mass_leavers`` and ``expected_leavers`` carry the person's second confirmation
    when the file marks more than the set share as left (see :func:`employee_import`).
    """
    record = EmployeeImport.objects.select_for_update().get(pk=record.pk)
    if record.status != EmployeeImport.Status.PREVIEW:
        raise ValidationError(_("Den här filen är redan hanterad."))
    if not record.content:
        raise ValidationError(_file_gone())
    table = read_employee_file(bytes(record.content), record.file_name)
    result = employee_import(
        importer=importer, table=table, organisation=record.organisation, dry_run=False,
        update_only=record.update_only, allow_mass_leavers=allow_mass_leavers,
        expected_leavers=expected_leavers, record=record,
    )
    if not result.imported:
        _record_counts(record, result)
        record.status = EmployeeImport.Status.FAILED
        # The uploaded file holds personal data; once handled, only its counts are kept.
        record.content = b""
        record.save()
    return result


def _import_organisations_allowed(user: User | None) -> set[int] | None:
    """Organisations ``user`` may import into (``None``: any – a programme admin or the
    command line). Refused without the import permission."""
    from .selectors import scope_for

    if user is None:
        return None
    if not user.has_perm("people.import_employees"):
        raise PermissionDenied(_("Du har inte behörighet att importera anställda."))
    scope = scope_for(user)
    return None if scope.is_programme_admin else set(scope.hr_organisation_ids)


def employee_import_previews_purge(*, older_than: datetime.timedelta = datetime.timedelta(days=2)) -> int:
    """Delete uploads that were previewed but never imported, with the personal data in them."""
    deleted, _ = EmployeeImport.objects.filter(
        status=EmployeeImport.Status.PREVIEW, created_at__lt=timezone.now() - older_than
    ).delete()
    return deleted


def _record_counts(record: EmployeeImport, result: ImportResult) -> None:
    counts = result.counts
    record.row_count = counts["rows"]
    record.created_count = counts["created"]
    record.updated_count = counts["updated"]
    record.unchanged_count = counts["unchanged"]
    record.left_count = 0 if result.leavers_withheld else counts["left"]
    record.error_count = counts["errors"]
    record.summary = {
        "organisation_ids": result.organisation_ids,
        "file_errors": result.file_errors,
        "errors": [
            {"line": row.line, "errors": row.errors} for row in result.rows if row.errors
        ][:200],
        "leavers_withheld": counts["left"] if result.leavers_withheld else 0,
        "leaver_message": (
            result.leaver_check.message()
            if result.leaver_check and result.leaver_check.needs_confirmation else ""
        ),
    }
