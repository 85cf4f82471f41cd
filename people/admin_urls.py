"""Admin URLs for the HR import (upload, preview, confirm)."""

from django.urls import path

from . import import_views

app_name = "people_import"

urlpatterns = [
    path("", import_views.upload, name="upload"),
]
