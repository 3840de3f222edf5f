"""Models and migrations agree: a model changed without its migration fails the suite; and
data migrations do what they say.

`scripts/test.sh` runs the same check before pytest, so it fails within seconds there; this
test makes a plain `pytest` (a single file, an editor's test runner) catch it as well.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


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


@pytest.mark.django_db(transaction=True)
def test_approved_sheets_get_their_public_link_in_migration_0010():
    """Sheets approved before a link came with approval get one; others do not."""
    executor = MigrationExecutor(connection)
    try:
        check_migration_0010(executor)
    finally:  # back to the latest schema for the tests that follow
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def check_migration_0010(executor: MigrationExecutor) -> None:
    before = [("theory_of_change", "0009_short_lines")]
    after = [("theory_of_change", "0010_share_link_at_approval")]
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Municipality = apps.get_model("initiatives", "Municipality")
    Initiative = apps.get_model("initiatives", "Initiative")
    TheoryOfChange = apps.get_model("theory_of_change", "TheoryOfChange")
    municipality = Municipality.objects.create(name="Testgemeente", slug="testgemeente")
    initiative = Initiative.objects.create(
        name="Dorpshuis", slug="dorpshuis-migratie", municipality=municipality
    )
    approved = TheoryOfChange.objects.create(initiative=initiative, year=2024, status="approved")
    shared = TheoryOfChange.objects.create(
        initiative=initiative, year=2023, status="approved", share_token="al-gedeeld"
    )
    draft = TheoryOfChange.objects.create(initiative=initiative, year=2025, status="draft")

    executor.loader.build_graph()
    executor.migrate(after)
    TheoryOfChange = executor.loader.project_state(after).apps.get_model(
        "theory_of_change", "TheoryOfChange"
    )
    assert len(TheoryOfChange.objects.get(pk=approved.pk).share_token) >= 32
    assert TheoryOfChange.objects.get(pk=shared.pk).share_token == "al-gedeeld"
    assert TheoryOfChange.objects.get(pk=draft.pk).share_token is None


@pytest.mark.django_db(transaction=True)
def test_each_free_quote_becomes_a_story_for_the_sheet_in_migration_0011():
    """The quote keeps its place on the sheet (not the public link), with a consent to
    confirm; who said it stays in the story's own text, never on the sheet."""
    executor = MigrationExecutor(connection)
    try:
        check_migration_0011(executor)
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def check_migration_0011(executor: MigrationExecutor) -> None:
    before = [("theory_of_change", "0010_share_link_at_approval")]
    after = [("theory_of_change", "0011_stories")]
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Municipality = apps.get_model("initiatives", "Municipality")
    Initiative = apps.get_model("initiatives", "Initiative")
    TheoryOfChange = apps.get_model("theory_of_change", "TheoryOfChange")
    municipality = Municipality.objects.create(name="Testgemeente", slug="testgemeente")
    initiative = Initiative.objects.create(
        name="Dorpshuis", slug="dorpshuis-migratie", municipality=municipality
    )
    quoted = TheoryOfChange.objects.create(
        initiative=initiative, year=2024, quote="Hier hoor ik erbij.", quote_by="Mevrouw Smit"
    )
    silent = TheoryOfChange.objects.create(initiative=initiative, year=2025)

    executor.loader.build_graph()
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    TheoryOfChange = apps.get_model("theory_of_change", "TheoryOfChange")
    story = TheoryOfChange.objects.get(pk=quoted.pk).sheet_story
    assert story.quote == "Hier hoor ik erbij." and story.scope == 2  # gemeente en feitenblad
    assert "Mevrouw Smit" in story.text and story.teller_role == ""
    consent = apps.get_model("theory_of_change", "Consent").objects.get(story=story)
    assert (consent.scope, consent.form, consent.withdrawn_at) == (2, "earlier", None)
    assert TheoryOfChange.objects.get(pk=silent.pk).sheet_story is None
    assert apps.get_model("theory_of_change", "Story").objects.count() == 1
