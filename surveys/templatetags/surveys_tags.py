"""Template tags for other apps' pages: an employee's open surveys on their landing page."""

from __future__ import annotations

from django import template
from django.utils import timezone

from ..links import answer_path
from ..models import SurveyInvitation
from ..translations import translations_attach

register = template.Library()


@register.inclusion_tag("surveys/_open_surveys.html", takes_context=True)
def open_surveys(context, employee) -> dict:
    """Surveys the employee may still answer today, each with their own link."""
    if employee is None:
        return {"items": []}
    today = timezone.localdate()
    invitations = SurveyInvitation.objects.filter(
        employee=employee, responded=False, round__opens_on__lte=today, round__closes_on__gte=today
    ).select_related("round__survey", "employee")
    language = getattr(context.get("request"), "LANGUAGE_CODE", "sv")
    translations_attach(language=language, surveys=[inv.round.survey for inv in invitations])
    items = [
        {"title": inv.round.survey.title_for(language), "closes_on": inv.round.closes_on,
         "url": answer_path(inv, language=language)}
        for inv in invitations
    ]
    return {"items": items}


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template (None when missing)."""
    return (mapping or {}).get(key)
