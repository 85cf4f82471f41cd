"""Messages about sessions, recorded in the outbox inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from cms.services import outbox_message_enqueue
from people.links import employee_link_url
from people.models import Employee

from .calendar import METHOD_CANCEL, METHOD_REQUEST, session_ics
from .models import Session

KIND_INVITE = "invite"
KIND_UPDATE = "update"
KIND_CANCEL = "cancel"
KIND_REMINDER = "reminder"
KIND_WAITLIST = "waitlist"

_SUBJECTS = {
    KIND_INVITE: gettext_noop("Inbjudan: %(title)s %(when)s"),
    KIND_UPDATE: gettext_noop("Ändrad tid eller plats: %(title)s %(when)s"),
    KIND_CANCEL: gettext_noop("Inställt: %(title)s %(when)s"),
    KIND_REMINDER: gettext_noop("Påminnelse: %(title)s %(when)s"),
    KIND_WAITLIST: gettext_noop("Väntelista: %(title)s %(when)s"),
}

_LEADS = {
    KIND_INVITE: gettext_noop("Du är inbjuden till ett samtalstillfälle."),
    KIND_UPDATE: gettext_noop("Samtalstillfället har ändrats. Den bifogade kalenderfilen uppdaterar din kalender."),
    KIND_CANCEL: gettext_noop("Samtalstillfället är inställt. Den bifogade kalenderfilen tar bort det ur din kalender."),
    KIND_REMINDER: gettext_noop("Välkommen till samtalstillfället."),
    KIND_WAITLIST: gettext_noop("Tillfället är fullt. Du står på väntelistan och får en inbjudan om en plats blir ledig."),
}


def _when(session: Session) -> str:
    return formats.date_format(timezone.localtime(session.starts_at), "Y-m-d H:i")


def session_notify(
    *, session: Session, employees: Iterable[Employee], kind: str, extra_key: str = "", reason: str = ""
) -> int:
    """Record one message per employee with an e-mail address. Returns how many were recorded.

    ``reason`` (a cancellation's) is quoted in the message as the manager wrote it."""
    count = 0
    for employee in employees:
        if not employee.email:
            continue
        with override(employee.preferred_language or "sv"):
            _enqueue_for(session=session, employee=employee, kind=kind, extra_key=extra_key, reason=reason)
        count += 1
    return count


def _enqueue_for(*, session: Session, employee: Employee, kind: str, extra_key: str, reason: str = "") -> None:
    params = {"title": session.module.title, "when": _when(session)}
    subject = _(_SUBJECTS[kind]) % params
    mine = employee_link_url(employee, reverse("sessions:my_sessions"))
    hours = employee_link_url(employee, reverse("sessions:my_hours"))
    lines = [_(_LEADS[kind])]
    if reason:
        lines.append(_("Skäl: %(reason)s") % {"reason": reason})
    lines += [
        "",
        f"{session.module.title}",
        _("Tid: %(start)s–%(end)s")
        % {"start": _when(session), "end": formats.time_format(timezone.localtime(session.ends_at), "H:i")},
    ]
    if session.place:
        lines.append(_("Plats: %(place)s") % {"place": session.place})
    if session.video_link:
        lines.append(_("Videolänk: %(link)s") % {"link": session.video_link})
    lines += ["", _("Mina sessioner: %(url)s") % {"url": mine}, _("Mina timmar: %(url)s") % {"url": hours}]
    attachments = []
    if kind in (KIND_INVITE, KIND_UPDATE, KIND_CANCEL):
        method = METHOD_CANCEL if kind == KIND_CANCEL else METHOD_REQUEST
        ics = session_ics(session, method=method, attendee_email=employee.email, attendee_name=employee.full_name)
        attachments.append(("samtal.ics", ics, "text/calendar"))
    key = f"session:{session.pk}:employee:{employee.pk}:{kind}:{session.sequence}"
    if extra_key:
        key += f":{extra_key}"
    outbox_message_enqueue(
        to=employee.email,
        subject=subject,
        body="\n".join(lines),
        attachments=attachments,
        dedupe_key=key,
        kind=f"session_{kind}",
    )
