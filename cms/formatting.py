"""Durations as people say them: "1 tim 25 min", "1,4 timmar" with the Swedish decimal comma.

Every page, e-mail and document that shows attended time goes through these two functions, so
the whole platform speaks of time the same way (see also ``cms/templatetags/hours.py``).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _


def duration(minutes: int | None) -> str:
    """A whole number of minutes as hours and minutes: "1 tim 25 min", "45 min", "2 tim"."""
    total = int(minutes or 0)
    sign = "−" if total < 0 else ""
    hours, rest = divmod(abs(total), 60)
    if hours and rest:
        text = _("%(hours)s tim %(minutes)s min") % {"hours": hours, "minutes": rest}
    elif hours:
        text = _("%(hours)s tim") % {"hours": hours}
    else:
        text = _("%(minutes)s min") % {"minutes": rest}
    return sign + text


def hours(minutes: int | None, digits: int = 1) -> str:
    """Minutes as decimal hours in the reader's number format: 85 → "1,4" in Swedish."""
    value = (Decimal(int(minutes or 0)) / 60).quantize(
        Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP
    )
    return formats.number_format(value, decimal_pos=digits, use_l10n=True)
