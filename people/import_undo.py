"""Undoing the last HR import: what an import records, and how it is put back exactly.

Every import that writes keeps, per employee it touched, the imported fields as they were
before and after (:class:`people.models.EmployeeImportChange`). Undo
(:func:`employee_import_undo`) restores the before-images and deletes the
employees the import created – refused, with nothing changed, when:

- the undo window (``SAMTALSRUM_IMPORT_UNDO_HOURS``) has passed, or the import was undone;
- a later import touched the same organisation (only the latest import can be undone);
- someone changed one of the employees since (its fields no longer match the after-image),
  or an employee the import created has since been invited, attended, or got a login.

The images are deleted once the window has passed, since they hold personal data
(:func:`employee_import_changes_purge`, run by Celery beat).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Employee, EmployeeImport, EmployeeImportChange, User

# What an import may change, and so what undo restores. ``updated_at`` is restored too.
IMAGE_FIELDS = (
    "first_name", "last_name", "email", "workplace_id", "employment_start", "employment_end",
    "preferred_language", "gender", "hourly_cost",
)


def undo_window() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.SAMTALSRUM_IMPORT_UNDO_HOURS)


def undo_deadline(record: EmployeeImport) -> datetime.datetime | None:
    """Until when ``record`` can be undone, or ``None`` if it was never imported."""
    if record.imported_at is None:
        return None
    return record.imported_at + undo_window()


def undo_available(record: EmployeeImport, *, now: datetime.datetime) -> bool:
    """Whether ``record`` can still be undone as far as time and later imports go (the
    service checks again, with the employees themselves, when asked to undo)."""
    if record.status != EmployeeImport.Status.IMPORTED or now > undo_deadline(record):
        return False
    return not later_imports(record)


def _json(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if value is not None and not isinstance(value, str | int | bool):
        return str(value)  # Decimal
    return value


def employee_image(employee: Employee, *, with_timestamp: bool = False) -> dict[str, Any]:
    """The imported fields of ``employee`` as JSON values."""
    image = {name: _json(getattr(employee, name)) for name in IMAGE_FIELDS}
    if with_timestamp:
        image["updated_at"] = _json(employee.updated_at)
    return image


def image_of(values: Mapping[str, Any], *, with_timestamp: bool = False) -> dict[str, Any]:
    """:func:`employee_image` of an employee read as a dictionary (``QuerySet.values()``)."""
    image = {name: _json(values[name]) for name in IMAGE_FIELDS}
    if with_timestamp:
        image["updated_at"] = _json(values["updated_at"])
    return image


def restore_image(employee: Employee, image: dict[str, Any]) -> None:
    """Set the fields of ``employee`` back to ``image`` (not saved)."""
    for name in (*IMAGE_FIELDS, "updated_at"):
        if name not in image:
            continue
        model_field = Employee._meta.get_field(name.removesuffix("_id"))
        value = image[name]
        if value is not None and not isinstance(model_field, models.ForeignKey):
            value = model_field.to_python(value)
        setattr(employee, name, value)


def later_imports(record: EmployeeImport) -> list[EmployeeImport]:
    """Imports written after ``record`` into any of its organisations (and not undone)."""
    own = set(record.summary.get("organisation_ids", []))
    later = EmployeeImport.objects.filter(
        status=EmployeeImport.Status.IMPORTED, imported_at__gt=record.imported_at
    ).exclude(pk=record.pk).only("id", "summary")
    return [item for item in later if own & set(item.summary.get("organisation_ids", []))]


def changed_since(changes: list[EmployeeImportChange], employees: dict[int, Employee]) -> list[Employee]:
    """Employees whose imported fields no longer match what the import wrote."""
    return [
        employees[change.employee_id]
        for change in changes
        if change.employee_id in employees
        and employee_image(employees[change.employee_id]) != change.after
    ]


def created_with_login(changes: list[EmployeeImportChange]) -> list[int]:
    created = [c.employee_id for c in changes if c.action == EmployeeImportChange.Action.CREATED]
    return list(User.objects.filter(employee_id__in=created).values_list("employee_id", flat=True))


def employee_import_changes_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the before/after images of imports that can no longer be undone (personal data)."""
    now = now or timezone.now()
    deleted, _ = EmployeeImportChange.objects.filter(
        models.Q(employee_import__imported_at__lt=now - undo_window())
        | models.Q(employee_import__status=EmployeeImport.Status.UNDONE)
    ).delete()
    return deleted


@transaction.atomic
def employee_import_undo(
    *, record: EmployeeImport, undone_by: User | None, now: datetime.datetime | None = None
) -> EmployeeImport:
    """Undo an import: put back every employee it changed or marked as left exactly as they
    were, and delete the employees it created. All or nothing, and audited.

    Refused (``ValidationError``, nothing changed) after the undo window, when a later import
    touched the same organisation, or when an employee has changed since – see
    :mod:`people.import_undo`. ``undone_by`` must be allowed to import into every
    organisation of the import (``None``: the command line).
    """
    from wagtail.log_actions import log

    # The import records its changes with this module's helpers, so its own helpers are
    # imported here rather than at the top.
    from .hr_import import _import_organisations_allowed, _update_in_batches

    record = EmployeeImport.objects.select_for_update().get(pk=record.pk)
    allowed = _import_organisations_allowed(undone_by)
    organisation_ids = set(record.summary.get("organisation_ids", []))
    if allowed is not None and not organisation_ids <= allowed:
        raise PermissionDenied(_("Du får inte ångra en import till en annan organisation."))
    if record.status == EmployeeImport.Status.UNDONE:
        raise ValidationError(_("Importen är redan ångrad."))
    if record.status != EmployeeImport.Status.IMPORTED:
        raise ValidationError(_("Bara en genomförd import kan ångras."))
    now = now or timezone.now()
    if now > undo_deadline(record):
        raise ValidationError(
            _("En import kan bara ångras inom %(hours)s timmar. Ändra de anställda för hand "
              "eller importera en ny fil.")
            % {"hours": settings.SAMTALSRUM_IMPORT_UNDO_HOURS}
        )
    if later_imports(record):
        raise ValidationError(
            _("En senare import har gjorts till samma organisation. Bara den senaste importen "
              "kan ångras.")
        )

    changes = list(record.changes.all())
    employees = Employee.objects.select_for_update().in_bulk(
        [change.employee_id for change in changes if change.employee_id is not None]
    )
    if len(employees) != len(changes):
        raise ValidationError(
            _("%(count)s av de anställda som importen ändrade finns inte längre, så den kan inte "
              "ångras.") % {"count": len(changes) - len(employees)}
        )
    changed = changed_since(changes, employees)
    if changed:
        raise ValidationError(
            _("%(count)s anställda har ändrats efter importen (bland andra %(name)s), så den kan "
              "inte ångras utan att de ändringarna går förlorade. Rätta dem för hand i stället.")
            % {"count": len(changed), "name": changed[0].full_name}
        )
    created = [c.employee_id for c in changes if c.action == EmployeeImportChange.Action.CREATED]
    if created_with_login(changes):
        raise ValidationError(
            _("Någon av de nya anställda har fått en inloggning sedan importen, så importen kan "
              "inte ångras.")
        )
    try:
        Employee.objects.filter(pk__in=created).delete()
    except (models.ProtectedError, models.RestrictedError) as exc:
        raise ValidationError(
            _("Några av de nya anställda har redan bjudits in eller registrerats på ett "
              "tillfälle, så importen kan inte ångras.")
        ) from exc
    restored = []
    for change in changes:
        if change.action != EmployeeImportChange.Action.CREATED:
            employee = employees[change.employee_id]
            restore_image(employee, change.before)
            restored.append(employee)
    _update_in_batches(restored, [*IMAGE_FIELDS, "updated_at"])

    record.status = EmployeeImport.Status.UNDONE
    record.undone_at = now
    record.undone_by = undone_by
    record.save(update_fields=["status", "undone_at", "undone_by"])
    log(record, "samtalsrum.employee_import.undo", user=undone_by, data={
        "file_name": record.file_name,
        "organisation_ids": sorted(organisation_ids),
        "deleted": len(created),
        "restored": len(restored),
    })
    if restored:
        from .tasks import employees_search_index_task

        ids = [employee.pk for employee in restored]
        transaction.on_commit(lambda: employees_search_index_task.delay(ids))
    return record
