import pytest

from wagtail.models import ModelLogEntry

from people.models import Role, RoleAssignment
from people.services import role_assign, role_revoke
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_giving_and_taking_a_role_is_in_the_audit_log_and_in_the_groups(programme_admin, workplace):
    user = UserFactory()
    assignment = role_assign(user=user, role=Role.MANAGER, workplace=workplace, assigned_by=programme_admin)
    role_assign(user=user, role=Role.MANAGER, workplace=workplace, assigned_by=programme_admin)
    entries = ModelLogEntry.objects.filter(object_id=str(assignment.pk)).order_by("timestamp")
    assert [e.action for e in entries] == ["wagtail.create"]
    assert entries[0].user_id == programme_admin.pk
    assert entries[0].data["workplace"] == workplace.pk
    assert user.groups.filter(name="Chefer").exists()

    pk = assignment.pk
    role_revoke(assignment=assignment, revoked_by=programme_admin)
    assert not RoleAssignment.objects.filter(pk=pk).exists()
    actions = list(ModelLogEntry.objects.filter(object_id=str(pk)).values_list("action", flat=True))
    assert sorted(actions) == ["wagtail.create", "wagtail.delete"]
    assert not user.groups.filter(name="Chefer").exists()


def test_role_scope_is_a_database_constraint(workplace):
    from django.db import IntegrityError, transaction

    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role=Role.HR, workplace=workplace)
    assert not RoleAssignment.objects.filter(user=user).exists()


def test_role_groups_get_a_permission_made_by_a_migration_even_after_a_flush(db):
    """wagtail-localize creates "submit_translation" in a data migration; a database emptied
    since (as a transactional test leaves it) lacks it, and editors could not translate."""
    from django.contrib.auth.models import Group, Permission

    from people.roles import ROLE_GROUP_NAMES, Role
    from people.services import role_groups_sync

    Permission.objects.filter(codename="submit_translation").delete()
    role_groups_sync()
    editors = Group.objects.get(name=ROLE_GROUP_NAMES[Role.EDITOR])
    assert editors.permissions.filter(content_type__app_label="wagtail_localize", codename="submit_translation").exists()
