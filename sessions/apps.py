from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

#: The migration that first installs the closed-session guards (``sessions.db_guards``).
GUARDS_MIGRATION = "0002_evidence_integrity"


def _guards_ensure(sender, using: str = "default", **kwargs) -> None:
    """Install the closed-session triggers again after ``migrate``: SQLite drops a table's triggers
    when a migration rebuilds it. Nothing happens before the guards' migration has been applied."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from . import db_guards

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    recorder = MigrationRecorder(connection)
    if not recorder.has_table() or (sender.label, GUARDS_MIGRATION) not in recorder.applied_migrations():
        return
    db_guards.install(connection)


class DialogueSessionsConfig(AppConfig):
    # django.contrib.sessions already owns the label "sessions".
    name = "sessions"
    label = "dialogue_sessions"
    verbose_name = _("Samtalstillfällen och timmar")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import messages

        messages.register()
        post_migrate.connect(_guards_ensure, sender=self, dispatch_uid="dialogue_sessions_guards_ensure")
        from . import exports  # noqa: F401 - registers the hours export with cms.exports
