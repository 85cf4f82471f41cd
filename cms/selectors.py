"""Reads scoped to the viewer for what the CMS shows across apps: the audit log.

Wagtail's log entries say what happened to which object, by whom: names, hours corrections,
roll calls. Wagtail lets anyone with a permission on a model read every entry about that
model; here a viewer reads only the entries about objects in their scope, the same objects
the rest of the admin shows them.

Each app declares, through the ``register_log_scope`` hook, which of its models' entries
whom may read: ``{Model: selector}``, where ``selector(user)`` is the queryset of objects the
user may see (usually the app's own ``*_for`` selector), or ``{Model: BY_PERMISSION}`` for
content with no personal data (pages' material, modules, images), readable by whoever has a
permission on the model, as Wagtail does. A model nobody declared is read by programme admins
only, so a new model's entries stay private until its app says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from wagtail import hooks
from wagtail.models import ModelLogEntry, PageLogEntry

from people.models import User
from people.selectors import scope_for

BY_PERMISSION = "by-permission"
LogScope = Callable[[User | AnonymousUser | None], QuerySet] | str


@cache
def log_scopes() -> dict[type[models.Model], LogScope]:
    """Every app's declarations, collected once."""
    scopes: dict[type[models.Model], LogScope] = {}
    for fn in hooks.get_hooks("register_log_scope"):
        scopes.update(fn())
    return scopes


def log_entries_for(user: User | AnonymousUser | None, log_model: type[models.Model]) -> QuerySet:
    """The entries of ``log_model`` the viewer may read: all for programme admins; pages'
    entries by page permission; other entries by the declared scope of the object's model."""
    scope = scope_for(user)
    entries = log_model.objects.all()
    if scope.is_programme_admin:
        return entries
    if scope.user_id is None:
        return entries.none()
    if issubclass(log_model, PageLogEntry):
        return log_model.objects.viewable_by_user(user)
    if not issubclass(log_model, ModelLogEntry):
        return entries.none()
    condition = Q(pk__in=[])
    for model, rule in log_scopes().items():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        if rule == BY_PERMISSION:
            if _has_any_permission(user, model):
                condition |= Q(content_type_id=content_type.pk)
        else:
            visible = rule(user).order_by().annotate(_pk_text=Cast("pk", CharField())).values("_pk_text")
            condition |= Q(content_type_id=content_type.pk, object_id__in=visible)
    return entries.filter(condition)


def _has_any_permission(user: User, model: type[models.Model]) -> bool:
    opts = model._meta
    return any(
        user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        for action in ("add", "change", "delete", "view", "choose")
    )
