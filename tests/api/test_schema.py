"""The OpenAPI schema validates with drf-spectacular's own checks; docs and command work."""

import io

import pytest

from django.core.management import call_command

from api.models import ApiToken
from tests.factories import OrganisationFactory

from .conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_schema_is_valid_without_warnings(tmp_path):
    out = tmp_path / "schema.yaml"
    # --validate checks against the OpenAPI 3 JSON schema; --fail-on-warn makes any warning fail.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    for path in ("/api/v1/hours/", "/api/v1/sessions/", "/api/v1/attendance/", "/api/v1/cofinancing/",
                 "/api/v1/employees/import/"):
        assert path in text
    assert "apiToken" in text


def test_schema_in_swedish_and_english():
    client = ApiClient()
    swedish = client.get("/api/schema/?format=json").json()
    assert swedish["paths"]["/api/v1/hours/"]["get"]["summary"] == "Timmar per anställd och spår"
    by_header = client.get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE="en").json()
    by_param = client.get("/api/schema/?format=json&lang=en").json()
    # English comes from the catalogue; both ways of asking give the same document.
    assert by_header == by_param


def test_docs_page_has_no_inline_script_or_style_and_no_cdn():
    response = ApiClient().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html and "<script>" not in html
    assert "cdn" not in html.lower() and "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "script-src 'self'" in policy
    script = ApiClient().get("/api/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()


def test_command_creates_a_token_printed_once():
    OrganisationFactory(name="Avesta kommun", code="avesta")
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", "create", "--organisation", "avesta", "--scope", "read", "--scope", "write",
                 "--name", "Heroma", stdout=out, stderr=err)
    text = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert text.startswith(f"sr_{token.prefix}_") and token.scopes == ["read", "write"]
    assert "visas bara den här gången" in err.getvalue()
    listing = io.StringIO()
    call_command("api_token", "list", stdout=listing)
    assert token.prefix in listing.getvalue() and text not in listing.getvalue()
    call_command("api_token", "revoke", token.prefix, stdout=io.StringIO())
    token.refresh_from_db()
    assert token.revoked_at is not None
