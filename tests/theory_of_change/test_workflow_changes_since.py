"""What changed since the last submission: the comparison the review screen shows."""

import pytest

from tests.factories import ResourceFactory
from tests.theory_of_change.helpers import loaded, refreshed, save_step
from theory_of_change import workflow
from theory_of_change.models import StepRevision, Transition
from theory_of_change.selectors import changes_since, review_baseline
from theory_of_change.steps import get_step

pytestmark = pytest.mark.django_db


def test_changes_since_the_last_submission(complete_a, volunteer_a, advisor):
    assert review_baseline(complete_a) is None
    assert changes_since(loaded(complete_a), None) == {}

    first = workflow.theory_submit(theory=complete_a, by=volunteer_a)
    # The advisor's first look: there is nothing earlier to compare with.
    assert review_baseline(complete_a) is None

    workflow.theory_request_changes(theory=complete_a, by=advisor, message="Stap 1 scherper")
    assert review_baseline(complete_a) == first
    assert changes_since(loaded(complete_a), first) == {}

    save_step(complete_a, 1, volunteer_a, problem="Ouderen zijn alleen.")
    changes = changes_since(loaded(complete_a), first)
    assert list(changes) == [1]
    (line,) = changes[1]
    assert line.action == "changed"
    assert line.details == [
        ("Probleem", "Er is geen ontmoetingsplek in het dorp.", "Ouderen zijn alleen.")
    ]

    # A list step, changed without the editor: a row updated and its revision recorded.
    complete_a.outputs.update(target=24)
    current = loaded(complete_a)
    StepRevision.objects.create(
        theory=complete_a, step=5, author=volunteer_a, snapshot=get_step(5).snapshot(current)
    )
    changes = changes_since(loaded(complete_a), first)
    assert list(changes) == [1, 5]
    (line,) = changes[5]
    assert line.action == "changed"
    assert [(label, old, new) for label, old, new in line.details] == [("Streefgetal", "12", "24")]

    second = workflow.theory_submit(theory=complete_a, by=volunteer_a)
    # While submitted, the advisor compares with the submission they saw before.
    assert review_baseline(complete_a) == first
    assert list(changes_since(loaded(complete_a), first)) == [1, 5]
    assert changes_since(loaded(complete_a), second) == {}

    workflow.theory_request_changes(theory=complete_a, by=advisor, message="Bijna")
    assert review_baseline(complete_a) == second
    assert changes_since(loaded(complete_a), second) == {}


def test_changes_since_shows_added_and_removed_rows(submitted_a, volunteer_a, advisor):
    first = Transition.objects.get(theory=submitted_a)
    workflow.theory_request_changes(theory=submitted_a, by=advisor, message="Meer middelen")
    ResourceFactory(theory=submitted_a, description="Een bus")
    submitted_a.activities.filter(name="Dorpsdiner").update(frequency="elke week")
    changes = changes_since(loaded(submitted_a), first)
    assert list(changes) == [3, 4]
    assert [(line.action, line.title) for line in changes[3]] == [("added", "Een bus")]
    assert [(line.action, line.title) for line in changes[4]] == [("changed", "Dorpsdiner")]


def test_a_withdrawn_submission_is_not_what_the_advisor_compares_with(
    complete_a, volunteer_a, advisor
):
    first = workflow.theory_submit(theory=complete_a, by=volunteer_a)
    workflow.theory_request_changes(theory=complete_a, by=advisor, message="Stap 1 graag.")
    save_step(complete_a, 1, volunteer_a, problem="Eerste aanpassing.")
    workflow.theory_submit(theory=complete_a, by=volunteer_a)
    workflow.theory_withdraw(theory=complete_a, by=volunteer_a)
    save_step(complete_a, 1, volunteer_a, problem="Tweede aanpassing.")
    workflow.theory_submit(theory=complete_a, by=volunteer_a)
    # The advisor last decided on the first submission: that is the baseline, not the
    # withdrawn one in between.
    assert review_baseline(refreshed(complete_a)) == first
    lines = changes_since(loaded(complete_a), first)[1]
    assert [detail[2] for line in lines for detail in line.details] == ["Tweede aanpassing."]
