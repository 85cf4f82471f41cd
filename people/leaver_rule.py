"""The leaver rule: when an HR import may mark employees as having left.

An HR file lists everyone employed, so whoever of the organisation is missing from it has left
(``people.services.employee_import``). A file that is cut short or filtered would thereby end
the employment of a whole organisation with one click. So:

- in *update only* mode nobody is marked as left;
- when a file would mark more than ``SAMTALSRUM_IMPORT_LEAVER_SHARE`` per cent of an
  organisation's current employees as left, that happens only with an explicit confirmation
  that names the number (the admin's second confirmation, ``--allow-mass-leavers`` on the
  command line). Without it nobody at all is marked as left, and the result says why.

Exactly the share is still allowed; one more needs the confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def share_percent() -> int:
    """The largest share (per cent) of current employees one file may mark as left unasked."""
    return settings.SAMTALSRUM_IMPORT_LEAVER_SHARE


def exceeds_share(leavers: int, current: int, percent: int) -> bool:
    """More than ``percent`` per cent of ``current`` employees? Whole numbers, no rounding."""
    return leavers * 100 > percent * current


@dataclass(frozen=True)
class OrganisationLeavers:
    """How many of one organisation's current employees a file would mark as left."""

    organisation: str
    leavers: int
    current: int


@dataclass
class LeaverCheck:
    """The rule applied to one file: per organisation, and whether a confirmation is needed."""

    percent: int
    organisations: list[OrganisationLeavers] = field(default_factory=list)

    @property
    def over_share(self) -> list[OrganisationLeavers]:
        return [
            item for item in self.organisations
            if exceeds_share(item.leavers, item.current, self.percent)
        ]

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.over_share)

    @property
    def leavers(self) -> int:
        return sum(item.leavers for item in self.organisations)

    def message(self) -> str:
        """``"Filen markerar 1 700 av 1 712 anställda i Avesta kommun som slutade – mer än 10 %."``"""
        parts = [
            _("Filen markerar %(leavers)s av %(current)s anställda i %(organisation)s som slutade")
            % {
                "leavers": number_format(item.leavers, force_grouping=True),
                "current": number_format(item.current, force_grouping=True),
                "organisation": item.organisation,
            }
            for item in self.over_share
        ]
        return "; ".join(parts) + " – " + _("mer än %(percent)s %%.") % {"percent": self.percent}


def leaver_check(organisations: list[OrganisationLeavers], *, percent: int | None = None) -> LeaverCheck:
    """The rule for a file, given per organisation how many it marks as left of how many."""
    return LeaverCheck(
        percent=share_percent() if percent is None else percent,
        organisations=[item for item in organisations if item.leavers],
    )
