"""What a change line shows: old and new values for a change, the title alone for a row
that was added or removed (`ChangeLine.shows_old_and_new`, read by `_changes.html`)."""

import pytest
from django.template.loader import render_to_string

from theory_of_change.history import ChangeLine

DETAILS = [("Naam", "oud", "nieuw")]


@pytest.mark.parametrize(
    ("line", "shows"),
    [
        (ChangeLine("changed", "Koffieochtend", DETAILS), True),
        (ChangeLine("changed", "Koffieochtend", []), False),
        (ChangeLine("added", "Koffieochtend", DETAILS), False),
        (ChangeLine("removed", "Koffieochtend", DETAILS), False),
    ],
    ids=["changed", "changed-without-details", "added", "removed"],
)
def test_only_a_change_shows_old_and_new(line, shows):
    assert line.shows_old_and_new is shows
    html = render_to_string("theory_of_change/_changes.html", {"changes": [line]})
    assert ("history-details" in html) is shows
    assert "Koffieochtend" in html
