"""The project's base classes for Wagtail admin list and report views.

Every admin list (``IndexView``) and report (``ReportView``) of the project derives from these,
so that two things hold for all of them, including views added later:

- exports (CSV, XLSX) write safe cell values – formulas defused, control characters replaced
  (:mod:`cms.spreadsheets`); ``tests/cms/test_exports.py`` fails for any admin export of ours
  that does not go through them;
- a search never fails: see :meth:`BaseIndexView.search_queryset`.
"""

from __future__ import annotations

import re

from django.db import connection

from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.search.index import class_is_indexed
from wagtail.snippets.views import chooser, snippets

from .spreadsheets import SafeSpreadsheetExportMixin
from .widgets import SafeSnippetChooser

# What SQLite's FTS5 query syntax gives a meaning to (quotes, operators, column filters).
_FTS5_SYNTAX = re.compile(r"[^\w\s]")


class SafeSearchMixin:
    """Searches that cannot fail: see :meth:`search_queryset`."""

    def search_queryset(self, queryset):
        if self.is_searching and connection.vendor == "sqlite" and class_is_indexed(queryset.model):
            # The SQLite search backend of the embedded default fails on searches limited to
            # some fields ("no such column", wagtail/django-modelsearch#47) and on FTS5
            # syntax in the words (wagtail/wagtail#13227): search every indexed field, for
            # the words only. PostgreSQL needs neither.
            self.search_fields = None
            self.search_query = _FTS5_SYNTAX.sub(" ", self.search_query).strip()
            if not self.search_query:
                return queryset.none()
        return super().search_queryset(queryset)


class BaseIndexView(SafeSpreadsheetExportMixin, SafeSearchMixin, IndexView):
    """Wagtail's list view of a model, with safe exports and searches that cannot fail."""

    results_template_name = "cms/admin/index_results.html"  # a Swedish empty state


class BaseSnippetIndexView(SafeSpreadsheetExportMixin, SafeSearchMixin, snippets.IndexView):
    """Wagtail's list view of a snippet (a translatable model), with the same guarantees."""


class BaseReportView(SafeSpreadsheetExportMixin, ReportView):
    """Wagtail's report view, with safe exports."""


class BaseModelViewSet(ModelViewSet):
    """Wagtail's ModelViewSet, with :class:`BaseIndexView` as its list view."""

    index_view_class = BaseIndexView


class PermittedChooserMixin:
    """Wagtail's snippet chooser answers any admin user; ours only those with a permission on
    the model (the same who see its list)."""

    def dispatch(self, request, *args, **kwargs):
        from django.core.exceptions import PermissionDenied

        from wagtail.permissions import policy_registry

        policy = policy_registry.get_by_type(self.model)
        if not policy.user_has_any_permission(request.user, ["add", "change", "delete", "view"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PermittedSnippetChooserViewSet(chooser.SnippetChooserViewSet):
    base_widget_class = SafeSnippetChooser
    choose_view_class = type("PermittedChooseView", (PermittedChooserMixin, chooser.ChooseView), {})
    choose_results_view_class = type(
        "PermittedChooseResultsView", (PermittedChooserMixin, chooser.ChooseResultsView), {}
    )
    chosen_view_class = type("PermittedChosenView", (PermittedChooserMixin, chooser.SnippetChosenView), {})
    chosen_multiple_view_class = type(
        "PermittedChosenMultipleView", (PermittedChooserMixin, chooser.SnippetChosenMultipleView), {}
    )
    # Nothing offers to create from a chooser (Wagtail's create view fails without a creation
    # form): refused.
    create_view_class = type(
        "PermittedChooserCreateView", (PermittedChooserMixin, chooser.SnippetCreateView),
        {"can_create": lambda self: False},
    )


class BaseSnippetViewSet(snippets.SnippetViewSet):
    """Wagtail's SnippetViewSet – for models translated with wagtail-localize, whose "Translate"
    action lives on snippets – with :class:`BaseSnippetIndexView` as its list view and a
    chooser only for those who may see the model."""

    index_view_class = BaseSnippetIndexView
    chooser_viewset_class = PermittedSnippetChooserViewSet
