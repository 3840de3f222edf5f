"""`python manage.py benchmark_pages`: the CPU a page costs, as ratios to Django's own pages.

Every page is requested in-process through Django's whole stack (middleware, sessions,
CSRF, templates) with the test client, logged in as the person who uses it, and its CPU
time per request (`time.process_time`) is measured after a warm-up. The baselines are
Django's own pages measured in the same run:

- the login page (`/accounts/login/`, anonymous): a small form page;
- the admin's change form for an Initiative, as the demo operator: a large form page.

The pages take turns, round after round, so a moment when the shared machine is busy hits
all of them alike; each page's figure is the median of its rounds. The queries of one
request are counted too (they must not depend on the data's size; tests pin them).

Targets (issue "Performance round 2"):
- the step editor of a draft (Welzijn Westerwolde's step 5, its list and with a row open)
  ≤ 0.7× the admin change form and ≤ 10× the login page;
- the fact sheet's HTML page ≤ 3× the login page;
- `/advies/` ≤ 5.5× and `/gemeente/` ≤ 4.6× the login page.

Reads only; the sessions it makes are removed. Needs the demo data (`manage.py seed_demo`);
`scripts/benchmark_pages.sh` sets up a throwaway SQLite database with it. With
`DATABASE_URL` pointing at PostgreSQL it measures there. Exits with status 1 when a target
is missed.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.pages import (
    ADMIN,
    EDITOR,
    EDITOR_ROW,
    FACT_SHEET,
    LOGIN,
    PORTAL,
    WORKSPACE,
    Page,
    main_pages,
)
from initiatives.models import User


@dataclass(frozen=True)
class Target:
    page: str
    baseline: str
    at_most: float


TARGETS = [
    Target(EDITOR, ADMIN, 0.7),
    Target(EDITOR, LOGIN, 10),
    Target(EDITOR_ROW, ADMIN, 0.7),
    Target(EDITOR_ROW, LOGIN, 10),
    Target(FACT_SHEET, LOGIN, 3),
    Target(WORKSPACE, LOGIN, 5.5),
    Target(PORTAL, LOGIN, 4.6),
]


class Command(BaseCommand):
    help = "CPU per request of the main pages, as ratios to Django's login page and admin form."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=30, help="measured requests per page")
        parser.add_argument("--warmup", type=int, default=5, help="unmeasured requests first")

    def handle(self, *args, rounds: int, warmup: int, **options):
        measured = main_pages()
        clients = {page.name: self._client(page.user) for page in measured}
        queries = {}
        for page in measured:
            for _ in range(warmup):
                self._get(clients[page.name], page)
            with CaptureQueriesContext(connection) as captured:
                self._get(clients[page.name], page)
            queries[page.name] = len(captured.captured_queries)
        cpu: dict[str, list[float]] = {page.name: [] for page in measured}
        for _ in range(rounds):
            for page in measured:
                started = time.process_time()
                self._get(clients[page.name], page)
                cpu[page.name].append(time.process_time() - started)
        for client in clients.values():
            client.logout()
        median = {name: statistics.median(times) for name, times in cpu.items()}
        self._report(measured, median, queries, rounds)

    def _client(self, username: str | None) -> Client:
        client = Client(SERVER_NAME="localhost")  # a host the settings allow
        if username is not None:
            client.force_login(User.objects.get(username=username))
        return client

    def _get(self, client: Client, page: Page) -> None:
        response = client.get(page.path)
        if response.status_code != 200:
            raise CommandError(f"{page.name}: {page.path} answered {response.status_code}")

    def _report(self, measured, median, queries, rounds) -> None:
        login = median[LOGIN]
        admin = median[ADMIN]
        self.stdout.write(
            f"CPU per request, median of {rounds} rounds, {connection.vendor}:\n"
            f"{'page':<20} {'ms':>7} {'× login':>8} {'× admin':>8} {'queries':>8}"
        )
        for page in measured:
            ms = median[page.name] * 1000
            self.stdout.write(
                f"{page.name:<20} {ms:7.1f} {median[page.name] / login:8.2f} "
                f"{median[page.name] / admin:8.2f} {queries[page.name]:8d}"
            )
        missed = []
        self.stdout.write("\nTargets:")
        for target in TARGETS:
            ratio = median[target.page] / median[target.baseline]
            met = ratio <= target.at_most
            missed += [] if met else [target]
            self.stdout.write(
                f"  {target.page} ≤ {target.at_most}× {target.baseline}: {ratio:.2f}× "
                f"{'met' if met else 'MISSED'}"
            )
        if missed:
            raise CommandError(f"{len(missed)} target(s) missed")
