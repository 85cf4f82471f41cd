"""Survey screens in the Wagtail admin: surveys with their questions inline, and rounds.

Surveys are snippets so that wagtail-localize's "Translate" and its translation editor work
for them as for the pages; the list shows the Swedish surveys, the ones rounds are given with.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from cms.admin_views import BaseModelViewSet, BaseSnippetViewSet

from .models import Survey, SurveyRound


class SurveyViewSet(BaseSnippetViewSet):
    model = Survey
    icon = "form"
    menu_label = _("Enkäter")
    add_to_admin_menu = False  # in the surveys group
    list_display = ["title", "kind", "programme"]
    list_filter = ["kind", "programme"]
    search_fields = ["title"]
    copy_view_enabled = True
    inspect_view_enabled = True


class SurveyRoundViewSet(BaseModelViewSet):
    model = SurveyRound
    icon = "date"
    menu_label = _("Omgångar")
    list_display = ["name", "phase", "survey", "opens_on", "closes_on", "invitations_sent_on"]
    list_filter = ["phase", "programme"]
    search_fields = ["name"]
    inspect_view_enabled = True


class SurveysViewSetGroup(ViewSetGroup):
    menu_label = _("Enkäter")
    menu_icon = "form"
    menu_order = 400
    items = (SurveyViewSet, SurveyRoundViewSet)


@hooks.register("register_admin_viewset")
def register_survey_viewsets():
    return SurveysViewSetGroup()


@hooks.register("register_admin_urls")
def register_link_urls():
    from django.urls import path

    from .views_links import links_reissue

    return [path("surveys/links/<int:employee_id>/", links_reissue, name="surveys_links_reissue")]


@hooks.register("register_employee_listing_buttons")
def employee_links_button(request, employee):
    from django.urls import reverse

    from wagtail.admin.widgets.button import Button

    from .selectors import may_reissue_links_of

    if not may_reissue_links_of(request.user, employee):
        return []
    return [Button(_("Spärra och byt ut länkar"), reverse("surveys_links_reissue", args=[employee.pk]),
                   icon_name="key", priority=40)]


@hooks.register("register_log_actions")
def register_survey_log_actions(actions):
    actions.register_action("samtalsrum.survey_letters", _("Brev med kod"), _("Brev med personliga koder skapades"))


@hooks.register("register_log_scope")
def register_surveys_log_scope():
    from cms.selectors import BY_PERMISSION

    # The questionnaires and their rounds; answers are never logged.
    return {Survey: BY_PERMISSION, SurveyRound: BY_PERMISSION}
