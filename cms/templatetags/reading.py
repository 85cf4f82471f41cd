"""Reading support: the reader's text size and contrast, remembered in a cookie by reading.js,
and the switch to lättläst Swedish.

Reading the cookie on the server puts the classes on <html> before the first paint, so a
page never flashes in the wrong size or colours.
"""

from django import template

register = template.Library()

COOKIE_NAME = "samtalsrum_reading"
_ALLOWED = {"text-large", "text-xlarge", "high-contrast"}


@register.simple_tag(takes_context=True)
def reading_classes(context) -> str:
    request = context.get("request")
    if request is None:
        return ""
    raw = request.COOKIES.get(COOKIE_NAME, "")
    return " ".join(sorted(part for part in raw.split(".") if part in _ALLOWED))



@register.simple_tag(takes_context=True)
def easy_read_switch(context):
    """The "Lättläst" switch of the reading support menu, or ``None`` (see :mod:`cms.easy_read`)."""
    from cms.easy_read import easy_read_switch as switch_for

    return switch_for(context.get("request"), context.get("page"))
