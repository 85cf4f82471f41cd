"""Forms for scheduling, roll call and corrections. They only validate input; services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Module, Track
from people.models import Employee, User

from .models import AttendanceStatus

DATETIME_INPUT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_INPUT, **kwargs)


def _dt_field(label):
    return forms.DateTimeField(label=label, widget=DateTimeLocalInput(), input_formats=[DATETIME_INPUT, "%Y-%m-%d %H:%M"])


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        if isinstance(obj, User):
            return obj.get_full_name() or obj.email
        return obj.full_name


class SessionForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Modul"), queryset=Module.objects.none())
    starts_at = _dt_field(_("Börjar"))
    ends_at = _dt_field(_("Slutar"))
    place = forms.CharField(label=_("Plats"), max_length=200, required=False)
    video_link = forms.URLField(label=_("Videolänk"), required=False, assume_scheme="https")
    process_leaders = PersonChoiceField(
        label=_("Processledare"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )
    invitees = PersonChoiceField(
        label=_("Inbjudna"),
        queryset=Employee.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Hela arbetsplatsen är förvald. Avmarkera den som inte ska bjudas in."),
    )
    capacity = forms.IntegerField(label=_("Antal platser"), min_value=1, required=False,
                                  help_text=_("Lämna tomt för obegränsat."))
    confirm_warnings = forms.BooleanField(
        label=_("Jag har läst varningarna och vill spara ändå"), required=False
    )

    def __init__(self, *args, modules, leaders, invitees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules
        self.fields["process_leaders"].queryset = leaders
        if invitees is None:
            del self.fields["invitees"]
        else:
            self.fields["invitees"].queryset = invitees

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Sluttiden måste vara efter starttiden."))
        if not data.get("place") and not data.get("video_link"):
            self.add_error("place", _("Ange plats eller videolänk."))
        return data


class RescheduleForm(SessionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["module"]


class PlannerForm(forms.Form):
    first_starts_at = _dt_field(_("Första tillfället börjar"))
    interval_days = forms.IntegerField(label=_("Dagar mellan tillfällena"), min_value=1, max_value=60, initial=7)
    place = forms.CharField(label=_("Plats"), max_length=200, required=False)
    video_link = forms.URLField(label=_("Videolänk"), required=False, assume_scheme="https")
    process_leaders = PersonChoiceField(
        label=_("Processledare"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )
    confirm_warnings = forms.BooleanField(label=_("Jag har läst varningarna och vill spara ändå"), required=False)

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process_leaders"].queryset = leaders

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("video_link"):
            self.add_error("place", _("Ange plats eller videolänk."))
        return data


class RollCallForm(forms.Form):
    employee = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=AttendanceStatus.choices)
    minutes = forms.IntegerField(required=False, min_value=0)


class CorrectionForm(forms.Form):
    employee = forms.ModelChoiceField(label=_("Anställd"), queryset=Employee.objects.none())
    track = forms.ModelChoiceField(label=_("Spår"), queryset=Track.objects.none())
    minutes = forms.IntegerField(label=_("Minuter (+/−)"), help_text=_("Negativt tal drar av tid."))
    reason = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, employees, tracks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees
        self.fields["employee"].label_from_instance = lambda e: e.full_name
        self.fields["track"].queryset = tracks

    def clean_minutes(self):
        value = self.cleaned_data["minutes"]
        if value == 0:
            raise forms.ValidationError(_("Ange ett annat värde än noll."))
        return value
