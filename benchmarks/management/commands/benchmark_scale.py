"""`python manage.py benchmark_scale`: do the list pages stay as fast with 5,000 initiatives?

Generates initiatives in one municipality, each with a complete 2025 Verandertheorie
(approved, submitted, sent back or draft, in a fixed mix: half of them approved) and a year
of monthly counts for every output (the portal's totals and key figures add them up), and
measures three pages in-process with Django's test client:

- the advisor workspace, /advies/, as an advisor (every theory, 25 a page);
- the municipality portal, /gemeente/, as staff of that municipality;
- the same portal as an advisor who chose that municipality (/gemeente/?gemeente=…).

Each page is measured with 30 initiatives and again after growing to 5,000 (both more than
a page of 25 rows, so the pages show as many rows): the number of queries of one request
(must be the same: no query per initiative) and the median response time of `--repeat`
requests after a warm-up, as a ratio large / small (target: at most 1.3).
The HTML size is shown next to it: a page that lists every initiative's rows grows with
them, whatever its query count.

The initiatives are made with `bulk_create` (rows and many-to-many links alike) from a
small generator in this file; the time that takes is printed. On PostgreSQL the tables are
then analysed, as autovacuum would soon do in production. Everything is created in one
transaction that is rolled back at the end, so the database is left as it was: it runs on
SQLite (`scripts/benchmark_scale.sh`: a throwaway copy with the demo data) and on the
PostgreSQL of DATABASE_URL alike. Exits with status 1 when a target is missed.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from initiatives.models import Initiative, InitiativeKind, Municipality, User
from theory_of_change.models import (
    Activity,
    Comment,
    DataCollectionMethod,
    Impact,
    Indicator,
    MeasurementLevel,
    MeasurementPlan,
    Outcome,
    Output,
    Resource,
    ResourceKind,
    ResultEntry,
    Status,
    Theme,
    TheoryOfChange,
)
from theory_of_change.results.periods import Period
from theory_of_change.steps import ROW_TABLES

MUNICIPALITY = "tynaarlo"  # no demo initiative works there, so the portal shows only ours
NEIGHBOUR = "assen"  # every tenth initiative also works there
YEAR = 2025


def _monthly_entry(indicator: Indicator, *, year: int, month: int) -> ResultEntry:
    entry = ResultEntry(indicator=indicator, value=5 + (indicator.pk + month) % 9)
    entry.set_period(Period.of("month", year, month))
    return entry


SLUG_PREFIX = "benchmark-schaal-"
# Ten initiatives in a row get these statuses: half approved (the portal shows their
# content), and something for each tab of the workspace.
STATUS_MIX = (
    Status.APPROVED,
    Status.SUBMITTED,
    Status.APPROVED,
    Status.DRAFT,
    Status.APPROVED,
    Status.CHANGES_REQUESTED,
    Status.APPROVED,
    Status.SUBMITTED,
    Status.APPROVED,
    Status.DRAFT,
)
CHUNK = 1000  # initiatives per round of bulk inserts
MAX_TIME_RATIO = 1.3


class Rollback(Exception):
    """Raised at the end to undo everything the benchmark created."""


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    user: User


@dataclass(frozen=True)
class Measurement:
    queries: int
    seconds: float  # median
    size: int  # bytes of HTML


class Generator:
    """Initiatives with a complete Verandertheorie, inserted in bulk."""

    def __init__(self, *, municipality: Municipality, neighbour: Municipality, advisor: User):
        self.municipality = municipality
        self.neighbour = neighbour
        self.advisor = advisor
        self.count = 0
        self.now = timezone.now()
        self.volunteers = ResourceKind.objects.filter(counts_volunteers=True).first()
        self.other_kinds = list(ResourceKind.objects.filter(counts_volunteers=False))
        self.themes = list(Theme.objects.all())
        self.methods = list(DataCollectionMethod.objects.all())
        if not (self.volunteers and self.other_kinds and self.themes and self.methods):
            raise CommandError("The reference lists are empty: run `manage.py migrate` first.")

    def grow_to(self, total: int) -> None:
        while self.count < total:
            self._add(min(CHUNK, total - self.count))
        self._refresh_statistics()

    @staticmethod
    def _refresh_statistics() -> None:
        """On PostgreSQL, update the planner's statistics of the tables written to, as
        autovacuum does in production soon after so many rows arrive. Without it the
        planner takes the tables for as small as they were (or empty, after an earlier run
        was rolled back) and picks plans that take minutes. SQLite has no statistics unless
        someone runs ANALYZE, and nobody does on a SQLite installation: left as it is."""
        if connection.vendor != "postgresql":
            return
        tables = [Initiative, TheoryOfChange, Comment, *(table.model for table in ROW_TABLES)]
        models = [
            *tables,
            *(field.remote_field.through for model in tables for field in model._meta.many_to_many),
        ]
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

    def _add(self, count: int) -> None:
        numbers = range(self.count + 1, self.count + count + 1)
        kinds = InitiativeKind.values
        initiatives = Initiative.objects.bulk_create(
            Initiative(
                name=f"Initiatief {n:05d}",
                slug=f"{SLUG_PREFIX}{n}",
                kind=kinds[n % len(kinds)],
                place=f"Dorp {n % 37}",
                municipality=self.municipality,
                description="Een initiatief van bewoners, gemaakt voor de schaaltest.",
            )
            for n in numbers
        )
        Initiative.also_serves.through.objects.bulk_create(
            Initiative.also_serves.through(initiative=initiative, municipality=self.neighbour)
            for n, initiative in zip(numbers, initiatives, strict=True)
            if n % 10 == 0
        )
        theories = TheoryOfChange.objects.bulk_create(
            self._theory(n, initiative) for n, initiative in zip(numbers, initiatives, strict=True)
        )
        self._rows(theories)
        self.count += count

    def _theory(self, n: int, initiative: Initiative) -> TheoryOfChange:
        status = STATUS_MIX[n % len(STATUS_MIX)]
        reviewed = status != Status.DRAFT
        # Spread the dates, so the workspace's "waiting longest first" has work to do.
        submitted_at = self.now - timedelta(hours=n) if reviewed else None
        return TheoryOfChange(
            initiative=initiative,
            year=YEAR,
            status=status,
            problem="Steeds meer ouderen in het dorp wonen alleen en zien weinig mensen.",
            goal="Iedereen in het dorp heeft een plek om anderen te ontmoeten.",
            mission="Erbij horen, meedoen en ertoe doen.",
            assigned_advisor=self.advisor if reviewed and n % 3 else None,
            submitted_at=submitted_at,
            approved_at=submitted_at + timedelta(days=1) if status == Status.APPROVED else None,
        )

    def _rows(self, theories: list[TheoryOfChange]) -> None:
        """Steps 3 to 10 of each theory: three means (one counts volunteers), three
        activities each with an output, two outcomes, two impacts with two themes each,
        and a measurement plan per level; an open comment on reviewed ones."""
        resources, activities, outcomes, impacts, comments = [], [], [], [], []
        for index, theory in enumerate(theories):
            resources += [
                Resource(
                    theory=theory,
                    position=0,
                    kind=self.volunteers,
                    description="Vaste groep vrijwilligers",
                    amount=Decimal(10 + index % 20),
                    unit="mensen",
                ),
                *[
                    Resource(
                        theory=theory,
                        position=position,
                        kind=self.other_kinds[(index + position) % len(self.other_kinds)],
                        description="Subsidie en ruimte in het dorpshuis",
                        euro_value=Decimal(2500),
                    )
                    for position in (1, 2)
                ],
            ]
            activities += [
                Activity(
                    theory=theory,
                    position=position,
                    name=name,
                    description="Elke maand, voor alle inwoners.",
                    frequency="maandelijks",
                    target_group="inwoners",
                )
                for position, name in enumerate(("Dorpsdiner", "Koffieochtend", "Klusdienst"))
            ]
            outcomes += [
                Outcome(
                    theory=theory,
                    position=position,
                    description=description,
                    target_group="deelnemers",
                )
                for position, description in enumerate(
                    ("Deelnemers voelen zich minder alleen", "Deelnemers kennen meer mensen")
                )
            ]
            impacts += [
                Impact(theory=theory, position=position, description=description)
                for position, description in enumerate(
                    ("Inwoners kijken meer naar elkaar om", "Ouderen wonen langer thuis")
                )
            ]
            if theory.status in (Status.SUBMITTED, Status.CHANGES_REQUESTED):
                comments.append(
                    Comment(theory=theory, step=5, author=self.advisor, body="Welk streefgetal?")
                )
        Resource.objects.bulk_create(resources)
        activities = Activity.objects.bulk_create(activities)
        outcomes = Outcome.objects.bulk_create(outcomes)
        impacts = Impact.objects.bulk_create(impacts)
        Comment.objects.bulk_create(comments)

        outputs = Output.objects.bulk_create(
            Output(
                theory_id=activity.theory_id,
                activity=activity,
                position=activity.position,
                description=f"{activity.name}: deelnemers",
                unit="deelnemers per jaar",
                target=100 + activity.position * 20,
            )
            for activity in activities
        )
        # A year of monthly counts per output: the portal adds them up in the database.
        indicators = Indicator.objects.bulk_create(
            Indicator(theory_id=output.theory_id, output=output) for output in outputs
        )
        ResultEntry.objects.bulk_create(
            _monthly_entry(indicator, year=YEAR, month=month)
            for indicator in indicators
            for month in range(1, 13)
        )
        first_activity = {activity.theory_id: activity for activity in reversed(activities)}
        Outcome.activities.through.objects.bulk_create(
            Outcome.activities.through(outcome=outcome, activity=first_activity[outcome.theory_id])
            for outcome in outcomes
        )
        Impact.themes.through.objects.bulk_create(
            Impact.themes.through(
                impact=impact, theme=self.themes[(impact.pk + shift) % len(self.themes)]
            )
            for impact in impacts
            for shift in (0, 1)
        )

        first = {
            MeasurementLevel.OUTPUT: {row.theory_id: row for row in reversed(outputs)},
            MeasurementLevel.OUTCOME: {row.theory_id: row for row in reversed(outcomes)},
            MeasurementLevel.IMPACT: {row.theory_id: row for row in reversed(impacts)},
        }
        plans = MeasurementPlan.objects.bulk_create(
            MeasurementPlan(
                theory=theory,
                position=position,
                level=level,
                information="Aantal deelnemers en hun verhalen",
                method=self.methods[position % len(self.methods)],
                frequency="per keer",
                collected_by="de coördinator",
            )
            for theory in theories
            for position, level in enumerate(MeasurementLevel.values)
        )
        measured = {
            MeasurementLevel.OUTPUT: ("measures_outputs", "output"),
            MeasurementLevel.OUTCOME: ("measures_outcomes", "outcome"),
            MeasurementLevel.IMPACT: ("measures_impacts", "impact"),
        }
        for level, (field_name, target) in measured.items():
            through = getattr(MeasurementPlan, field_name).through
            through.objects.bulk_create(
                through(measurementplan=plan, **{target: first[level][plan.theory_id]})
                for plan in plans
                if plan.level == level
            )


def measure(client: Client, path: str, *, repeat: int) -> Measurement:
    """Queries of one request, and the median time of `repeat` more after a warm-up."""
    for _ in range(2):
        response = client.get(path)
        if response.status_code != 200:
            raise CommandError(f"GET {path} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    count = len(queries)  # now: the next request empties the query log
    if response.status_code != 200:
        raise CommandError(f"GET {path} answered {response.status_code}")
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        client.get(path)
        timings.append(time.perf_counter() - began)
    return Measurement(
        queries=count, seconds=statistics.median(timings), size=len(response.content)
    )


def duration(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.1f} ms"


class Command(BaseCommand):
    help = (
        "Benchmark the advisor workspace and the municipality portal with 30 and with 5,000 "
        "generated initiatives: equal query counts, response time ratio ≤ 1.3. Leaves the "
        "database unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--small", type=int, default=30, help="initiatives, first")
        parser.add_argument("--large", type=int, default=5000, help="initiatives, then")
        parser.add_argument("--repeat", type=int, default=15, help="timed requests per page")

    def handle(self, *args, small: int, large: int, repeat: int, **options):
        if not 1 <= small < large or repeat < 1:
            raise CommandError("Needs 1 ≤ --small < --large and --repeat ≥ 1.")
        self.missed: list[str] = []
        try:
            with override_settings(ALLOWED_HOSTS=["testserver"]), transaction.atomic():
                self._run(small=small, large=large, repeat=repeat)
                raise Rollback
        except Rollback:
            pass
        if self.missed:
            raise CommandError("Target missed: " + "; ".join(self.missed))
        self.stdout.write(self.style.SUCCESS("Every target met."))

    def _run(self, *, small: int, large: int, repeat: int) -> None:
        try:
            municipality = Municipality.objects.get(slug=MUNICIPALITY)
            neighbour = Municipality.objects.get(slug=NEIGHBOUR)
        except Municipality.DoesNotExist:
            raise CommandError("No municipalities: run `manage.py migrate` first.") from None
        if Initiative.objects.filter(slug__startswith=SLUG_PREFIX).exists():
            raise CommandError(f"Initiatives named {SLUG_PREFIX}… exist already.")
        advisor = User.objects.create(username="benchmark.schaal.adviseur", is_advisor=True)
        civil_servant = User.objects.create(username=f"benchmark.schaal.{MUNICIPALITY}")
        civil_servant.municipalities.add(municipality)
        pages = [
            Page("advisor workspace", "/advies/", advisor),
            Page("portal, municipality staff", "/gemeente/", civil_servant),
            Page("portal, advisor", f"/gemeente/?gemeente={MUNICIPALITY}", advisor),
        ]
        generator = Generator(municipality=municipality, neighbour=neighbour, advisor=advisor)
        clients = {}
        for page in pages:
            if page.user.pk not in clients:
                clients[page.user.pk] = Client()
                clients[page.user.pk].force_login(page.user)

        def measure_all() -> list[Measurement]:
            return [measure(clients[page.user.pk], page.path, repeat=repeat) for page in pages]

        began = time.perf_counter()
        generator.grow_to(small)
        small_generated = time.perf_counter() - began
        at_small = measure_all()
        theories_small = TheoryOfChange.objects.count()

        began = time.perf_counter()
        generator.grow_to(large)
        generated = time.perf_counter() - began
        at_large = measure_all()
        theories_large = TheoryOfChange.objects.count()
        for client in clients.values():
            client.logout()  # the sessions cache keeps no session of a rolled-back user

        self.stdout.write(
            f"Scale benchmark: {small:,} and then {large:,} initiatives in {municipality.name}, "
            f"each with a complete {YEAR} Verandertheorie (half of them approved); the "
            f"workspace lists {theories_small:,} and then {theories_large:,} theories in all. "
            f"Median of {repeat} requests after a warm-up."
        )
        self.stdout.write(
            f"  generated {small:,} in {duration(small_generated)}, then "
            f"{large - small:,} more in {duration(generated)}"
        )
        header = (
            "",
            "queries",
            f"time at {small:,}",
            f"time at {large:,}",
            "ratio",
            f"HTML at {small:,}",
            f"HTML at {large:,}",
        )
        rows = [header]
        for page, before, after in zip(pages, at_small, at_large, strict=True):
            ratio = after.seconds / before.seconds
            same = before.queries == after.queries
            rows.append(
                (
                    f"{page.name}  {page.path}",
                    f"{before.queries} → {after.queries}" + ("" if same else " (CHANGED)"),
                    duration(before.seconds),
                    duration(after.seconds),
                    f"{ratio:.2f}×" + ("" if ratio <= MAX_TIME_RATIO else " (MISSED)"),
                    f"{before.size / 1024:.0f} kB",
                    f"{after.size / 1024:.0f} kB",
                )
            )
            if not same:
                self.missed.append(
                    f"{page.name}: {before.queries} queries at {small:,}, "
                    f"{after.queries} at {large:,}"
                )
            if ratio > MAX_TIME_RATIO:
                self.missed.append(f"{page.name} takes {ratio:.1f}× as long at {large:,}")
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        for row in rows:
            cells = [row[0].ljust(widths[0])]
            cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
            self.stdout.write("  " + "  ".join(cells))
        self.stdout.write(
            f"Targets: the same number of queries at {small:,} and at {large:,}; time ratio "
            f"(at {large:,} / at {small:,}) ≤ {MAX_TIME_RATIO:g}."
        )
