"""Production settings refuse to start without their required variables, naming the one missing."""

import os
import subprocess
import sys

import pytest

from django.conf import settings
from django.core.management.utils import get_random_secret_key

REQUIRED = {
    "DJANGO_SECRET_KEY": get_random_secret_key(),
    "DJANGO_ALLOWED_HOSTS": "samtalsrum.example.se",
    "DATABASE_URL": "postgres://samtalsrum@127.0.0.1:5432/samtalsrum",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "DJANGO_EMAIL_HOST": "smtp.example.se",
    "SAMTALSRUM_SURVEY_PAIRING_SECRET": get_random_secret_key(),
}


def _check(env_overrides: dict[str, str | None], *args: str) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE belongs to the browser tests' process, not to a real start-up.
    env = {k: v for k, v in os.environ.items() if k not in REQUIRED and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({k: v for k, v in env_overrides.items() if v is not None})
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.production"
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "check", *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_missing_required_variable_stops_start_with_its_name(missing):
    result = _check({**REQUIRED, missing: None})
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set" in result.stderr


def test_deploy_check_passes_with_a_realistic_environment():
    result = _check(REQUIRED, "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_a_mistyped_trusted_proxy_stops_start_up_with_its_value():
    result = _check({**REQUIRED, "DJANGO_TRUSTED_PROXIES": "127.0.0.1,10.0.0.300"})
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES: '10.0.0.300' is not an IP address or network." in result.stderr
    assert _check({**REQUIRED, "DJANGO_TRUSTED_PROXIES": "127.0.0.1, ::1, 10.0.0.0/8"}).returncode == 0
