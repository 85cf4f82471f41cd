"""What the API answers, field by field (and what its OpenAPI schema says)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from django.utils.translation import gettext_lazy as _


class WorkplaceRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Arbetsplatsens id."))
    name = serializers.CharField(help_text=_("Arbetsplatsens namn."))
    code = serializers.CharField(help_text=_("Arbetsplatsens kod i HR-systemet (kan vara tom)."))


class TrackHoursSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=["preparatory", "workplace"], help_text=_("Spåret: preparatory (preparand) eller workplace.")
    )
    minutes = serializers.IntegerField(help_text=_("Minuter enligt liggaren: närvaro plus korrigeringar."))
    target_minutes = serializers.IntegerField(allow_null=True, help_text=_("Spårets mål i minuter."))
    required = serializers.BooleanField(
        help_text=_("Om spåret gäller personen (preparandspåret gäller chefer och processledare).")
    )


class EmployeeHoursListSerializer(serializers.ListSerializer):
    def to_representation(self, data) -> list[dict]:
        # The declared fields (which the schema describes), written out directly: a page of
        # 1 000 people is the API's largest answer, and DRF's field-by-field path – down to
        # reading ``self.context`` once per row – costs about 0.1 s for it.
        # tests/api/test_read.py checks both give the same.
        rows = data.all() if hasattr(data, "all") else data
        write = self.child.row
        targets = self.context["targets"]
        return [write(employee, targets) for employee in rows]


class EmployeeHoursSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Den anställdas id i Samtalsrum."))
    employee_number = serializers.CharField(help_text=_("Anställningsnummer i HR-systemet."))
    first_name = serializers.CharField(help_text=_("Förnamn."))
    last_name = serializers.CharField(help_text=_("Efternamn."))
    workplace = WorkplaceRefSerializer()
    tracks = serializers.SerializerMethodField()

    class Meta:
        list_serializer_class = EmployeeHoursListSerializer

    @extend_schema_field(TrackHoursSerializer(many=True))
    def get_tracks(self, employee) -> list[dict]:
        # The two tracks of the HR report, from the minutes of api.selectors.employee_hours_page.
        return self.track_rows(employee, self.context["targets"])

    @staticmethod
    def track_rows(employee, targets: dict) -> list[dict]:
        return [
            {
                "kind": "preparatory",
                "minutes": employee.preparatory_minutes,
                "target_minutes": targets.get("preparatory"),
                "required": bool(employee.preparatory_required),
            },
            {
                "kind": "workplace",
                "minutes": employee.workplace_minutes,
                "target_minutes": targets.get("workplace"),
                "required": True,
            },
        ]

    def to_representation(self, employee) -> dict:
        return self.row(employee, self.context["targets"])

    @classmethod
    def row(cls, employee, targets: dict) -> dict:
        workplace = employee.workplace  # every employee has one (people.Employee.workplace)
        return {
            "id": employee.pk,
            "employee_number": employee.employee_number,
            "first_name": employee.first_name,
            "last_name": employee.last_name,
            "workplace": {"id": workplace.pk, "name": workplace.name, "code": workplace.code},
            "tracks": cls.track_rows(employee, targets),
        }


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Tillfällets id."))
    module = serializers.CharField(source="module.title", help_text=_("Modulens titel."))
    module_id = serializers.IntegerField(help_text=_("Modulens id."))
    track = serializers.CharField(source="module.track.kind", help_text=_("Spåret: preparatory eller workplace."))
    workplace = WorkplaceRefSerializer(allow_null=True, help_text=_("Tom för öppna preparandtillfällen."))
    starts_at = serializers.DateTimeField(help_text=_("Börjar."))
    ends_at = serializers.DateTimeField(help_text=_("Slutar."))
    status = serializers.CharField(help_text=_("scheduled, closed eller cancelled."))
    place = serializers.CharField(help_text=_("Plats."))
    capacity = serializers.IntegerField(allow_null=True, help_text=_("Antal platser."))
    updated_at = serializers.DateTimeField(help_text=_("Senast ändrad."))


class AttendanceSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Närvarons id."))
    session_id = serializers.IntegerField(help_text=_("Tillfällets id."))
    employee_id = serializers.IntegerField(help_text=_("Den anställdas id."))
    employee_number = serializers.CharField(source="employee.employee_number", help_text=_("Anställningsnummer."))
    status = serializers.CharField(help_text=_("present, partial eller absent."))
    minutes = serializers.IntegerField(help_text=_("Närvarande minuter."))
    recorded_at = serializers.DateTimeField(help_text=_("Senast registrerad eller ändrad."))


class CofinancingRowSerializer(serializers.Serializer):
    gender = serializers.CharField(help_text=_("woman, man, other eller tom (uppgift saknas)."))
    minutes = serializers.IntegerField(help_text=_("Minuter deltagartid i månaden."))
    hours = serializers.DecimalField(max_digits=12, decimal_places=2, help_text=_("Timmar efter programmets avrundningsregel."))
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, help_text=_("Timmar gånger timkostnaden (kr)."))


class CofinancingSerializer(serializers.Serializer):
    programme_id = serializers.IntegerField(help_text=_("Programmets id."))
    month = serializers.CharField(help_text=_("Månaden, ÅÅÅÅ-MM."))
    unit_cost_per_hour = serializers.DecimalField(max_digits=10, decimal_places=2, help_text=_("Timkostnaden (kr)."))
    rows = CofinancingRowSerializer(many=True)


class ImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_(
        "CSV- eller XLSX-fil från HR-systemet, som i administrationens import. Kolumnen Språk tar "
        "språkkoden (sv, en, sv-easy, ar, so, ti, fa) eller språkets namn, till exempel somaliska "
        "eller Somali; tom betyder svenska."
    ))
    dry_run = serializers.BooleanField(default=False, help_text=_("Visa vad som skulle hända utan att spara."))
    update_only = serializers.BooleanField(
        default=False, help_text=_("Lägg till och uppdatera, men markera ingen som slutad.")
    )
    allow_mass_leavers = serializers.BooleanField(
        default=False,
        help_text=_("Markera som slutade även om det gäller fler än den tillåtna andelen av organisationen."),
    )
    expected_leavers = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text=_("Antalet som ska markeras som slutade; stämmer det inte importeras ingenting."),
    )


class ImportRowSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text=_("Radnummer i filen."))
    action = serializers.CharField(help_text=_("create, update, unchanged eller error."))
    employee_number = serializers.CharField()
    name = serializers.CharField()
    workplace = serializers.CharField()
    changes = serializers.ListField(child=serializers.CharField(), help_text=_("Vad som ändras."))
    errors = serializers.ListField(child=serializers.CharField(), help_text=_("Fel på raden, på svenska."))


class ImportLeaverSerializer(serializers.Serializer):
    employee_number = serializers.CharField()
    name = serializers.CharField()
    workplace = serializers.CharField()
    employment_end = serializers.DateField()


class ImportResultSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    imported = serializers.BooleanField(help_text=_("Om något skrevs."))
    counts = serializers.DictField(child=serializers.IntegerField())
    leavers_withheld = serializers.BooleanField(
        help_text=_("Sant när filen skulle markera för många som slutade och ingen markerades.")
    )
    leaver_message = serializers.CharField(allow_blank=True)
    ignored_columns = serializers.ListField(child=serializers.CharField())
    rows = ImportRowSerializer(many=True)
    leavers = ImportLeaverSerializer(many=True)


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField(help_text=_("Problemets typ (about:blank eller urn:samtalsrum:problem:…)."))
    title = serializers.CharField(help_text=_("Kort rubrik."))
    status = serializers.IntegerField(help_text=_("HTTP-status."))
    detail = serializers.CharField(help_text=_("Vad som gick fel."))
    errors = serializers.JSONField(required=False, help_text=_("Fel per fält eller per rad i filen."))
