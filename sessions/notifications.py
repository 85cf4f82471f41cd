"""Messages about sessions, recorded in the outbox inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import override

from cms.services import outbox_message_enqueue
from courses.messages import MessageTexts, message_render
from people.links import employee_link_url
from people.models import Employee, language_supported

from .calendar import METHOD_CANCEL, METHOD_REQUEST, session_ics
from .messages import (  # noqa: F401 – the kinds are named through this module
    CALENDAR_KINDS,
    KIND_CANCEL,
    KIND_INVITE,
    KIND_REMINDER,
    KIND_UPDATE,
    KIND_WAITLIST,
    session_message_values,
)
from .models import Session


def session_notify(
    *, session: Session, employees: Iterable[Employee], kind: str, extra_key: str = "", reason: str = ""
) -> int:
    """Record one message per employee with an e-mail address. Returns how many were recorded.

    The wording is the editors' for the session's programme and the employee's language where
    they have written one, else the default template (``courses.messages``). ``reason`` (a
    cancellation's) is quoted in the message as the manager wrote it."""
    texts = MessageTexts()
    count = 0
    for employee in employees:
        if not employee.email:
            continue
        # Each recipient's own language – whatever the sender's page or the worker runs in –
        # for the wording, the dates and the language prefix of every link.
        with override(language_supported(employee.preferred_language)):
            _enqueue_for(session=session, employee=employee, kind=kind, extra_key=extra_key, reason=reason,
                         texts=texts)
        count += 1
    return count


def _enqueue_for(
    *, session: Session, employee: Employee, kind: str, extra_key: str, reason: str = "",
    texts: MessageTexts | None = None,
) -> None:
    language = language_supported(employee.preferred_language)
    values = session_message_values(
        session=session,
        employee=employee,
        my_sessions_url=employee_link_url(employee, reverse("sessions:my_sessions")),
        my_hours_url=employee_link_url(employee, reverse("sessions:my_hours")),
        reason=reason,
    )
    message = message_render(
        kind=kind, programme_id=session.module.track.programme_id, language=language, values=values, texts=texts
    )
    attachments = []
    if kind in CALENDAR_KINDS:
        method = METHOD_CANCEL if kind == KIND_CANCEL else METHOD_REQUEST
        ics = session_ics(session, method=method, attendee_email=employee.email, attendee_name=employee.full_name)
        attachments.append(("samtal.ics", ics, "text/calendar"))
    key = f"session:{session.pk}:employee:{employee.pk}:{kind}:{session.sequence}"
    if extra_key:
        key += f":{extra_key}"
    outbox_message_enqueue(
        to=employee.email,
        subject=message.subject,
        body=message.body,
        attachments=attachments,
        dedupe_key=key,
        kind=f"session_{kind}",
        language=language,
    )
