"""`python manage.py benchmark_load`: pages under load in gunicorn, as ratios to Django's
login page.

Starts the production server setup (`gunicorn impact.wsgi` with `gunicorn.conf.py`: sync
workers, access log, WeasyPrint warm-up) on 127.0.0.1 and a free port and puts each page in
turn under a closed-loop load: N clients (threads with `http.client`), each sending its next
request as soon as the previous answer is in, logged in as the demo user who uses the page
(`benchmarks.pages`). Every page is compared with Django's login page (anonymous) served by
the same gunicorn in the same run:

- throughput (requests per second) of a page / throughput of the login page. Targets: the
  step editor of a draft (Welzijn Westerwolde's step 5) at least 0.10, the fact sheet's
  HTML page at least 0.35; `/advies/` and `/gemeente/` are reported.
- p95 latency of the login page / p95 latency of the page: reported, not judged. With a
  closed loop and a fixed number of clients it follows the throughput ratio.

The login page is measured before and after the pages, and the baseline is both runs
together, so a machine that gets busier halfway shows up as a difference between the two.
A minimal view (`benchmarks.urls`: the whole middleware stack, no query, no template) is
measured once for reference: the ceiling of the stack itself. The CPU time per request of
gunicorn (master and workers, from /proc) and of the load generator (this process, which
shares the machine's cores with gunicorn) are shown too: they say where the time goes.

Load goes to 127.0.0.1 only, is bounded in requests and in time per URL, and gunicorn is
always stopped at the end. The pages are only read; the sessions this command creates are
deleted afterwards. Any answer other than 2xx (a redirect to the login page too) counts as
an error and fails the run. Needs the demo data (`manage.py seed_demo`);
`scripts/benchmark_load.sh` sets up a throwaway SQLite database with it and runs this
command. Exits with status 1 when a target is missed.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management.base import BaseCommand, CommandError

from benchmarks.pages import EDITOR, FACT_SHEET, LOGIN, PORTAL, WORKSPACE, main_pages
from benchmarks.urls import MINIMAL_PATH
from initiatives.models import User

HOST = "127.0.0.1"  # never anything else: this is a load test
# Throughput as a ratio to the login page's: at least this much (issue "Performance round 2").
AT_LEAST = {EDITOR: 0.10, FACT_SHEET: 0.35, WORKSPACE: None, PORTAL: None}
STARTUP_SECONDS = 90  # two workers importing Django and warming up WeasyPrint
REQUEST_TIMEOUT = 30  # seconds; gunicorn's own worker timeout is 60
STOP_SECONDS = 40  # gunicorn's graceful_timeout is 30


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    user: str | None = None  # demo username; None: anonymous
    at_least: float | None = None  # throughput as a ratio to the login page's


@dataclass
class LoadResult:
    target: Target
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # of every request, in seconds
    statuses: Counter = field(default_factory=Counter)  # HTTP status or exception name
    client_cpu: float = 0.0  # CPU seconds of this process (the load generator)
    server_cpu: float | None = None  # CPU seconds of gunicorn's processes, when known

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if not _is_success(status))

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies)

    @property
    def p95(self) -> float:
        return percentile(self.latencies, 95)


def _is_success(status: int | str) -> bool:
    return isinstance(status, int) and 200 <= status < 300


def percentile(values: list[float], pct: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def combined(first: LoadResult, second: LoadResult, target: Target) -> LoadResult:
    return LoadResult(
        target=target,
        seconds=first.seconds + second.seconds,
        latencies=first.latencies + second.latencies,
        statuses=first.statuses + second.statuses,
        client_cpu=first.client_cpu + second.client_cpu,
        server_cpu=(
            None
            if first.server_cpu is None or second.server_cpu is None
            else first.server_cpu + second.server_cpu
        ),
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def run_load(
    *,
    port: int,
    target: Target,
    headers: dict[str, str],
    clients: int,
    requests: int,
    seconds: float,
) -> LoadResult:
    """`clients` threads send GETs one after another until `requests` have been sent in
    all, or `seconds` have passed (a request under way then still finishes)."""
    lock = threading.Lock()
    sent = 0
    start_gate = threading.Barrier(clients + 1)
    per_client: list[tuple[list[float], Counter]] = [([], Counter()) for _ in range(clients)]
    deadline = 0.0

    def take_one() -> bool:
        nonlocal sent
        with lock:
            if sent >= requests or time.perf_counter() >= deadline:
                return False
            sent += 1
            return True

    def client(latencies: list[float], statuses: Counter) -> None:
        # gunicorn's sync workers close the connection after each answer; http.client
        # opens a new one for the next request, as a browser behind a proxy would.
        connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
        start_gate.wait()
        try:
            while take_one():
                began = time.perf_counter()
                try:
                    connection.request("GET", target.path, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    status: int | str = response.status
                except (OSError, http.client.HTTPException) as error:
                    status = type(error).__name__
                    connection.close()
                latencies.append(time.perf_counter() - began)
                statuses[status] += 1
        finally:
            connection.close()

    threads = [
        threading.Thread(target=client, args=per_client[n], daemon=True) for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    cpu_before = time.process_time()
    began = time.perf_counter()
    deadline = began + seconds
    start_gate.wait()
    for thread in threads:
        thread.join()
    result = LoadResult(
        target=target,
        seconds=time.perf_counter() - began,
        client_cpu=time.process_time() - cpu_before,
    )
    for latencies, statuses in per_client:
        result.latencies.extend(latencies)
        result.statuses.update(statuses)
    return result


class Gunicorn:
    """`gunicorn impact.wsgi` with the repository's gunicorn.conf.py on 127.0.0.1, the
    benchmark's URLs, and the database of this command's environment."""

    def __init__(self, *, workers: int, log: Path) -> None:
        self.port = free_port()
        self.workers = workers
        self.log_path = log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        base_dir = Path(settings.BASE_DIR)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
            "GUNICORN_BIND": f"{HOST}:{self.port}",
            "WEB_CONCURRENCY": str(self.workers),
            # No recycling during the run: a new worker imports the app and warms up
            # WeasyPrint again, a pause that has nothing to do with the page measured.
            "GUNICORN_MAX_REQUESTS": "0",
            # Production's behaviour over plain HTTP on the loopback address.
            "DEBUG": "off",
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "off",
        }
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--config",
                    str(base_dir / "gunicorn.conf.py"),
                    "impact.wsgi",
                ],
                cwd=base_dir,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_until_healthy(self) -> None:
        """Until /health/ answers 200: the workers have started and warmed up."""
        give_up = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < give_up:
            if self.process.poll() is not None:
                raise CommandError(f"gunicorn stopped while starting:\n{self.log_tail()}")
            connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
            try:
                connection.request("GET", "/health/", headers={"Host": HOST})
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            finally:
                connection.close()
            time.sleep(0.2)
        raise CommandError(f"gunicorn did not answer /health/ in time:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # graceful: workers finish their request
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def cpu_seconds(self) -> float | None:
        """CPU time used so far by the master and its workers (Linux /proc; else None)."""
        master = self.process.pid
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        try:
            stats = Path("/proc").glob("[0-9]*/stat")
            for stat in stats:
                try:
                    # "pid (command) state ppid … utime stime …": after the command,
                    # ppid is the 2nd field and utime and stime the 12th and 13th.
                    pid, rest = stat.read_text().split(" ", 1)
                    fields = rest.rsplit(")", 1)[1].split()
                except (OSError, IndexError):
                    continue  # a process that ended meanwhile
                if int(pid) == master or int(fields[1]) == master:
                    total += int(fields[11]) + int(fields[12])
        except OSError:
            return None
        return total / ticks if total else None

    def log_tail(self, lines: int = 20) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def session_for(username: str):
    """A logged-in session for a demo user, stored the way `django.contrib.auth.login`
    does (in the database and the sessions cache that gunicorn's workers share)."""
    try:
        user = User.objects.get(username=username)
    except User.DoesNotExist:
        raise CommandError(f"No {username}: run `manage.py seed_demo` first.") from None
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = "initiatives.auth.EmailOrUsernameBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


class Command(BaseCommand):
    help = (
        "Load benchmark under gunicorn on 127.0.0.1: throughput and p95 latency of a step "
        "page and the fact sheet, as ratios to a minimal view. Needs the demo data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers", type=int, default=2, help="gunicorn workers (WEB_CONCURRENCY)"
        )
        parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
        parser.add_argument("--requests", type=int, default=1000, help="requests per URL, at most")
        parser.add_argument("--seconds", type=float, default=20.0, help="seconds per URL, at most")
        parser.add_argument(
            "--warmup", type=int, default=50, help="requests per URL before measuring"
        )

    def handle(self, *args, **options):
        workers, clients = options["workers"], options["clients"]
        requests, seconds, warmup = options["requests"], options["seconds"], options["warmup"]
        if min(workers, clients, requests) < 1 or seconds <= 0 or warmup < 0:
            raise CommandError("--workers, --clients, --requests ≥ 1; --seconds > 0; --warmup ≥ 0.")
        by_name = {page.name: page for page in main_pages()}
        login = Target(f"{LOGIN} (baseline)", by_name[LOGIN].path)
        minimal = Target("minimal view (reference)", f"/{MINIMAL_PATH}")
        pages = [
            Target(name, by_name[name].path, by_name[name].user, at_least)
            for name, at_least in AT_LEAST.items()
        ]
        self.stdout.write(
            f"Load benchmark: gunicorn with {workers} sync workers on {HOST}, {clients} "
            f"concurrent clients; per URL {warmup} warm-up requests, then at most {requests} "
            f"requests or {seconds:g} s:"
        )
        for target in [login, *pages, minimal]:
            self.stdout.write(f"  {target.name}: {target.path} as {target.user or 'anonymous'}")

        sessions = {page.user: session_for(page.user) for page in pages}
        with tempfile.TemporaryDirectory() as folder:
            server = Gunicorn(workers=workers, log=Path(folder) / "gunicorn.log")
            try:
                server.start()
                server.wait_until_healthy()

                def measure(target: Target) -> LoadResult:
                    headers = {"Host": f"{HOST}:{server.port}", "User-Agent": "benchmark_load"}
                    if target.user:
                        key = sessions[target.user].session_key
                        headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={key}"
                    return self._measure(
                        server,
                        target,
                        warmup=warmup,
                        requests=requests,
                        clients=clients,
                        seconds=seconds,
                        headers=headers,
                    )

                before = measure(login)
                results = [measure(page) for page in pages]
                after = measure(login)
                reference = measure(minimal)
            finally:
                server.stop()
                for session in sessions.values():
                    session.delete()

        baseline = combined(before, after, login)
        self._report(
            before=before, results=results, after=after, baseline=baseline, reference=reference
        )
        missed = [
            f"{result.target.name}: {result.errors} errors {dict(result.statuses)}"
            for result in [before, *results, after, reference]
            if result.errors
        ]
        for result in results:
            ratio = result.throughput / baseline.throughput
            if result.target.at_least is not None and ratio < result.target.at_least:
                missed.append(f"{result.target.name} throughput is {ratio:.2f}× the login page's")
        if missed:
            raise CommandError("Target missed: " + "; ".join(missed))
        self.stdout.write(self.style.SUCCESS("Every target met."))

    @staticmethod
    def _measure(server: Gunicorn, target: Target, *, warmup: int, **load) -> LoadResult:
        """Warm up (each worker loads what the page needs), then measure under load."""
        if warmup:
            warm = run_load(port=server.port, target=target, **{**load, "requests": warmup})
            if warm.errors:
                raise CommandError(
                    f"GET {target.path} failed while warming up: {dict(warm.statuses)}\n"
                    f"{server.log_tail()}"
                )
        cpu_before = server.cpu_seconds()
        result = run_load(port=server.port, target=target, **load)
        cpu_after = server.cpu_seconds()
        if cpu_before is not None and cpu_after is not None:
            result.server_cpu = cpu_after - cpu_before
        return result

    def _report(
        self,
        *,
        before: LoadResult,
        results: list[LoadResult],
        after: LoadResult,
        baseline: LoadResult,
        reference: LoadResult,
    ) -> None:
        rows = [("", "requests", "req/s", "p50", "p95", "errors", "server CPU", "client CPU")]
        for label, result in [
            ("login page, before", before),
            *[(result.target.name, result) for result in results],
            ("login page, after", after),
            ("login page, both (baseline)", baseline),
            (reference.target.name, reference),
        ]:
            server_cpu = result.server_cpu
            rows.append(
                (
                    label,
                    str(result.requests),
                    f"{result.throughput:.1f}",
                    milliseconds(result.p50),
                    milliseconds(result.p95),
                    str(result.errors),
                    "?" if server_cpu is None else milliseconds(server_cpu / result.requests),
                    milliseconds(result.client_cpu / result.requests),
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            cells = [row[0].ljust(widths[0])]
            cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
            self.stdout.write("  " + "  ".join(cells))
        self.stdout.write("  (CPU: milliseconds per request, gunicorn and the load generator)")
        self.stdout.write(
            "Ratios to the login page: throughput = page / login page, with the targets; "
            "p95 latency = login page / page, reported only."
        )
        width = max(len(result.target.name) for result in results)
        for result in results:
            ratio = result.throughput / baseline.throughput
            at_least = result.target.at_least
            verdict = (
                "reported"
                if at_least is None
                else f"target ≥ {at_least:g}: {'met' if ratio >= at_least else 'MISSED'}"
            )
            self.stdout.write(
                f"  {result.target.name.ljust(width)}  throughput {ratio:.3f}× ({verdict})   "
                f"p95 latency {baseline.p95 / result.p95:.3f}×"
            )
