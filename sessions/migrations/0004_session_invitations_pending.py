import importlib

from django.conf import settings
from django.db import migrations, models

# The view as migration 0003 created it (a module name starting with a digit needs importlib).
LEDGER_VIEW = importlib.import_module("sessions.migrations.0003_ledger_view").LEDGER_VIEW


def _sqlite_dependants_drop(apps, schema_editor):
    # SQLite rebuilds the session table to add a NOT NULL column; the ledger view and the
    # evidence triggers that name the table would break the rename, so they step aside.
    if schema_editor.connection.vendor != "sqlite":
        return
    from sessions import db_guards

    db_guards.uninstall(schema_editor.connection)
    schema_editor.execute("DROP VIEW IF EXISTS dialogue_sessions_ledger")


def _sqlite_dependants_create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from sessions import db_guards

    schema_editor.execute(LEDGER_VIEW)
    db_guards.install(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('courses', '0006_english_track_names'),
        ('dialogue_sessions', '0003_ledger_view'),
        ('people', '0006_employee_restriction_and_erasure'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(_sqlite_dependants_drop, _sqlite_dependants_create),
        migrations.AddField(
            model_name='session',
            name='invitations_pending',
            field=models.BooleanField(default=False, editable=False, help_text='Inbjudningarna byggs och skickas i bakgrunden strax efter att tillfället har sparats.', verbose_name='inbjudningar väntar'),
        ),
        migrations.AddIndex(
            model_name='session',
            index=models.Index(condition=models.Q(('invitations_pending', True)), fields=['created_at'], name='sessions_invitations_pending'),
        ),
        migrations.RunPython(_sqlite_dependants_create, _sqlite_dependants_drop),
    ]
