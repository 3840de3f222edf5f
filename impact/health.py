"""/health/: can this app server serve requests? For load balancers and monitoring.

It answers without login and says nothing a visitor could misuse: per check only whether
it passed and a short reason. 200 when everything that must work works, 503 otherwise, so
a load balancer takes a broken app server out of rotation.

- database: a trivial query answers;
- tasks: with the database task backend, no task has waited longer than `WORKER_LAG` for
  a worker (a stopped `db_worker` shows up here, not as ZIPs that never arrive);
- pdf: whether this process has loaded WeasyPrint's fonts and stylesheet (gunicorn warms
  them up when a worker starts). Informational: a cold process still renders, just slower.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from impact.factsheet import render

WORKER_LAG = timedelta(minutes=5)


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: str
    required: bool = True


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means: not available
        return Check(False, f"database unavailable ({type(error).__name__})")
    return Check(True, connection.vendor)


def check_tasks() -> Check:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != settings.TASK_BACKENDS["database"]:
        return Check(True, "tasks run inside the request")
    from django_tasks_db.models import DBTaskResult

    try:
        oldest = DBTaskResult.objects.ready().order_by("enqueued_at").first()
    except Exception as error:
        return Check(False, f"task queue unavailable ({type(error).__name__})")
    if oldest is None:
        return Check(True, "queue empty")
    waiting = timezone.now() - oldest.enqueued_at
    if waiting > WORKER_LAG:
        minutes = int(waiting.total_seconds() // 60)
        return Check(False, f"a task has waited {minutes} min: is db_worker running?")
    return Check(True, "queue moving")


def check_pdf() -> Check:
    warm = render.is_warm()
    return Check(warm, "warmed up" if warm else "cold (first PDF loads fonts)", required=False)


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    checks = {"database": check_database(), "tasks": check_tasks(), "pdf": check_pdf()}
    healthy = all(check.ok for check in checks.values() if check.required)
    response = JsonResponse(
        {
            "status": "ok" if healthy else "fail",
            "checks": {name: asdict(check) for name, check in checks.items()},
        },
        status=200 if healthy else 503,
    )
    response["Cache-Control"] = "no-store"
    return response
