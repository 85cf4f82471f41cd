from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("Organisationer och personer")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals

        # Once, after the last app has migrated, so every app's permissions exist.
        post_migrate.connect(signals._after_migrate, dispatch_uid="people_role_groups_sync")
