"""Writes for organisations, people and roles.

The HR import's writes live in :mod:`people.hr_import` and :mod:`people.import_undo`; they
are re-exported here, where callers look for services.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .hr_import import (  # noqa: F401 - re-exported
    ImportResult,
    LeaverResult,
    RowAction,
    RowResult,
    employee_import,
    employee_import_confirm,
    employee_import_prepare,
    employee_import_preview,
    employee_import_previews_purge,
)
from .import_undo import employee_import_changes_purge, employee_import_undo  # noqa: F401
from .languages import employee_language_set  # noqa: F401 - re-exported
from .models import Organisation, Role, RoleAssignment, User, Workplace
from .roles import ROLE_GROUP_NAMES, ROLE_PAGE_PERMISSIONS, ROLE_PERMISSIONS

# Permissions an app creates in a data migration rather than from a model's Meta, so a database
# emptied since (flush) lacks them until they are made again: (model, name) per permission.
_MIGRATION_PERMISSIONS = {
    "wagtail_localize.submit_translation": ("translation", "Can submit translations"),
}


def _migration_permission(dotted: str) -> Permission:
    from django.contrib.contenttypes.models import ContentType

    app_label, codename = dotted.split(".", 1)
    model, name = _MIGRATION_PERMISSIONS[dotted]
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})[0]


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
            if perm is None and dotted in _MIGRATION_PERMISSIONS:
                perm = _migration_permission(dotted)
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
