"""`python manage.py prune_bundles [--days 7]`: forget old ZIPs of fact sheets.

Run it daily (cron or a systemd timer) next to django-tasks-db's own
`prune_db_task_results`. A ZIP can always be asked for again; its sheets come from the
fact-sheet cache.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from impact.portal.bundles import bundles_prune


class Command(BaseCommand):
    help = "Delete ZIP bundles of fact sheets older than --days, and ZIP files nobody uses."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="keep bundles this many days")

    def handle(self, *args, days: int, **options):
        bundles, files = bundles_prune(older_than=timedelta(days=days))
        self.stdout.write(
            f"Removed {bundles} bundles and {files} ZIP files older than {days} days."
        )
