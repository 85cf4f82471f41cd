"""The register extract and erasure: HR of the person's organisation and programme admins in
the Wagtail admin (anyone else gets 404 and nothing changes), and the employee's own extract
from Min sida. See docs/privacy.md."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from people.links import current_employee
from people.models import Employee
from people.privacy_register import Category
from people.selectors import data_subject_admins_for

from .personal_data import employee_retention_until, personal_data_erase, personal_data_extract

SECTION_TITLES = {
    "employee": gettext_lazy("Anställd"),
    "login": gettext_lazy("Inloggning"),
    "roles": gettext_lazy("Roller"),
    "import_changes": gettext_lazy("Ändringar genom HR-import"),
    "session_invitations": gettext_lazy("Inbjudningar till samtal"),
    "attendance": gettext_lazy("Närvaro"),
    "corrections": gettext_lazy("Korrigeringar av timmar"),
    "outbox_messages": gettext_lazy("E-post till dig"),
    "audit_log": gettext_lazy("Granskningslogg"),
    "survey_invitations": gettext_lazy("Enkätinbjudningar"),
    "survey_answers": gettext_lazy("Enkätsvar"),
}


def _sections(data: dict) -> list[dict]:
    """The extract as headed tables (a list of rows) or paragraphs, for the readable page."""
    sections = []
    for key, title in SECTION_TITLES.items():
        value = data.get(key)
        if isinstance(value, dict):
            value = [value]
        if isinstance(value, list):
            rows = [[(k, v) for k, v in item.items() if not isinstance(v, list | dict)] for item in value]
            sections.append({"key": key, "title": title, "rows": rows})
        else:
            sections.append({"key": key, "title": title, "text": value or ""})
    return sections


def _respond(request: HttpRequest, employee: Employee, template: str, context: dict) -> HttpResponse:
    data = personal_data_extract(employee=employee)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="registerutdrag-{employee.pk}.json"'
        response["Cache-Control"] = "no-store"
        return response
    categories = [(Category(key).label, fields) for key, fields in data["categories"].items()]
    response = render(request, template, {
        **context, "employee": employee, "data": data, "sections": _sections(data), "categories": categories,
    })
    response["Cache-Control"] = "no-store"
    return response


def admin_extract(request: HttpRequest, employee_id: int) -> HttpResponse:
    employee = get_object_or_404(data_subject_admins_for(request.user), pk=employee_id)
    return _respond(request, employee, "courses/admin/personal_data.html", {})


def admin_erase(request: HttpRequest, employee_id: int) -> HttpResponse:
    employee = get_object_or_404(data_subject_admins_for(request.user), pk=employee_id)
    retention = employee_retention_until(employee)
    if request.method == "POST":
        result = personal_data_erase(employee=employee, erased_by=request.user)
        if result["mode"] == "restrict":
            messages.success(request, _("Uppgifterna som inte är underlag har raderats och behandlingen av resten är begränsad."))
        else:
            messages.success(request, _("Personens uppgifter har raderats."))
        return redirect("employee:index")
    return render(request, "courses/admin/personal_data_erase.html", {"employee": employee, "retention": retention})


def my_data(request: HttpRequest) -> HttpResponse:
    """The employee's own extract, from Min sida (signed-in or opened with their link)."""
    employee = current_employee(request)
    if employee is None:
        return redirect_to_login(request.get_full_path())
    return _respond(request, employee, "courses/my_data.html", {})
