"""Revoking and reissuing one person's personal links, in the Wagtail admin (HR of the
person's organisation, or a programme admin). Anyone else gets 404 and nothing changes."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .selectors import employees_whose_links_can_be_reissued
from .services import employee_links_reissue


def links_reissue(request: HttpRequest, employee_id: int) -> HttpResponse:
    employee = get_object_or_404(employees_whose_links_can_be_reissued(request.user), pk=employee_id)
    if request.method == "POST":
        replaced = employee_links_reissue(employee=employee, reissued_by=request.user)
        if employee.email:
            text = _("%(name)s har fått nya länkar till %(email)s. De gamla fungerar inte längre (%(n)s enkätlänkar byttes).")
        else:
            text = _("%(name)s länkar är spärrade. Personen har ingen e-postadress: skriv ut ett nytt brev med kod under Enkätomgångar (%(n)s enkätlänkar byttes).")
        messages.success(request, text % {"name": employee.full_name, "email": employee.email, "n": replaced})
        return redirect("employee:index")
    return render(request, "surveys/admin/links_reissue.html", {"employee": employee})
