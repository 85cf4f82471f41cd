"""Reads for programmes, tracks and modules, scoped to the employee or viewer asking."""

from __future__ import annotations

import re

from django.db.models import Prefetch, QuerySet

from wagtail.models import Locale, Page

from people.models import Employee, Role, RoleAssignment

from .models import Module, Programme, Track, TrackKind

#: Roles whose holders also take the preparatory track (14 h).
PREPARATORY_ROLES = (Role.MANAGER, Role.PROCESS_LEADER)

#: The longest search; Wagtail's search nests one expression per word.
SEARCH_QUERY_MAX_CHARS = 200
_NOT_WORDS = re.compile(r"[^\w\s]|[\x00-\x1f\x7f]")


def tracks_for_employee(employee: Employee) -> QuerySet[Track]:
    """The tracks ``employee`` takes, with their modules and material prefetched.

    Everyone in a programme's organisations takes the workplace track; managers and process
    leaders (by role assignment) take the preparatory track too.
    """
    kinds = [TrackKind.WORKPLACE]
    if RoleAssignment.objects.filter(user__employee=employee, role__in=PREPARATORY_ROLES).exists():
        kinds.append(TrackKind.PREPARATORY)
    modules = Module.objects.select_related("lecture_segment", "discussion_guide").order_by("sort_order", "id")
    return (
        Track.objects.filter(programme__organisations=employee.organisation_id, kind__in=kinds)
        .select_related("programme")
        .prefetch_related(Prefetch("modules", queryset=modules))
        .order_by("-programme__starts_on", "kind")
        .distinct()
    )


def material_search(query: str, *, locale: Locale | None = None) -> list[Page]:
    """Live, public lecture segments and guides matching ``query``, in ``locale`` (default: active).

    Pages with no translation in the locale are searched in the default language too, so an
    English reader still finds Swedish-only material.
    """
    from cms.models import DiscussionGuidePage, LectureSegmentPage

    # Only the words count: punctuation and control characters match nothing, PostgreSQL
    # refuses NUL outright, and SQLite's search takes quotes and operators as its own syntax
    # (wagtail/wagtail#13227).
    query = _NOT_WORDS.sub(" ", (query or "")[:SEARCH_QUERY_MAX_CHARS]).strip()
    if not query:
        return []
    locale = locale or Locale.get_active()
    default = Locale.get_default()
    results: list[Page] = []
    models = (LectureSegmentPage, DiscussionGuidePage)
    # Pages the reader has in their own language are searched in that language only.
    translated_keys = {
        key for model in models for key in model.objects.filter(locale=locale).values_list("translation_key", flat=True)
    }
    for search_locale in [locale] if locale.pk == default.pk else [locale, default]:
        for model in models:
            pages = model.objects.live().public().filter(locale=search_locale)
            for page in pages.search(query, operator="and"):
                if search_locale.pk != locale.pk and page.translation_key in translated_keys:
                    continue
                results.append(page)
    return results


def programmes_with_phases(programme_ids: set[int]) -> list[Programme]:
    """The programmes with their phases and milestones, for the programme page. Three queries."""
    if not programme_ids:
        return []
    return list(
        Programme.objects.filter(pk__in=programme_ids).prefetch_related("phases", "milestones").order_by("-starts_on")
    )
