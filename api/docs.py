"""The API's OpenAPI schema and its documentation page (Swagger UI from drf-spectacular-sidecar,
served from this site; no CDN).

The page runs under the site's Content-Security-Policy without ``'unsafe-inline'``: the
start-up script is a separate file (drf-spectacular's split view) and the page's few styles
are in ``static/css/api-docs.css``. Language: ``?lang=sv|en``, else ``Accept-Language``.
"""

from __future__ import annotations

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


class SchemaView(SpectacularAPIView):
    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes: list = []


class DocsView(SpectacularSwaggerSplitView):
    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes: list = []
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"


def only_api_v1(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: the schema describes /api/v1/, not Wagtail's admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
