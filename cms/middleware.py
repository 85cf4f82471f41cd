from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

# Paths outside i18n_patterns. Django's middleware would turn their 404s into redirects to a
# language-prefixed copy, because Wagtail's page route under /sv/ matches any path.
UNPREFIXED = ("/admin/", "/documents/", "/i18n/", "/static/", "/media/")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)


class PermissionsPolicyMiddleware:
    """Sends the Permissions-Policy of ``SAMTALSRUM_PERMISSIONS_POLICY`` with every response:
    ``{"camera": []}`` becomes ``camera=()`` (no one), ``{"fullscreen": ["self"]}``
    ``fullscreen=(self)``."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in getattr(settings, "SAMTALSRUM_PERMISSIONS_POLICY", {}).items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
