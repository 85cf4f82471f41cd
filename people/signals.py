"""Keeps group membership in step with role assignments, whichever screen changed them."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import RoleAssignment


@receiver([post_save, post_delete], sender=RoleAssignment)
def _role_changed(sender, instance: RoleAssignment, **kwargs) -> None:
    from .services import user_groups_sync

    user_groups_sync(user=instance.user)


def _after_migrate(sender, **kwargs) -> None:
    # post_migrate is sent once per app with models; every app's permissions exist only
    # after the last one.
    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label != last.label:
        return
    from .services import role_groups_sync

    role_groups_sync()
