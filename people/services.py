"""Writes for organisations, people and roles."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .importing import ImportTable, normalise_key, read_employee_file
from .models import Employee, EmployeeImport, Organisation, Role, RoleAssignment, User, Workplace
from .roles import ROLE_GROUP_NAMES, ROLE_PAGE_PERMISSIONS, ROLE_PERMISSIONS


def role_groups_sync() -> None:
    """Create the role groups and give them exactly the permissions of ``people.roles``.

    Idempotent; runs after every migrate.
    """
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    for role, group_name in ROLE_GROUP_NAMES.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        wanted = []
        for dotted in ROLE_PERMISSIONS.get(role, []):
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)

        page_perms = ROLE_PAGE_PERMISSIONS.get(role, [])
        root = Page.get_first_root_node()
        if root is None:
            continue
        GroupPagePermission.objects.filter(group=group).exclude(
            permission__codename__in=page_perms
        ).delete()
        for codename in page_perms:
            perm = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
            if perm is not None:
                GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm)
        collection = Collection.get_first_root_node()
        if collection is not None and page_perms:
            for dotted in ROLE_PERMISSIONS.get(role, []):
                app_label, codename = dotted.split(".", 1)
                if app_label not in {"wagtaildocs", "wagtailimages"}:
                    continue
                perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
                if perm is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=collection, permission=perm
                    )


def user_groups_sync(*, user: User) -> None:
    """Put ``user`` in exactly the groups of the roles they hold."""
    roles = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    managed_names = set(ROLE_GROUP_NAMES.values())
    wanted = set(Group.objects.filter(name__in=[ROLE_GROUP_NAMES[r] for r in roles]))
    current = set(user.groups.filter(name__in=managed_names))
    if wanted - current:
        user.groups.add(*(wanted - current))
    if current - wanted:
        user.groups.remove(*(current - wanted))
    user.__dict__.pop("_samtalsrum_scope", None)


@transaction.atomic
def role_assign(
    *,
    user: User,
    role: Role | str,
    organisation: Organisation | None = None,
    workplace: Workplace | None = None,
    assigned_by: User | None = None,
) -> RoleAssignment:
    """Give ``user`` a role (idempotent) and the admin permissions that come with it.

    A new assignment is written to the audit log (the admin's own screens log theirs too).
    """
    from wagtail.log_actions import log

    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, organisation=organisation, workplace=workplace
    )
    if created:
        log(assignment, "wagtail.create", user=assigned_by, data=_role_log_data(assignment))
    user_groups_sync(user=user)
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, revoked_by: User | None = None) -> None:
    """Take a role away, with an audit-log entry, and the admin permissions that came with it."""
    from wagtail.log_actions import log

    user = assignment.user
    log(assignment, "wagtail.delete", user=revoked_by, data=_role_log_data(assignment))
    assignment.delete()
    user_groups_sync(user=user)


def user_privileges_audit(*, user: User, changed_by: User, before: tuple[bool, frozenset[str]]) -> None:
    """Writes to the audit log what a superuser changed directly on a login, outside roles:
    its superuser flag, its groups (``before`` is ``(is_superuser, group names)``)."""
    from wagtail.log_actions import log

    was_superuser, groups_before = before
    if user.is_superuser != was_superuser:
        log(user, "samtalsrum.user.superuser", user=changed_by,
            data={"user": user.email, "before": was_superuser, "after": user.is_superuser})
    groups_after = frozenset(user.groups.values_list("name", flat=True))
    if groups_after != groups_before:
        log(user, "samtalsrum.user.groups", user=changed_by,
            data={"user": user.email, "added": sorted(groups_after - groups_before),
                  "removed": sorted(groups_before - groups_after)})


def _role_log_data(assignment: RoleAssignment) -> dict:
    return {
        "user": assignment.user.email,
        "role": assignment.role,
        "organisation": assignment.organisation_id,
        "workplace": assignment.workplace_id,
    }


# --- HR import of employees -------------------------------------------------------------------

_COMPARED_FIELDS = (
    "first_name", "last_name", "email", "workplace_id", "employment_start", "employment_end",
    "preferred_language", "gender", "hourly_cost",
)
_IMPORT_BATCH_SIZE = 500
# Fields of Employee.search_fields an import can change; others need no new index entry.
_SEARCHED_FIELDS = frozenset({"first_name", "last_name", "email"})


class RowAction(models.TextChoices):
    CREATE = "create", gettext_lazy("Ny")
    UPDATE = "update", gettext_lazy("Ändras")
    UNCHANGED = "unchanged", gettext_lazy("Oförändrad")
    ERROR = "error", gettext_lazy("Fel")


@dataclass
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
    leavers: list[LeaverResult] = field(default_factory=list)
    organisation_ids: list[int] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    imported: bool = False

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "rows": len(self.rows),
            "created": self.count(RowAction.CREATE),
            "updated": self.count(RowAction.UPDATE),
            "unchanged": self.count(RowAction.UNCHANGED),
            "errors": self.count(RowAction.ERROR),
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
) -> ImportResult:
    """Create, update and mark as left the employees of an HR file – all or nothing.

    ``table`` comes from :func:`people.importing.read_employee_file`. Rows are matched to
    employees by organisation and employee number, so importing the same file twice changes
    nothing. Employees of the imported organisation(s) missing from the file get
    ``employment_end = today`` unless they have already left; nobody is deleted.

    ``organisation`` is the organisation the file belongs to; it may be left out when the file
    has an organisation column (name or code per row). ``importer`` must hold
    ``people.import_employees`` and see every organisation involved; ``None`` means the
    command line, which may import into any organisation.

    With ``dry_run`` (the default) nothing is written. Nothing is written either when any row
    has an error. The number of queries does not depend on the number of rows.
    """
    from .selectors import scope_for

    today = today or timezone.localdate()
    result = ImportResult(
        dry_run=dry_run, file_errors=list(table.errors), ignored_columns=table.ignored_columns
    )

    if importer is not None:
        if not importer.has_perm("people.import_employees"):
            raise PermissionDenied(_("Du har inte behörighet att importera anställda."))
        scope = scope_for(importer)
        allowed = None if scope.is_programme_admin else set(scope.hr_organisation_ids)
    else:
        allowed = None
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

    existing: dict[tuple[int, str], Employee] = {
        (employee.organisation_id, employee.employee_number): employee
        for employee in Employee.objects.filter(organisation_id__in=org_ids)
    }

    # Duplicate employee numbers within the file.
    lines_by_key: dict[tuple[int, str], list[int]] = defaultdict(list)
    for row, org in zip(table.rows, row_orgs, strict=True):
        number = row.values.get("employee_number")
        if org is not None and number:
            lines_by_key[(org.pk, number)].append(row.line)

    to_create: list[Employee] = []
    to_update: list[Employee] = []
    update_fields: set[str] = set()
    search_changed: set[int] = set()
    now = timezone.now()
    for row, org, errors in zip(table.rows, row_orgs, row_errors, strict=True):
        values = row.values
        number = values.get("employee_number", "")
        row_result = RowResult(
            line=row.line,
            action=RowAction.ERROR,
            employee_number=number or row.raw.get("employee_number", ""),
            name=" ".join(
                part for part in (row.raw.get("first_name"), row.raw.get("last_name")) if part
            ),
            organisation=org.name if org else row.raw.get("organisation", ""),
            workplace=row.raw.get("workplace", ""),
            errors=errors,
        )
        result.rows.append(row_result)
        key = (org.pk, number) if org is not None and number else None
        if key and len(lines_by_key[key]) > 1:
            others = ", ".join(str(line) for line in lines_by_key[key] if line != row.line)
            errors.append(
                _("Anställningsnumret %(number)s finns också på rad %(lines)s.")
                % {"number": number, "lines": others}
            )

        workplace = None
        workplace_text = values.get("workplace")
        if org is not None and workplace_text:
            workplace_key = (org.pk, normalise_key(workplace_text))
            if workplaces.get(workplace_key) is ambiguous and workplace_key not in workplace_names:
                errors.append(
                    _("Arbetsplatskoden «%(value)s» används av flera arbetsplatser i %(organisation)s.")
                    % {"value": workplace_text, "organisation": org.name}
                )
            else:
                workplace = _lookup(workplaces, workplace_key, ambiguous) or workplace_names.get(
                    workplace_key
                )
                if workplace is None:
                    errors.append(
                        _("Okänd arbetsplats «%(value)s» i %(organisation)s.")
                        % {"value": workplace_text, "organisation": org.name}
                    )
                else:
                    row_result.workplace = workplace.name

        if errors or key is None or workplace is None:
            continue

        wanted = {name: values[name] for name in _COMPARED_FIELDS if name in values}
        wanted["workplace_id"] = workplace.pk
        employee = existing.get(key)
        if employee is None:
            if "employment_end" not in wanted:
                wanted["employment_end"] = None
            employee = Employee(organisation_id=org.pk, employee_number=number, **wanted)
            if not _dates_in_order(employee, errors):
                continue
            row_result.action = RowAction.CREATE
            to_create.append(employee)
            continue

        if "employment_end" not in wanted and employee.employment_end and employee.employment_end <= today:
            # Back in the HR system's export after having been marked as left: employed again.
            wanted["employment_end"] = None
        changed = [name for name, value in wanted.items() if getattr(employee, name) != value]
        if not changed:
            row_result.action = RowAction.UNCHANGED
            continue
        for name in changed:
            setattr(employee, name, wanted[name])
        if not _dates_in_order(employee, errors):
            continue
        employee.updated_at = now
        row_result.action = RowAction.UPDATE
        row_result.changes = [_field_label(name) for name in changed]
        update_fields.update(changed)
        to_update.append(employee)
        if _SEARCHED_FIELDS.intersection(changed):
            search_changed.add(employee.pk)

    # Whoever of the imported organisations is not in the file has left.
    in_file = set(lines_by_key)
    leavers: list[Employee] = []
    for key, employee in existing.items():
        if key in in_file or (employee.employment_end is not None and employee.employment_end <= today):
            continue
        end = today
        if employee.employment_start and employee.employment_start > today:
            end = employee.employment_start
        employee.employment_end = end
        employee.updated_at = now
        leavers.append(employee)
        workplace = workplace_by_id.get(employee.workplace_id)
        result.leavers.append(
            LeaverResult(
                employee_id=employee.pk,
                employee_number=employee.employee_number,
                name=employee.full_name,
                organisation=by_id[employee.organisation_id].name,
                workplace=workplace.name if workplace else "",
                employment_end=end,
            )
        )
    result.leavers.sort(key=lambda leaver: (leaver.organisation, leaver.name))

    for row_result in result.rows:
        if row_result.errors:
            row_result.action = RowAction.ERROR
    if dry_run or result.has_errors:
        return result

    Employee.objects.bulk_create(to_create, batch_size=_IMPORT_BATCH_SIZE)
    _update_in_batches(to_update, [*sorted(update_fields), "updated_at"])
    _update_in_batches(leavers, ["employment_end", "updated_at"])
    reindex = [employee.pk for employee in to_create] + [
        employee.pk for employee in to_update if employee.pk in search_changed
    ]
    if reindex:
        from .tasks import employees_search_index_task

        transaction.on_commit(lambda: employees_search_index_task.delay(reindex))
    result.imported = True
    return result


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


def _dates_in_order(employee: Employee, errors: list[str]) -> bool:
    start, end = employee.employment_start, employee.employment_end
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
) -> tuple[EmployeeImport | None, ImportResult]:
    """Keep an uploaded file and return what importing it would do; nothing is imported yet.

    A file that cannot be read at all (no headers, wrong format) is not kept: the record is
    ``None`` and the result's ``file_errors`` say why.
    """
    table = read_employee_file(content, file_name)
    result = employee_import(importer=importer, table=table, organisation=organisation, dry_run=True)
    if result.file_errors:
        return None, result
    record = EmployeeImport(
        created_by=importer,
        organisation=organisation,
        file_name=file_name[:255],
        content=content,
        status=EmployeeImport.Status.PREVIEW,
    )
    _record_counts(record, result)
    record.save()
    return record, result


def employee_import_preview(*, importer: User, record: EmployeeImport) -> ImportResult:
    """What importing a kept file would do now (a dry run; nothing is written)."""
    table = read_employee_file(bytes(record.content), record.file_name)
    return employee_import(
        importer=importer, table=table, organisation=record.organisation, dry_run=True
    )


@transaction.atomic
def employee_import_confirm(*, importer: User | None, record: EmployeeImport) -> ImportResult:
    """Import a previewed file for real. Refused (nothing written) if any row has an error."""
    record = EmployeeImport.objects.select_for_update().get(pk=record.pk)
    if record.status != EmployeeImport.Status.PREVIEW:
        raise ValidationError(_("Den här filen är redan hanterad."))
    table = read_employee_file(bytes(record.content), record.file_name)
    result = employee_import(
        importer=importer, table=table, organisation=record.organisation, dry_run=False
    )
    _record_counts(record, result)
    record.status = EmployeeImport.Status.IMPORTED if result.imported else EmployeeImport.Status.FAILED
    record.imported_at = timezone.now() if result.imported else None
    # The uploaded file holds personal data; once handled, only its counts are kept.
    record.content = b""
    record.save()
    return result


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
    record.left_count = counts["left"]
    record.error_count = counts["errors"]
    record.summary = {
        "organisation_ids": result.organisation_ids,
        "file_errors": result.file_errors,
        "errors": [
            {"line": row.line, "errors": row.errors} for row in result.rows if row.errors
        ][:200],
    }
