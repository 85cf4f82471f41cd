"""The site's addresses plus one bare view, the limit side of ``bench_pages``: the least a
request through the same middleware costs."""

from django.http import HttpResponse
from django.urls import path

from cms.urls import urlpatterns as site_patterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-bare/", bare), *site_patterns]
