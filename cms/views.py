"""Site-wide views: sign-in, the role landing page and the statements the law requires."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Q
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.generic import TemplateView

from people.languages import sign_in_language, url_in_language
from people.links import current_employee, employee_link_open, safe_next
from people.selectors import managed_workplaces_for, organisations_for, scope_for, workplaces_for

from .forms import EmailAuthenticationForm


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        # The interface opens in the person's own language unless this browser chose another.
        user = self.request.user
        employee = user.employee if user.is_authenticated and user.employee_id else None
        return url_in_language(super().get_success_url(), sign_in_language(self.request, employee))


class LogoutView(auth_views.LogoutView):
    pass


def landing(request: HttpRequest) -> HttpResponse:
    """After sign-in (or a signed link): one section per role, each saying what to do next."""
    employee = current_employee(request)
    if not request.user.is_authenticated and employee is None:
        return redirect_to_login(request.get_full_path(), reverse("cms:login"))
    scope = scope_for(request.user)
    context: dict = {"scope": scope, "employee": employee}
    if scope.is_hr and not scope.is_programme_admin:
        context["hr_organisations"] = organisations_for(request.user).annotate(
            employee_count=Count("employees", filter=Q(employees__employment_end__isnull=True))
        )
    if scope.is_manager:
        context["managed_workplaces"] = managed_workplaces_for(request.user).filter(
            id__in=scope.managed_workplace_ids
        ).annotate(employee_count=Count("employees", filter=Q(employees__employment_end__isnull=True)))
    if scope.is_process_leader:
        context["led_workplaces"] = workplaces_for(request.user).filter(id__in=scope.led_workplace_ids)
    return render(request, "cms/landing.html", context)


def employee_link(request: HttpRequest, token: str) -> HttpResponse:
    """Opens an employee's own pages from the signed link in a message – no password."""
    employee, problem = employee_link_open(request, token)
    if employee is None:
        return render(request, "cms/link_invalid.html", {"reason": problem.value}, status=410)
    # The link was made in the person's language; a language this browser chose wins.
    return HttpResponseRedirect(
        url_in_language(safe_next(request, reverse("cms:landing")), sign_in_language(request, employee))
    )


def set_language(request: HttpRequest) -> HttpResponse:
    """The header's language switcher: Django's own, with the page it came from read under
    that page's language, so ``/so/…`` switched to Swedish opens the same page under ``/sv/``
    whatever language the switcher's own request arrived in. Changes only this browser (the
    language cookie), never the person's stored preference."""
    from urllib.parse import urlsplit

    from django.utils import translation
    from django.views.i18n import set_language as django_set_language

    next_url = request.POST.get("next", request.GET.get("next")) or ""
    page_language = translation.get_language_from_path(urlsplit(next_url).path)
    if page_language:
        translation.activate(page_language)
    return django_set_language(request)


class AccessibilityStatementView(TemplateView):
    template_name = "cms/accessibility.html"


def _register_by(key: str) -> list[dict]:
    """The personal-data register grouped by category or by purpose, for the pages below."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    from people.privacy_register import Category, personal_fields

    groups: dict = {}
    for declaration, personal in personal_fields():
        model = apps.get_model(declaration.model)
        try:
            field = model._meta.get_field(personal.name)
        except FieldDoesNotExist:
            # Declared for one database only (PostgreSQL's search index has columns SQLite lacks).
            continue
        group_key = personal.category if key == "category" else personal.purpose.key
        group = groups.setdefault(group_key, {
            "title": Category(personal.category).label if key == "category" else personal.purpose.text,
            "purpose": personal.purpose, "items": [], "categories": set(), "retentions": {},
        })
        group["items"].append({
            "what": field.verbose_name,
            "where": declaration.description,
            "purpose": personal.purpose,
            "retention": personal.retention,
            "category": Category(personal.category).label,
        })
        group["categories"].add(Category(personal.category).label)
        group["retentions"][personal.retention.key] = personal.retention
    for group in groups.values():
        group["categories"] = sorted(str(c) for c in group["categories"])
        group["retentions"] = list(group["retentions"].values())
    return list(groups.values())


class PrivacyView(TemplateView):
    """What is stored, why and for how long: generated from the register, so it cannot drift."""

    template_name = "cms/privacy.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "categories": _register_by("category")}


class ProcessingRecordView(TemplateView):
    """The record of processing activities (GDPR article 30), generated from the register."""

    template_name = "cms/processing_record.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "purposes": _register_by("purpose")}

def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``: the icon in the static files (its hashed name is known only at run time)."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))
