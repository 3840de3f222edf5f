"""`python manage.py factsheet <slug> --year <year> --output <file.pdf> [--poster]`.

For advisors who print sheets in batches. It goes through the same cache as the download
button, so printing a sheet that was downloaded before costs a file read.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from impact.factsheet.render import A3, A4, cached_pdf
from theory_of_change.models import TheoryOfChange


class Command(BaseCommand):
    help = (
        "Write the fact sheet (feitenblad) of an initiative's Verandertheorie as a one-page "
        "PDF: A4, or an A3 poster with --poster. Without --year, the newest year; without "
        "--output, feitenblad-<slug>-<year>.pdf in the current folder ('-' writes to "
        "standard output). A sheet that is not approved carries a CONCEPT watermark."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the initiative's slug, e.g. dorpshuis-smilde")
        parser.add_argument("--year", type=int, help="the year of the Verandertheorie")
        parser.add_argument("--output", "-o", help="the PDF file to write, or - for stdout")
        parser.add_argument("--poster", action="store_true", help="A3 poster instead of A4")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _ in settings.LANGUAGES],
            help="language of the sheet (default: %(default)s)",
        )

    def handle(self, *args, slug, year, output, poster, language, **options):
        theories = TheoryOfChange.objects.filter(initiative__slug=slug).select_related(
            "initiative__municipality"
        )
        theory = (theories.filter(year=year) if year else theories.order_by("-year")).first()
        if theory is None:
            years = ", ".join(str(y) for y in theories.values_list("year", flat=True)) or "none"
            raise CommandError(
                f"No Verandertheorie for '{slug}'"
                + (f" in {year}" if year else "")
                + f" (years there: {years})."
            )
        variant = A3 if poster else A4
        with translation.override(language):
            rendered = cached_pdf(theory, variant=variant)
        if output == "-":
            sys.stdout.buffer.write(rendered.content)
            return
        path = Path(output or rendered.filename)
        path.write_bytes(rendered.content)
        source = "from the cache" if rendered.from_cache else "rendered"
        self.stderr.write(
            f"{path} ({len(rendered.content) // 1024} kB, {variant.upper()}, "
            f"{theory.get_status_display()}, {source})"
        )
