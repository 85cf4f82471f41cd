"""Forms for scheduling, roll call and corrections. They only validate input; services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Module, Programme, Track
from people.models import Employee, User

from . import bounds
from .models import AttendanceStatus
from .params import PK_MAX
from .roll_call import CloseSummary

DATETIME_INPUT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_INPUT, **kwargs)


class SessionDateTimeField(forms.DateTimeField):
    """A date and time in the years a session can have: year 1 or 9999 is refused here, before any
    time-zone arithmetic (which overflows) and long before the database (which stored year 1 as 1 BC)."""

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None and not bounds.within_years(result):
            raise forms.ValidationError(
                _("Ange ett datum mellan %(first)s och %(last)s.")
                % {"first": bounds.SESSION_DATE_MIN.year, "last": bounds.SESSION_DATE_MAX.year},
                code="out_of_range",
            )
        return result


def _dt_field(label):
    return SessionDateTimeField(
        label=label, widget=DateTimeLocalInput(), input_formats=[DATETIME_INPUT, "%Y-%m-%d %H:%M"]
    )


def _add_time_errors(form: forms.Form, programme: Programme, starts_at, ends_at) -> None:
    """The programme's window and the session length, as field errors (the services check again)."""
    try:
        bounds.validate_session_times(programme=programme, starts_at=starts_at, ends_at=ends_at)
    except forms.ValidationError as exc:
        for field, errors in exc.error_dict.items():
            if field in form.fields and field not in form.errors:
                form.add_error(field, errors)


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
        help_text=_("De som ännu saknar modulen är förvalda. Avmarkera den som inte ska bjudas in."),
    )
    capacity = forms.IntegerField(label=_("Antal platser"), min_value=1, max_value=bounds.SESSION_CAPACITY_MAX,
                                  required=False, help_text=_("Lämna tomt för obegränsat."))
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

    def programme(self) -> Programme | None:
        module = self.cleaned_data.get("module")
        return module.track.programme if module else None

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at"):
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("ends_at", _("Sluttiden måste vara efter starttiden."))
            elif (programme := self.programme()) is not None:
                _add_time_errors(self, programme, data["starts_at"], data["ends_at"])
        if not data.get("place") and not data.get("video_link"):
            self.add_error("place", _("Ange plats eller videolänk."))
        return data


class RescheduleForm(SessionForm):
    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["module"]
        self._programme = programme

    def programme(self) -> Programme | None:
        return self._programme


class PlannerForm(forms.Form):
    """The planner's batch: when, where, who leads, and how big the groups may be. The same form,
    posted again with the proposal's fingerprint, confirms the preview."""

    first_starts_at = _dt_field(_("Första tillfället börjar"))
    interval_days = forms.IntegerField(label=_("Dagar mellan modulerna"), min_value=1, max_value=60, initial=7)
    group_size = forms.IntegerField(
        label=_("Högst antal per grupp"),
        required=False,
        initial=12,
        widget=forms.NumberInput(attrs={"min": 1, "max": bounds.SESSION_CAPACITY_MAX}),
        help_text=_("De som saknar en modul delas i så jämna grupper som möjligt, med ett tillfälle per grupp. "
                    "Lämna tomt för en grupp per modul."),
    )
    group_interval_days = forms.IntegerField(
        label=_("Dagar mellan grupperna"), required=False, initial=1, min_value=1, max_value=30,
        help_text=_("Grupperna för samma modul får var sin dag."),
    )
    skip_days_off = forms.BooleanField(
        label=_("Flytta tillfällen från helger och helgdagar till nästa vardag"), required=False, initial=True
    )
    place = forms.CharField(label=_("Plats"), max_length=200, required=False)
    video_link = forms.URLField(label=_("Videolänk"), required=False, assume_scheme="https")
    process_leaders = PersonChoiceField(
        label=_("Processledare"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, leaders, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process_leaders"].queryset = leaders
        self.programme = programme

    def clean_group_size(self):
        value = self.cleaned_data.get("group_size")
        if value is not None and not 1 <= value <= bounds.SESSION_CAPACITY_MAX:
            raise forms.ValidationError(
                _("Ange en gruppstorlek mellan 1 och %(max)s, eller lämna tomt.") % {"max": bounds.SESSION_CAPACITY_MAX}
            )
        return value

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("video_link"):
            self.add_error("place", _("Ange plats eller videolänk."))
        first = data.get("first_starts_at")
        # The first session is checked here; each later one (first + n × interval) when it is saved.
        if first is not None and not bounds.in_window(self.programme, first):
            self.add_error("first_starts_at", bounds.window_message(self.programme))
        return data

    def planner_options(self) -> dict:
        """The cleaned values as arguments of ``planner_propose`` and ``planner_create_remaining``."""
        data = self.cleaned_data
        return {
            "first_starts_at": data["first_starts_at"],
            "interval_days": data["interval_days"],
            "group_size": data.get("group_size"),
            "group_interval_days": data.get("group_interval_days") or 1,
            "skip_days_off": bool(data.get("skip_days_off")),
            "place": data["place"],
            "video_link": data["video_link"],
            "process_leaders": list(data["process_leaders"]),
        }


class RollCallForm(forms.Form):
    employee = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=PK_MAX)
    status = forms.ChoiceField(choices=AttendanceStatus.choices)
    minutes = forms.IntegerField(required=False, min_value=0, max_value=bounds.SESSION_MAX_MINUTES)


class CloseForm(forms.Form):
    """The leader's confirmation of the summary shown before closing (a second, explicit POST)."""

    confirm = forms.BooleanField(required=True, widget=forms.HiddenInput)
    present = forms.IntegerField(min_value=0, max_value=PK_MAX, widget=forms.HiddenInput)
    partial = forms.IntegerField(min_value=0, max_value=PK_MAX, widget=forms.HiddenInput)
    absent = forms.IntegerField(min_value=0, max_value=PK_MAX, widget=forms.HiddenInput)
    unmarked = forms.IntegerField(min_value=0, max_value=PK_MAX, widget=forms.HiddenInput)

    @classmethod
    def for_summary(cls, summary: CloseSummary) -> CloseForm:
        return cls(initial={"confirm": True, **summary.as_data()})

    def summary(self) -> CloseSummary:
        data = self.cleaned_data
        return CloseSummary(
            present=data["present"], partial=data["partial"], absent=data["absent"], unmarked=data["unmarked"]
        )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl"),
        max_length=bounds.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skälet står i meddelandet till de inbjudna."),
    )


class CorrectionForm(forms.Form):
    employee = forms.ModelChoiceField(label=_("Anställd"), queryset=Employee.objects.none())
    track = forms.ModelChoiceField(label=_("Spår"), queryset=Track.objects.none())
    minutes = forms.IntegerField(
        label=_("Minuter (+/−)"),
        min_value=-bounds.CORRECTION_MINUTES_ABS_MAX,
        max_value=bounds.CORRECTION_MINUTES_ABS_MAX,
        help_text=_("Negativt tal drar av tid."),
    )
    reason = forms.CharField(
        label=_("Skäl"), max_length=bounds.REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, employees, tracks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees
        self.fields["employee"].label_from_instance = lambda e: e.full_name
        self.fields["track"].queryset = tracks

    def clean(self):
        data = super().clean()
        track, minutes = data.get("track"), data.get("minutes")
        if track is not None and minutes is not None:
            limit = bounds.correction_max_minutes(track.target_minutes)
            if not -limit <= minutes <= limit:
                self.add_error(
                    "minutes",
                    _("En korrigering kan vara högst %(max)s minuter åt något håll (%(multiple)s gånger spårets mål).")
                    % {"max": limit, "multiple": bounds.CORRECTION_TARGET_MULTIPLE},
                )
        return data

    def clean_minutes(self):
        value = self.cleaned_data["minutes"]
        if value == 0:
            raise forms.ValidationError(_("Ange ett annat värde än noll."))
        return value
