"""Signed links that let an employee open their own pages without a password.

A link carries the employee's id and link version, signed with the site's secret and a salt
of its own; it expires after ``SAMTALSRUM_LINK_MAX_AGE_DAYS``. Opening it remembers the
employee in the browser session (not a login: it gives access to that person's own pages
only). HR or a programme admin can revoke every link of a person at once
(:func:`employee_links_revoke`): the version goes up, so older links – and browser sessions
opened with them – stop working, and the old link answers with a page that says so.
"""

from __future__ import annotations

import enum
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .models import Employee, User

_SALT = "samtalsrum.people.employee-link"
SESSION_KEY = "samtalsrum_employee_id"
SESSION_VERSION_KEY = "samtalsrum_employee_link_version"


class EmployeeLinkProblem(enum.Enum):
    INVALID = "invalid"
    EXPIRED = "expired"
    REPLACED = "replaced"
    LEFT = "left"


def employee_link_token(employee: Employee) -> str:
    return signing.TimestampSigner(salt=_SALT).sign_object({"e": employee.pk, "v": employee.link_version})


def employee_link_check(token: str) -> tuple[Employee | None, EmployeeLinkProblem | None]:
    """The employee a token names, or why it cannot be used."""
    max_age = settings.SAMTALSRUM_LINK_MAX_AGE_DAYS * 24 * 3600
    try:
        data = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        return None, EmployeeLinkProblem.EXPIRED
    except (signing.BadSignature, ValueError):
        return None, EmployeeLinkProblem.INVALID
    if not isinstance(data, dict):
        return None, EmployeeLinkProblem.INVALID
    employee = Employee.objects.filter(pk=data.get("e")).select_related("workplace").first()
    if employee is None:
        return None, EmployeeLinkProblem.INVALID
    if data.get("v", 1) != employee.link_version:
        return None, EmployeeLinkProblem.REPLACED
    if employee.has_left:
        return None, EmployeeLinkProblem.LEFT
    return employee, None


def employee_from_token(token: str) -> Employee | None:
    """The employee a token names, or None if it is forged, expired, replaced or the person has left."""
    return employee_link_check(token)[0]


def employee_link_url(employee: Employee, next_url: str = "") -> str:
    """An absolute URL for e-mails: opens ``next_url`` as ``employee``."""
    path = reverse("cms:employee_link", kwargs={"token": employee_link_token(employee)})
    if next_url:
        path += "?" + urlencode({"next": next_url})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def employee_link_open(request: HttpRequest, token: str) -> tuple[Employee | None, EmployeeLinkProblem | None]:
    employee, problem = employee_link_check(token)
    if employee is not None:
        request.session.cycle_key()
        request.session[SESSION_KEY] = employee.pk
        request.session[SESSION_VERSION_KEY] = employee.link_version
    return employee, problem


@transaction.atomic
def employee_links_revoke(*, employee: Employee, revoked_by: User | None, **details: int) -> Employee:
    """Make every link this person has been sent stop working (a lost phone, a forwarded
    e-mail), and end the browser sessions opened with them. Audit-logged.

    New links made after this (the next invitation or reminder) work as usual.
    """
    from wagtail.log_actions import log

    Employee.objects.filter(pk=employee.pk).update(link_version=F("link_version") + 1)
    employee.refresh_from_db(fields=["link_version"])
    log(employee, "samtalsrum.links_revoke", user=revoked_by, data={"link_version": employee.link_version, **details})
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
        # A session opened with a link that has since been revoked no longer counts.
        if employee is not None and (
            employee.has_left or request.session.get(SESSION_VERSION_KEY, 1) != employee.link_version
        ):
            employee = None
    request._samtalsrum_employee = employee
    return employee
