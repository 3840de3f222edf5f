"""Models and migrations agree: a model changed without its migration fails the suite.

`scripts/test.sh` runs the same check before pytest, so it fails within seconds there; this
test makes a plain `pytest` (a single file, an editor's test runner) catch it as well.
"""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db  # makemigrations compares the migration history with the database
def test_no_model_change_is_without_a_migration():
    output = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output, no_color=True)
    except SystemExit:  # --check exits with status 1 when a migration is missing
        missing = True
    else:
        missing = False
    if missing:  # outside the `except`, so the report is not tangled up with SystemExit
        pytest.fail(
            "Models changed without a migration. What makemigrations would write:\n"
            f"{output.getvalue()}\n"
            "Make it, named after the change: "
            ".venv/bin/python manage.py makemigrations <app> --name <what_changed>",
            pytrace=False,
        )
    assert "No changes detected" in output.getvalue()
