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
