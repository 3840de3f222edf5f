"""The "kort gezegd" lines of steps 1 to 7: written on the step's page for the fact sheet,
part of the step's history and of what the advisor sees changed, limited with a clear
message that loses nothing, and a suggestion from the answer."""

from __future__ import annotations

import pytest

from tests.theory_of_change.helpers import form_data, refreshed, step_url
from theory_of_change import workflow
from theory_of_change.history import check_changes, check_snapshot, snapshot_changes
from theory_of_change.models import SHORT_LINE_LENGTH, StepRevision
from theory_of_change.selectors import changes_since, review_baseline, with_content
from theory_of_change.steps import get_step

pytestmark = pytest.mark.django_db


def test_a_text_step_saves_its_short_line_and_records_it(client_a, complete_a):
    latest = StepRevision.objects.filter(theory=complete_a, step=1).latest("pk")
    short = "Er is geen plek om elkaar te ontmoeten."
    data = form_data(complete_a, 1, base_revision=latest.pk, short_problem=short)
    response = client_a.post(step_url(complete_a, 1), data)
    assert response.status_code == 302
    assert refreshed(complete_a).short_problem == "Er is geen plek om elkaar te ontmoeten."
    revision = StepRevision.objects.filter(theory=complete_a, step=1).latest("pk")
    assert revision.changes == [
        {
            "action": "changed",
            "field": "short_problem",
            "old": "",
            "new": "Er is geen plek om elkaar te ontmoeten.",
        }
    ]


def test_a_list_step_saves_its_short_line_beside_its_rows(client_a, complete_a):
    latest = StepRevision.objects.filter(theory=complete_a, step=5).latest("pk")
    data = form_data(
        complete_a, 5, base_revision=latest.pk, **{"kort-short_output": "Maaltijden en bezoek"}
    )
    assert client_a.post(step_url(complete_a, 5), data).status_code == 302
    theory = refreshed(complete_a)
    assert theory.short_output == "Maaltijden en bezoek"
    revision = StepRevision.objects.filter(theory=complete_a, step=5).latest("pk")
    assert revision.snapshot["fields"] == {"short_output": "Maaltijden en bezoek"}
    assert revision.changes == [
        {"action": "changed", "field": "short_output", "old": "", "new": "Maaltijden en bezoek"}
    ]
    check_snapshot(get_step(5), revision.snapshot)
    check_changes(get_step(5), revision.changes)
    # The step's page and the history say it in words.
    history = client_a.get(
        step_url(complete_a, 5).replace("stap/5/", "geschiedenis/") + "?stap=5"
    ).content.decode()
    assert "Kort gezegd" in history and "Maaltijden en bezoek" in history


def test_saving_a_list_step_unchanged_records_nothing(client_a, complete_a):
    latest = StepRevision.objects.filter(theory=complete_a, step=4).latest("pk")
    data = form_data(complete_a, 4, base_revision=latest.pk)
    assert client_a.post(step_url(complete_a, 4), data).status_code == 302
    assert StepRevision.objects.filter(theory=complete_a, step=4).latest("pk") == latest


def test_a_line_over_the_limit_is_refused_in_dutch_and_kept(client_a, complete_a):
    too_long = "Wij zijn er voor iedereen in het dorp, jong en oud, " * 3
    latest = StepRevision.objects.filter(theory=complete_a, step=3).latest("pk")
    data = form_data(complete_a, 3, base_revision=latest.pk, **{"kort-short_input": too_long})
    response = client_a.post(step_url(complete_a, 3), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"niet meer dan {SHORT_LINE_LENGTH} tekens" in html
    assert too_long.strip() in html  # what was typed is still there
    assert refreshed(complete_a).short_input == ""


def test_the_page_suggests_a_line_from_the_answer(client_a, complete_a):
    html = client_a.get(step_url(complete_a, 1)).content.decode()
    assert "Kort gezegd, voor het feitenblad" in html
    assert "Voorstel uit je antwoord:" in html
    assert "Er is geen ontmoetingsplek in het dorp." in html  # its first sentence
    assert "short-line.js" in html


def test_the_suggestion_of_a_list_step_takes_whole_names(complete_a):
    theory = with_content(type(complete_a).objects.filter(pk=complete_a.pk)).get()
    suggestion = get_step(4).short_suggestion(theory)
    names = [activity.name for activity in theory.activities.all()]
    assert suggestion == " · ".join(names)[:SHORT_LINE_LENGTH]
    assert len(suggestion) <= SHORT_LINE_LENGTH


def test_an_old_snapshot_without_the_line_still_compares(complete_a):
    step = get_step(5)
    theory = with_content(type(complete_a).objects.filter(pk=complete_a.pk)).get()
    new = step.snapshot(theory)
    old = {"rows": new["rows"]}  # as saved before steps had a short line
    check_snapshot(step, old)
    assert snapshot_changes(old, new) == []


def test_the_advisor_sees_a_changed_short_line(client_a, advisor, volunteer_a, complete_a):
    workflow.theory_submit(theory=complete_a, by=volunteer_a)
    workflow.theory_request_changes(theory=complete_a, by=advisor, message="Korter graag.")
    latest = StepRevision.objects.filter(theory=complete_a, step=6).latest("pk")
    data = form_data(
        complete_a, 6, base_revision=latest.pk, **{"kort-short_outcome": "Minder alleen"}
    )
    assert client_a.post(step_url(complete_a, 6), data).status_code == 302
    theory = refreshed(complete_a)
    changes = changes_since(theory, review_baseline(theory))
    assert 6 in changes
    assert any("Minder alleen" in str(line.details) for line in changes[6])
