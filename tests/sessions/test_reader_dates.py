"""Dates on the employee's own pages are written as readers of their language write them."""

import pytest

from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale

from people.links import employee_link_url
from sessions import services
from tests.sessions.test_views import session  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def _signed_in_by_link(client, employee) -> None:
    link = employee_link_url(employee, reverse("sessions:my_hours"))
    client.get(link.split("://", 1)[1].split("/", 1)[1].join(["/", ""]), follow=True)


@pytest.mark.parametrize(("language", "written"), [
    ("sv", "2026-03-10"),
    ("en", "2026-03-10"),
    ("ar", "10\u200f/03\u200f/2026"),  # day, month, year, each followed by a right-to-left mark
    ("so", "10/03/2026"),
])
def test_my_sessions_and_my_hours_write_dates_in_the_readers_language(
    client, session, staff, process_leader, language, written  # noqa: F811
):
    services.attendance_record(session=session, employee=staff[0], status="present", recorded_by=process_leader)
    Locale.objects.get_or_create(language_code=language)
    _signed_in_by_link(client, staff[0])
    for name in ("sessions:my_sessions", "sessions:my_hours"):
        with translation.override(language):
            url = reverse(name)
        html = client.get(url).content.decode()
        assert written in html, (language, name)
