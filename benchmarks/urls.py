"""The site's URLs plus a minimal view: the baseline of the load benchmark.

The URLs of `benchmarks.settings`, which the benchmark's own gunicorn runs with (set by
`manage.py benchmark_load`); production never serves it. The minimal view passes through
the whole middleware stack like every page, but reads nothing and renders nothing, so a
page's throughput as a ratio to it is the cost of the page itself.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from impact.urls import urlpatterns as site_urlpatterns

MINIMAL_PATH = "_benchmark/minimal/"


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(MINIMAL_PATH, minimal, name="benchmark_minimal"), *site_urlpatterns]
