import pytest

from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_swedish_is_the_default_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="")
    assert response.status_code == 302
    assert response["Location"] == "/sv/"
    page = client.get(reverse("cms:login"))
    assert '<html lang="sv"' in page.content.decode()
    assert "Logga in" in page.content.decode()


def test_language_switcher_changes_the_interface_to_english(client):
    with translation.override("en"):
        english_heading = translation.gettext("Logga in")
        login_url = reverse("cms:login")
    assert english_heading != "Logga in", "the English catalogue should translate the interface"
    response = client.post(reverse("set_language"), {"language": "en", "next": login_url})
    assert response.status_code == 302
    page = client.get(response["Location"])
    body = page.content.decode()
    assert '<html lang="en"' in body
    assert f"<h1>{english_heading}</h1>" in body
