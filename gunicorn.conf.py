"""gunicorn's configuration for Samtalsrum (read by ``gunicorn cms.wsgi`` started in this folder).

Every web request is short: report pages read one page of figures, and every export above
``SAMTALSRUM_EXPORT_STREAM_MAX_ROWS`` rows (20 000) and every XLSX file is written by a Celery worker instead
(docs/production.md). So the worker timeout can stay short and still never cut a response off;
a request that hits it is a fault, and gunicorn's log says which.
Each value can be changed from the environment (``GUNICORN_*``, ``WEB_CONCURRENCY``).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers behind a buffering reverse proxy (nginx): the proxy absorbs slow clients.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# A fresh process now and then keeps memory from creeping; the jitter spreads the restarts.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# The heartbeat file on memory, not on a disk that may stall under load.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
# X-Forwarded-For and -Proto are believed from the proxies Django trusts (DJANGO_TRUSTED_PROXIES).
forwarded_allow_ips = os.environ.get("DJANGO_TRUSTED_PROXIES", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"


def post_worker_init(worker):
    """Once a worker has loaded Django, Wagtail and the project: the collector tuned for a
    long-running process (cms/gc_tuning.py; 0.1–0.2 s pauses on large answers without it)."""
    from cms.gc_tuning import tune

    tune()
