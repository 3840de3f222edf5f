"""The words volunteers read while they write: plain Dutch at B1 level. The method's own
terms (Output, Outcome, Impact…) stay where CMO STAMM's method is named, in parentheses or
on the fact sheet; the editor's titles, help, examples and field labels do without them,
keep sentences short and speak actively."""

from __future__ import annotations

import re

import pytest

from theory_of_change.forms import NEW_ROW, StepForm
from theory_of_change.models import TheoryOfChange
from theory_of_change.steps import STEPS

pytestmark = pytest.mark.django_db

# Words a volunteer should not have to know. Checked as whole words, outside parentheses.
JARGON = {
    "input",
    "output",
    "outcome",
    "outcomes",
    "impact",
    "indicator",
    "indicatoren",
    "ontplooien",
    "effectmeting",
    "monitoring",
    "monitoren",
    "kpi",
    "stakeholder",
    "stakeholders",
}
# B1: sentences of at most this many words in help texts and examples.
LONGEST_SENTENCE = 22
# Passive voice in Dutch is mostly built with "worden".
PASSIVE = re.compile(r"\b(wordt|worden|werd|werden)\b", re.IGNORECASE)


def jargon_in(text: str) -> set[str]:
    outside = re.sub(r"\([^)]*\)", "", str(text))
    return {word for word in re.findall(r"[\w-]+", outside.lower()) if word in JARGON}


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.?!])\s+", str(text).strip()) if part]


def labels_of(step, theory: TheoryOfChange) -> list[str]:
    form = StepForm(step, theory, open_row=NEW_ROW)
    if form.text_form is not None:
        return [str(field.label) for field in form.text_form]
    labels = [str(field.label) for field in form.formset.forms[0] if field.name != "DELETE"]
    if form.short_form is not None:
        labels += [str(field.label) for field in form.short_form]
    return labels


@pytest.mark.parametrize("step", STEPS, ids=lambda step: f"stap-{step.number}")
def test_the_editor_speaks_without_jargon(step, theory_a):
    for text in (step.editor_title, step.help_text, step.example, *labels_of(step, theory_a)):
        assert not jargon_in(text), f"step {step.number}: {text!r}"


@pytest.mark.parametrize("step", STEPS, ids=lambda step: f"stap-{step.number}")
def test_help_is_short_and_active(step):
    for text in (step.help_text, step.example):
        for sentence in sentences(text):
            assert len(sentence.split()) <= LONGEST_SENTENCE, f"step {step.number}: {sentence}"
        assert not PASSIVE.search(str(text)), f"step {step.number}: {text}"


def test_the_check_finds_jargon():
    """The check itself: the old help of step 5 and the old label of step 9 fail it."""
    assert jargon_in("Output zijn de directe en tastbare resultaten van activiteiten.")
    assert jargon_in("Meet outcome")
    assert not jargon_in("Wat het direct oplevert (output)")
    assert PASSIVE.search("De aanpak zijn de activiteiten die ondernomen worden.")
