"""People screens in the Wagtail admin, grouped under one menu item."""

import json

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup

from .choosers import user_chooser_viewset, workplace_chooser_viewset
from .models import (
    ORGANISATION_ROLES,
    PROGRAMME_ROLES,
    WORKPLACE_ROLES,
    Employee,
    EmployeeImport,
    Organisation,
    RoleAssignment,
    Workplace,
)
from .selectors import assignable_users_for, employees_for, organisations_for, workplaces_for
from .viewsets import ScopedAdminForm, ScopedIndexView, ScopedModelViewSet

#: Hook for apps above ``people`` to add actions to each row of the employee list (for
#: example surveys' "revoke and reissue links"): ``fn(request, employee) -> list[Button]``.
EMPLOYEE_LISTING_BUTTONS_HOOK = "register_employee_listing_buttons"


def _scoped(selector):
    """A filter choice queryset limited to what the requesting user may see."""
    return lambda request: selector(request.user) if request is not None else selector(None)


class WorkplaceFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=_scoped(organisations_for)
    )

    class Meta:
        model = Workplace
        fields = ["organisation"]


class EmployeeFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=_scoped(organisations_for)
    )
    # A chooser, not a <select> of every workplace (thousands of them for a programme admin).
    workplace = django_filters.ModelChoiceFilter(
        label=_("Arbetsplats"), queryset=_scoped(workplaces_for), widget=workplace_chooser_viewset.widget_class
    )

    class Meta:
        model = Employee
        fields = ["organisation", "workplace", "gender", "preferred_language"]


class OrganisationViewSet(ScopedModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisationer")
    add_to_admin_menu = False
    list_display = ["name", "code", "organisation_number"]
    search_fields = ["name", "code"]
    form_fields = ["name", "code", "organisation_number"]
    inspect_view_enabled = True

    def scoped_queryset(self, user):
        return organisations_for(user)


class WorkplaceForm(ScopedAdminForm):
    scoped_choices = {"organisation": organisations_for, "parent": workplaces_for}


class WorkplaceViewSet(ScopedModelViewSet):
    model = Workplace
    icon = "home"
    menu_label = _("Arbetsplatser")
    list_display = ["name", "organisation", "parent", "code"]
    filterset_class = WorkplaceFilterSet
    search_fields = ["name", "code"]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [
            FieldPanel("organisation"),
            FieldPanel("parent", widget=workplace_chooser_viewset.widget_class),
            FieldPanel("name"),
            FieldPanel("code"),
        ],
        base_form_class=WorkplaceForm,
    )

    def scoped_queryset(self, user):
        return workplaces_for(user)


class EmployeeForm(ScopedAdminForm):
    scoped_choices = {"organisation": organisations_for, "workplace": workplaces_for}

    def clean(self):
        from django.core.exceptions import ValidationError

        cleaned = super().clean()
        organisation, workplace = cleaned.get("organisation"), cleaned.get("workplace")
        if organisation and workplace and workplace.organisation_id != organisation.id:
            raise ValidationError({"workplace": _("Arbetsplatsen hör inte till den valda organisationen.")})
        return cleaned


class EmployeeIndexView(ScopedIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for fn in hooks.get_hooks(EMPLOYEE_LISTING_BUTTONS_HOOK):
            buttons.extend(fn(self.request, instance))
        return buttons


class EmployeeViewSet(ScopedModelViewSet):
    model = Employee
    index_view_class = EmployeeIndexView
    icon = "user"
    menu_label = _("Anställda")
    list_display = ["last_name", "first_name", "employee_number", "workplace", "organisation", "employment_end"]
    filterset_class = EmployeeFilterSet
    list_per_page = 50
    search_fields = ["first_name", "last_name", "employee_number", "email"]
    list_export = [
        "employee_number", "first_name", "last_name", "email", "organisation", "workplace",
        "employment_start", "employment_end", "preferred_language", "gender",
    ]
    export_filename = "anstallda"
    inspect_view_enabled = True
    edit_handler = ObjectList([
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("employee_number")]),
        FieldPanel("email"),
        FieldPanel("workplace", widget=workplace_chooser_viewset.widget_class),
        FieldRowPanel([FieldPanel("employment_start"), FieldPanel("employment_end")]),
        MultiFieldPanel(
            [FieldPanel("preferred_language"), FieldPanel("gender"), FieldPanel("hourly_cost")],
            heading=_("Övrigt"),
        ),
    ], base_form_class=EmployeeForm)

    def scoped_queryset(self, user):
        return employees_for(user)


class RoleAssignmentForm(ScopedAdminForm):
    """The role, then where it applies: an organisation for HR, a workplace for a manager or a
    process leader, nothing for the programme-wide roles.

    With JavaScript only the place that fits the chosen role is shown (Wagtail's ``w-rules``);
    the other is hidden and disabled, so it is never sent. Without it, choosing the wrong one
    is refused with a message on the field to clear.
    """

    scoped_choices = {
        "user": assignable_users_for,
        "organisation": organisations_for,
        "workplace": workplaces_for,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "role" in self.fields:
            self.fields["role"].help_text = _(
                "HR gäller en organisation. Chef och processledare gäller en arbetsplats. "
                "Programadministratör, redaktör och styrgrupp gäller hela programmet."
            )

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        organisation, workplace = cleaned.get("organisation"), cleaned.get("workplace")
        if role in PROGRAMME_ROLES:
            for name, value in (("organisation", organisation), ("workplace", workplace)):
                if value:
                    self.add_error(name, _("Rollen gäller hela programmet: lämna fältet tomt."))
        elif role in ORGANISATION_ROLES and workplace:
            self.add_error("workplace", _("HR gäller en hel organisation, inte en arbetsplats: lämna arbetsplatsen tom."))
        elif role in WORKPLACE_ROLES and organisation:
            self.add_error(
                "organisation",
                _("Chef och processledare gäller en arbetsplats, inte en hel organisation: lämna organisationen tom."),
            )
        return cleaned


def _role_place_panel(name: str, roles, widget_class=forms.Select) -> FieldPanel:
    """The organisation or workplace field, shown and sent only for the roles it fits."""
    rule = json.dumps({"role": [str(r.value) for r in roles]})
    return FieldPanel(
        name,
        widget=widget_class(attrs={"data-w-rules-target": "enable", "data-w-rules": rule}),
        attrs={"data-w-rules-target": "show", "data-w-rules": rule},
    )


class RoleAssignmentViewSet(ScopedModelViewSet):
    model = RoleAssignment
    icon = "key"
    menu_label = _("Roller")
    list_display = ["user", "role", "organisation", "workplace"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    edit_handler = ObjectList(
        [
            FieldPanel("user", widget=user_chooser_viewset.widget_class),
            FieldPanel("role"),
            _role_place_panel("organisation", ORGANISATION_ROLES),
            _role_place_panel("workplace", WORKPLACE_ROLES, workplace_chooser_viewset.widget_class),
        ],
        base_form_class=RoleAssignmentForm,
        attrs={"data-controller": "w-rules", "data-action": "change->w-rules#resolve"},
    )

    def scoped_queryset(self, user):
        from .selectors import scope_for

        qs = RoleAssignment.objects.select_related("user", "organisation", "workplace")
        return qs if scope_for(user).is_programme_admin else qs.none()


class PeopleViewSetGroup(ViewSetGroup):
    menu_label = _("Organisation och personer")
    menu_icon = "group"
    menu_order = 200
    submenu_hook = "register_people_menu_item"
    items = (OrganisationViewSet, WorkplaceViewSet, EmployeeViewSet, RoleAssignmentViewSet)


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleViewSetGroup()


@hooks.register("register_admin_viewset")
def register_people_choosers():
    return [user_chooser_viewset, workplace_chooser_viewset]


@hooks.register("register_log_actions")
def register_link_log_actions(actions):
    actions.register_action("samtalsrum.links_revoke", _("Spärra länkar"), _("Personens länkar spärrades och ersattes"))
    actions.register_action(
        "samtalsrum.preferred_language", _("Byta föredraget språk"), _("Personens föredragna språk ändrades")
    )


@hooks.register("register_log_actions")
def register_import_log_actions(actions) -> None:
    actions.register_action(
        "samtalsrum.employee_import.import", _("Importera anställda"), _("Anställda importerade")
    )
    actions.register_action(
        "samtalsrum.employee_import.undo", _("Ångra import av anställda"), _("Import av anställda ångrad")
    )


@hooks.register("register_admin_urls")
def register_import_urls():
    from django.urls import include, path

    from . import admin_urls

    return [path("people/import/", include(admin_urls, namespace="people_import"))]


class EmployeeImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("people.import_employees")


@hooks.register("register_people_menu_item")
def register_import_menu_item():
    from django.urls import reverse_lazy

    return EmployeeImportMenuItem(
        _("Importera anställda"),
        reverse_lazy("people_import:upload"),
        name="employee-import",
        icon_name="upload",
        order=900,
    )


@hooks.register("register_log_actions")
def register_login_log_actions(actions) -> None:
    actions.register_action(
        "samtalsrum.two_factor.enable", _("Slå på tvåstegsverifiering"), _("Tvåstegsverifiering påslagen")
    )
    actions.register_action(
        "samtalsrum.two_factor.disable", _("Stäng av tvåstegsverifiering"), _("Tvåstegsverifiering avstängd")
    )
    actions.register_action(
        "samtalsrum.two_factor.backup_codes", _("Skapa reservkoder"), _("Nya reservkoder skapade")
    )
    actions.register_action(
        "samtalsrum.user.superuser", _("Ändra superanvändare"), _("Superanvändarbehörighet ändrad")
    )
    actions.register_action("samtalsrum.user.groups", _("Ändra grupper"), _("Grupper ändrade direkt"))


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    from django.urls import reverse

    return {
        "url": reverse("people:two_factor"),
        "label": _("Tvåstegsverifiering"),
        "help_text": _("Logga in med en kod från en app i telefonen, och hantera dina reservkoder."),
    }


@hooks.register("register_log_scope")
def register_people_log_scope():
    from .selectors import employee_imports_for

    # Roles and logins: no declaration, so only programme admins read their history.
    return {
        Organisation: organisations_for,
        Workplace: workplaces_for,
        Employee: employees_for,
        EmployeeImport: employee_imports_for,
    }
