from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Innehåll")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import client_address  # noqa: F401 - registers its system check
