"""Site-wide views: sign-in, the role landing page and the statements the law requires."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.generic import TemplateView

from people.selectors import managed_workplaces_for, organisations_for, scope_for, workplaces_for

from .forms import EmailAuthenticationForm


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """After sign-in: one section per role the viewer holds, each saying what to do next."""
    scope = scope_for(request.user)
    context: dict = {"scope": scope}
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


class AccessibilityStatementView(TemplateView):
    template_name = "cms/accessibility.html"


class PrivacyView(TemplateView):
    template_name = "cms/privacy.html"
