"""Wagtail admin viewsets whose every view – list, edit, delete, history – is limited to the
viewer's scope, so an object outside it is a 404 whatever URL is typed.

Subclasses override :meth:`ScopedModelViewSet.scoped_queryset`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.admin.utils import unquote
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

from cms.admin_views import BaseIndexView

ScopedQueryset = Callable[..., QuerySet]


class _ScopedObjectMixin:
    scoped_queryset: ScopedQueryset | None = None

    def get_object(self, queryset=None):
        if getattr(self, "object", None):
            return self.object
        pk = self.kwargs.get(self.pk_url_kwarg) or self.args[0]
        return get_object_or_404(self.scoped_queryset(self.request.user), pk=unquote(str(pk)))


class ScopedIndexView(BaseIndexView):
    scoped_queryset: ScopedQueryset | None = None

    def get_base_queryset(self):
        return self.scoped_queryset(self.request.user)


class ScopedEditView(_ScopedObjectMixin, generic.EditView):
    pass


class ScopedDeleteView(_ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedInspectView(_ScopedObjectMixin, generic.InspectView):
    pass


class ScopedHistoryView(_ScopedObjectMixin, history.HistoryView):
    pass


class ScopedUsageView(_ScopedObjectMixin, usage.UsageView):
    pass


class ScopedCopyView(_ScopedObjectMixin, generic.CopyView):
    pass


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet limited to ``scoped_queryset(user)`` in every view."""

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_class = ScopedCopyView

    def scoped_queryset(self, user) -> QuerySet:  # pragma: no cover - abstract
        raise NotImplementedError

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(scoped_queryset=self.scoped_queryset, **kwargs)


class ScopedAdminForm(WagtailAdminModelForm):
    """Limits the choices of the named foreign keys to the viewer's scope.

    ``scoped_choices`` maps a field name to a callable taking the user.
    """

    scoped_choices: dict[str, ScopedQueryset] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        for name, selector in self.scoped_choices.items():
            if name in self.fields and user is not None:
                self.fields[name].queryset = selector(user)
