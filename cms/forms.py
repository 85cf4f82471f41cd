from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

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
