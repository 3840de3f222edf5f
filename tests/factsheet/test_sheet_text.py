"""The sheet's text reads whole: the "kort gezegd" lines in full, no word broken by a
hyphen, no word cut in the middle, digits without a slashed zero — read back from the PDF
for maximal content at A4 and A3."""

from __future__ import annotations

import pytest

from common.text import ELLIPSIS
from impact.factsheet.render import A3, A4
from initiatives.models import InitiativeKind, Municipality
from tests.factsheet.conftest import A3_SIZE, A4_SIZE
from tests.factsheet.maximal import WORDS, dutch, make_maximal, max_length
from tests.factsheet.test_pdf_content import assert_fits_one_page, pdf_of
from theory_of_change.models import DataCollectionMethod, ResourceKind, Theme, TheoryOfChange
from theory_of_change.steps import STEPS

pytestmark = pytest.mark.django_db

CHAIN_STEPS = [step for step in STEPS if step.short_field]
HYPHENS = "-\u2010\u2011"


def with_short_lines(theory: TheoryOfChange) -> dict[str, str]:
    """Every chain link's short line at its longest, each different."""
    lines = {
        step.short_field: dutch(max_length(TheoryOfChange, step.short_field), 40 + step.number)
        for step in CHAIN_STEPS
    }
    TheoryOfChange.objects.filter(pk=theory.pk).update(**lines)
    return lines


def test_the_seven_chain_links_have_a_short_line_and_the_rest_none():
    assert [step.number for step in CHAIN_STEPS] == [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(("variant", "size"), [(A4, A4_SIZE), (A3, A3_SIZE)])
def test_short_lines_are_shown_in_full_on_a_maximal_sheet(theory_a, variant, size, caplog):
    make_maximal(theory_a)
    lines = with_short_lines(theory_a)
    pdf = pdf_of(theory_a, variant)
    assert_fits_one_page(pdf, size, caplog)
    for field_name, line in lines.items():
        assert pdf.says(line), field_name


def assert_no_hyphen_at_line_end(text: str, *, address: str = "") -> None:
    """No line of a PDF's text ends in a hyphen: no word was broken over two lines. A web
    `address` may break after a hyphen of its own (its secret has them)."""
    for line in text.splitlines():
        last = line.rstrip().split(" ")[-1] if line.strip() else ""
        if address and last and last in address:
            continue
        assert not last or last[-1] not in HYPHENS or last.rstrip(HYPHENS) == "", line


def words_of_the_sheet() -> set[str]:
    """The words the sheet's text is made of: the answers' and the reference lists'."""
    names = [
        str(item.name)
        for model in (ResourceKind, Theme, DataCollectionMethod, Municipality)
        for item in model.objects.all()
    ]
    names += [str(label) for label in InitiativeKind.labels]
    return {word.strip(".,;:·()").lower() for text in [*WORDS, *names] for word in text.split()}


@pytest.mark.parametrize("variant", [A4, A3])
def test_no_word_is_hyphenated_or_cut_in_the_middle(theory_a, variant):
    """Maximal answers in long Dutch compounds ("verantwoordelijkheidsgevoel"): every line
    of the PDF ends with a whole word, and every shortened text ends with a whole word and
    "…"."""
    make_maximal(theory_a)
    words = words_of_the_sheet()
    text = pdf_of(theory_a, variant).text
    assert_no_hyphen_at_line_end(text)
    for token in text.split():
        if token.endswith(ELLIPSIS):
            stem = token.removesuffix(ELLIPSIS).strip(".,;:·“”„\"'").lower()
            assert not stem or stem in words or not stem.isalpha(), token
