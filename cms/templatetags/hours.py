"""Template filters for attended time: ``{{ minutes|duration }}`` and ``{{ minutes|hours }}``."""

from django import template

from cms import formatting

register = template.Library()


@register.filter
def duration(minutes) -> str:
    """``85|duration`` → "1 tim 25 min"."""
    return formatting.duration(minutes)


@register.filter
def hours(minutes, digits: int = 1) -> str:
    """``85|hours`` → "1,4" (Swedish decimal comma; the reader's format in English)."""
    return formatting.hours(minutes, int(digits))
