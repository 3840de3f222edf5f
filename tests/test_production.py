"""Production setup: the health check, login throttling, `check --deploy` with the
production variables, hashed and compressed static files, media storage, JSON logs and
gunicorn with its WeasyPrint warm-up.

Settings are read once per process, so the environment-driven ones are checked in a
fresh `manage.py` process with that environment.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from impact.client_address import client_address
from impact.factsheet import render

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = {
    "SECRET_KEY": "x7#Lq2!vR9pZ@t4Wm8&nK3$yB6^hJ1*cF5(eD0)gS_aU+iO-rT=wQzXv2Np7Ys",
    "DEBUG": "off",
    "HTTPS": "on",
    "ALLOWED_HOSTS": "waarde.example.nl",
    "CSRF_TRUSTED_ORIGINS": "https://waarde.example.nl",
    "SITE_URL": "https://waarde.example.nl",
    "STATICFILES_HASHED": "on",
}


def manage(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    # The browser tests allow Django's ORM inside Playwright's event loop for their process;
    # a deployment must not (check --deploy says so), and neither does this one.
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name not in PRODUCTION and name != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    environment = {
        **inherited,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- the health check ----------------------------------------------------------------------


def test_health_says_ok_without_login(db):
    response = Client().get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["tasks"] == {
        "ok": True,
        "detail": "tasks run inside the request",
        "required": True,
    }
    assert response["Cache-Control"] == "no-store"


def test_health_reports_a_stalled_task_worker(db, settings):
    from django_tasks_db.models import DBTaskResult

    from impact.portal.bundles import build_bundle

    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["database"]}}
    result = build_bundle.enqueue("00000000-0000-0000-0000-000000000000")
    client = Client()
    assert client.get(reverse("health")).json()["checks"]["tasks"]["detail"] == "queue moving"
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=12)
    )
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["status"] == "fail"
    assert "db_worker" in response.json()["checks"]["tasks"]["detail"]


def test_health_reports_whether_weasyprint_is_warm(db):
    render._stylesheet.cache_clear()
    assert Client().get(reverse("health")).json()["checks"]["pdf"]["ok"] is False
    render.warm_up()
    response = Client().get(reverse("health"))
    assert response.status_code == 200  # a cold process is slower, not broken
    assert response.json()["checks"]["pdf"] == {
        "ok": True,
        "detail": "warmed up",
        "required": False,
    }


# --- login throttling ----------------------------------------------------------------------


def log_in(client: Client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_too_many_wrong_passwords_lock_that_username_for_a_while(volunteer_a, settings):
    volunteer_a.set_password("het-goede-wachtwoord")
    volunteer_a.save()
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, volunteer_a.username, "fout").status_code == 200  # form error
    locked = log_in(client, volunteer_a.username, "fout")
    assert locked.status_code == 429
    assert "Te vaak een verkeerd wachtwoord" in locked.content.decode()
    assert "over 15 minuten opnieuw inloggen" in locked.content.decode()
    # Now even the right password waits: that is what stops guessing.
    assert log_in(client, volunteer_a.username, "het-goede-wachtwoord").status_code == 429


def test_a_lockout_is_per_username_and_address(volunteer_a, editor_a, settings):
    editor_a.set_password("ook-goed-wachtwoord")
    editor_a.save()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(), volunteer_a.username, "fout")
    response = log_in(Client(), editor_a.username, "ook-goed-wachtwoord")
    assert response.status_code == 302  # someone else on the same computer still gets in
    other_address = Client(REMOTE_ADDR="192.0.2.7")
    volunteer_a.set_password("het-goede-wachtwoord")
    volunteer_a.save()
    assert log_in(other_address, volunteer_a.username, "het-goede-wachtwoord").status_code == 302


def test_a_right_password_resets_the_count(volunteer_a, settings):
    volunteer_a.set_password("het-goede-wachtwoord")
    volunteer_a.save()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(Client(), volunteer_a.username, "fout")
    assert log_in(Client(), volunteer_a.username, "het-goede-wachtwoord").status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(Client(), volunteer_a.username, "fout").status_code == 200


# Behind one proxy (nginx with `proxy_add_x_forwarded_for`): every request reaches the app
# from the proxy's address, and the visitor's own address is the header's last entry.
PROXY = "127.0.0.1"
ATTACKER, VICTIM = "203.0.113.5", "198.51.100.7"


def via_proxy(visitor: str, *, forged: str = "") -> Client:
    """A client whose requests come through the proxy; `forged` is what the visitor put
    in X-Forwarded-For themselves (the proxy appends the real address to it)."""
    header = f"{forged}, {visitor}" if forged else visitor
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)


def test_behind_a_proxy_an_attacker_cannot_lock_out_a_victim(volunteer_a, settings):
    settings.PROXY_COUNT = 1
    volunteer_a.set_password("het-goede-wachtwoord")
    volunteer_a.save()
    for forged in ("", VICTIM, f"10.0.0.1, {VICTIM}", "not-an-address"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            log_in(via_proxy(ATTACKER, forged=forged), volunteer_a.username, "fout")
    # The attacker is locked out under their own address, whatever they forged …
    assert log_in(via_proxy(ATTACKER), volunteer_a.username, "fout").status_code == 429
    # … and the volunteer, coming through the same proxy from home, is not.
    response = log_in(via_proxy(VICTIM), volunteer_a.username, "het-goede-wachtwoord")
    assert response.status_code == 302


def test_behind_a_proxy_a_lockout_still_holds_for_the_guesser(volunteer_a, settings):
    settings.PROXY_COUNT = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(via_proxy(ATTACKER, forged=f"192.0.2.{_}"), volunteer_a.username, "fout")
    # Rotating the forged part of the header does not give new guesses.
    assert (
        log_in(via_proxy(ATTACKER, forged="192.0.2.99"), volunteer_a.username, "x").status_code
        == 429
    )


def test_without_a_proxy_the_header_is_ignored(volunteer_a, settings):
    settings.PROXY_COUNT = 0
    for number in range(settings.AXES_FAILURE_LIMIT):
        client = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
        log_in(client, volunteer_a.username, "fout")
    assert log_in(Client(REMOTE_ADDR=ATTACKER), volunteer_a.username, "x").status_code == 429


@pytest.mark.parametrize(
    ("proxies", "remote", "header", "expected"),
    [
        (0, "203.0.113.5", "198.51.100.7", "203.0.113.5"),
        (1, PROXY, "203.0.113.5", "203.0.113.5"),
        (1, PROXY, "198.51.100.7, 203.0.113.5", "203.0.113.5"),
        (1, PROXY, "", PROXY),  # not through the proxy as configured
        (1, PROXY, "198.51.100.7, nonsense", PROXY),
        (2, "10.0.0.2", "198.51.100.7, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (2, "10.0.0.2", "203.0.113.5", "10.0.0.2"),
        (1, PROXY, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address(rf, settings, proxies, remote, header, expected):
    settings.PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=header)
    assert client_address(request) == expected


def test_behind_proxy_switch_sets_one_proxy(tmp_path):
    command = "from django.conf import settings; print(settings.PROXY_COUNT)"
    for env, expected in (({}, "0"), ({"BEHIND_PROXY": "on"}, "1"), ({"PROXY_COUNT": "2"}, "2")):
        result = manage("shell", "-c", command, env=env, tmp_path=tmp_path)
        assert result.stdout.strip().splitlines()[-1] == expected, result.stderr


# --- deployment checks, static files, media and logs ---------------------------------------


def test_check_deploy_is_clean_with_the_production_variables(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_without_them(tmp_path):
    result = manage("check", "--deploy", env={}, tmp_path=tmp_path)
    output = result.stdout + result.stderr
    for warning in ("security.W004", "security.W008", "security.W009", "security.W012"):
        assert warning in output


def test_static_files_get_hashed_and_compressed_names_in_production(tmp_path):
    result = manage("collectstatic", "--noinput", "-v0", env=PRODUCTION, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css" and hashed.startswith("css/site.")
    assert (tmp_path / "static" / (hashed + ".gz")).exists()
    assert (tmp_path / "static" / (hashed + ".br")).exists()


def test_media_goes_to_object_storage_when_asked(tmp_path):
    script = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'impact.settings'; "
        "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    )
    environment = {**os.environ, "MEDIA_STORAGE": "s3", "S3_BUCKET": "waarde"}
    backend = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    ).stdout.strip()
    assert backend == "impact.storage.GuardedS3Storage"


def test_logs_are_json_lines_when_asked(tmp_path):
    script = (
        "import logging, django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'impact.settings'; "
        "django.setup(); logging.getLogger('impact').warning('sheet %s ready', 'smilde', "
        "extra={'initiative': 'dorpshuis-smilde'})"
    )
    environment = {**os.environ, "LOG_FORMAT": "json", "DATABASE_URL": "sqlite://:memory:"}
    stderr = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    ).stderr
    line = json.loads(stderr.strip().splitlines()[-1])
    assert line["level"] == "WARNING" and line["logger"] == "impact"
    assert line["message"] == "sheet smilde ready"
    assert line["initiative"] == "dorpshuis-smilde"


# --- gunicorn ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_serves_the_app_with_weasyprint_warmed_up(tmp_path):
    assert manage("migrate", "-v0", env={}, tmp_path=tmp_path).returncode == 0
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "impact.wsgi"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        body = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=5) as r:
                    body = json.loads(r.read())
            except OSError:
                time.sleep(0.2)
        assert body is not None, "gunicorn did not answer within 30 s"
        assert body["status"] == "ok"
        assert body["checks"]["pdf"]["detail"] == "warmed up"
    finally:
        server.terminate()
        server.wait(timeout=30)


# --- Content-Security-Policy ---------------------------------------------------------------


def test_every_page_forbids_inline_scripts_and_styles_and_framing(db):
    policy = Client().get(reverse("login"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_has_inline_script_or_style():
    templates = (ROOT / "templates").rglob("*.html")
    offenders = [
        str(path.relative_to(ROOT))
        for path in templates
        if any(
            marker in path.read_text()
            for marker in (
                "<script>",
                "<script type=",
                "<style",
                " style=",
                " onclick=",
                " onload=",
            )
        )
    ]
    assert offenders == []
