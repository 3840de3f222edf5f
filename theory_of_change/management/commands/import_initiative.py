"""`python manage.py import_initiative <file.json> [--slug new-slug] [--trust-roles]
[--keep-status]`.

Reads a document written by `export_initiative` and creates the initiative, all or nothing.
Every value is checked first; a file that does not pass is refused with one line that says
where and what. People and reference entries this installation lacks are created switched
off; see `theory_of_change.transfer`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from theory_of_change.transfer import TransferError, import_initiative


class Command(BaseCommand):
    help = (
        "Import an initiative exported with export_initiative ('-' reads standard input). "
        "Every value is checked (types, lengths, addresses, years, images, edit history); a "
        "file that does not pass is refused as a whole and nothing is written. --slug "
        "imports it under another slug, e.g. a copy next to the original. Users that do not "
        "exist here are created inactive without a usable password: activate them in the "
        "admin and send a password reset. They are created as regular users unless "
        "--trust-roles is given, which keeps the file's advisor flag; staff, superuser and "
        "municipality links are never taken from a file, and existing users are never "
        "changed. Every Verandertheorie becomes a draft (its timeline ends with that step) "
        "unless --keep-status is given. Missing reference entries (kinds of means, themes, "
        "methods) are created inactive. Lines starting with 'ignored' say what was set aside."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSON file to read, or -")
        parser.add_argument("--slug", help="import under this slug instead of the file's")
        parser.add_argument(
            "--trust-roles",
            action="store_true",
            help="create the people the file marks as advisor as advisors (only for a file "
            "from a source you trust: advisors read every initiative's drafts)",
        )
        parser.add_argument(
            "--keep-status",
            action="store_true",
            help="keep each Verandertheorie's status (submitted, approved) instead of draft; "
            "an approved one is shown to municipalities straight away",
        )

    def handle(self, *args, file, slug, trust_roles, keep_status, **options):
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
            data = json.loads(text)
        except (OSError, ValueError, RecursionError) as error:  # ValueError: JSON, UTF-8
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            initiative = import_initiative(
                data=data,
                slug=slug,
                trust_roles=trust_roles,
                keep_status=keep_status,
                log=self.stdout.write,
            )
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
