from django.urls import path, re_path

from . import docs, views
from .problems import not_found

app_name = "api"

urlpatterns = [
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    path("v1/hours/", views.HoursView.as_view(), name="hours"),
    path("v1/sessions/", views.SessionsView.as_view(), name="sessions"),
    path("v1/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("v1/cofinancing/", views.CofinancingView.as_view(), name="cofinancing"),
    path("v1/employees/import/", views.EmployeeImportView.as_view(), name="employee_import"),
    re_path(r"^.*$", not_found),
]
