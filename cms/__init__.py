"""Samtalsrum's Wagtail project package: settings, URLs, Celery and the site's pages."""

from .celery import app as celery_app

__all__ = ("celery_app",)
