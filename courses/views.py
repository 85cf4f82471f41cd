"""Employee-facing views: "Mitt program" and the search across the material."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from people.links import current_employee

from .selectors import (
    SEARCH_QUERY_MAX_CHARS,
    material_search,
    programmes_with_phases,
    tracks_for_employee,
)


def my_programme(request: HttpRequest) -> HttpResponse:
    """The employee's own tracks, modules and material – nobody else's."""
    employee = current_employee(request)
    if employee is None and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    tracks = list(tracks_for_employee(employee)) if employee is not None else []
    programmes = programmes_with_phases({t.programme_id for t in tracks})
    return render(request, "courses/my_programme.html", {"employee": employee, "tracks": tracks, "programmes": programmes})


def search(request: HttpRequest) -> HttpResponse:
    """Search the lecture segments and discussion guides (open to everyone, like the material)."""
    query = request.GET.get("q", "")[:SEARCH_QUERY_MAX_CHARS]
    results = material_search(query)
    return render(request, "courses/search.html", {"query": query, "results": results})
