"""Wagtail's site history report (Reports → Site history), limited to the viewer's scope.

``cms/urls.py`` serves this view at the report's own address, ahead of Wagtail's, so the menu
item, the filters, the results fragment and the CSV/XLSX exports all go through it. Which
entries a viewer reads is decided by ``cms.selectors.log_entries_for``; the exports write every
cell through ``cms.spreadsheets``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import IntegerField, Value
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import ContentTypeFilter
from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.log_actions import registry as log_action_registry

from .selectors import log_entries_for
from .spreadsheets import SafeSpreadsheetExportMixin


def _visible(user) -> list:
    return [log_entries_for(user, log_model) for log_model in log_action_registry.get_log_entry_models()]


def _content_types_for_filter(request):
    ids: set[int] = set()
    for entries in _visible(request.user):
        ids.update(entries.get_content_type_ids())
    return ContentType.objects.filter(pk__in=ids).order_by("model")


class ScopedSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    """The report's filters, offering only the types, actions and people of visible entries."""

    object_type = ContentTypeFilter(
        label=_("Type"), method="filter_object_type", queryset=_content_types_for_filter
    )

    def get_action_choices(self):
        actions: set[str] = set()
        for entries in _visible(self.request.user):
            actions.update(entries.get_actions())
        return [choice for choice in log_action_registry.get_choices() if choice[0] in actions]

    def get_user_choices(self):
        ids: set[int] = set()
        for entries in _visible(self.request.user):
            ids.update(entries.get_user_ids())
        User = get_user_model()
        return User.objects.filter(pk__in=ids).order_by(User.USERNAME_FIELD)

    class Meta(SiteHistoryReportFilterSet.Meta):
        pass


class ScopedSiteHistoryView(SafeSpreadsheetExportMixin, LogEntriesView):
    filterset_class = ScopedSiteHistoryFilterSet

    def get_filtered_queryset(self):
        # As Wagtail's report: one values() query per log model, filtered, then a union
        # ordered by time; decorate_paginated_queryset turns the page's rows into entries.
        # The only difference is where each model's entries come from.
        self.log_models = list(log_action_registry.get_log_entry_models())
        combined = None
        for index, log_model in enumerate(self.log_models):
            entries = (
                log_entries_for(self.request.user, log_model)
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            )
            entries = self.filter_queryset(entries).order_by()
            combined = entries if combined is None else combined.union(entries, all=True)
        return combined.order_by("-timestamp")
