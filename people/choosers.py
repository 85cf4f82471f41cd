"""Wagtail choosers for logins and workplaces: a searchable modal instead of a ``<select>``.

A ``<select>`` of every login (the role form) or of every workplace (2 050 of them in the
report and list filters) is slow to render and hard to use; the chooser lists one page at a
time, searches by name, e-mail or code, and shows what tells two people or two units apart
(e-mail and workplace; organisation and code).

Every list, search and choice is limited to the viewer's scope through the selectors
(``assignable_users_for``, ``workplaces_for``): what is outside it is neither listed, nor
chosen by typing its id into the URL (404), nor named by a widget that is handed its id.
The widgets are not registered for every foreign key to these models; forms opt in with
``widget=`` (see ``people/wagtail_hooks.py`` and ``sessions/reports.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from operator import or_

from django import forms
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets.chooser import BaseChooser

from .models import User, Workplace
from .selectors import assignable_users_for, scope_for, workplaces_for


def _words_filter(queryset: QuerySet, query: str, fields: list[str]) -> QuerySet:
    """Every word of ``query`` in one of ``fields`` (case-insensitive), in the database."""
    for word in query.split()[:5]:
        queryset = queryset.filter(reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields)))
    return queryset


class _SearchForm(BaseFilterForm):
    """The chooser's search box; searches the scoped queryset directly (no search index)."""

    search_fields: list[str] = []

    q = forms.CharField(
        label=_("Sök"),
        widget=forms.TextInput(attrs={"placeholder": _("Sök")}),
        required=False,
        max_length=100,
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = _words_filter(objects, query, self.search_fields)
            self.is_searching = True
            self.search_query = query
        return objects


class UserSearchForm(_SearchForm):
    search_fields = ["first_name", "last_name", "email", "employee__workplace__name"]


class WorkplaceSearchForm(_SearchForm):
    search_fields = ["name", "code", "organisation__name", "parent__name"]


def _user_title(user: User) -> str:
    name = user.get_full_name()
    return f"{name} <{user.email}>" if name else user.email


def _user_workplace(user: User) -> str:
    employee = getattr(user, "employee", None)
    if employee is None or employee.workplace is None:
        return "–"
    return f"{employee.workplace.name} ({employee.workplace.organisation.name})"


def _workplace_title(workplace: Workplace) -> str:
    return f"{workplace.name} ({workplace.organisation.name})"


def _may_choose_logins(user) -> bool:
    # Only programme admins give roles (people.selectors.assignable_users_for).
    return scope_for(user).is_programme_admin


def _may_choose_workplaces(user) -> bool:
    # The forms and filters that choose a workplace are HR's and the programme admins'.
    scope = scope_for(user)
    return scope.is_programme_admin or scope.is_hr


class _GatedMixin:
    """Refuses (403) whoever has no form that uses this chooser: Wagtail's choosers answer
    every admin user, which would let them probe the list even when it is empty to them."""

    may_choose: Callable[..., bool]

    def dispatch(self, request, *args, **kwargs):
        if not self.may_choose(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class _NoCreateView(chooser_views.CreateView):
    """Nothing is created from these choosers (logins and workplaces have their own forms)."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class _ScopedChooserMixin(_GatedMixin):
    """Lists only ``scoped(user)``, the selector a subclass names."""

    scoped: Callable[..., QuerySet]

    def get_object_list(self):
        return self.scoped(self.request.user)


class _ScopedChosenMixin(_GatedMixin):
    """Chooses only inside ``scoped(user)``: another id is a 404."""

    scoped: Callable[..., QuerySet]
    display_title: Callable[..., str] = staticmethod(str)

    def get_object(self, pk):
        return self.scoped(self.request.user).get(pk=pk)

    def get_objects(self, pks):
        return self.scoped(self.request.user).filter(pk__in=pks)

    def get_display_title(self, instance):
        return self.display_title(instance)


# -- Logins (the role form) -------------------------------------------------------------------


class _UserColumnsMixin:
    ordering = ["last_name", "first_name", "email"]
    filter_form_class = UserSearchForm
    per_page = 20

    @property
    def columns(self):
        title = self.title_column
        title.label = _("Namn")
        title.accessor = lambda user: user.get_full_name() or user.email
        return [
            title,
            Column("email", label=_("E-post")),
            Column("workplace", label=_("Arbetsplats"), accessor=_user_workplace),
        ]


class UserChooseView(_UserColumnsMixin, _ScopedChooserMixin, chooser_views.ChooseView):
    scoped = staticmethod(assignable_users_for)
    may_choose = staticmethod(_may_choose_logins)


class UserChooseResultsView(_UserColumnsMixin, _ScopedChooserMixin, chooser_views.ChooseResultsView):
    scoped = staticmethod(assignable_users_for)
    may_choose = staticmethod(_may_choose_logins)


class UserChosenView(_ScopedChosenMixin, chooser_views.ChosenView):
    scoped = staticmethod(assignable_users_for)
    may_choose = staticmethod(_may_choose_logins)
    display_title = staticmethod(_user_title)


class UserChosenMultipleView(_ScopedChosenMixin, chooser_views.ChosenMultipleView):
    scoped = staticmethod(assignable_users_for)
    may_choose = staticmethod(_may_choose_logins)
    display_title = staticmethod(_user_title)


class ScopedChooser(BaseChooser):
    """A chooser widget that names only an object of its field's scoped queryset.

    ``ModelChoiceField`` hands its queryset to the widget as ``choices``; an id from outside it
    (a typed URL, a stale form) renders as nothing chosen rather than revealing the name.
    """

    def get_instance(self, value):
        if value is None or isinstance(value, self.model_class):
            return value
        choices = getattr(self, "choices", None)
        queryset = getattr(choices, "queryset", None)
        if queryset is None:
            return None
        try:
            return queryset.get(pk=value)
        except (ObjectDoesNotExist, ValueError, TypeError):
            return None


class UserChooser(ScopedChooser):
    def get_display_title(self, instance):
        return _user_title(instance)


class UserChooserViewSet(ChooserViewSet):
    model = User
    icon = "user"
    choose_one_text = _("Välj inloggning")
    choose_another_text = _("Välj en annan inloggning")
    edit_item_text = _("Redigera inloggningen")
    page_title = _("Välj inloggning")
    base_widget_class = UserChooser
    register_widget = False  # only the role form uses it; other user fields keep their own
    choose_view_class = UserChooseView
    choose_results_view_class = UserChooseResultsView
    chosen_view_class = UserChosenView
    chosen_multiple_view_class = UserChosenMultipleView
    create_view_class = _NoCreateView


# -- Workplaces (role form, employee form, report and list filters) --------------------------


class _WorkplaceColumnsMixin:
    ordering = ["organisation__name", "name"]
    filter_form_class = WorkplaceSearchForm
    per_page = 20

    @property
    def columns(self):
        title = self.title_column
        title.label = _("Arbetsplats")
        title.accessor = "name"
        return [
            title,
            Column("organisation", label=_("Organisation"), accessor="organisation.name"),
            Column("parent", label=_("Ingår i"), accessor=lambda w: w.parent.name if w.parent else "–"),
            Column("code", label=_("Kod"), accessor=lambda w: w.code or "–"),
        ]


class WorkplaceChooseView(_WorkplaceColumnsMixin, _ScopedChooserMixin, chooser_views.ChooseView):
    scoped = staticmethod(workplaces_for)
    may_choose = staticmethod(_may_choose_workplaces)


class WorkplaceChooseResultsView(_WorkplaceColumnsMixin, _ScopedChooserMixin, chooser_views.ChooseResultsView):
    scoped = staticmethod(workplaces_for)
    may_choose = staticmethod(_may_choose_workplaces)


class WorkplaceChosenView(_ScopedChosenMixin, chooser_views.ChosenView):
    scoped = staticmethod(workplaces_for)
    may_choose = staticmethod(_may_choose_workplaces)
    display_title = staticmethod(_workplace_title)


class WorkplaceChosenMultipleView(_ScopedChosenMixin, chooser_views.ChosenMultipleView):
    scoped = staticmethod(workplaces_for)
    may_choose = staticmethod(_may_choose_workplaces)
    display_title = staticmethod(_workplace_title)


class WorkplaceChooser(ScopedChooser):
    def get_display_title(self, instance):
        return _workplace_title(instance)


class WorkplaceChooserViewSet(ChooserViewSet):
    model = Workplace
    icon = "home"
    choose_one_text = _("Välj arbetsplats")
    choose_another_text = _("Välj en annan arbetsplats")
    edit_item_text = _("Redigera arbetsplatsen")
    page_title = _("Välj arbetsplats")
    base_widget_class = WorkplaceChooser
    register_widget = False
    choose_view_class = WorkplaceChooseView
    choose_results_view_class = WorkplaceChooseResultsView
    chosen_view_class = WorkplaceChosenView
    chosen_multiple_view_class = WorkplaceChosenMultipleView
    create_view_class = _NoCreateView


user_chooser_viewset = UserChooserViewSet("user_chooser", url_prefix="people/choose-login")
workplace_chooser_viewset = WorkplaceChooserViewSet("workplace_chooser", url_prefix="people/choose-workplace")
