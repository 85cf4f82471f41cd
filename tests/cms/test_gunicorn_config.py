"""The README's production command, ``gunicorn cms.wsgi`` in the project folder, picks up
gunicorn.conf.py: its timeouts and the environment's overrides."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")

pytestmark = pytest.mark.skipif(not GUNICORN.exists(), reason="gunicorn is not installed in this environment")


def _config(**env) -> dict[str, str]:
    result = subprocess.run(  # noqa: S603 - our own gunicorn, fixed arguments
        [str(GUNICORN), "--print-config", "cms.wsgi"],
        cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=60, check=True,
    )
    return dict(re.findall(r"^(\w+)\s+= (.*)$", result.stdout, re.MULTILINE))


def test_the_production_command_reads_the_projects_timeouts():
    config = _config()
    assert config["timeout"] == "60"
    assert config["graceful_timeout"] == "30"
    assert config["max_requests"] == "2000"
    assert config["accesslog"] == "-"


def test_workers_bind_and_trusted_proxies_come_from_the_environment():
    config = _config(WEB_CONCURRENCY="2", GUNICORN_BIND="0.0.0.0:9000", DJANGO_TRUSTED_PROXIES="10.0.0.5")
    assert config["workers"] == "2"
    assert config["bind"] == "['0.0.0.0:9000']"
    assert config["forwarded_allow_ips"] == "['10.0.0.5']"


def test_workers_tune_the_garbage_collector_once_loaded():
    """Without it, a large answer (an API page of 1 000 people) pauses 0.1–0.2 s every few
    requests while the collector walks the whole loaded heap (cms/gc_tuning.py). The hook runs
    in a fresh interpreter, as in a worker."""
    probe = (
        "import gc, runpy; from cms.gc_tuning import YOUNG_THRESHOLD; before = gc.get_threshold()[0]; "
        "runpy.run_path('gunicorn.conf.py')['post_worker_init'](None); "
        "print(before, gc.get_threshold()[0] == YOUNG_THRESHOLD, gc.get_freeze_count() > 0)"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == ["700", "True", "True"]
