"""Signed links that let an employee open their own pages without a password.

A link carries the employee's id signed with the site's secret and a salt of its own; it
expires after ``SAMTALSRUM_LINK_MAX_AGE_DAYS``. Opening it remembers the employee in the
browser session (not a login: it gives access to that person's own pages only).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .models import Employee

_SALT = "samtalsrum.people.employee-link"
SESSION_KEY = "samtalsrum_employee_id"


def employee_link_token(employee: Employee) -> str:
    return signing.TimestampSigner(salt=_SALT).sign_object({"e": employee.pk})


def employee_from_token(token: str) -> Employee | None:
    """The employee a token names, or None if it is forged, expired or the person has left."""
    max_age = settings.SAMTALSRUM_LINK_MAX_AGE_DAYS * 24 * 3600
    try:
        data = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=max_age)
    except (signing.BadSignature, signing.SignatureExpired):
        return None
    employee = Employee.objects.filter(pk=data.get("e")).select_related("workplace").first()
    if employee is None or employee.has_left:
        return None
    return employee


def employee_link_url(employee: Employee, next_url: str = "") -> str:
    """An absolute URL for e-mails: opens ``next_url`` as ``employee``."""
    path = reverse("cms:employee_link", kwargs={"token": employee_link_token(employee)})
    if next_url:
        path += "?" + urlencode({"next": next_url})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def employee_link_open(request: HttpRequest, token: str) -> Employee | None:
    employee = employee_from_token(token)
    if employee is not None:
        request.session.cycle_key()
        request.session[SESSION_KEY] = employee.pk
    return employee


def safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.GET.get("next", "")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def current_employee(request: HttpRequest) -> Employee | None:
    """The employee this request acts for: the signed-in user's, or one opened by a link."""
    cached = getattr(request, "_samtalsrum_employee", False)
    if cached is not False:
        return cached
    employee = None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.employee_id:
        employee = Employee.objects.select_related("workplace", "organisation").filter(
            pk=user.employee_id
        ).first()
    elif SESSION_KEY in request.session:
        employee = (
            Employee.objects.select_related("workplace", "organisation")
            .filter(pk=request.session[SESSION_KEY])
            .first()
        )
        if employee is not None and employee.has_left:
            employee = None
    request._samtalsrum_employee = employee
    return employee
