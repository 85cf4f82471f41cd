"""English readers see the English names of the programme and its modules on every dashboard
and in the progress report; Swedish readers keep the Swedish ones."""

from __future__ import annotations

import pytest

from courses.models import Module

from .test_dashboards import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_names(world):
    world.programme.name_en = "Who are we"
    world.programme.save(update_fields=["name_en"])
    Module.objects.filter(track__programme=world.programme, title="Samtal 1").update(title_en="Conversation 1")
    Module.objects.filter(track__programme=world.programme, title="Samtal 2").update(title_en="Conversation 2")
    return world


@pytest.mark.parametrize("who", ["manager", "leader"])
def test_dashboards_name_programme_and_modules_in_english(client, english_names, who):
    client.force_login(getattr(english_names, who))
    body = client.get("/en/min-sida/").content.decode()
    assert "Who are we" in body
    assert "Conversation 1" in body or "Conversation 2" in body
    assert "Samtal 1" not in body and "Samtal 2" not in body
    assert "Vilka är vi" not in body


def test_programme_dashboard_names_the_programme_in_english(client, english_names):
    client.force_login(english_names.admin)
    body = client.get("/en/min-sida/").content.decode()
    assert "Who are we" in body and "Vilka är vi" not in body


def test_manager_sees_who_is_missing_what_in_english(client, english_names):
    client.force_login(english_names.manager)
    body = client.get("/en/min-sida/").content.decode()
    last = english_names.employees[11]  # never did the second conversation
    assert f"{last.first_name} {last.last_name}: Conversation 2" in body


@pytest.mark.parametrize("who", ["manager", "admin"])
def test_swedish_dashboards_keep_the_swedish_names(client, english_names, who):
    client.force_login(getattr(english_names, who))
    body = client.get("/sv/min-sida/").content.decode()
    assert "Vilka är vi" in body and "Samtal" in body
    assert "Who are we" not in body and "Conversation" not in body


def test_progress_report_pdf_names_the_programme_in_english(client, english_names):
    client.force_login(english_names.steering)
    text = pdf_text(client.get("/en/oversikt/lagesrapport/pdf/").content)
    assert "Who are we" in text and "Vilka är vi" not in text
