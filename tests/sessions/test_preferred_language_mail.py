"""Messages in each recipient's own language: the wording, the dates, the Content-Language of
the e-mail and the language prefix of every link – per recipient in one batch, and whatever
language the worker that builds them runs in."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from django.conf import settings as dj_settings
from django.core import mail
from django.utils import translation

from cms.models import OutboxMessage
from courses.models import MessageText
from people.models import Employee
from sessions import services
from tests.languages import every_language_served, every_locale  # noqa: F401 - fixtures

from .factories import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_language_served", "every_locale")]

URL = re.compile(r"https?://\S+")


def links_of(body: str) -> list[str]:
    """Every address in a message, and the page each personal link opens (its ``next``)."""
    found = []
    for url in URL.findall(body):
        parts = urlsplit(url)
        found.append(parts.path)
        found += parse_qs(parts.query).get("next", [])
    return found


@pytest.fixture
def readers(staff):
    somali, swedish = staff[0], staff[1]
    Employee.objects.filter(pk=somali.pk).update(preferred_language="so")
    Employee.objects.filter(pk=swedish.pk).update(preferred_language="sv")
    return somali, swedish


def schedule(*, workplace, module, invitees, manager, process_leader, capture):
    # The worker's own language is neither recipient's: each message must set its own.
    with translation.override("en"), capture(execute=True):
        return services.session_schedule(
            workplace=workplace, module=module, starts_at=at(10, 13), ends_at=at(10, 14),
            place="Personalrummet", process_leaders=[process_leader], invitees=invitees, scheduled_by=manager,
        )


def mail_to(employee):
    [message] = [m for m in mail.outbox if m.to == [employee.email]]
    return message


def test_an_invitation_batch_reaches_each_reader_in_their_own_language(
    manager, process_leader, workplace, staff, readers, programme_setup, django_capture_on_commit_callbacks
):
    somali, swedish = readers
    schedule(workplace=workplace, module=programme_setup["work_modules"][0], invitees=staff, manager=manager,
             process_leader=process_leader, capture=django_capture_on_commit_callbacks)

    to_somali, to_swedish = mail_to(somali), mail_to(swedish)
    assert to_somali.message()["Content-Language"] == "so"
    assert to_swedish.message()["Content-Language"] == "sv"
    assert OutboxMessage.objects.get(to_email=somali.email).language == "so"

    somali_links, swedish_links = links_of(to_somali.body), links_of(to_swedish.body)
    assert len(somali_links) == 4  # two personal links, each opening a page
    assert all(path.startswith("/so/") for path in somali_links), somali_links
    assert all(path.startswith("/sv/") for path in swedish_links), swedish_links

    # Day before month in Somali; the Swedish reader keeps the Swedish date.
    assert "10/03/2026 13:00" in to_somali.body and "2026-03-10" not in to_somali.body
    assert "2026-03-10 13:00" in to_swedish.body and "10/03/2026" not in to_swedish.body


def test_an_editors_somali_wording_goes_to_somali_readers_only(
    manager, process_leader, workplace, staff, readers, programme_setup, django_capture_on_commit_callbacks
):
    somali, swedish = readers
    MessageText.objects.create(kind="invite", language="so", subject="Casuumaad: {{ module }}",
                               body="Salaan {{ first_name }}! Waqtiga: {{ start }}\n{{ my_sessions_url }}")
    schedule(workplace=workplace, module=programme_setup["work_modules"][0], invitees=staff, manager=manager,
             process_leader=process_leader, capture=django_capture_on_commit_callbacks)

    to_somali, to_swedish = mail_to(somali), mail_to(swedish)
    assert to_somali.subject.startswith("Casuumaad: ")
    assert to_somali.body.startswith(f"Salaan {somali.first_name}! Waqtiga: 10/03/2026 13:00")
    assert all(path.startswith("/so/") for path in links_of(to_somali.body))
    # No Swedish editor's text: the Swedish reader gets the default Swedish wording.
    assert to_swedish.subject.startswith("Inbjudan") and "Salaan" not in to_swedish.body


def test_a_language_without_an_editors_text_gets_the_default_wording_in_that_language(
    manager, process_leader, workplace, staff, readers, programme_setup, django_capture_on_commit_callbacks
):
    somali, swedish = readers
    MessageText.objects.create(kind="invite", language="sv", subject="Välkommen till samtal: {{ module }}")
    schedule(workplace=workplace, module=programme_setup["work_modules"][0], invitees=staff, manager=manager,
             process_leader=process_leader, capture=django_capture_on_commit_callbacks)
    assert mail_to(swedish).subject.startswith("Välkommen till samtal: ")
    # The Somali reader gets the default text (Swedish where the catalogue has no Somali yet),
    # never the Swedish editor's wording meant for Swedish readers.
    assert mail_to(somali).subject.startswith("Inbjudan")


def test_the_reminder_task_writes_each_reminder_in_its_readers_language(
    manager, process_leader, workplace, staff, readers, programme_setup, django_capture_on_commit_callbacks,
    settings,
):
    import datetime

    from django.utils import timezone

    from sessions.tasks import session_reminders_send_task

    somali, swedish = readers
    settings.SAMTALSRUM_REMINDER_HOURS = 24
    starts = timezone.now() + datetime.timedelta(hours=5)
    services.session_schedule(
        workplace=workplace, module=programme_setup["work_modules"][0], starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1), place="x", invitees=staff, scheduled_by=manager,
        confirm_warnings=True,
    )
    mail.outbox.clear()
    with translation.override("fa"), django_capture_on_commit_callbacks(execute=True):
        session_reminders_send_task.delay()
    reminders = {m.to[0]: m for m in mail.outbox}
    assert reminders[somali.email].message()["Content-Language"] == "so"
    assert all(p.startswith("/so/") for p in links_of(reminders[somali.email].body))
    assert reminders[swedish.email].subject.startswith("Påminnelse")
    assert all(p.startswith("/sv/") for p in links_of(reminders[swedish.email].body))
    assert translation.get_language() == settings.LANGUAGE_CODE


def test_an_editor_can_add_a_somali_text_in_the_admin(client, editor):
    from django.urls import reverse

    client.force_login(editor)
    form = client.get(reverse("wagtailsnippets_courses_messagetext:add")).content.decode()
    for code, _name in dj_settings.LANGUAGES:
        assert f'<option value="{code}"' in form
    response = client.post(reverse("wagtailsnippets_courses_messagetext:add"), {
        "kind": "invite", "programme": "", "language": "so", "subject": "Casuumaad: {{ module }}", "body": "",
    })
    assert response.status_code == 302
    assert MessageText.objects.get().language == "so"


@pytest.mark.parametrize(("language", "written"), [
    ("sv", "2026-03-10 13:00"), ("sv-easy", "2026-03-10 13:00"), ("en", "2026-03-10 13:00"),
    ("ar", "10\u200f/03\u200f/2026 1:00 م"), ("so", "10/03/2026 13:00"), ("ti", "10/03/2026 13:00"),
    ("fa", "2026/3/10،\u200f 13:00"),
])
def test_a_mails_date_and_time_are_written_as_its_readers_write_them(language, written):
    import datetime

    from django.utils import formats

    with translation.override(language):
        assert formats.date_format(datetime.datetime(2026, 3, 10, 13, 0), "SHORT_DATETIME_FORMAT") == written  # noqa: DTZ001
