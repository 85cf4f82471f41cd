"""Admin views of the HR import."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def upload(request: HttpRequest) -> HttpResponse:
    return render(request, "people/import_upload.html", {})
