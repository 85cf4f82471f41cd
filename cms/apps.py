from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Innehåll")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import client_address  # noqa: F401 - registers its system check

        self._connect_page_cache()
        self._describe_extra_languages()
        self._connect_offered_languages()

    @staticmethod
    def _connect_offered_languages() -> None:
        """The languages readers are offered follow the Wagtail locales (cms/languages.py)."""
        from django.db.models.signals import post_delete, post_save

        from wagtail.models import Locale

        from .languages import refresh

        post_save.connect(refresh, sender=Locale, dispatch_uid="offered-languages-save")
        post_delete.connect(refresh, sender=Locale, dispatch_uid="offered-languages-delete")

    @staticmethod
    def _describe_extra_languages() -> None:
        """Names and direction of languages Django does not know (settings.EXTRA_LANG_INFO), so
        the language switcher and ``get_language_info`` work for them too."""
        from django.conf import settings
        from django.conf.locale import LANG_INFO

        for code, info in getattr(settings, "EXTRA_LANG_INFO", {}).items():
            LANG_INFO.setdefault(code, info)

    @staticmethod
    def _connect_page_cache() -> None:
        """Anything published, moved or deleted, and any document, image, locale or translated
        string changed, starts a new generation of the whole-page cache (cms/page_cache.py)."""
        from django.db.models.signals import post_delete, post_save

        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Locale
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .page_cache import bump

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(bump, dispatch_uid=f"page-cache-{signal!r}")
        post_delete.connect(_bump_for_pages, dispatch_uid="page-cache-page-deleted")
        # A string reviewed in the translation editor takes the page's "machine-drafted" notice
        # away before the translation is published again.
        from wagtail_localize.models import StringTranslation

        for model in (get_document_model(), get_image_model(), Locale, StringTranslation):
            post_save.connect(bump, sender=model, dispatch_uid=f"page-cache-save-{model.__name__}")
            post_delete.connect(bump, sender=model, dispatch_uid=f"page-cache-delete-{model.__name__}")


def _bump_for_pages(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    from .page_cache import bump

    if isinstance(instance, Page):
        bump()
