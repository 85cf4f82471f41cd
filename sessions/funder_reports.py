"""The funder's participant list and co-financing summary as Wagtail ReportViews with their
CSV/XLSX exports (through ``cms.admin_views.BaseReportView``, so every cell is safe)."""

from __future__ import annotations

import datetime

import django_filters

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy

from cms.admin_views import BaseReportView
from courses.models import Programme, TrackKind
from people.models import Employee, Organisation
from people.selectors import organisations_for

from . import completion, funder, params, selectors
from .models import Attendance
from .reports import ProgrammeFromQueryMixin


def _no_op(queryset, name, value):
    return queryset  # read by the view and applied in the selector


def _last_month() -> str:
    first = timezone.localdate().replace(day=1)
    return (first - datetime.timedelta(days=1)).strftime("%Y-%m")


class _FunderFilterSet(WagtailFilterSet):
    programme = django_filters.ModelChoiceFilter(label=_("Program"), queryset=Programme.objects.none(), method=_no_op)
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"), queryset=Organisation.objects.none(), method=_no_op
    )
    month = django_filters.CharFilter(label=_("Månad (ÅÅÅÅ-MM)"), method=_no_op)

    class Meta:
        model = Employee
        fields = ["programme", "organisation", "month"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user if request else None
        self.filters["organisation"].queryset = organisations_for(user)
        self.filters["programme"].queryset = selectors.programmes_for_reports(user)


class _FunderReportView(ProgrammeFromQueryMixin, BaseReportView):
    filterset_class = _FunderFilterSet
    permission_policy = ModelPermissionPolicy(Attendance)
    permission_required = "view"
    month_required = True

    @cached_property
    def month(self) -> datetime.date | None:
        value = self.request.GET.get("month") or (_last_month() if self.month_required else "")
        return params.optional_month(value)

    @cached_property
    def organisation_id(self) -> int | None:
        value = self.request.GET.get("organisation")
        if not value:
            return None
        organisation_id = params.object_id(value, what=_("organisation"))
        if not organisations_for(self.request.user).filter(pk=organisation_id).exists():
            raise Http404
        return organisation_id

    def get(self, request, *args, **kwargs):
        try:
            self.month  # noqa: B018 - parsed here so that a bad value is a 400 with a message
            self.programme  # noqa: B018
            self.organisation_id  # noqa: B018
        except params.BadParameter as exc:
            return render(
                request,
                "sessions/admin/bad_parameter.html",
                {"message": exc.message, "back_url": reverse(self.index_url_name), "page_title": self.page_title},
                status=400,
            )
        return super().get(request, *args, **kwargs)


class ParticipantListView(_FunderReportView):
    page_title = _("Deltagarförteckning")
    header_icon = "group"
    index_url_name = "sessions_participants"
    index_results_url_name = "sessions_participants_results"
    paginate_by = 100
    list_export = [
        "employee_number", "full_name", "organisation.name", "workplace.name", "gender_label", "start_date", "end_date",
        "end_reason",
    ]
    export_headings = {
        "employee_number": _("Anställningsnummer"),
        "full_name": _("Namn"),
        "organisation.name": _("Arbetsgivare"),
        "workplace.name": _("Arbetsplats"),
        "gender_label": _("Kön"),
        "start_date": _("Startdatum (första deltagande)"),
        "end_date": _("Slutdatum"),
        "end_reason": _("Avslutad därför att"),
    }

    def get_base_queryset(self):
        return funder.participants(
            self.request.user, programme=self.programme, month=self.month, organisation_id=self.organisation_id
        )

    def get_filename(self):
        return f"deltagare-{self.month:%Y-%m}"

    @cached_property
    def target(self) -> int:
        if self.programme is None:
            return 0
        return next((t.target_minutes for t in self.programme.tracks.all() if t.kind == TrackKind.WORKPLACE), 0)

    @cached_property
    def columns(self):
        return [
            Column("full_name", label=_("Namn")),
            Column("organisation", label=_("Arbetsgivare"), accessor="organisation.name"),
            Column("workplace", label=_("Arbetsplats"), accessor="workplace.name"),
            Column("gender_label", label=_("Kön")),
            Column("start_date", label=_("Startdatum")),
            Column("end_date", label=_("Slutdatum")),
            Column("end_reason", label=_("Avslutad därför att")),
        ]

    def _decorate(self, employee: Employee) -> Employee:
        tz = timezone.get_current_timezone()
        employee.gender_label = str(employee.get_gender_display()) if employee.gender else ""
        employee.start_date = timezone.localtime(employee.first_attendance, tz).date()
        employee.end_date, employee.end_reason = "", ""
        if completion.track_complete(employee.workplace_minutes, self.target) and employee.last_attendance:
            employee.end_date = timezone.localtime(employee.last_attendance, tz).date()
            employee.end_reason = str(_("spåret genomfört"))
        elif employee.employment_end:
            employee.end_date = employee.employment_end
            employee.end_reason = str(_("slutat sin anställning"))
        return employee

    def decorate_paginated_queryset(self, object_list):
        return [self._decorate(e) for e in object_list]

    def to_row_dict(self, item):
        return super().to_row_dict(self._decorate(item))


class CofinancingReportView(_FunderReportView):
    page_title = _("Medfinansiering (deltagartid)")
    header_icon = "doc-full"
    index_url_name = "sessions_cofinancing_report"
    index_results_url_name = "sessions_cofinancing_report_results"
    paginate_by = None
    month_required = False
    list_export = [
        "organisation", "gender", "minutes", "reported_hours", "unit_cost", "unit_value", "own_value",
        "minutes_without_cost",
    ]
    export_headings = {
        "organisation": _("Arbetsgivare"),
        "gender": _("Kön"),
        "minutes": _("Minuter"),
        "reported_hours": _("Redovisade timmar (programmets avrundning)"),
        "unit_cost": _("Enhetskostnad per timme (kr)"),
        "unit_value": _("Värde med enhetskostnad (kr)"),
        "own_value": _("Värde med egen timkostnad (kr)"),
        "minutes_without_cost": _("Minuter utan timkostnad i registret"),
    }

    @cached_property
    def columns(self):
        return [Column(field, label=label) for field, label in self.export_headings.items() if field != "unit_cost"]

    def get_base_queryset(self):
        if self.programme is None:
            return []
        return funder.cofinancing_rows(
            self.request.user, programme=self.programme, month=self.month, organisation_id=self.organisation_id
        )

    def filter_queryset(self, queryset):
        return queryset  # the filters are applied in the selector; the rows are a list

    def get_filename(self):
        return f"medfinansiering-{self.month:%Y-%m}" if self.month else "medfinansiering"

    def to_row_dict(self, item):
        return {field: item[field] for field in self.list_export}
