"""Content screens in the Wagtail admin: readers' feedback on pages (read-only)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from .admin_views import BaseModelViewSet
from .models import PageFeedback


class PageFeedbackViewSet(BaseModelViewSet):
    """Editors read and delete feedback; nobody adds or edits it here (no such permissions)."""

    model = PageFeedback
    icon = "comment"
    menu_label = _("Synpunkter på sidor")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["page", "rating", "comment", "language", "created_at"]
    list_filter = ["rating", "language"]
    search_fields = ["comment"]
    inspect_view_enabled = True
    form_fields = ["rating", "comment"]
    list_export = ["page", "rating", "comment", "language", "created_at"]


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return PageFeedbackViewSet("page_feedback")
