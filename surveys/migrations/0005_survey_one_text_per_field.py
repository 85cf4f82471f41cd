"""One text field per text: the per-language columns go (their texts are in the translations)."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

import surveys.models


class Migration(migrations.Migration):

    dependencies = [
        ('surveys', '0004_survey_translations_data'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.RemoveField(model_name='survey', name='title_en'),
        migrations.RemoveField(model_name='survey', name='description_en'),
        migrations.RemoveField(model_name='question', name='text_en'),
        migrations.RemoveField(model_name='question', name='text_easy_sv'),
        migrations.RemoveField(model_name='question', name='options_en'),
        migrations.RemoveField(model_name='question', name='options_easy_sv'),
        migrations.RemoveField(model_name='question', name='translations'),
        migrations.RenameField(model_name='question', old_name='text_sv', new_name='text'),
        migrations.RenameField(model_name='question', old_name='options_sv', new_name='options'),
        migrations.AlterField(
            model_name='question',
            name='text',
            field=models.TextField(verbose_name='fråga'),
        ),
        migrations.AlterField(
            model_name='question',
            name='options',
            field=models.TextField(blank=True, help_text='Ett alternativ per rad. Krävs för ett val/flera val. För skala 1–5: fem rader (lämna tomt för standardetiketterna). För skala 0–10: två rader, ändpunkternas etiketter.', verbose_name='svarsalternativ'),
        ),
        migrations.AlterField(
            model_name='survey',
            name='translation_key',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name='survey',
            name='locale',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AlterField(
            model_name='question',
            name='translation_key',
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name='question',
            name='locale',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtailcore.locale', verbose_name='locale'),
        ),
        migrations.AlterUniqueTogether(
            name='survey',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.AlterUniqueTogether(
            name='question',
            unique_together={('translation_key', 'locale')},
        ),
        migrations.AlterField(
            model_name='surveyround',
            name='survey',
            field=models.ForeignKey(limit_choices_to=surveys.models._source_surveys, on_delete=django.db.models.deletion.PROTECT, related_name='rounds', to='surveys.survey', verbose_name='enkät'),
        ),
    ]
