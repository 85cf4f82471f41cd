"""Admin URLs for the HR import (upload, preview, confirm, result, undo)."""

from django.urls import path

from . import import_views

app_name = "people_import"

urlpatterns = [
    path("", import_views.upload, name="upload"),
    path("mall.csv", import_views.template, name="template"),
    path("<int:pk>/", import_views.preview, name="preview"),
    path("<int:pk>/importera/", import_views.confirm, name="confirm"),
    path("<int:pk>/resultat/", import_views.result, name="result"),
    path("<int:pk>/angra/", import_views.undo, name="undo"),
]
