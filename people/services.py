"""Writes for organisations, people and roles."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import Organisation, Role, RoleAssignment, User, Workplace
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
) -> RoleAssignment:
    """Give ``user`` a role (idempotent) and the admin permissions that come with it."""
    assignment, _created = RoleAssignment.objects.get_or_create(
        user=user, role=role, organisation=organisation, workplace=workplace
    )
    user_groups_sync(user=user)
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment) -> None:
    user = assignment.user
    assignment.delete()
    user_groups_sync(user=user)
