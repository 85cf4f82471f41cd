"""Survey screens in the Wagtail admin: surveys with their questions inline, and rounds."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from cms.admin_views import BaseModelViewSet

from .models import Survey, SurveyRound


class SurveyViewSet(BaseModelViewSet):
    model = Survey
    icon = "form"
    menu_label = _("Enkäter")
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

