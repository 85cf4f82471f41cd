"""The embedded default: SQLite, Celery tasks run eagerly, e-mail to the console."""

from .base import *  # noqa: F403
from .env import env, env_list

DEBUG = True
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production")  # noqa: S105
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# Without a broker the tasks run in-process; set CELERY_BROKER_URL to use a real worker.
CELERY_TASK_ALWAYS_EAGER = not env("CELERY_BROKER_URL")
CELERY_TASK_EAGER_PROPAGATES = True
