"""Programme screens in the Wagtail admin: programmes, tracks with their ordered modules, and the
editors' wording of the e-mails."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.admin_views import BaseIndexView, BaseModelViewSet

from .models import MessageText, Programme, Track


class TrackTargetColumn(Column):
    """Planned minutes against the target, with a warning when they do not add up."""

    cell_template_name = "courses/admin/track_target_cell.html"

    def get_value(self, instance):
        return instance.planned_minutes

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        planned = context["raw_value"]
        context.update(
            planned=planned,
            target=instance.target_minutes,
            short=max(0, instance.target_minutes - planned),
            over=max(0, planned - instance.target_minutes),
        )
        return context


class TrackTargetPanel(Panel):
    """Shows on the track form whether the saved modules add up to the target."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/track_target_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            track = self.instance if self.instance and self.instance.pk else None
            context["track"] = track
            if track is not None:
                context["planned"] = track.planned_minutes
                context["target"] = track.target_minutes
            return context


class TargetWarningMixin:
    """After saving a track, warn when its modules do not add up to the target."""

    def form_valid(self, form):
        response = super().form_valid(form)
        track = Track.objects.prefetch_related("modules").get(pk=form.instance.pk)
        if track.planned_minutes != track.target_minutes:
            messages.warning(
                self.request,
                _("%(track)s: modulerna är planerade till %(planned)d minuter men målet är %(target)d minuter.")
                % {"track": track.name, "planned": track.planned_minutes, "target": track.target_minutes},
            )
        return response


class TrackCreateView(TargetWarningMixin, generic.CreateView):
    pass


class TrackEditView(TargetWarningMixin, generic.EditView):
    pass


class TrackIndexView(BaseIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("programme").prefetch_related("modules")


class ProgrammeViewSet(BaseModelViewSet):
    model = Programme
    icon = "calendar"
    menu_label = _("Program")
    list_display = ["name", "starts_on", "ends_on", "planned_participants"]
    search_fields = ["name"]
    inspect_view_enabled = True


class TrackViewSet(BaseModelViewSet):
    model = Track
    icon = "list-ol"
    menu_label = _("Spår och moduler")
    index_view_class = TrackIndexView
    add_view_class = TrackCreateView
    edit_view_class = TrackEditView
    list_display = [
        "name",
        "programme",
        "kind",
        TrackTargetColumn("target", label=_("Planerat / mål")),
    ]
    list_filter = ["programme", "kind"]
    edit_handler = ObjectList(
        [
            TrackTargetPanel(heading=_("Tid")),
            FieldPanel("programme"),
            FieldPanel("kind"),
            FieldPanel("name"),
            FieldPanel("name_en"),
            FieldPanel("description"),
            FieldPanel("target_minutes"),
            InlinePanel("modules", heading=_("Moduler"), label=_("Modul")),
        ]
    )


class ProgrammeViewSetGroup(ViewSetGroup):
    menu_label = _("Program")
    menu_icon = "calendar"
    menu_order = 250
    items = (ProgrammeViewSet("programmes"), TrackViewSet("tracks"))


@hooks.register("register_admin_viewset")
def register_programme_viewsets():
    return ProgrammeViewSetGroup()


@hooks.register("register_log_scope")
def register_courses_log_scope():
    from cms.selectors import BY_PERMISSION

    from .models import Module

    return {Programme: BY_PERMISSION, Track: BY_PERMISSION, Module: BY_PERMISSION, MessageText: BY_PERMISSION}


@hooks.register("register_log_actions")
def register_personal_data_log_actions(actions) -> None:
    actions.register_action(
        "samtalsrum.personal_data.erase", _("Radera personuppgifter"), _("En persons uppgifter raderades eller begränsades")
    )
    actions.register_action(
        "samtalsrum.personal_data.purge", _("Gallra personuppgifter"), _("Uppgifter gallrades efter bevarandedatum")
    )
    actions.register_action(
        "samtalsrum.survey_pairing_destroy", _("Avsluta parning av enkätsvar"), _("Före- och eftersvar kan inte längre paras")
    )


@hooks.register("register_admin_urls")
def register_personal_data_urls():
    from django.urls import path

    from . import views_personal_data as views

    return [
        path("personal-data/<int:employee_id>/", views.admin_extract, name="personal_data_extract"),
        path("personal-data/<int:employee_id>/erase/", views.admin_erase, name="personal_data_erase"),
    ]


@hooks.register("register_employee_listing_buttons")
def personal_data_button(request, employee):
    from django.urls import reverse

    from wagtail.admin.widgets.button import Button

    from people.selectors import scope_for

    # The same rule as people.selectors.data_subject_admins_for, without a query per row.
    scope = scope_for(request.user)
    if not (scope.is_programme_admin or employee.organisation_id in scope.hr_organisation_ids):
        return []
    return [Button(_("Registerutdrag och radering"), reverse("personal_data_extract", args=[employee.pk]),
                   icon_name="doc-full", priority=50)]


class MessagePlaceholdersPanel(Panel):
    """Lists, per kind of message, the placeholders an editor may use."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/message_placeholders_panel.html"

        def get_context_data(self, parent_context=None):
            from .message_kinds import message_kinds

            context = super().get_context_data(parent_context)
            context["kinds"] = message_kinds()
            context["example"] = "{{ first_name }}"
            return context


class _EditorsOnlyChooserMixin:
    """Wagtail's snippet chooser answers any admin user; these texts are the editors' alone."""

    def dispatch(self, request, *args, **kwargs):
        from wagtail.permissions import policy_registry

        policy = policy_registry.get_by_type(MessageText)
        if not policy.user_has_any_permission(request.user, ["add", "change", "delete", "view"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MessageTextChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("MessageTextChooseView", (_EditorsOnlyChooserMixin, chooser.ChooseView), {})
    choose_results_view_class = type(
        "MessageTextChooseResultsView", (_EditorsOnlyChooserMixin, chooser.ChooseResultsView), {}
    )
    chosen_view_class = type("MessageTextChosenView", (_EditorsOnlyChooserMixin, chooser.SnippetChosenView), {})
    chosen_multiple_view_class = type(
        "MessageTextChosenMultipleView", (_EditorsOnlyChooserMixin, chooser.SnippetChosenMultipleView), {}
    )
    # Nothing offers to create a text from a chooser, and Wagtail's create view fails without a
    # creation form: refused.
    create_view_class = type(
        "MessageTextChooserCreateView", (_EditorsOnlyChooserMixin, chooser.SnippetCreateView),
        {"can_create": lambda self: False},
    )


class MessageTextViewSet(SnippetViewSet):
    """The editors' wording of the e-mails, per programme and language, with a preview."""

    model = MessageText
    chooser_viewset_class = MessageTextChooserViewSet
    icon = "mail"
    menu_label = _("E-posttexter")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["kind", "programme", "language", "updated_at"]
    list_filter = ["kind", "language", "programme"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            MessagePlaceholdersPanel(heading=_("Platshållare")),
            FieldPanel("kind"),
            FieldPanel("programme"),
            FieldPanel("language"),
            FieldPanel("subject"),
            FieldPanel("body"),
        ]
    )


register_snippet(MessageTextViewSet)
