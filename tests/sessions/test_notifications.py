import datetime

import icalendar
import pytest

from django.core import mail
from django.utils import timezone

from cms.models import OutboxMessage
from sessions import services
from sessions.tasks import session_reminders_send_task

from .factories import at

pytestmark = pytest.mark.django_db


def _ics(message):
    [attachment] = [a for a in message.attachments if a[0].endswith(".ics")]
    content = attachment[1]
    return icalendar.Calendar.from_ical(content if isinstance(content, bytes) else content.encode())


def _event(cal):
    return next(c for c in cal.walk() if c.name == "VEVENT")


def test_calendar_uid_sequence_and_method(manager, process_leader, workplace, staff, programme_setup,
                                          django_capture_on_commit_callbacks):
    who = staff[0].email
    with django_capture_on_commit_callbacks(execute=True):
        session = services.session_schedule(
            workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(10), ends_at=at(10, 10),
            place="Personalrummet", process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.session_reschedule(session=session, starts_at=at(12), ends_at=at(12, 10), place="Matsalen",
                                    rescheduled_by=manager)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(session=session, cancelled_by=manager, reason="Processledaren är sjuk")
    mine = [m for m in mail.outbox if m.to == [who]]
    assert [m.subject.split(":")[0] for m in mine] == ["Inbjudan", "Ändrad tid eller plats", "Inställt"]
    cals = [_ics(m) for m in mine]
    assert [str(c["method"]) for c in cals] == ["REQUEST", "REQUEST", "CANCEL"]
    events = [_event(c) for c in cals]
    assert len({str(e["uid"]) for e in events}) == 1
    assert [int(e["sequence"]) for e in events] == [0, 1, 2]
    assert events[1].decoded("dtstart") == at(12)
    assert str(events[1]["location"]) == "Matsalen"
    assert "Mina sessioner" in mine[0].body and "Mina timmar" in mine[0].body
    assert "Skäl: Processledaren är sjuk" in mine[2].body


def test_reminders_are_sent_once(settings, manager, workplace, staff, programme_setup,
                                 django_capture_on_commit_callbacks):
    settings.SAMTALSRUM_REMINDER_HOURS = 24
    soon = timezone.now() + datetime.timedelta(hours=5)
    later = timezone.now() + datetime.timedelta(days=5)
    for starts, module in ((soon, programme_setup["work_modules"][0]), (later, programme_setup["work_modules"][1])):
        services.session_schedule(
            workplace=workplace, module=module, starts_at=starts, ends_at=starts + datetime.timedelta(hours=1),
            place="x", invitees=staff, scheduled_by=manager, confirm_warnings=True,
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        session_reminders_send_task()
    with django_capture_on_commit_callbacks(execute=True):
        session_reminders_send_task()
    assert OutboxMessage.objects.filter(kind="session_reminder").count() == 4
    assert len([m for m in mail.outbox if m.subject.startswith("Påminnelse")]) == 4


def test_an_english_readers_calendar_names_the_module_in_english(manager, process_leader, workplace, staff,
                                                                 programme_setup, django_capture_on_commit_callbacks):
    from people.models import Employee

    module = programme_setup["work_modules"][0]
    module.title, module.title_en = "Samtal 1: Vilka är vi?", "Dialogue 1: Who are we?"
    module.save()
    reader = staff[0]
    Employee.objects.filter(pk=reader.pk).update(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.session_schedule(
            workplace=workplace, module=module, starts_at=at(10), ends_at=at(10, 10),
            place="Personalrummet", process_leaders=[process_leader], invitees=staff, scheduled_by=manager,
        )
    summaries = {m.to[0]: str(_event(_ics(m))["summary"]) for m in mail.outbox if m.to != [process_leader.email]}
    assert summaries[reader.email] == "Dialogue 1: Who are we?"
    assert summaries[staff[1].email] == "Samtal 1: Vilka är vi?"
