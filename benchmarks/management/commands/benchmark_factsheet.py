"""`python manage.py benchmark_factsheet`: how fast the fact sheet is, as ratios.

Times on a shared machine vary from run to run, so every figure is a ratio to a baseline
measured in the same run, on the same machine, taking turns with it:

- render: the Smilde sheet (A4) from its data to PDF bytes (`render.render_pdf` with the
  year's results already loaded: building the sheet, the template and WeasyPrint), against
  a plain page of ten text boxes holding the same amount of text (the sheet's own words),
  from its HTML to PDF bytes through the same cached renderer (`render.render_document`:
  fonts and configuration loaded once) in the same run. Both start from their content in
  memory, so the ratio is the cost of the sheet's design, not of WeasyPrint's per-call
  set-up, which the app never pays twice, nor of reading the database, which the plain
  page does not do. Target: at most 2.5×. Reported beside it, without a target: the same
  render with loading the results (what a cache miss costs), and the old baseline, a
  minimal one-paragraph page through a fresh WeasyPrint call.
- cached download: getting the PDF when it is in the cache (`cached_pdf`: the sheet's stamp
  and a file read), against a render. Target: at least 20× faster. The whole request (GET
  of the download URL as a logged-in member: session, access check, stamp, file) is
  reported next to it; its extra cost is the same for every page of the site.
- peak memory: the most Python memory allocated during one render (tracemalloc), and the
  process's peak resident size.

Needs the demo data (`manage.py seed_demo`); `scripts/benchmark_factsheet.sh` sets up a
throwaway database with it and runs this command. Exits with status 1 when a target is
missed.
"""

from __future__ import annotations

import resource
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable

import weasyprint
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.html import escape, strip_tags

from impact.factsheet import render
from impact.factsheet.data import build_factsheet, sheet_results
from impact.factsheet.links import qr_target
from initiatives.models import Membership
from theory_of_change.models import TheoryOfChange
from theory_of_change.selectors import with_content

SLUG = "dorpshuis-smilde"
MINIMAL_PAGE = "<!DOCTYPE html><html><body><p>Een minimale pagina van één alinea.</p></body></html>"
PLAIN_STYLESHEET = "benchmarks/plain-boxes.css"
BOXES = 10
MAX_RENDER_RATIO = 2.5
MIN_CACHE_SPEEDUP = 20.0


def plain_page(text: str, boxes: int = BOXES) -> str:
    """`text` in `boxes` plain boxes of about equal length, each with a heading."""
    words = text.split()
    size = -(-len(words) // boxes)
    parts = [" ".join(words[index : index + size]) for index in range(0, len(words), size)]
    body = "".join(
        f'<div class="box"><h2>Vak {number}</h2><p>{escape(part)}</p></div>'
        for number, part in enumerate(parts, start=1)
    )
    return f'<!DOCTYPE html><html lang="nl"><body>{body}</body></html>'


def sheet_text(sheet) -> str:
    """The words the sheet shows, as plain text."""
    html = render_to_string(
        "impact/factsheet/_sheet.html",
        render.render_context(sheet, variant=render.A4, for_print=True),
    )
    return " ".join(strip_tags(html).split())


def interleaved_medians(actions: list[Callable[[], object]], *, repeat: int) -> list[float]:
    """The median time of each action, run in turns (a, b, c, a, b, c, …): on a shared
    machine the load changes from second to second, and taking turns gives every action
    the same conditions, so their ratios hold."""
    timings: list[list[float]] = [[] for _ in actions]
    for _ in range(repeat):
        for index, action in enumerate(actions):
            start = time.perf_counter()
            action()
            timings[index].append(time.perf_counter() - start)
    return [statistics.median(values) for values in timings]


def median_seconds(action: Callable[[], object], *, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


class Command(BaseCommand):
    help = (
        "Benchmark the fact sheet: render time as a ratio to a plain page of the same text, "
        "cached download as a ratio to a render, and peak memory. Needs the demo data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=15, help="runs per measurement")

    def handle(self, *args, repeat: int, **options):
        theory = with_content(TheoryOfChange.objects.filter(initiative__slug=SLUG)).first()
        member = Membership.objects.filter(initiative__slug=SLUG).select_related("user").first()
        if theory is None or member is None:
            raise CommandError(f"No demo data for {SLUG}: run `manage.py seed_demo` first.")
        url = qr_target(theory)

        results = sheet_results(theory)
        text = sheet_text(build_factsheet(theory, url=url, results=results))
        boxes_html = plain_page(text)

        def minimal() -> bytes:
            return weasyprint.HTML(string=MINIMAL_PAGE).write_pdf()

        def boxes_document():
            return render.render_document(boxes_html, stylesheet=PLAIN_STYLESHEET)

        def boxes() -> bytes:
            return boxes_document().write_pdf()

        def sheet() -> bytes:
            return render.render_pdf(theory, url=url, results=results)

        def sheet_with_results() -> bytes:
            return render.render_pdf(theory, url=url)

        # Warm up all three: fonts, stylesheets and Python imports load once per process.
        minimal()
        if len(boxes_document().pages) != 1:
            raise CommandError("The plain page of the sheet's text should be one page.")
        boxes()
        pdf = sheet()
        minimal_time, boxes_time, render_time, whole_time = interleaved_medians(
            [minimal, boxes, sheet, sheet_with_results], repeat=repeat
        )

        with (
            tempfile.TemporaryDirectory() as media,
            override_settings(MEDIA_ROOT=media, ALLOWED_HOSTS=["testserver"]),
        ):
            row = TheoryOfChange.objects.select_related("initiative__municipality")
            row = row.get(pk=theory.pk)
            assert not render.cached_pdf(row).from_cache  # renders and fills the cache
            cached_time = median_seconds(lambda: render.cached_pdf(row), repeat=repeat)
            assert render.cached_pdf(row).from_cache

            client = Client()
            client.force_login(member.user)
            download = reverse("factsheet:pdf", kwargs={"slug": SLUG, "year": theory.year})
            assert client.get(download).status_code == 200
            request_time = median_seconds(lambda: client.get(download), repeat=repeat)

        tracemalloc.start()
        sheet()
        _, peak_python = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

        render_ratio = render_time / boxes_time
        cache_speedup = render_time / cached_time
        rows = [
            (
                f"plain page, {BOXES} boxes of the sheet's text (baseline)",
                f"{boxes_time * 1000:.1f} ms",
                "1.0×",
                f"{len(text)} characters",
            ),
            (
                "Smilde fact sheet, render from its data",
                f"{render_time * 1000:.1f} ms",
                f"{render_ratio:.2f}× the plain page",
                f"target ≤ {MAX_RENDER_RATIO:g}×",
            ),
            (
                "  with loading its results (a cache miss)",
                f"{whole_time * 1000:.1f} ms",
                f"{whole_time / boxes_time:.2f}× the plain page",
                "",
            ),
            (
                "  for comparison: a minimal page, fresh WeasyPrint call",
                f"{minimal_time * 1000:.1f} ms",
                f"the sheet is {render_time / minimal_time:.1f}× it",
                "",
            ),
            (
                "Smilde fact sheet, cached download",
                f"{cached_time * 1000:.1f} ms",
                f"{cache_speedup:.0f}× faster than a render",
                f"target ≥ {MIN_CACHE_SPEEDUP:g}×",
            ),
            (
                "  the whole download request",
                f"{request_time * 1000:.1f} ms",
                f"{render_time / request_time:.0f}× faster than a render",
                "",
            ),
            ("PDF size", f"{len(pdf) / 1024:.0f} kB", "", ""),
            ("peak Python memory, one render", f"{peak_python / 2**20:.1f} MiB", "", ""),
            ("peak process memory (RSS)", f"{peak_rss_kib / 1024:.0f} MiB", "", ""),
        ]
        width = max(len(row[0]) for row in rows)
        self.stdout.write(f"Fact sheet benchmark ({repeat} runs each, medians)")
        for name, value, ratio, target in rows:
            self.stdout.write(f"  {name.ljust(width)}  {value:>9}  {ratio}  {target}".rstrip())
        missed = []
        if render_ratio > MAX_RENDER_RATIO:
            missed.append(f"render is {render_ratio:.2f}× the plain page")
        if cache_speedup < MIN_CACHE_SPEEDUP:
            missed.append(f"cached download is only {cache_speedup:.0f}× faster")
        if missed:
            raise CommandError("Target missed: " + "; ".join(missed))
        self.stdout.write(self.style.SUCCESS("Both targets met."))
