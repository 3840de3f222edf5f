"""Saving a step nobody changed records nothing, and what did change is shown word by word.

Browsers send a textarea's line breaks as "\\r\\n"; the text was stored with "\\n". Both are
stored and compared as `common.text.normalize_text` makes them, so an untouched step saved
again is no change in the history or in the advisor's "wat is veranderd"."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from common.text import normalize_text
from tests.conftest import client_for
from tests.theory_of_change.helpers import form_data, save_step, step_url
from theory_of_change.history import Detail, Segment, snapshot_changes, word_diff
from theory_of_change.models import StepRevision, TheoryOfChange
from theory_of_change.selectors import latest_revision
from theory_of_change.steps import STEPS

pytestmark = pytest.mark.django_db


def as_a_browser_sends_it(data: dict) -> dict:
    """Line breaks as a browser posts a textarea's text, and a space typed at the end."""
    return {
        name: value.replace("\n", "\r\n") + (" " if "\n" in value else "")
        if isinstance(value, str)
        else value
        for name, value in data.items()
    }


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Eerste regel\r\nTweede regel", "Eerste regel\nTweede regel"),
        ("Oude Mac\rregel", "Oude Mac\nregel"),
        ("  Spaties aan het eind   \r\nweg  ", "Spaties aan het eind\nweg"),
        ("Midden  blijft  staan", "Midden  blijft  staan"),
    ],
)
def test_text_is_stored_with_plain_line_endings(typed, stored):
    assert normalize_text(typed) == stored


def test_saving_every_step_of_the_demo_unchanged_records_no_revision():
    """The issue's done-means, on the demo data: every step of every theory a volunteer can
    edit, opened and saved as the browser sends it."""
    call_command("seed_demo", stdout=StringIO())
    editable = [theory for theory in TheoryOfChange.objects.all() if theory.is_editable]
    assert editable
    for theory in editable:
        volunteer = theory.initiative.memberships.get(role="coordinator").user
        client = client_for(volunteer)
        before = StepRevision.objects.filter(theory=theory).count()
        for step in STEPS:
            latest = latest_revision(theory=theory, step_number=step.number)
            data = form_data(theory, step.number, base_revision=latest.pk if latest else 0)
            response = client.post(step_url(theory, step.number), as_a_browser_sends_it(data))
            assert response.status_code == 302, (theory, step.number)
        assert StepRevision.objects.filter(theory=theory).count() == before, theory


def test_a_stored_carriage_return_is_no_change_either():
    old = {"fields": {"problem": "Regel een\r\nRegel twee"}}
    new = {"fields": {"problem": "Regel een\nRegel twee"}}
    assert snapshot_changes(old, new) == []
    old_rows = {"rows": [{"id": 1, "values": {"description": "Koffie\r\nen thee ", "n": 3}}]}
    new_rows = {"rows": [{"id": 1, "values": {"description": "Koffie\nen thee", "n": 3}}]}
    assert snapshot_changes(old_rows, new_rows) == []


def test_an_edit_is_shown_word_by_word():
    old = "Ouderen in Smilde zijn vaak alleen en komen weinig buiten."
    new = "Ouderen in Smilde zijn vaak eenzaam en komen weinig buiten."
    assert word_diff(old, new) == [
        Segment("same", "Ouderen in Smilde zijn vaak "),
        Segment("removed", "alleen"),
        Segment("added", "eenzaam"),
        Segment("same", " en komen weinig buiten."),
    ]
    assert Detail("Probleem", old, new).segments == word_diff(old, new)


def test_a_rewritten_text_is_shown_whole():
    old = "Er is geen plek om elkaar te ontmoeten."
    new = "Jongeren vervelen zich en hangen rond bij de supermarkt."
    assert word_diff(old, new) is None
    assert Detail("Probleem", old, new).segments is None
    assert Detail("Aantal", "3", "4").segments is None  # one word: old and new
    assert Detail("Probleem", "", new).segments is None  # filled in


def test_the_history_page_shows_the_changed_word(client_a, theory_a, volunteer_a):
    save_step(theory_a, 1, volunteer_a, problem="Ouderen zijn vaak alleen in het dorp.")
    save_step(theory_a, 1, volunteer_a, problem="Ouderen zijn vaak eenzaam in het dorp.")
    address = reverse(
        "theory_of_change:history", kwargs={"slug": theory_a.initiative.slug, "year": 2025}
    )
    page = client_a.get(address).content.decode()
    assert '<del><span class="visually-hidden">weg:</span>alleen</del>' in page
    assert '<ins><span class="visually-hidden">erbij:</span>eenzaam</ins>' in page
