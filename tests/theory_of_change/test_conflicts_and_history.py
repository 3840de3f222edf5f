"""Two people editing the same step, and the history everyone can read."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import ResourceFactory
from tests.theory_of_change.helpers import form_data, step_url
from theory_of_change.models import StepRevision

pytestmark = pytest.mark.django_db


def test_second_save_is_warned_and_both_versions_are_shown(theory_a, volunteer_a, editor_a):
    first, second = client_for(volunteer_a), client_for(editor_a)
    # Both open step 1 while it has no saved version yet.
    opened_by_both = form_data(theory_a, 1)
    assert opened_by_both["base_revision"] == "0"

    first.post(step_url(theory_a, 1), {**opened_by_both, "problem": "Versie van de coördinator"})
    response = second.post(
        step_url(theory_a, 1), {**opened_by_both, "problem": "Versie van de schrijver"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Iemand anders heeft deze stap net opgeslagen" in html
    assert "Versie van de coördinator" in html  # theirs, shown read-only
    assert "Versie van de schrijver" in html  # mine, still in the form
    theory_a.refresh_from_db()
    assert theory_a.problem == "Versie van de coördinator"  # nothing overwritten silently

    # The form now carries the newer revision: saving again is a deliberate choice.
    latest = StepRevision.objects.get(step=1)
    assert f'name="base_revision" value="{latest.pk}"' in html
    response = second.post(
        step_url(theory_a, 1),
        {**opened_by_both, "base_revision": str(latest.pk), "problem": "Samen: beide versies"},
    )
    assert response.status_code == 302
    theory_a.refresh_from_db()
    assert theory_a.problem == "Samen: beide versies"
    assert StepRevision.objects.filter(step=1).count() == 2


def test_conflicts_are_per_step(theory_a, volunteer_a, editor_a):
    first, second = client_for(volunteer_a), client_for(editor_a)
    first.post(step_url(theory_a, 1), form_data(theory_a, 1, problem="Probleem"))
    response = second.post(
        step_url(theory_a, 2), form_data(theory_a, 2, goal="Doel", mission="Missie")
    )
    assert response.status_code == 302


def test_list_conflict_keeps_my_rows_in_the_form(theory_a, volunteer_a, editor_a):
    ResourceFactory(theory=theory_a, description="Vrijwilligers")
    StepRevision.objects.create(theory=theory_a, step=3, snapshot={"rows": []})
    base = StepRevision.objects.get().pk
    stale = form_data(theory_a, 3, base_revision=base)
    client_for(volunteer_a).post(
        step_url(theory_a, 3), {**stale, "rows-0-description": "Twaalf vrijwilligers"}
    )
    response = client_for(editor_a).post(
        step_url(theory_a, 3), {**stale, "rows-0-description": "Zes vrijwilligers"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Twaalf vrijwilligers" in html and "Zes vrijwilligers" in html
    assert theory_a.resources.get().description == "Twaalf vrijwilligers"


def test_history_shows_who_changed_what(client_a, theory_a, volunteer_a, advisor):
    client_a.post(step_url(theory_a, 1), form_data(theory_a, 1, problem="Eerste tekst"))
    latest = StepRevision.objects.get()
    client_a.post(
        step_url(theory_a, 1),
        form_data(theory_a, 1, problem="Tweede tekst", base_revision=latest.pk),
    )
    url = reverse(
        "theory_of_change:history", kwargs={"slug": theory_a.initiative.slug, "year": 2025}
    )
    html = client_for(advisor).get(url).content.decode()
    assert volunteer_a.display_name in html
    assert "Eerste" in html and "Tweede" in html  # word by word: "tekst" stayed
    filtered = client_for(advisor).get(url, {"stap": 2}).content.decode()
    assert "Eerste" not in filtered


def test_history_query_count_is_fixed(client_a, theory_a, django_assert_num_queries):
    url = reverse(
        "theory_of_change:history", kwargs={"slug": theory_a.initiative.slug, "year": 2025}
    )
    client_a.get(url)
    for number in range(1, 8):
        StepRevision.objects.create(
            theory=theory_a,
            step=number,
            author=theory_a.initiative.memberships.get().user,
            snapshot={},
            changes=[{"action": "changed", "field": "problem", "old": "", "new": "x"}]
            if number == 1
            else [],
        )
    with django_assert_num_queries(HISTORY_QUERIES):
        client_a.get(url)


#: The user (1), initiative access (2), theory (1), count
#: and page (2).
HISTORY_QUERIES = 6
