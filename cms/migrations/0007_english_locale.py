"""English stays offered to readers now that the offered languages follow the Wagtail locales.

English has been a reader's language from the start (its /en/ addresses are in e-mails and on
paper); until now it needed no locale. The other languages are added as locales by an editor
(Settings → Locales) or by the demo, see docs/languages.md.
"""

from django.db import migrations


def add_english(apps, schema_editor):
    apps.get_model("wagtailcore", "Locale").objects.get_or_create(language_code="en")


def remove_unused_english(apps, schema_editor):
    # Pages protect their locale: a locale that holds English pages stays, with its pages.
    locale = apps.get_model("wagtailcore", "Locale").objects.filter(language_code="en").first()
    if locale is not None and not apps.get_model("wagtailcore", "Page").objects.filter(locale=locale).exists():
        locale.delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0006_export_job"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(add_english, remove_unused_english)]
