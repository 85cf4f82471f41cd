"""The Swedish admin speaks Swedish: no English fragments from workflow names or form labels."""

import json
import re

import pytest

from django.urls import reverse

from tests.cms.factories import content_tree

pytestmark = pytest.mark.django_db

#: English words that have turned up in the Swedish admin, from data or untranslated labels.
ENGLISH = re.compile(r"Moderators approval|\bPassword\b|Password confirmation|\bSubmit to\b")


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_page_editor_offers_the_workflow_in_swedish(client, programme_admin):
    tree = content_tree()
    client.force_login(programme_admin)
    html = client.get(f"/admin/pages/{tree.segment.pk}/edit/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Lämna in till" in html
    assert not ENGLISH.findall(_visible_text(html))


def test_new_login_form_labels_are_swedish(client, programme_admin):
    client.force_login(programme_admin)
    response = client.get(reverse("wagtailusers_users:add"), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    text = _visible_text(response.content.decode())
    assert "Lösenord" in text
    assert not ENGLISH.findall(text)


def test_admin_login_page_is_swedish(client):
    text = _visible_text(client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="sv").content.decode())
    assert "Lösenord" in text
    assert not ENGLISH.findall(text)


#: Words of Wagtail's English interface that would show if a screen of ours bypassed translation.
ENGLISH_UI = re.compile(
    r"\b(?:Choose|Search term|Title|Select|Save|Delete|Filter|Edit|Add|Cancel|Clear choice|"
    r"There are no|Actions|Previous|Next|Export|Download)\b"
)


@pytest.mark.parametrize(
    "url_name",
    ["roleassignment:add", "employee:index", "workplace:add", "sessions_hours_report",
     "user_chooser:choose", "workplace_chooser:choose"],
)
def test_people_and_report_screens_speak_swedish(client, programme_admin, workplace, url_name):
    client.force_login(programme_admin)
    response = client.get(reverse(url_name), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 200
    html = response.content.decode()
    if response["Content-Type"].startswith("application/json"):  # a chooser modal step
        html = json.loads(html)["html"]
    text = _visible_text(html)
    assert not ENGLISH.findall(text)
    assert not ENGLISH_UI.findall(text), ENGLISH_UI.findall(text)
