"""API tokens in the Wagtail admin (*Organisation och personer → API-nycklar*): programme admins
and HR create them (HR for their own organisations), see each token once, and revoke them."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from people.viewsets import ScopedEditView, ScopedModelViewSet

from .models import ApiToken
from .selectors import api_tokens_for, can_manage_tokens, token_organisations_for
from .services import api_token_create, api_token_revoke


class TokenPermissionPolicy(ModelPermissionPolicy):
    """Programme admins and HR may list, create and revoke; nobody deletes (the log stays)."""

    def user_has_permission(self, user, action):
        return action in {"add", "change", "view"} and can_manage_tokens(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(ApiToken, TokenPermissionPolicy(ApiToken))


class TokenCreateForm(WagtailAdminModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "organisation", "can_read", "can_write", "expires_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = token_organisations_for(self.for_user)


class TokenEditForm(WagtailAdminModelForm):
    revoke = forms.BooleanField(
        label=_("Spärra nyckeln"), required=False,
        help_text=_("Systemet som använder nyckeln kommer inte längre åt API:t. Det går inte att ångra."),
    )

    class Meta:
        model = ApiToken
        fields = ["name"]


class TokenCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        try:
            token, self.token_text = api_token_create(
                creator=self.request.user,
                organisation=data["organisation"],
                name=data["name"],
                scopes=[s for s, held in (("read", data["can_read"]), ("write", data["can_write"])) if held],
                expires_at=data.get("expires_at"),
            )
        except ValidationError as exc:
            self.form.add_error(None, exc)
            raise
        return token

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.save_instance()
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, PermissionDenied):
                form.add_error("organisation", str(exc))
            return self.form_invalid(form)
        # The token is shown on this one page and never again: no redirect, no message.
        return TemplateResponse(
            self.request,
            "api/admin/token_created.html",
            {"token": self.object, "token_text": self.token_text, "index_url": self.get_success_url(),
             "header_title": _("API-nyckel skapad")},
        )


class TokenEditView(ScopedEditView):
    def save_instance(self):
        instance = super().save_instance()
        if self.form.cleaned_data.get("revoke"):
            api_token_revoke(token=instance, user=self.request.user)
        return instance


class ApiTokenViewSet(ScopedModelViewSet):
    model = ApiToken
    icon = "key"
    menu_label = _("API-nycklar")
    add_to_admin_menu = False
    url_prefix = "api-tokens"
    add_view_class = TokenCreateView
    edit_view_class = TokenEditView
    list_display = [
        "name",
        Column("organisation", label=_("Organisation"), accessor="organisation.name"),
        Column("prefix", label=_("Början av nyckeln")),
        Column("scopes", label=_("Behörighet"), accessor="scopes"),
        Column("status", label=_("Status"), accessor="status_label"),
        DateColumn("expires_at", label=_("Gäller till")),
        DateColumn("last_used_at", label=_("Senast använd")),
    ]
    list_filter = ["organisation"]

    def get_form_class(self, for_update=False):
        return TokenEditForm if for_update else TokenCreateForm

    def scoped_queryset(self, user):
        return api_tokens_for(user)


api_token_viewset = ApiTokenViewSet("api_tokens")


@hooks.register("register_admin_viewset")
def register_api_token_viewset():
    return api_token_viewset


class _TokenMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_manage_tokens(request.user)


@hooks.register("register_people_menu_item")
def register_api_token_menu_item():
    return _TokenMenuItem(
        _("API-nycklar"), reverse_lazy("api_tokens:index"), name="api-tokens", icon_name="key", order=950
    )


@hooks.register("register_log_actions")
def register_api_token_log_actions(actions) -> None:
    actions.register_action("samtalsrum.api_token.create", _("Skapa API-nyckel"), _("API-nyckel skapad"))
    actions.register_action("samtalsrum.api_token.revoke", _("Spärra API-nyckel"), _("API-nyckel spärrad"))


@hooks.register("register_log_scope")
def register_api_log_scope():
    return {ApiToken: api_tokens_for}
