from rest_framework.parsers import FormParser, MultiPartParser

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls
from wagtail_localize.views import edit_translation

from . import views
from .site_history import ScopedSiteHistoryView

FORM_PARSERS = [MultiPartParser, FormParser]

site_patterns = (
    [
        path("logga-in/", views.LoginView.as_view(), name="login"),
        path("logga-ut/", views.LogoutView.as_view(), name="logout"),
        path("min-sida/", views.landing, name="landing"),
        path("lank/<str:token>/", views.employee_link, name="employee_link"),
        path("tillganglighet/", views.AccessibilityStatementView.as_view(), name="accessibility"),
        path("personuppgifter/", views.PrivacyView.as_view(), name="privacy"),
        path("personuppgifter/forteckning/", views.ProcessingRecordView.as_view(), name="processing_record"),
    ],
    "cms",
)

urlpatterns = [
    # Wagtail's site history, limited to the viewer's scope: served here, before the admin's
    # own route for the same address (cms/site_history.py).
    path(
        "admin/reports/site-history/",
        require_admin_access(ScopedSiteHistoryView.as_view()),
        name="site_history",
    ),
    path(
        "admin/reports/site-history/results/",
        require_admin_access(ScopedSiteHistoryView.as_view(results_only=True)),
        name="site_history_results",
    ),
    # wagtail-localize's translation editor saves each string as a form (multipart), which the
    # project's JSON-only REST settings (kept strict for the API) would refuse with 415: the
    # editor's two saving routes, served here first with form parsers.
    path(
        "admin/localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
        require_admin_access(edit_translation.edit_string_translation.cls.as_view(parser_classes=FORM_PARSERS)),
    ),
    path(
        "admin/localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
        require_admin_access(edit_translation.edit_override.cls.as_view(parser_classes=FORM_PARSERS)),
    ),
    path("api/", include("api.urls")),
    # Browsers ask for /favicon.ico on every page that names none (the Wagtail admin, files).
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", views.set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("", include(site_patterns)),
    path("", include("people.urls")),
    path("program/", include("courses.urls")),
    path("sessioner/", include("sessions.urls")),
    path("enkater/", include("surveys.urls")),
    path("oversikt/", include("dashboards.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
