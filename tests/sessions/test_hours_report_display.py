"""The HR hours report's page shows hours as people say them, with the Swedish decimal comma:
"1,4 av 5 timmar", never "1.42 / 5.00" (the exports keep their exact figures)."""

import re

import pytest

from django.urls import reverse

from sessions.models import HoursCorrection

pytestmark = pytest.mark.django_db


def test_report_page_shows_hours_of_target_with_a_decimal_comma(client, hr_user, manager, staff, programme_setup):
    work, prep = programme_setup["work_track"], programme_setup["prep_track"]
    for employee, track in ((staff[0], work), (manager.employee, prep)):
        HoursCorrection.objects.create(employee=employee, track=track, minutes=85, reason="Enligt listan", created_by=hr_user)
    client.force_login(hr_user)
    body = client.get(reverse("sessions_hours_report")).content.decode()
    assert "1,4 av 5 timmar" in body  # staff[0], workplace track: 85 of 300 minutes
    assert "1,4 av 14 timmar" in body  # the manager's preparatory track: 85 of 840 minutes
    assert "0,0 timmar" in body  # preparatory hours of someone without that track: no target
    assert not re.search(r"\d\.\d\d / \d", body)
