"""The Wagtail admin's Users screens, without a way around roles.

What a login may do comes from its roles (``people/roles.py``), which place it in groups.
Wagtail's own user form lets anyone who may edit logins – programme admins – tick
"Administrator" (superuser) or pick groups directly, bypassing roles. Here those two fields
exist only for superusers, whose every such change is written to the audit log; everyone
else's form has no such fields, so a posted value is ignored. Non-superusers also cannot edit
or delete a superuser's login (setting its password would be a way to become one).

Installed by ``people.apps.PeopleUsersConfig`` in place of ``wagtail.users``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from wagtail.users.views import users as wagtail_users

from .models import RoleAssignment
from .services import user_privileges_audit

PRIVILEGE_FIELDS = ("is_superuser", "groups")


def _privileges(user) -> tuple[bool, frozenset[str]]:
    if user is None or user.pk is None:
        return False, frozenset()
    return user.is_superuser, frozenset(user.groups.values_list("name", flat=True))


class _RolesNotPrivilegesMixin:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            for name in PRIVILEGE_FIELDS:
                form.fields.pop(name, None)
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        instance = getattr(self, "object", None)
        context["roles"] = (
            RoleAssignment.objects.filter(user=instance).select_related("organisation", "workplace")
            if instance is not None and instance.pk
            else []
        )
        return context

    def save_instance(self):
        instance = super().save_instance()
        if self.request.user.is_superuser:
            user_privileges_audit(user=instance, changed_by=self.request.user, before=self.privileges_before)
        return instance


class UserCreateView(_RolesNotPrivilegesMixin, wagtail_users.CreateView):
    privileges_before = (False, frozenset())


class UserEditView(_RolesNotPrivilegesMixin, wagtail_users.EditView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Before the form writes into the instance.
        self.privileges_before = _privileges(self.object)

    def dispatch(self, request, *args, **kwargs):
        if self.object.is_superuser and not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UserViewSet(wagtail_users.UserViewSet):
    add_view_class = UserCreateView
    edit_view_class = UserEditView
    create_template_name = "people/admin/user_create.html"
    edit_template_name = "people/admin/user_edit.html"
