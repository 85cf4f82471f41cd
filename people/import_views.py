"""Admin views of the HR import: upload a file, preview what it would do, confirm, see the result.

The work is done by ``people.services``; these views check who is asking and render.
"""

from __future__ import annotations

import csv
from functools import wraps
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .models import EmployeeImport, Organisation
from .selectors import employee_imports_for, organisations_for
from .services import employee_import_confirm, employee_import_prepare, employee_import_preview

PERMISSION = "people.import_employees"
MAX_FILE_SIZE = 20 * 1024 * 1024
ROWS_PER_PAGE = 100
LEAVERS_SHOWN = 500
TEMPLATE_HEADERS = [
    "Anställningsnummer", "Förnamn", "Efternamn", "E-post", "Arbetsplats", "Organisation",
    "Anställd från", "Anställd till", "Språk", "Kön", "Timkostnad",
]


class EmployeeImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil från HR-systemet"),
        help_text=gettext_lazy(
            "CSV (komma eller semikolon, UTF-8 eller Windows-1252) eller Excel (XLSX). "
            "Första raden ska ha kolumnrubriker, t.ex. anställningsnummer, förnamn, efternamn, "
            "e-post och arbetsplats."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=gettext_lazy("Anges i filen (kolumnen organisation)"),
        help_text=gettext_lazy(
            "Personer i organisationen som saknas i filen markeras som slutade."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = organisations_for(user)
        self.fields["organisation"].queryset = queryset
        organisations = list(queryset[:2])
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in {".csv", ".txt", ".xlsx"}:
            raise ValidationError(_("Välj en CSV- eller XLSX-fil."))
        if upload.size > MAX_FILE_SIZE:
            raise ValidationError(_("Filen är för stor (högst 20 MB)."))
        return upload


def _require_permission(request: HttpRequest) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _forbidden_as_403(view):
    """Answer refusals with 403 rather than the admin's redirect to its dashboard."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return render(request, "people/import_forbidden.html", status=403)

    return wrapped


@_forbidden_as_403
def upload(request: HttpRequest) -> HttpResponse:
    _require_permission(request)
    form = EmployeeImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and not form.is_valid():
        if "organisation" in form.errors:
            # Only a hand-made request can name an organisation outside the list.
            raise PermissionDenied
    elif request.method == "POST":
        upload_file = form.cleaned_data["file"]
        record, result = employee_import_prepare(
            importer=request.user,
            file_name=upload_file.name,
            content=upload_file.read(),
            organisation=form.cleaned_data["organisation"],
        )
        if record is not None:
            return redirect("people_import:preview", pk=record.pk)
        for message in result.file_errors:
            form.add_error("file", message)
    return render(request, "people/import_upload.html", {
        "form": form,
        "recent_imports": employee_imports_for(request.user)[:10],
    })


def _own_import(request: HttpRequest, pk: int) -> EmployeeImport:
    _require_permission(request)
    return get_object_or_404(employee_imports_for(request.user), pk=pk)


@_forbidden_as_403
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own_import(request, pk)
    if record.status != EmployeeImport.Status.PREVIEW:
        return redirect("people_import:result", pk=record.pk)
    result = employee_import_preview(importer=request.user, record=record)
    paginator = Paginator(result.rows_errors_first(), ROWS_PER_PAGE)
    rows = paginator.get_page(request.GET.get("p"))
    return render(request, "people/import_preview.html", {
        "record": record,
        "result": result,
        "counts": result.counts,
        "rows": rows,
        "elided_page_range": paginator.get_elided_page_range(rows.number),
        "leavers": result.leavers[:LEAVERS_SHOWN],
        "leavers_hidden": max(0, len(result.leavers) - LEAVERS_SHOWN),
        "pagination_url": reverse("people_import:preview", args=[record.pk]),
    })


@_forbidden_as_403
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own_import(request, pk)
    try:
        result = employee_import_confirm(importer=request.user, record=record)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("people_import:result", pk=record.pk)
    if not result.imported:
        messages.error(request, _("Filen har fel. Ingenting har importerats."))
    return redirect("people_import:result", pk=record.pk)


@_forbidden_as_403
def template(request: HttpRequest) -> HttpResponse:
    """An empty file with the column headers, as Swedish Excel opens it (semicolons, BOM)."""
    _require_permission(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="anstallda-mall.csv"'
    response.write("\ufeff")
    csv.writer(response, delimiter=";").writerow(TEMPLATE_HEADERS)
    return response


@_forbidden_as_403
def result(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own_import(request, pk)
    if record.status == EmployeeImport.Status.PREVIEW:
        return redirect("people_import:preview", pk=record.pk)
    return render(request, "people/import_result.html", {"record": record})
