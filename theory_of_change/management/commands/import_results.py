"""`python manage.py import_results <file> --initiative <slug> [--year Y] [--dry-run]
[--by <username>]`.

Counts from a CSV or XLSX file, as the import page takes them (`theory_of_change.results.
bulk`): prints what would be added, corrected and refused, and records all of it in one
transaction, or nothing when any row is refused (exit status 1).
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.concurrency import StaleVersion
from initiatives.models import Initiative, User
from theory_of_change.models import TheoryOfChange
from theory_of_change.results import bulk
from theory_of_change.results.services import ResultRefused


class Command(BaseCommand):
    help = (
        "Import counts per period from a CSV or XLSX file with the columns jaar, resultaat "
        "(the output's number in step 5, from 1, or its exact text), periode (2025-W10, "
        "2025-03 or 2025-Q1), aantal and optionally notitie. Each row goes to the "
        "initiative's Verandertheorie of its year (only YEAR with --year). Prints what is "
        "added, corrected and refused; when any row is refused nothing is recorded and the "
        "exit status is 1. Corrections are kept in the counts' history as 'import'."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV or XLSX file, or - for CSV on standard input")
        parser.add_argument("--initiative", required=True, help="the initiative's slug")
        parser.add_argument("--year", type=int, help="accept only rows of this year")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and print, record nothing"
        )
        parser.add_argument("--by", help="the username recorded as having entered the counts")

    def handle(self, *args, file, initiative, year, dry_run, by, **options):
        initiative_obj = Initiative.objects.filter(slug=initiative).first()
        if initiative_obj is None:
            raise CommandError(f"No initiative with slug {initiative!r}.")
        user = None
        if by:
            user = User.objects.filter(username=by).first()
            if user is None:
                raise CommandError(f"No user {by!r}.")
        theories = TheoryOfChange.objects.filter(initiative=initiative_obj).select_related(
            "initiative"
        )
        if year is not None:
            theories = theories.filter(year=year)
        theories = list(theories)
        if not theories:
            raise CommandError(
                f"{initiative_obj.name} has no Verandertheorie"
                + (f" of {year}." if year is not None else ".")
            )
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            lines = bulk.read_table(data, name=file)
        except bulk.FileRefused as refused:
            raise CommandError(str(refused)) from None

        preview = bulk.plan(lines, theories=theories, year=year)
        self._print(preview)
        if preview.refused:
            raise CommandError(
                f"{len(preview.refused)} row(s) refused; nothing was recorded.", returncode=1
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was recorded.")
            return
        if not preview.changes:
            self.stdout.write("Nothing to record.")
            return
        try:
            recorded = bulk.apply(preview=preview, by=user)
        except (StaleVersion, ResultRefused) as error:
            raise CommandError(
                f"The counts changed while importing ({error}); nothing was recorded. "
                "Run the command again."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Recorded {recorded} count(s) for {initiative_obj.name}: "
                f"{len(preview.added)} added, {len(preview.corrected)} corrected."
            )
        )

    def _print(self, preview: bulk.Preview) -> None:
        for change in preview.added:
            self.stdout.write(
                f"row {change.row}: add {change.theory.year} result {change.number} "
                f"({change.output.description}) {change.period.code}: {change.value}"
            )
        for change in preview.corrected:
            self.stdout.write(
                f"row {change.row}: correct {change.theory.year} result {change.number} "
                f"({change.output.description}) {change.period.code}: "
                f"{change.current} -> {change.value}"
            )
        for refusal in preview.refused:
            for reason in refusal.reasons:
                self.stderr.write(f"row {refusal.row}: refused: {reason}")
        self.stdout.write(
            f"{len(preview.added)} to add, {len(preview.corrected)} to correct, "
            f"{len(preview.unchanged)} unchanged, {len(preview.skipped)} without a number "
            f"(skipped), {len(preview.refused)} refused."
        )
