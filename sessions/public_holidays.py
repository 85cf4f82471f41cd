"""Days nobody is at work: weekends and Swedish public holidays.

The holidays come from the maintained ``holidays`` library (https://holidays.readthedocs.io/):
its public ones plus the de facto days off (midsommarafton, julafton, nyårsafton). Sundays are a
weekend day here, not a holiday, so the library's own Sunday entries are left out.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays

from django.utils.translation import get_language
from django.utils.translation import gettext as _

_CATEGORIES = (holidays.PUBLIC, holidays.DE_FACTO)


@lru_cache(maxsize=64)
def _holidays(year: int, language: str) -> dict[datetime.date, str]:
    calendar = holidays.Sweden(years=year, categories=_CATEGORIES, language=language, include_sundays=False)
    return dict(calendar.items())


def holiday_name(day: datetime.date) -> str | None:
    """The name of the Swedish public holiday on ``day``, in the current language, or None."""
    language = "en_US" if (get_language() or "sv").startswith("en") else "sv"
    return _holidays(day.year, language).get(day)


def day_off(day: datetime.date) -> str | None:
    """Why ``day`` is not a working day ("lördag", "söndag", a holiday's name), or None."""
    name = holiday_name(day)
    if name:
        return name
    if day.weekday() == 5:
        return _("lördag")
    if day.weekday() == 6:
        return _("söndag")
    return None


def next_working_day(day: datetime.date) -> datetime.date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while day_off(day):
        day += datetime.timedelta(days=1)
    return day
