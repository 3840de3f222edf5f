"""The step registry: the ten questions verbatim, numbering, and completeness rules."""

import pytest
from django.utils import translation

from tests.factories import (
    ActivityFactory,
    ImpactFactory,
    MeasurementPlanFactory,
    OutcomeFactory,
    OutputFactory,
    ResourceFactory,
    complete_theory,
)
from theory_of_change.models import MeasurementLevel, Theme, TheoryOfChange
from theory_of_change.selectors import with_content
from theory_of_change.steps import (
    ROW_TABLES,
    STEPS,
    get_step,
    next_step,
    previous_step,
    theory_progress,
)

# Verbatim from DESIGN.md section 3 (publication chapter 5, Afbeelding 5.1).
QUESTIONS = {
    1: ("problem", "Probleem", "Wat is de situatie die het initiatief wil verbeteren?"),
    2: ("goal", "Doel", "Welke eindsituatie wil het initiatief bereiken?"),
    3: (
        "input",
        "Input",
        "Welke middelen zijn nodig om de activiteiten van het initiatief te ontplooien?",
    ),
    4: ("activities", "Aanpak", "Welke activiteiten onderneemt het initiatief?"),
    5: ("output", "Output", "Wat zijn directe en tastbare resultaten van de activiteiten?"),
    6: ("outcome", "Outcome", "Wat zijn effecten voor de deelnemers?"),
    7: ("impact", "Impact", "Wat zijn de bereikte veranderingen in de maatschappij?"),
    8: (
        "output_data",
        "Gegevens output",
        "Welke informatie is nodig om zicht te krijgen op de output? En hoe wordt die "
        "informatie verzameld?",
    ),
    9: (
        "outcome_data",
        "Gegevens outcome",
        "Welke informatie is nodig om zicht te krijgen op de outcome? En hoe wordt die "
        "informatie verzameld?",
    ),
    10: (
        "impact_data",
        "Gegevens impact",
        "Welke informatie is nodig om zicht te krijgen op de impact en hoe wordt die "
        "informatie verzameld?",
    ),
}


def loaded(theory: TheoryOfChange) -> TheoryOfChange:
    return with_content(TheoryOfChange.objects.filter(pk=theory.pk)).get()


def test_ten_steps_with_the_questions_verbatim():
    with translation.override("nl"):
        assert [step.number for step in STEPS] == list(range(1, 11))
        for step in STEPS:
            key, title, question = QUESTIONS[step.number]
            assert (step.key, str(step.title), str(step.question)) == (key, title, question)
            assert str(step.help_text) and str(step.example)


def test_keys_are_unique_and_navigation_follows_the_numbers():
    assert len({step.key for step in STEPS}) == 10
    assert previous_step(get_step(1)) is None
    assert next_step(get_step(10)) is None
    assert next_step(get_step(4)) is get_step(5)
    with pytest.raises(KeyError):
        get_step(11)


def test_row_tables_come_after_the_rows_they_link_to():
    """The next-year copy and the import create rows in the order of `ROW_TABLES`, which is
    the order of the steps: a row may only link to rows of an earlier table."""
    order = [table.model for table in ROW_TABLES]
    for index, table in enumerate(ROW_TABLES):
        meta = table.model._meta
        for link in [*meta.concrete_fields, *meta.many_to_many]:
            if link.related_model in order:
                assert order.index(link.related_model) < index, f"{meta.label}.{link.name}"


@pytest.mark.django_db
def test_an_empty_theory_misses_something_in_every_step(theory_a):
    progress = theory_progress(loaded(theory_a))
    assert [item.is_complete for item in progress] == [False] * 10
    assert all(item.missing for item in progress)


@pytest.mark.django_db
def test_a_filled_theory_is_complete(theory_a):
    complete_theory(theory_a)
    assert all(item.is_complete for item in theory_progress(loaded(theory_a)))


@pytest.mark.django_db
def test_step_two_needs_the_mission_too(theory_a):
    theory_a.goal = "Een dorp waar iedereen meedoet."
    theory_a.save()
    assert get_step(2).missing(loaded(theory_a)) == ["Schrijf in één zin waar jullie voor staan."]


@pytest.mark.django_db
def test_whitespace_only_text_does_not_count(theory_a):
    theory_a.problem = "   \n "
    theory_a.save()
    assert not get_step(1).is_complete(loaded(theory_a))


@pytest.mark.django_db
def test_output_needs_activity_unit_and_target(theory_a):
    OutputFactory(theory=theory_a, description="Dorpsdiners", activity=None, unit="", target=None)
    with translation.override("nl"):
        missing = get_step(5).missing(loaded(theory_a))
    assert len(missing) == 3
    assert all("Dorpsdiners" in message for message in missing)


@pytest.mark.django_db
def test_outcome_needs_linked_activities(theory_a):
    OutcomeFactory(theory=theory_a, description="Minder eenzaam")
    assert get_step(6).missing(loaded(theory_a)) == [
        "Kies bij ‘Minder eenzaam’ door welke activiteiten het komt."
    ]
    outcome = theory_a.outcomes.get()
    outcome.activities.add(ActivityFactory(theory=theory_a))
    assert get_step(6).is_complete(loaded(theory_a))


@pytest.mark.django_db
def test_impact_needs_a_theme(theory_a):
    impact = ImpactFactory(theory=theory_a, description="Meer naoberschap")
    assert not get_step(7).is_complete(loaded(theory_a))
    impact.themes.add(Theme.objects.first())
    assert get_step(7).is_complete(loaded(theory_a))


@pytest.mark.django_db
def test_measurement_steps_only_see_their_own_level(theory_a):
    output = OutputFactory(theory=theory_a)
    plan = MeasurementPlanFactory(theory=theory_a, level=MeasurementLevel.OUTPUT)
    plan.measures_outputs.add(output)
    theory = loaded(theory_a)
    assert get_step(8).is_complete(theory)
    assert not get_step(9).is_complete(theory)
    assert not get_step(10).is_complete(theory)
    assert get_step(8).rows(theory) == [plan]


@pytest.mark.django_db
def test_measurement_plan_needs_method_and_link(theory_a):
    MeasurementPlanFactory(theory=theory_a, information="Aantal bezoekers", method=None)
    missing = get_step(8).missing(loaded(theory_a))
    assert missing == [
        "Kies bij ‘Aantal bezoekers’ hoe je het verzamelt.",
        "Zeg bij ‘Aantal bezoekers’ wat je ermee meet.",
    ]


@pytest.mark.django_db
def test_snapshot_is_readable_text(theory_a):
    ResourceFactory(theory=theory_a, description="Zes vrijwilligers", amount="6.0", unit="mensen")
    snapshot = get_step(3).snapshot(loaded(theory_a))
    (row,) = snapshot["rows"]
    assert row["values"] == {
        "kind": "Vrijwilligers",
        "description": "Zes vrijwilligers",
        "amount": "6",
        "unit": "mensen",
        "euro_value": "",
    }


@pytest.mark.django_db
def test_completeness_costs_a_fixed_number_of_queries(theory_a, django_assert_num_queries):
    complete_theory(theory_a)
    with django_assert_num_queries(12):
        theory_progress(loaded(theory_a))
    for _ in range(10):
        complete_theory(theory_a)
    with django_assert_num_queries(12):
        theory_progress(loaded(theory_a))
