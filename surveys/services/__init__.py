"""Writes for surveys (keyword-only, typed, atomic), split by what they are about."""

from .links import (
    employee_links_reissue,
    survey_letter_code_redeem,
    survey_letter_codes_issue,
    survey_link_request,
)
from .responses import (
    SurveyError,
    new_nonce,
    round_dates_suggest,
    round_employees,
    survey_draft_save,
    survey_invitations_ensure,
    survey_reminders_send,
    survey_response_submit,
    survey_round_invite,
)

__all__ = [
    "SurveyError",
    "employee_links_reissue",
    "new_nonce",
    "round_dates_suggest",
    "round_employees",
    "survey_draft_save",
    "survey_invitations_ensure",
    "survey_letter_code_redeem",
    "survey_letter_codes_issue",
    "survey_link_request",
    "survey_reminders_send",
    "survey_response_submit",
    "survey_round_invite",
]
