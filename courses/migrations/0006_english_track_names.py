"""English names for tracks that still carry the standard Swedish names; editors add the rest."""

from django.db import migrations

STANDARD = {
    ("preparatory", "Preparandprocessen"): "The preparatory process",
    ("workplace", "Arbetsplatsprocessen"): "The workplace process",
}


def name_tracks(apps, schema_editor):
    Track = apps.get_model("courses", "Track")
    for (kind, swedish), english in STANDARD.items():
        Track.objects.filter(kind=kind, name=swedish, name_en="").update(name_en=english)


def unname_tracks(apps, schema_editor):
    Track = apps.get_model("courses", "Track")
    for (kind, swedish), english in STANDARD.items():
        Track.objects.filter(kind=kind, name=swedish, name_en=english).update(name_en="")


class Migration(migrations.Migration):
    dependencies = [("courses", "0005_english_names")]

    operations = [migrations.RunPython(name_tracks, unname_tracks)]
