from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("lagesrapport/", views.progress_report, name="progress_report"),
    path("lagesrapport/pdf/", views.progress_report_pdf, name="progress_report_pdf"),
]
