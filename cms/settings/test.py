"""Settings for the test suite.

PostgreSQL and Redis when DATABASE_URL and CELERY_BROKER_URL are set (CI sets both);
SQLite and eager tasks otherwise.
"""

from .base import *  # noqa: F403
from .env import env

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "media-test"  # noqa: F405
SAMTALSRUM_EXPORT_ROOT = BASE_DIR / "media-test" / "exports-private"  # noqa: F405
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

# Tests drive tasks through the same on_commit path as production; they run eagerly
# unless a test starts a real worker against CELERY_BROKER_URL.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
SAMTALSRUM_TEST_BROKER_URL = env("CELERY_BROKER_URL")

# The whole-page cache outlives a test's database (it is the process's memory); tests that are
# about it turn it on themselves (tests/cms/test_page_cache.py).
SAMTALSRUM_PAGE_CACHE_SECONDS = 0
