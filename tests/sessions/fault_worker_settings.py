"""Settings for the Celery workers the fault tests start: the development settings, with the broker
handing an unacknowledged task to another worker after three seconds instead of an hour, so a
killed worker's task is redelivered within the test."""

from cms.settings.dev import *  # noqa: F403

CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
