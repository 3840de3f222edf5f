"""`python manage.py import_initiative <file.json> [--slug new-slug]`.

Reads a document written by `export_initiative` and creates the initiative, all or nothing.
People and reference entries this installation lacks are created switched off; see
`initiatives.transfer`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from initiatives.transfer import TransferError, import_initiative


class Command(BaseCommand):
    help = (
        "Import an initiative exported with export_initiative ('-' reads standard input). "
        "--slug imports it under another slug, e.g. a copy next to the original. Users that "
        "do not exist here are created inactive without a usable password: activate them in "
        "the admin and send a password reset. Missing reference entries (kinds of means, "
        "themes, methods) are created inactive."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSON file to read, or -")
        parser.add_argument("--slug", help="import under this slug instead of the file's")

    def handle(self, *args, file, slug, **options):
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
            data = json.loads(text)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            initiative = import_initiative(data=data, slug=slug, log=self.stdout.write)
        except TransferError as error:
            raise CommandError(str(error)) from error
        theories = data["theories"]
        counts = {
            "revisions": sum(len(theory["revisions"]) for theory in theories),
            "transitions": sum(len(theory["transitions"]) for theory in theories),
            "comments": sum(len(theory["comments"]) for theory in theories),
        }
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {initiative.name} as '{initiative.slug}': "
                f"{len(data['members'])} members, {len(theories)} Verandertheorieën "
                f"({', '.join(str(theory['year']) for theory in theories) or 'none'}), "
                + ", ".join(f"{count} {name}" for name, count in counts.items())
                + "."
            )
        )
