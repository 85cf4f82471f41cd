"""Admin views of the HR import: upload a file, preview what it would do, confirm, see the
result, undo.

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
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.spreadsheets import csv_value

from . import import_undo
from .import_limits import FileLimits, ImportFileError, check_size
from .models import EmployeeImport, Organisation
from .selectors import employee_imports_for, organisations_for
from .services import (
    employee_import_confirm,
    employee_import_prepare,
    employee_import_preview,
    employee_import_undo,
)

PERMISSION = "people.import_employees"
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
    update_only = forms.BooleanField(
        label=gettext_lazy("Endast uppdatering: markera ingen som slutad"),
        required=False,
        help_text=gettext_lazy(
            "Välj detta när filen bara gäller en del av organisationen. Nya personer läggs till "
            "och ändrade uppdateras, men ingen som saknas i filen markeras som slutad."
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
        try:
            check_size(upload.size, FileLimits.from_settings())
        except ImportFileError as exc:
            raise ValidationError(str(exc)) from exc
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
            update_only=form.cleaned_data["update_only"],
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
    check = result.leaver_check
    return render(request, "people/import_preview.html", {
        "record": record,
        "result": result,
        "mass_leavers": bool(check and check.needs_confirmation),
        "mass_leavers_message": check.message() if check and check.needs_confirmation else "",
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
    # The second confirmation of a file that marks many as left names the number it agreed
    # to; the import is refused if the file now marks a different number.
    confirmed = request.POST.get("confirm_leavers", "")
    expected = int(confirmed) if confirmed.isdigit() and len(confirmed) < 10 else None
    if request.POST.get("leavers") == "none":  # "Importera utan att markera någon som slutad"
        expected = None
    try:
        result = employee_import_confirm(
            importer=request.user,
            record=record,
            allow_mass_leavers=expected is not None,
            expected_leavers=expected,
        )
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
    csv.writer(response, delimiter=";").writerow([csv_value(header) for header in TEMPLATE_HEADERS])
    return response


@_forbidden_as_403
def result(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own_import(request, pk)
    if record.status == EmployeeImport.Status.PREVIEW:
        return redirect("people_import:preview", pk=record.pk)
    return render(request, "people/import_result.html", {
        "record": record,
        "undo_deadline": import_undo.undo_deadline(record),
        "undo_available": import_undo.undo_available(record, now=timezone.now()),
    })


@_forbidden_as_403
@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    record = _own_import(request, pk)
    try:
        employee_import_undo(record=record, undone_by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Importen är ångrad. De anställda är som före importen."))
    return redirect("people_import:result", pk=record.pk)
