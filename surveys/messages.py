"""The survey e-mails as kinds editors can reword (``courses.message_kinds``), and the values
their placeholders take for one invitation.

Declared when the app is loaded (``SurveysConfig.ready``).
"""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from courses.message_kinds import MessageKind, Placeholder, message_kind_register

from .models import SurveyInvitation

KIND_INVITATION = "survey_invitation"
KIND_REMINDER = "survey_reminder"

_PLACEHOLDERS = (
    Placeholder("first_name", _("mottagarens förnamn"), "Anna"),
    Placeholder("survey", _("enkätens namn"), _("Före samtalen")),
    Placeholder("programme", _("programmets namn"), _("Vilka är vi?")),
    Placeholder("threshold", _("minsta antal svar för att en grupp ska visas"), "5"),
    Placeholder("url", _("mottagarens personliga svarslänk (dela den aldrig)"),
                "https://samtalsrum.example.se/sv/enkater/svar/…/"),
    Placeholder("closes", _("dagen enkäten stänger"), "2026-03-31"),
)


def register() -> None:
    for key, label, name in (
        (KIND_INVITATION, _("Inbjudan till en enkät"), "invitation"),
        (KIND_REMINDER, _("Påminnelse om en enkät"), "reminder"),
    ):
        message_kind_register(
            MessageKind(
                key=key,
                label=label,
                subject_template=f"surveys/email/{name}_subject.txt",
                body_template=f"surveys/email/{name}.txt",
                placeholders=_PLACEHOLDERS,
            )
        )


def survey_message_values(*, invitation: SurveyInvitation, language: str, url: str) -> dict[str, str]:
    """The placeholders' values for ``invitation``, in ``language`` (also the active one)."""
    survey_round = invitation.round
    return {
        "first_name": invitation.employee.first_name,
        "survey": survey_round.survey.title_for(language),
        "programme": survey_round.programme.local_name,
        "threshold": str(survey_round.programme.anonymity_threshold),
        "url": url,
        "closes": formats.date_format(survey_round.closes_on, "SHORT_DATE_FORMAT"),
    }
