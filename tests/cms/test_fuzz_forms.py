"""No input ever gives a server error: every form and POST view of ours, fuzzed (Hypothesis).

Each URL of the authorization matrix that takes a POST (its form on the GET page, or a POST-only
action) is sent random data by a visitor allowed to use it: the form's own field names plus a
few the view might read, each with hostile text (control characters, NUL, right-to-left
marks, formulas, 10 000 characters, absurd numbers and dates) or random bytes for file fields.
Every answer must be below 500. Each request runs in a rolled-back savepoint, so one example
cannot change what the next is sent.
"""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from tests.cms.test_authorization_matrix import (
    _ask_with,
    _expected,
    _kwargs,
    _routes,
    _url,
    _world,
)

EXAMPLES = int(os.environ.get("SAMTALSRUM_FUZZ_EXAMPLES", "10"))

# Whom to send: the most ordinary visitor allowed to use the form.
PREFERENCE = ("employee_link", "process_leader_a", "manager_a", "hr_x", "editor", "programme_admin", "anonymous")

# Fields a view reads that a GET form may not show (POST-only actions, buttons, confirmations).
EXTRA_FIELDS = ("employee", "status", "minutes", "reason", "confirm", "confirmed", "workplace", "email", "code",
                "module", "starts_at", "ends_at", "capacity", "month", "action", "next", "include_with_email")

# Admin views whose only form is a confirmation button or a list filter (covered elsewhere).
NO_TYPED_INPUT = {"delete", "history", "history_results", "usage", "inspect", "index_results", "copy", "logout"}

NASTY = [
    "", "0", "-1", "1.5", "99999999999999999999", "9" * 400, "１２", "²", "1e308", "NaN", "Infinity",
    "0001-01-01", "9999-12-31", "2026-02-30", "0000-00-00", "2026-03-01T25:61", "2026-13",
    "\x00", "a\x00b", "\x07\x1b[31m", "\r\n\t", "\u202e\u200f", "\ufeff", "\U0010ffff", "🙂👨‍👩‍👧",
    "=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "<script>alert(1)</script>",
    "' OR 1=1 --", "../../etc/passwd", "a" * 10_000, "on", "true", "present", "absent", "partial",
]

# SQLite cannot even compare a key with a number past 64 bits (OverflowError inside Django's
# ModelChoiceField); PostgreSQL, which production and CI use, answers "no such row".
if connection.vendor != "postgresql":
    NASTY = [value for value in NASTY if not (value.isascii() and value.isdigit() and int(value) >= 2**63)]
    BIGGEST = 2**63 - 1
else:
    BIGGEST = 2**70

values = st.one_of(
    st.sampled_from(NASTY),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200),
    st.integers(min_value=-BIGGEST, max_value=BIGGEST).map(str),
)


def _form_fields(html: str) -> tuple[list[str], list[str]]:
    """Names of the fields in the page's POST forms, and which of them are file inputs."""
    forms = re.findall(r"<form[^>]*method=[\"']?post[^>]*>(.*?)</form>", html, flags=re.S | re.I)
    names, files = [], []
    for form in forms:
        for tag in re.findall(r"<(?:input|select|textarea|button)\b[^>]*>", form, flags=re.I):
            match = re.search(r"\bname=[\"']([^\"']+)", tag)
            if not match or match.group(1) == "csrfmiddlewaretoken":
                continue
            (files if re.search(r"type=[\"']?file", tag, flags=re.I) else names).append(match.group(1))
    return sorted(set(names)), sorted(set(files))


def _posting_routes():
    routes = []
    for route in _routes():
        expected = _expected(route)
        if not expected:
            continue
        visitor = next((v for v in PREFERENCE if v in expected), None)
        if visitor is not None:
            routes.append((route, visitor))
    return routes


ROUTES = _posting_routes()


def test_no_input_gives_a_server_error(db):
    """One world for all forms (each request is rolled back); per form EXAMPLES inputs."""
    world = _world()
    fuzzed = {}
    for route, visitor in ROUTES:
        if route.name.rsplit(":", 1)[-1] in NO_TYPED_INPUT:
            continue
        client = world.clients[visitor]
        client.raise_request_exception = False
        url = _url(route, _kwargs(world, route))
        names, files = [], []
        if route.methods == ("GET",):
            page = _ask_with(client, "GET", url)
            if page.status_code != 200 or page.streaming or b"<form" not in page.content:
                continue
            names, files = _form_fields(page.content.decode(errors="replace"))
            if not names and not files:
                continue
        _fuzz(client, url, visitor, sorted(set(names) | set(EXTRA_FIELDS)), files)
        fuzzed[route.name] = EXAMPLES
    # The walk reaches the forms people type into, so the test cannot pass by finding none.
    assert {"sessions:create", "sessions:facilitate", "sessions:correct", "surveys:answer", "surveys:participate",
            "people_import:upload", "employee:edit", "cms:login", "sessions:close"} <= set(fuzzed)
    assert len(fuzzed) >= 40


def _fuzz(client, url: str, visitor: str, field_names: list[str], files: list[str]) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(
        data=st.fixed_dictionaries({}, optional={name: st.one_of(values, st.lists(values, max_size=3))
                                                 for name in field_names}),
        uploads=st.fixed_dictionaries({}, optional={name: st.binary(max_size=2000) for name in files}),
    )
    def post(data, uploads):
        payload = dict(data)
        for name, content in uploads.items():
            payload[name] = SimpleUploadedFile("fil.csv", content, content_type="text/csv")
        response = _ask_with(client, "POST", url, payload)
        assert response.status_code < 500, f"POST {url} as {visitor} with {payload!r} → {response.status_code}"

    post()
