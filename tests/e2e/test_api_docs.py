"""The API documentation page works in Chromium under the site's policy (no 'unsafe-inline')."""

import pytest

from tests.e2e.test_security_headers import Violations

pytestmark = pytest.mark.django_db(transaction=True)


def test_api_docs_render_under_the_policy(page, live_server):
    violations = Violations(page)
    page.goto(f"{live_server.url}/api/docs/")
    page.get_by_text("Timmar per anställd och spår").first.wait_for()
    assert page.get_by_text("/api/v1/employees/import/").count() >= 1
    violations.check("API docs")
    assert not violations.errors, violations.errors
