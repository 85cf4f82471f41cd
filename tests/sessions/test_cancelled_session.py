"""A cancelled session says so, with its reason, instead of listing everyone as invited."""

import pytest

from django.urls import reverse

from people.links import employee_link_url
from sessions import services

from .factories import at

pytestmark = pytest.mark.django_db


def test_cancellation_and_reason_are_shown(client, manager, process_leader, workplace, staff, programme_setup):
    session = services.session_schedule(
        workplace=workplace, module=programme_setup["work_modules"][0], starts_at=at(20, month=12),
        ends_at=at(20, 10, month=12), place="Rummet", process_leaders=[process_leader], invitees=staff,
        scheduled_by=manager, confirm_warnings=True,
    )
    client.force_login(manager)
    before = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "<td>Inbjuden</td>" in before and "Tillfället är inställt" not in before
    services.session_cancel(session=session, cancelled_by=manager, reason="Personalmöte flyttat")
    html = client.get(reverse("sessions:detail", args=[session.pk])).content.decode()
    assert "Tillfället är inställt. De inbjudna har fått besked. Skäl: Personalmöte flyttat" in html
    assert "<td>Inbjuden</td>" not in html and "<td>Inställt</td>" in html
    assert "Tillbaka till samtalstillfällena" in html
    client.logout()
    client.get(employee_link_url(staff[0]))
    mine = client.get(reverse("sessions:my_sessions")).content.decode()
    assert "Inställt: Personalmöte flyttat" in mine
