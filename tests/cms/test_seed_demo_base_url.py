"""seed_demo prints its links for the address the server is actually reached at."""

import sys
import types
from io import StringIO

import pytest

from django.conf import settings
from django.core.management import CommandError, call_command

from cms.management.commands import seed_demo


@pytest.fixture
def one_loader(monkeypatch):
    """A loader that returns a line with a link built the way the real ones build theirs."""
    def seed(*, stdout):
        return [f"anställd: {settings.WAGTAILADMIN_BASE_URL}/sv/lank/abc/"]

    monkeypatch.setitem(sys.modules, "demoapp.demo", types.SimpleNamespace(seed=seed))
    monkeypatch.setattr(seed_demo, "DEMO_APPS", ["demoapp"])


@pytest.mark.django_db
def test_links_follow_the_base_url(one_loader, settings):
    out = StringIO()
    call_command("seed_demo", "--base-url", "http://127.0.0.1:8123/", stdout=out)
    text = out.getvalue()
    assert "Demoinloggningar (http://127.0.0.1:8123/sv/logga-in/)" in text
    assert "http://127.0.0.1:8123/sv/lank/abc/" in text and "8000" not in text


@pytest.mark.django_db
def test_default_is_django_base_url(one_loader, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://demo.example.se"
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Demoinloggningar (https://demo.example.se/sv/logga-in/)" in out.getvalue()
    out = StringIO()
    call_command("seed_demo", "--base-url", "localhost:9000", stdout=out)
    assert "(http://localhost:9000/sv/logga-in/)" in out.getvalue()


@pytest.mark.django_db
def test_a_bad_address_is_refused(one_loader):
    with pytest.raises(CommandError, match="ogiltig adress"):
        call_command("seed_demo", "--base-url", "http://exa mple", stdout=StringIO())
