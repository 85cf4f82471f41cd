"""Throughput of a lecture page and a discussion-guide page for visitors who are not signed in
(served from the whole-page cache, cms/page_cache.py, as in production) against a bare Django
view through the same middleware, as time per request over 200 requests each.

Needs published material: the demo's (``manage.py seed_demo``) or the editors'. Each side gets
a fresh client per request, as a new visitor would be.
"""

from __future__ import annotations

from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import clear_url_caches

from benchmarks.harness import Measurement

REQUESTS = 200
TARGET = 3.0  # throughput at least a third of the bare view's


def _page(model):
    page = model.objects.live().public().filter(locale__language_code="sv").order_by("path").first()
    if page is None:
        raise SystemExit(f"bench pages: no published {model.__name__}; run manage.py seed_demo first")
    return page.url


def measurements() -> list[Measurement]:
    from cms.models import DiscussionGuidePage, LectureSegmentPage

    urls = override_settings(ROOT_URLCONF="benchmarks.bare_urls", ALLOWED_HOSTS=["*"])
    urls.enable()
    clear_url_caches()
    cache.clear()

    def requests(url: str):
        def call():
            for _ in range(REQUESTS):
                response = Client().get(url)
                assert response.status_code == 200, (url, response.status_code)  # noqa: S101
        return call

    def queries(url: str):
        def check() -> tuple[str, bool]:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as captured:
                Client().get(url)
            return f"{len(captured)} queries per request", True
        return check

    lecture, guide = _page(LectureSegmentPage), _page(DiscussionGuidePage)
    bare = requests("/bench-bare/")
    return [
        Measurement(f"lecture page throughput ({REQUESTS} requests)", TARGET, requests(lecture), bare,
                    extra=queries(lecture)),
        Measurement(f"guide page throughput ({REQUESTS} requests)", TARGET, requests(guide), bare,
                    extra=queries(guide)),
    ]
