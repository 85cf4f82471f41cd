"""The e-mails about sessions, as kinds editors can reword (``courses.message_kinds``), and the
values their placeholders take for one session and one recipient.

Declared when the app is loaded (``DialogueSessionsConfig.ready``).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from courses.message_kinds import MessageKind, Placeholder, message_kind_register
from people.models import Employee

from .models import Session

KIND_INVITE = "invite"
KIND_UPDATE = "update"
KIND_CANCEL = "cancel"
KIND_REMINDER = "reminder"
KIND_WAITLIST = "waitlist"

#: The calendar file sent with these kinds (``sessions.notifications``).
CALENDAR_KINDS = (KIND_INVITE, KIND_UPDATE, KIND_CANCEL)


def _details(values: dict[str, str]) -> str:
    """Module, time, place and video link on lines of their own (also a placeholder)."""
    return render_to_string("sessions/email/_details.txt", values).strip("\n")


_COMMON = (
    Placeholder("first_name", _("mottagarens förnamn"), "Anna"),
    Placeholder("full_name", _("mottagarens för- och efternamn"), "Anna Andersson"),
    Placeholder("module", _("modulens namn"), _("Vilka är vi? Samtal 1")),
    Placeholder("start", _("dag och starttid"), "2026-03-12 13:00"),
    Placeholder("end", _("sluttid"), "14:30"),
    Placeholder("place", _("plats (tom om ingen plats är angiven)"), _("Personalrummet")),
    Placeholder("video_link", _("videolänk (tom om ingen finns)"), "https://video.example.se/samtal"),
    Placeholder("details", _("modul, tid, plats och videolänk på var sin rad, som i standardtexten"),
                _details),
    Placeholder("my_sessions_url", _("länk till mottagarens sessioner"), "https://samtalsrum.example.se/sv/lank/…/"),
    Placeholder("my_hours_url", _("länk till mottagarens timmar"), "https://samtalsrum.example.se/sv/lank/…/"),
)
_REASON = Placeholder("reason", _("skälet till att tillfället ställdes in, som det skrevs"), _("Processledaren är sjuk"))
_CALENDAR = _("Kalenderfil: samtal.ics")


def _kind(key: str, label: str | Promise, *, reason: bool = False) -> MessageKind:
    return message_kind_register(
        MessageKind(
            key=key,
            label=label,
            subject_template=f"sessions/email/{key}_subject.txt",
            body_template=f"sessions/email/{key}.txt",
            placeholders=_COMMON + ((_REASON,) if reason else ()),
            attachment=_CALENDAR if key in CALENDAR_KINDS else "",
        )
    )


def register() -> None:
    _kind(KIND_INVITE, _("Inbjudan till ett samtalstillfälle"))
    _kind(KIND_UPDATE, _("Ändrad tid eller plats"))
    _kind(KIND_CANCEL, _("Inställt samtalstillfälle"), reason=True)
    _kind(KIND_REMINDER, _("Påminnelse före ett samtalstillfälle"))
    _kind(KIND_WAITLIST, _("Plats på väntelistan"))


def session_message_values(
    *, session: Session, employee: Employee, my_sessions_url: str, my_hours_url: str, reason: str = ""
) -> dict[str, str]:
    """The placeholders' values for ``employee`` about ``session``, in the active language."""
    starts = timezone.localtime(session.starts_at)
    ends = timezone.localtime(session.ends_at)
    values = {
        "first_name": employee.first_name,
        "full_name": employee.full_name,
        "module": session.module.local_title,
        # The reader's own way of writing a date (cms/formats for the languages Django lacks).
        "start": formats.date_format(starts, "SHORT_DATETIME_FORMAT"),
        "end": formats.time_format(ends, "H:i"),
        "place": session.place,
        "video_link": session.video_link,
        "reason": reason,
        "my_sessions_url": my_sessions_url,
        "my_hours_url": my_hours_url,
    }
    values["details"] = _details(values)
    return values
