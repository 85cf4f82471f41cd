from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-postadress"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    error_messages = {
        "invalid_login": _("Fel e-postadress eller lösenord. Kontrollera och försök igen."),
        "inactive": _("Inloggningen är inte aktiv. Kontakta din administratör."),
    }


class AdminLoginForm(WagtailLoginForm):
    """The Wagtail admin's login form, with the password field named in the reader's language
    (Wagtail's own field has no label, so Django shows its name, "Password")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Lösenord")


#: A formset never has more forms than this (Django's own default bound, ``absolute_max``).
_MAX_CHILD_FORMS = 2000


class ChildFormsAdminForm(WagtailAdminModelForm):
    """An admin form for a model with inline children (InlinePanel) that answers a tampered
    POST with a form, not a server error.

    django-modelcluster reads ``<relation>-<n>-id`` for every form that INITIAL_FORMS counts,
    without the guard Django's own formsets have; a request that leaves one out raised
    ``MultiValueDictKeyError``, and one whose id is not a number a ``ValueError``. Such a form
    is read as a new child instead, and validated as one.
    """

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and hasattr(data, "copy"):
            data = _with_child_ids(data)
        super().__init__(data, *args, **kwargs)


def _with_child_ids(data):
    missing = {}
    for key in data:
        if not key.endswith("-INITIAL_FORMS"):
            continue
        prefix = key[: -len("-INITIAL_FORMS")]
        try:
            count = min(int(data.get(key)), _MAX_CHILD_FORMS)
        except (TypeError, ValueError):
            continue  # the formset itself reports the management form as broken
        for i in range(max(count, 0)):
            child_id = data.get(f"{prefix}-{i}-id")
            # Left out, or not a number (no child has such an id): read as a new child.
            if child_id is None or (child_id and not (child_id.isascii() and child_id.isdigit())):
                missing[f"{prefix}-{i}-id"] = ""
    if not missing:
        return data
    data = data.copy()
    for key, value in missing.items():
        data[key] = value
    return data
