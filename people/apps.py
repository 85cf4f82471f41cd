from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from wagtail.users import apps as wagtail_users_apps


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("Organisationer och personer")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals

        # Once, after the last app has migrated, so every app's permissions exist.
        post_migrate.connect(signals._after_migrate, dispatch_uid="people_role_groups_sync")


class PeopleUsersConfig(wagtail_users_apps.WagtailUsersAppConfig):
    """Wagtail's Users screens with the project's user viewset (people/user_admin.py);
    listed in INSTALLED_APPS in place of ``wagtail.users``. Not the default for ``people``."""

    default = False

    user_viewset = "people.user_admin.UserViewSet"
