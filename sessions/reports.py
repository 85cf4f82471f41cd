"""The HR hours report: a Wagtail admin ReportView. Its CSV/XLSX export is ``sessions.exports``
through ``cms.exports``: streamed from a server-side cursor, or built by a background job.

Minutes come straight from the ledger (attendance plus corrections, summed in the database);
no rounding happens here – the funder's rounding rule applies only to the co-financing export.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import django_filters

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.permission_policies import ModelPermissionPolicy

from cms import formatting
from cms.admin_views import BaseReportView
from courses.models import Programme, TrackKind
from people.choosers import workplace_chooser_viewset
from people.models import Employee, Organisation, Workplace
from people.selectors import organisations_for, scope_for, workplaces_for

from . import completion, params, selectors
from .models import Attendance


def _no_op(queryset, name, value):
    return queryset  # applied when the minutes are read (see HoursReportView.paginate_queryset)


class HoursReportFilterSet(WagtailFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.none(), field_name="organisation"
    )
    # A chooser (people/choosers.py), not a <select> of every workplace in scope.
    workplace = django_filters.ModelChoiceFilter(
        label=_("Arbetsplats"), queryset=Workplace.objects.none(), field_name="workplace",
        widget=workplace_chooser_viewset.widget_class,
    )
    track = django_filters.ChoiceFilter(label=_("Spår"), choices=TrackKind.choices, method="filter_track")
    month = django_filters.CharFilter(label=_("Månad (ÅÅÅÅ-MM)"), method=_no_op)
    programme = django_filters.ModelChoiceFilter(label=_("Program"), queryset=Programme.objects.none(), method=_no_op)

    class Meta:
        model = Employee
        fields = ["programme", "organisation", "workplace", "track", "month"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user if request else None
        self.filters["organisation"].queryset = organisations_for(user)
        self.filters["programme"].queryset = selectors.programmes_for_reports(user)
        workplaces = workplaces_for(user)
        scope = scope_for(user)
        if not scope.is_programme_admin:
            workplaces = workplaces.filter(organisation_id__in=scope.hr_organisation_ids)
        self.filters["workplace"].queryset = workplaces

    def filter_track(self, queryset, name, value):
        # The preparatory track concerns managers and process leaders only.
        if value == TrackKind.PREPARATORY:
            return queryset.filter(selectors.preparatory_required())
        return queryset


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes or 0) / Decimal(60)).quantize(Decimal("0.01"))


def _hours_of_target(minutes: int | None, target: int) -> str:
    """On the page, as people say it: "1,4 av 14 timmar" (the exports keep exact decimals)."""
    return gettext("%(done)s av %(target)s timmar") % {
        "done": formatting.hours(minutes),
        "target": formatting.hours(target, 0 if target % 60 == 0 else 1),
    }


class ProgrammeFromQueryMixin:
    """``?programme=`` for a report: the viewer's newest programme without it, 404 for one
    outside their scope, 400 for a value that is no programme id."""

    @cached_property
    def programme(self) -> Programme | None:
        value = self.request.GET.get("programme")
        programme_id = params.object_id(value, what=_("program")) if value else None
        programme = selectors.hours_report_programme(self.request.user, programme_id)
        if programme is None and programme_id:
            raise Http404
        return programme


class HoursReportView(ProgrammeFromQueryMixin, BaseReportView):
    page_title = _("Timmar per anställd")
    header_icon = "time"
    index_url_name = "sessions_hours_report"
    index_results_url_name = "sessions_hours_report_results"
    filterset_class = HoursReportFilterSet
    permission_policy = ModelPermissionPolicy(Attendance)
    permission_required = "view"
    paginate_by = 100
    export_filename = "timmar"
    # The export buttons; the export itself is sessions.exports (see export_response).
    show_export_buttons = True

    @cached_property
    def month(self) -> datetime.date | None:
        return params.optional_month(self.request.GET.get("month"))

    def get(self, request, *args, **kwargs):
        try:
            self.month  # noqa: B018 - parsed once, here, so a bad month is a 400 with a message
            self.programme  # noqa: B018 - likewise a bad programme
        except params.BadParameter as exc:
            return render(
                request,
                "sessions/admin/bad_parameter.html",
                {"message": exc.message, "back_url": reverse(self.index_url_name), "page_title": self.page_title},
                status=400,
            )
        if self.is_export:
            return self.export_response()
        return super().get(request, *args, **kwargs)

    def export_parameters(self) -> dict:
        """The report's choices as JSON values for the export (ids, not objects)."""
        data = self.filters.form.cleaned_data if self.filters and self.filters.is_valid() else {}

        def pk(name):
            value = data.get(name)
            return value.pk if value is not None else None

        return {
            "programme": self.programme.pk if self.programme else None,
            "organisation": pk("organisation"),
            "workplace": pk("workplace"),
            "track": data.get("track") or None,
            "month": f"{self.month:%Y-%m}" if self.month else None,
        }

    def export_response(self):
        from cms.export_jobs import export_respond

        from .exports import HOURS_EXPORT

        return export_respond(
            self.request, kind_key=HOURS_EXPORT, parameters=self.export_parameters(),
            export_format=self.request.GET["export"],
        )

    @cached_property
    def targets(self) -> dict[str, int]:
        if self.programme is None:
            return {}
        return {t.kind: t.target_minutes for t in self.programme.tracks.all()}

    def get_base_queryset(self):
        # The people only: the paginator counts and cuts them cheaply, then the page's minutes
        # are read for that page alone (paginate_queryset); an export reads everyone's at once.
        return selectors.hours_report_people(self.request.user)

    def paginate_queryset(self, queryset, page_size):
        # Count as ids, then read the page and its minutes in one statement (selectors.hours_page).
        paginator, page, _ids, is_paginated = super().paginate_queryset(queryset.values_list("pk", flat=True), page_size)
        page.object_list = selectors.hours_page(
            queryset, offset=page.start_index() - 1 if paginator.count else 0, size=page_size,
            programme=self.programme, month=self.month,
        )
        return paginator, page, page.object_list, is_paginated

    def get_filename(self):
        return f"timmar-{self.month:%Y-%m}" if self.month else "timmar"

    @cached_property
    def columns(self):
        month = (self.month or datetime.date.today()).strftime("%Y-%m")  # noqa: DTZ011 - a month label

        def certificate_url(employee):
            return reverse("sessions:certificate", args=[employee.pk, month])

        return [
            TitleColumn("full_name", label=_("Namn"), get_url=certificate_url),
            Column("employee_number", label=_("Anst.nr")),
            Column("organisation", label=_("Organisation"), accessor="organisation.name"),
            Column("workplace", label=_("Arbetsplats"), accessor="workplace.name"),
            Column("preparatory", label=_("Preparandprocessen"), accessor="preparatory_label"),
            Column("workplace_hours", label=_("Arbetsplatsprocessen"), accessor="workplace_label"),
            Column("complete", label=_("Klar"), accessor="complete_label"),
        ]

    def _decorate(self, employee: Employee) -> Employee:
        prep_target = self.targets.get(TrackKind.PREPARATORY, 0)
        work_target = self.targets.get(TrackKind.WORKPLACE, 0)
        employee.preparatory_hours = _hours(employee.preparatory_minutes)
        employee.workplace_hours = _hours(employee.workplace_minutes)
        employee.preparatory_target_hours = _hours(prep_target) if employee.preparatory_required else ""
        employee.workplace_target_hours = _hours(work_target)
        employee.preparatory_label = (
            _hours_of_target(employee.preparatory_minutes, prep_target) if employee.preparatory_required
            else gettext("%(done)s timmar") % {"done": formatting.hours(employee.preparatory_minutes)}
        )
        employee.workplace_label = _hours_of_target(employee.workplace_minutes, work_target)
        done = completion.track_complete(employee.workplace_minutes, work_target)
        if employee.preparatory_required:
            done = done and completion.track_complete(employee.preparatory_minutes, prep_target)
        employee.complete_label = str(_("Ja") if done else _("Nej"))
        return employee

    def decorate_paginated_queryset(self, object_list):
        return [self._decorate(e) for e in object_list]
