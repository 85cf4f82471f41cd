"""Content screens in the Wagtail admin: readers' feedback on pages (read-only); the pages of
the export jobs (cms/export_views.py)."""

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


@hooks.register("register_admin_urls")
def register_export_job_urls():
    from django.urls import path

    from . import export_views

    return [
        path("exporter/<int:job_id>/", export_views.export_job_detail, name="cms_export_job"),
        path("exporter/<int:job_id>/status/", export_views.export_job_status, name="cms_export_job_status"),
        path("exporter/<int:job_id>/fil/", export_views.export_job_download, name="cms_export_job_download"),
    ]


@hooks.register("register_log_scope")
def register_content_log_scope():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from .selectors import BY_PERMISSION

    # Material and anonymous feedback: no personal data, readable as Wagtail would.
    return {PageFeedback: BY_PERMISSION, get_image_model(): BY_PERMISSION, get_document_model(): BY_PERMISSION}


@hooks.register("insert_global_admin_js")
def admin_style_nonce_js():
    from django.templatetags.static import static
    from django.utils.html import format_html

    # Before the admin's own scripts run: see static/js/admin-style-nonce.js and cms/csp.py.
    return format_html('<script src="{}"></script>', static("js/admin-style-nonce.js"))
