"""iCalendar files for session invitations: one UID per session, SEQUENCE raised on each change."""

from __future__ import annotations

import icalendar

from django.conf import settings
from django.utils import timezone

from .models import Session

METHOD_REQUEST = "REQUEST"
METHOD_CANCEL = "CANCEL"


def session_ics(session: Session, *, method: str, attendee_email: str = "", attendee_name: str = "") -> bytes:
    """An iCalendar document for ``session``; ``method`` is REQUEST (invite/update) or CANCEL."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Samtalsrum//sessioner//SV")
    cal.add("version", "2.0")
    cal.add("method", method)
    event = icalendar.Event()
    event.add("uid", session.uid)
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", session.module.local_title)
    location = session.place or session.video_link
    if location:
        event.add("location", location)
    if session.video_link:
        event.add("url", session.video_link)
    if session.module.description:
        event.add("description", session.module.description)
    organizer = icalendar.vCalAddress(f"mailto:{_from_address()}")
    organizer.params["cn"] = icalendar.vText("Samtalsrum")
    event.add("organizer", organizer)
    if attendee_email:
        attendee = icalendar.vCalAddress(f"mailto:{attendee_email}")
        if attendee_name:
            attendee.params["cn"] = icalendar.vText(attendee_name)
        attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=0)
    event.add("status", "CANCELLED" if method == METHOD_CANCEL else "CONFIRMED")
    cal.add_component(event)
    return cal.to_ical()


def _from_address() -> str:
    sender = settings.DEFAULT_FROM_EMAIL
    if "<" in sender:
        return sender.split("<", 1)[1].rstrip(">").strip()
    return sender
