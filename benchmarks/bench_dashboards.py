"""The steering group's dashboard and the progress report (page and PDF) on the data of
``manage.py benchmark_data`` (100 000 employees, 1 000 000 attendance rows by default), each
through the whole request – middleware, queries, templates or PDF – against a time budget."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.harness import Measurement

DASHBOARD_BUDGET_SECONDS = 5.0
REPORT_BUDGET_SECONDS = 5.0
PDF_BUDGET_SECONDS = 8.0


def _client() -> Client:
    from dashboards.management.commands.benchmark_data import STEERING_EMAIL
    from people.models import User

    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(email=STEERING_EMAIL))
    return client


def _get(client: Client, url: str):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)  # noqa: S101 - a failed page is no timing
        return response

    return call


def _queries(call) -> tuple[str, bool]:
    with CaptureQueriesContext(connection) as queries:
        call()
    return f"{len(queries)} queries", True


def measurements() -> list[Measurement]:
    client = _client()
    landing = _get(client, "/sv/min-sida/")
    report = _get(client, "/sv/oversikt/lagesrapport/")
    pdf = _get(client, "/sv/oversikt/lagesrapport/pdf/")
    return [
        Measurement("steering-group dashboard", DASHBOARD_BUDGET_SECONDS, landing,
                    budget_seconds=DASHBOARD_BUDGET_SECONDS, extra=lambda: _queries(landing)),
        Measurement("progress report page", REPORT_BUDGET_SECONDS, report,
                    budget_seconds=REPORT_BUDGET_SECONDS, extra=lambda: _queries(report)),
        Measurement("progress report PDF", PDF_BUDGET_SECONDS, pdf,
                    budget_seconds=PDF_BUDGET_SECONDS, extra=lambda: _queries(pdf)),
    ]
