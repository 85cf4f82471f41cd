"""Swedish names for the moderation workflow Wagtail creates in English.

Workflow and task names are data, shown as they are in the admin ("Lämna in till …"), so
Wagtail's English default would stay English in the Swedish admin.
"""

from django.db import migrations

RENAMES = {"Moderators approval": "Granskning"}


def to_swedish(apps, schema_editor):
    for model in ("Workflow", "Task"):
        manager = apps.get_model("wagtailcore", model).objects
        for english, swedish in RENAMES.items():
            manager.filter(name=english).update(name=swedish)


def to_english(apps, schema_editor):
    for model in ("Workflow", "Task"):
        manager = apps.get_model("wagtailcore", model).objects
        for english, swedish in RENAMES.items():
            manager.filter(name=swedish).update(name=english)


class Migration(migrations.Migration):
    dependencies = [("cms", "0004_outbox_body_erased_at"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(to_swedish, to_english)]
