"""A list step as a compact list: one line per row, one row open at a time, one clear
"toevoegen", and removing a row with a way back ("Ongedaan maken") that restores it whole,
with what it took along (its results, the links to it). All without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, MeasurementPlanFactory, OutcomeFactory, OutputFactory
from tests.theory_of_change.helpers import step_url
from theory_of_change.forms import MAX_ROWS
from theory_of_change.models import Activity, MeasurementLevel, Output, Status, StepRevision
from theory_of_change.results.models import Indicator, ResultEntry
from theory_of_change.services import record_initial_revisions

pytestmark = pytest.mark.django_db


def restore_url(theory, number: int) -> str:
    return reverse(
        "theory_of_change:row_restore",
        kwargs={"slug": theory.initiative.slug, "year": theory.year, "number": number},
    )


def post_step(client, theory, number: int, data: dict):
    """Post the step's page as the browser does: the management form, what is open, the
    newest revision and the button pressed."""
    latest = StepRevision.objects.filter(theory=theory, step=number).order_by("-pk").first()
    rows = data.pop("rows", [])
    posted = {
        "base_revision": str(latest.pk if latest else 0),
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": str(sum(1 for row in rows if row.get("id"))),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
        **data,
    }
    for index, row in enumerate(rows):
        posted.update({f"rows-{index}-{name}": value for name, value in row.items()})
    return client.post(step_url(theory, number), posted)


@pytest.fixture
def two_activities(theory_a):
    return [
        ActivityFactory(theory=theory_a, name="Dorpsdiner", frequency="elke maand", position=0),
        ActivityFactory(theory=theory_a, name="Koffieochtend", frequency="elke week", position=1),
    ]


def test_rows_are_lines_and_no_form_is_open(client_a, theory_a, two_activities):
    page = client_a.get(step_url(theory_a, 4)).content.decode()
    assert "Er staan nu 2 regels" in page
    assert "Dorpsdiner" in page and "elke maand" in page and "Koffieochtend" in page
    assert 'id="id_rows-0-name"' not in page  # no row is open
    assert 'name="open_row"' in page and 'name="remove_row"' in page
    assert page.count('name="add_row"') == 1  # one clear "toevoegen"
    assert 'name="rows-TOTAL_FORMS" value="0"' in page


def test_an_empty_step_opens_its_first_row_at_once(client_a, theory_a):
    page = client_a.get(step_url(theory_a, 4)).content.decode()
    assert 'id="id_rows-0-name"' in page and "Nieuwe regel" in page
    # "toevoegen" stays: it saves the new row and opens the next one.
    assert page.count('name="add_row"') == 1


def test_opening_a_row_shows_only_its_form(client_a, theory_a, two_activities):
    dinner, coffee = two_activities
    page = client_a.get(f"{step_url(theory_a, 4)}?regel={coffee.pk}").content.decode()
    assert 'value="Koffieochtend"' in page and 'value="Dorpsdiner"' not in page
    assert f'name="rows-0-id" value="{coffee.pk}"' in page
    assert "Regel 2 wijzigen: Koffieochtend" in page
    # A row of another theory, or no row at all: nothing opens.
    other = ActivityFactory(name="Van een ander")
    page = client_a.get(f"{step_url(theory_a, 4)}?regel={other.pk}").content.decode()
    assert 'id="id_rows-0-name"' not in page and "Van een ander" not in page


def test_saving_the_open_row_leaves_the_others_alone(client_a, theory_a, two_activities):
    dinner, coffee = two_activities
    response = post_step(
        client_a,
        theory_a,
        4,
        {
            "go": "stay",
            "rows": [{"id": coffee.pk, "name": "Koffieochtend", "frequency": "elke dinsdag"}],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == step_url(theory_a, 4)  # the row closes again
    coffee.refresh_from_db()
    dinner.refresh_from_db()
    assert coffee.frequency == "elke dinsdag" and coffee.position == 1
    assert dinner.frequency == "elke maand" and dinner.position == 0


def test_a_new_row_goes_to_the_end(client_a, theory_a, two_activities):
    response = post_step(client_a, theory_a, 4, {"go": "stay", "rows": [{"name": "Jeugdsoos"}]})
    assert response.status_code == 302
    names = list(theory_a.activities.order_by("position").values_list("name", flat=True))
    assert names == ["Dorpsdiner", "Koffieochtend", "Jeugdsoos"]


def test_add_saves_what_is_open_and_opens_a_new_row(client_a, theory_a, two_activities):
    dinner, _coffee = two_activities
    response = post_step(
        client_a,
        theory_a,
        4,
        {"add_row": "1", "rows": [{"id": dinner.pk, "name": "Dorpsdiner", "frequency": "soms"}]},
    )
    assert response["Location"] == f"{step_url(theory_a, 4)}?regel=nieuw#rij-nieuw"
    dinner.refresh_from_db()
    assert dinner.frequency == "soms"
    page = client_a.get(response["Location"]).content.decode()
    assert 'name="rows-TOTAL_FORMS" value="1"' in page and 'id="rij-nieuw"' in page


def test_wijzigen_saves_what_is_open_and_opens_that_row(client_a, theory_a, two_activities):
    dinner, coffee = two_activities
    response = post_step(
        client_a,
        theory_a,
        4,
        {"open_row": str(coffee.pk), "rows": [{"name": "Jeugdsoos"}]},
    )
    assert response["Location"] == f"{step_url(theory_a, 4)}?regel={coffee.pk}#regel-{coffee.pk}"
    assert theory_a.activities.filter(name="Jeugdsoos").exists()


def test_an_invalid_open_row_keeps_its_text_and_blocks_the_rest(client_a, theory_a, two_activities):
    dinner, coffee = two_activities
    response = post_step(
        client_a,
        theory_a,
        4,
        {"remove_row": str(dinner.pk), "rows": [{"name": "", "description": "Zonder naam"}]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Zonder naam" in page and 'id="fouten"' in page
    assert theory_a.activities.filter(pk=dinner.pk).exists()  # nothing removed


def test_removing_a_row_offers_to_undo_it(client_a, theory_a, two_activities):
    record_initial_revisions(theory=theory_a, by=None)
    dinner, coffee = two_activities
    response = post_step(client_a, theory_a, 4, {"remove_row": str(dinner.pk)})
    revision = StepRevision.objects.filter(theory=theory_a, step=4).order_by("-pk").first()
    assert response["Location"] == f"{step_url(theory_a, 4)}?verwijderd={revision.pk}#regels"
    assert not Activity.objects.filter(pk=dinner.pk).exists()
    assert [change["action"] for change in revision.changes] == ["removed"]

    page = client_a.get(response["Location"]).content.decode()
    assert "‘Dorpsdiner’ is verwijderd." in page
    assert 'form="ongedaan-maken"' in page and f'name="versie" value="{revision.pk}"' in page

    response = client_a.post(restore_url(theory_a, 4), {"versie": revision.pk})
    assert response.status_code == 302
    restored = Activity.objects.get(pk=dinner.pk)
    assert (restored.name, restored.position, restored.frequency) == ("Dorpsdiner", 0, "elke maand")
    newest = StepRevision.objects.filter(theory=theory_a, step=4).order_by("-pk").first()
    assert [change["action"] for change in newest.changes] == ["added"]
    # Undone once: the offer is gone.
    page = client_a.get(f"{step_url(theory_a, 4)}?verwijderd={revision.pk}").content.decode()
    assert "is verwijderd." not in page
    assert client_a.post(restore_url(theory_a, 4), {"versie": revision.pk}).status_code == 302
    assert Activity.objects.filter(name="Dorpsdiner").count() == 1


def test_undo_brings_back_what_the_row_took_along(client_a, theory_a):
    """An activity takes its outputs' link and the outcomes' links; an output its results
    and the measurement plans' links. Undo restores them all, with the same ids."""
    activity = ActivityFactory(theory=theory_a, name="Dorpsdiner")
    output = OutputFactory(theory=theory_a, activity=activity, description="Diners", achieved=37)
    outcome = OutcomeFactory(theory=theory_a)
    outcome.activities.set([activity])
    plan = MeasurementPlanFactory(theory=theory_a, level=MeasurementLevel.OUTPUT)
    plan.measures_outputs.set([output])
    theory_a.refresh_from_db()
    results_before = theory_a.results_changed_at

    post_step(client_a, theory_a, 4, {"remove_row": str(activity.pk)})
    output.refresh_from_db()
    assert output.activity is None and not outcome.activities.exists()
    revision = StepRevision.objects.filter(theory=theory_a, step=4).latest("pk")
    client_a.post(restore_url(theory_a, 4), {"versie": revision.pk})
    output.refresh_from_db()
    assert output.activity_id == activity.pk
    assert list(outcome.activities.values_list("pk", flat=True)) == [activity.pk]

    post_step(client_a, theory_a, 5, {"remove_row": str(output.pk)})
    assert not Indicator.objects.filter(output_id=output.pk).exists()
    assert not plan.measures_outputs.exists()
    theory_a.refresh_from_db()
    assert theory_a.results_changed_at != results_before  # the sheets' figures changed
    revision = StepRevision.objects.filter(theory=theory_a, step=5).latest("pk")
    client_a.post(restore_url(theory_a, 5), {"versie": revision.pk})
    assert Output.objects.filter(pk=output.pk, activity=activity).exists()
    assert ResultEntry.objects.get(indicator__output=output).value == 37
    assert list(plan.measures_outputs.all()) == [output]


def test_undo_is_refused_once_the_step_was_saved_again(client_a, theory_a, two_activities):
    dinner, coffee = two_activities
    post_step(client_a, theory_a, 4, {"remove_row": str(dinner.pk)})
    removal = StepRevision.objects.filter(theory=theory_a, step=4).latest("pk")
    post_step(client_a, theory_a, 4, {"go": "stay", "rows": [{"name": "Jeugdsoos"}]})
    response = client_a.post(restore_url(theory_a, 4), {"versie": removal.pk}, follow=True)
    assert "kan niet meer worden teruggezet" in response.content.decode()
    assert not Activity.objects.filter(pk=dinner.pk).exists()


def test_nothing_is_removed_or_restored_after_submission(client_a, theory_a, two_activities):
    dinner, coffee = two_activities
    post_step(client_a, theory_a, 4, {"remove_row": str(coffee.pk)})
    removal = StepRevision.objects.filter(theory=theory_a, step=4).latest("pk")
    theory_a.status = Status.SUBMITTED
    theory_a.save()
    assert post_step(client_a, theory_a, 4, {"remove_row": str(dinner.pk)}).status_code == 403
    assert client_a.post(restore_url(theory_a, 4), {"versie": removal.pk}).status_code == 403
    assert Activity.objects.filter(pk=dinner.pk).exists()
    assert not Activity.objects.filter(pk=coffee.pk).exists()


def test_a_row_of_another_theory_cannot_be_removed(client_a, theory_a, theory_b):
    foreign = ActivityFactory(theory=theory_b)
    post_step(client_a, theory_a, 4, {"remove_row": str(foreign.pk)})
    assert Activity.objects.filter(pk=foreign.pk).exists()


def test_a_step_holds_at_most_max_rows(client_a, theory_a):
    Activity.objects.bulk_create(
        Activity(theory=theory_a, name=f"Activiteit {n}", position=n) for n in range(MAX_ROWS)
    )
    page = client_a.get(step_url(theory_a, 4)).content.decode()
    assert 'name="add_row"' not in page
    response = post_step(client_a, theory_a, 4, {"go": "stay", "rows": [{"name": "Nog één"}]})
    assert response.status_code == 200
    assert f"hoogstens {MAX_ROWS} regels" in response.content.decode()
    assert theory_a.activities.count() == MAX_ROWS
