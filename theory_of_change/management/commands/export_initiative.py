"""`python manage.py export_initiative <slug> [--output file.json]`.

Writes one initiative, with its Verandertheorieën and their history, as a JSON document
that `import_initiative` reads on this or another installation (see `theory_of_change.transfer`).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from initiatives.models import Initiative
from theory_of_change.transfer import dumps, export_initiative


class Command(BaseCommand):
    help = (
        "Export an initiative (details, logo and photo, members, every Verandertheorie with "
        "its rows, history, review timeline and comments) as JSON. Secrets (passwords, "
        "invitations, the public link) are left out. Without --output, or with '-', the "
        "JSON goes to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the initiative's slug, e.g. dorpshuis-smilde")
        parser.add_argument("--output", "-o", default="-", help="the JSON file to write, or -")

    def handle(self, *args, slug, output, **options):
        initiative = Initiative.objects.filter(slug=slug).first()
        if initiative is None:
            raise CommandError(f"No initiative with the slug '{slug}'.")
        document = export_initiative(initiative=initiative)
        text = dumps(document)
        if output == "-":
            self.stdout.write(text, ending="")
            return
        Path(output).write_text(text, encoding="utf-8")
        theories = document["theories"]
        self.stderr.write(
            f"{output}: {initiative.name}, {len(document['members'])} members, "
            f"{len(theories)} Verandertheorieën "
            f"({', '.join(str(theory['year']) for theory in theories) or 'none'}), "
            f"{len(text.encode()) // 1024} kB"
        )
