"""`python manage.py benchmark_bundle`: how long a ZIP of many fact sheets takes.

Builds a municipality with N initiatives (default 50), each with an approved 2025
Verandertheorie copied from the six demo case studies in turn, and asks for the ZIP of all
their sheets the way the portal does (`bundle_request`, with the task run in-process by the
immediate backend). Three moments are timed:

- cold: nothing in the fact-sheet cache and no ZIP: every sheet is rendered;
- cached: every PDF in the cache, the ZIP removed: the sheets are read and zipped again;
- reused: a colleague asks for the same sheets: the existing ZIP is handed out.

Next to it, the cached PDFs are zipped with ZIP_STORED and with ZIP_DEFLATED, to show what
compressing already compressed PDFs costs and saves.

Everything it creates is rolled back at the end and the files go to a temporary folder, so
the database is left as it was; it needs the demo data (`manage.py seed_demo`).
`scripts/benchmark_bundle.sh` sets up a throwaway database with it and runs this command.
"""

from __future__ import annotations

import io
import logging
import resource
import statistics
import tempfile
import time
import zipfile
from collections.abc import Callable
from typing import TypeVar

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.translation import override

from demo import data as demo_data
from impact.factsheet.render import cached_pdf
from impact.models import BundleStatus, FactSheetBundle
from impact.portal.bundles import bundle_request
from impact.portal.selection import read_selection
from initiatives.models import Initiative, Municipality, User
from theory_of_change import workflow
from theory_of_change.models import Status, Story, TheoryOfChange

MUNICIPALITY = "tynaarlo"  # no demo initiative works there, so the sheets are only ours
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
LANGUAGE = "nl"

T = TypeVar("T")


class Rollback(Exception):
    """Raised at the end to undo everything the benchmark created."""


def duration(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms"


def timed(action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


class Command(BaseCommand):
    help = (
        "Benchmark the ZIP of fact sheets: N approved sheets (default 50) zipped cold, from "
        "the PDF cache, and reused. Needs the demo data; leaves the database unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--sheets", type=int, default=50, help="how many fact sheets")
        parser.add_argument(
            "--repeat", type=int, default=3, help="runs of the cached and reused measurements"
        )

    def handle(self, *args, sheets: int, repeat: int, **options):
        # django-tasks logs every task start and finish at INFO: noise in this table.
        logging.getLogger("django_tasks").setLevel(logging.WARNING)
        sources = list(
            TheoryOfChange.objects.filter(
                year=demo_data.YEAR,
                initiative__slug__in=[data["slug"] for data in demo_data.INITIATIVES],
            ).select_related("initiative", "sheet_story")
        )
        if not sources:
            raise CommandError("No demo data: run `manage.py seed_demo` first.")
        try:
            with (
                tempfile.TemporaryDirectory() as media,
                override_settings(MEDIA_ROOT=media, TASKS=IMMEDIATE),
                transaction.atomic(),
            ):
                self._run(sources, sheets=sheets, repeat=repeat)
                raise Rollback
        except Rollback:
            pass

    def _run(self, sources: list[TheoryOfChange], *, sheets: int, repeat: int) -> None:
        # Fonts, stylesheet and imports load once per process: warm up on a demo sheet.
        with override(LANGUAGE):
            cached_pdf(
                TheoryOfChange.objects.select_related("initiative__municipality").get(
                    pk=sources[0].pk
                )
            )

        municipality = Municipality.objects.get(slug=MUNICIPALITY)
        self._create_initiatives(sources, municipality, count=sheets)
        civil_servant, colleague = (
            self._civil_servant(f"benchmark.{MUNICIPALITY}.{n}", municipality) for n in (1, 2)
        )

        def ask(user: User) -> FactSheetBundle:
            _form, selection = read_selection({"jaar": str(demo_data.YEAR)}, user=user)
            bundle = bundle_request(selection=selection, user=user, language=LANGUAGE)
            if bundle.status != BundleStatus.READY or bundle.total != sheets:
                raise CommandError(f"The bundle did not finish: {bundle.status} {bundle.error}")
            return bundle

        cold, bundle = timed(lambda: ask(civil_servant))
        zip_size = bundle.size

        cached_runs = []
        for _ in range(repeat):
            default_storage.delete(bundle.file)  # the PDFs stay in their cache
            seconds, bundle = timed(lambda: ask(civil_servant))
            cached_runs.append(seconds)
        cached = statistics.median(cached_runs)

        reused_runs = []
        for _ in range(repeat):
            FactSheetBundle.objects.filter(requested_by=colleague).delete()
            seconds, shared = timed(lambda: ask(colleague))
            if shared.file != bundle.file:
                raise CommandError("The colleague's bundle did not reuse the ZIP.")
            reused_runs.append(seconds)
        reused = statistics.median(reused_runs)

        stored, deflated = self._compare_compression(bundle)
        peak_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

        def per_sheet(seconds: float) -> str:
            return f"{seconds / sheets * 1000:.1f} ms per sheet"

        rows = [
            ("cold (render every sheet, zip)", duration(cold), per_sheet(cold), "1.0×"),
            (
                "cached (PDFs from the cache, zip)",
                duration(cached),
                per_sheet(cached),
                f"{cold / cached:.0f}× faster than cold",
            ),
            (
                "reused (same stamp, existing ZIP)",
                duration(reused),
                per_sheet(reused),
                f"{cold / reused:.0f}× faster than cold",
            ),
            (
                "ZIP size",
                f"{zip_size / 2**20:.1f} MiB",
                f"{zip_size / sheets / 1024:.0f} kB per sheet",
                "",
            ),
            (
                "zip only, ZIP_STORED",
                duration(stored[0]),
                f"{stored[1] / 2**20:.2f} MiB",
                "(the choice)",
            ),
            (
                "zip only, ZIP_DEFLATED",
                duration(deflated[0]),
                f"{deflated[1] / 2**20:.2f} MiB",
                f"{(1 - deflated[1] / stored[1]) * 100:.1f}% smaller, "
                f"{deflated[0] / stored[0]:.0f}× the time",
            ),
            ("peak process memory (RSS)", f"{peak_rss_kib / 1024:.0f} MiB", "", ""),
        ]
        width = max(len(row[0]) for row in rows)
        self.stdout.write(
            f"ZIP of fact sheets: {sheets} sheets, cold once, cached and reused median of {repeat}"
        )
        for name, value, detail, ratio in rows:
            self.stdout.write(f"  {name.ljust(width)}  {value:>9}  {detail:<24}  {ratio}".rstrip())

    def _create_initiatives(
        self, sources: list[TheoryOfChange], municipality: Municipality, *, count: int
    ) -> None:
        """`count` initiatives with an approved theory, copied from the demo in turn."""
        now = timezone.now()
        for number in range(1, count + 1):
            source = sources[(number - 1) % len(sources)]
            initiative = Initiative.objects.create(
                name=f"{source.initiative.name} {number}",
                slug=f"{source.initiative.slug}-{number}",
                kind=source.initiative.kind,
                place=source.initiative.place,
                municipality=municipality,
                description=source.initiative.description,
            )
            theory = TheoryOfChange.objects.create(
                initiative=initiative,
                year=source.year,
                status=Status.APPROVED,
                approved_at=now,
                problem=source.problem,
                goal=source.goal,
                mission=source.mission,
            )
            if source.sheet_story is not None:  # its quote on the sheet, as in the demo
                story = Story.objects.create(
                    theory=theory,
                    text=source.sheet_story.text,
                    quote=source.sheet_story.quote,
                    teller_role=source.sheet_story.teller_role,
                    scope=source.sheet_story.scope,
                )
                TheoryOfChange.objects.filter(pk=theory.pk).update(sheet_story=story)
            # The same copy the "next year" action makes (the demo has no achieved figures
            # to leave out).
            workflow._copy_rows(source=source, target=theory)

    @staticmethod
    def _civil_servant(username: str, municipality: Municipality) -> User:
        user = User.objects.create(username=username)
        user.municipalities.add(municipality)
        return user

    @staticmethod
    def _compare_compression(bundle: FactSheetBundle) -> tuple[tuple[float, int], ...]:
        """Zip the bundle's PDFs in memory both ways: (seconds, bytes) for each."""
        with default_storage.open(bundle.file) as stored:
            archive = zipfile.ZipFile(io.BytesIO(stored.read()))
            entries = [(name, archive.read(name)) for name in archive.namelist()]
        results = []
        for compression in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            output = io.BytesIO()

            def write(compression: int = compression, output: io.BytesIO = output) -> None:
                with zipfile.ZipFile(output, "w", compression=compression) as target:
                    for name, content in entries:
                        target.writestr(name, content)

            seconds, _ = timed(write)
            results.append((seconds, output.tell()))
        return tuple(results)
