"""Starting the next year: a theory (approved or not) copied into a new draft, the original
untouched; indicators keep how they are counted, counts start anew.
"""

import pytest

from tests.factories import (
    ActivityFactory,
    ImpactFactory,
    MeasurementPlanFactory,
    OutcomeFactory,
    OutputFactory,
    ResourceFactory,
    TheoryFactory,
    complete_theory,
)
from tests.theory_of_change.helpers import loaded, put_in_status, refreshed
from theory_of_change import services, workflow
from theory_of_change.models import (
    Activity,
    Aggregation,
    Comment,
    DataCollectionMethod,
    Impact,
    Indicator,
    MeasurementLevel,
    MeasurementPlan,
    Outcome,
    Output,
    Resource,
    ResourceKind,
    ResultEntry,
    Status,
    StepRevision,
    Theme,
    TheoryOfChange,
    TheoryRow,
    Transition,
)
from theory_of_change.results.periods import Period, Rhythm
from theory_of_change.results.selectors import counts_of
from theory_of_change.results.services import (
    count_save,
    indicator_for,
    indicator_settings_save,
    override_save,
)
from theory_of_change.steps import ROW_TABLES, STEPS

pytestmark = pytest.mark.django_db


def snapshots(theory: TheoryOfChange) -> dict[int, dict]:
    current = loaded(theory)
    return {step.number: step.snapshot(current) for step in STEPS}


def without_ids(snapshot: dict) -> dict:
    if "rows" not in snapshot:
        return snapshot
    return {"rows": [row["values"] for row in snapshot["rows"]]}


@pytest.fixture
def rich_approved_a(theory_a, volunteer_a, advisor, second_advisor):
    """An approved theory with several linked rows in every list step."""
    theory = complete_theory(theory_a)
    ResourceFactory(
        theory=theory,
        kind=ResourceKind.objects.get(name="Geld"),
        description="Subsidie",
        amount="1.5",
        unit="jaar",
        euro_value="2500.00",
    )
    first = theory.activities.get()
    second = ActivityFactory(theory=theory, name="Koffieochtend", description="Elke dinsdag")
    first_output = theory.outputs.get()
    count_save(
        indicator=indicator_for(output=first_output),
        period=Period.parse(f"{theory.year}-03"),
        value=10,
        by=volunteer_a,
    )
    coffee = OutputFactory(
        theory=theory, activity=second, description="Koffieochtenden", target=40, achieved=35
    )
    indicator_settings_save(
        indicator=coffee.indicator, rhythm=Rhythm.MONTH, aggregation=Aggregation.LATEST
    )
    override_save(indicator=coffee.indicator, value=36, reason="Telling kwijt", by=volunteer_a)
    outcome = OutcomeFactory(theory=theory, activities=[first, second])
    impact = ImpactFactory(
        theory=theory,
        themes=[
            Theme.objects.get(name="Gezondheid en welzijn"),
            Theme.objects.get(name="Sociale cohesie"),
        ],
    )
    plan = MeasurementPlanFactory(
        theory=theory,
        level=MeasurementLevel.OUTPUT,
        method=DataCollectionMethod.objects.get(name="Registratie van aantallen"),
    )
    plan.measures_outputs.set(theory.outputs.all())
    MeasurementPlanFactory(theory=theory, level=MeasurementLevel.OUTCOME).measures_outcomes.set(
        [outcome]
    )
    MeasurementPlanFactory(
        theory=theory,
        level=MeasurementLevel.IMPACT,
        method=DataCollectionMethod.objects.get(name="Persoonlijke verhalen (narratieve methode)"),
    ).measures_impacts.set([impact])
    services.record_initial_revisions(theory=theory, by=volunteer_a)
    workflow.theory_assign(theory=theory, advisor=second_advisor, by=advisor)
    workflow.theory_submit(theory=theory, by=volunteer_a)
    workflow.theory_approve(theory=theory, by=advisor)
    return refreshed(theory)


ROW_MODELS = [table.model for table in ROW_TABLES]


def test_the_registry_knows_every_table_of_rows():
    """What copying (and the export) walks is every kind of step row there is."""
    assert set(ROW_MODELS) == set(TheoryRow.__subclasses__())
    assert ROW_MODELS.index(Activity) < ROW_MODELS.index(Output)  # linked rows come first


def test_next_year_copies_every_step(rich_approved_a, volunteer_a):
    original = rich_approved_a
    before = snapshots(original)

    copy = workflow.theory_start_next_year(theory=original, by=volunteer_a)

    copy = refreshed(copy)
    assert (copy.initiative, copy.year, copy.status) == (original.initiative, 2026, Status.DRAFT)
    assert (copy.problem, copy.goal, copy.mission) == (
        original.problem,
        original.goal,
        original.mission,
    )
    assert copy.assigned_advisor == original.assigned_advisor
    assert copy.submitted_at is None and copy.approved_at is None
    for model in ROW_MODELS:
        assert (
            model.objects.filter(theory=copy).count()
            == model.objects.filter(theory=original).count()
        ), model
    # The same text in every step.
    copied = snapshots(copy)
    for number, snapshot in before.items():
        assert without_ids(copied[number]) == without_ids(snapshot), number
    # How results are counted carries on; the counts and a stated figure do not.
    assert list(Output.objects.filter(theory=copy).values_list("target", flat=True)) == [12, 40]
    indicators = Indicator.objects.filter(theory=copy).order_by("output__position", "output__pk")
    assert [(i.rhythm, i.aggregation, i.override) for i in indicators] == [
        (Rhythm.MONTH, Aggregation.SUM, None),
        (Rhythm.MONTH, Aggregation.LATEST, None),
    ]
    assert all(i.previous.output.theory_id == original.pk for i in indicators)
    assert not ResultEntry.objects.filter(indicator__theory=copy).exists()
    assert {t.value for t in counts_of(Output.objects.filter(theory=copy)).values()} == {None}


def test_next_year_links_point_to_the_copies(rich_approved_a, volunteer_a):
    original = rich_approved_a
    copy = workflow.theory_start_next_year(theory=original, by=volunteer_a)

    activities = {activity.name: activity for activity in Activity.objects.filter(theory=copy)}
    for output in Output.objects.filter(theory=copy).select_related("activity"):
        assert output.activity.theory_id == copy.pk
        original_output = Output.objects.get(theory=original, description=output.description)
        assert output.activity.name == original_output.activity.name
    for outcome in Outcome.objects.filter(theory=copy):
        assert {activity.pk for activity in outcome.activities.all()} == {
            activities[name].pk
            for name in Outcome.objects.get(
                theory=original, description=outcome.description
            ).activities.values_list("name", flat=True)
        }
    linked = {
        "measures_outputs": Output,
        "measures_outcomes": Outcome,
        "measures_impacts": Impact,
    }
    for plan in MeasurementPlan.objects.filter(theory=copy):
        source = MeasurementPlan.objects.get(theory=original, information=plan.information)
        assert plan.level == source.level
        assert plan.method_id == source.method_id  # reference lists are shared
        for name in linked:
            targets = list(getattr(plan, name).all())
            assert all(target.theory_id == copy.pk for target in targets), name
            assert sorted(map(str, targets)) == sorted(map(str, getattr(source, name).all()))
    for impact in Impact.objects.filter(theory=copy):
        source = Impact.objects.get(theory=original, description=impact.description)
        assert set(impact.themes.all()) == set(source.themes.all())
    for resource in Resource.objects.filter(theory=copy):
        source = Resource.objects.get(theory=original, description=resource.description)
        assert (resource.kind_id, resource.amount, resource.euro_value) == (
            source.kind_id,
            source.amount,
            source.euro_value,
        )


def test_next_year_leaves_the_original_untouched(rich_approved_a, volunteer_a):
    original = rich_approved_a
    before = snapshots(original)
    row_ids = {
        model: sorted(model.objects.filter(theory=original).values_list("pk", flat=True))
        for model in ROW_MODELS
    }
    revisions = StepRevision.objects.filter(theory=original).count()
    transitions = Transition.objects.filter(theory=original).count()

    workflow.theory_start_next_year(theory=original, by=volunteer_a)

    assert snapshots(original) == before
    after = refreshed(original)
    assert after.status == Status.APPROVED
    assert after.approved_at == original.approved_at
    outputs = Output.objects.filter(theory=original).order_by("position", "pk")
    figures = counts_of(outputs)  # by output id, in no particular order
    assert [figures[output.pk].value for output in outputs] == [10, 36]
    for model, ids in row_ids.items():
        assert sorted(model.objects.filter(theory=original).values_list("pk", flat=True)) == ids
    assert StepRevision.objects.filter(theory=original).count() == revisions
    assert Transition.objects.filter(theory=original).count() == transitions


def test_next_year_starts_its_history_with_the_copied_content(rich_approved_a, volunteer_a):
    copy = workflow.theory_start_next_year(theory=rich_approved_a, by=volunteer_a)
    current = snapshots(copy)
    revisions = StepRevision.objects.filter(theory=copy).order_by("step")
    assert [revision.step for revision in revisions] == list(range(1, 11))
    for revision in revisions:
        assert revision.author == volunteer_a
        assert revision.snapshot == current[revision.step]
    assert not Transition.objects.filter(theory=copy).exists()
    assert not Comment.objects.filter(theory=copy).exists()


def test_next_year_is_refused_when_it_exists(rich_approved_a, volunteer_a):
    TheoryFactory(initiative=rich_approved_a.initiative, year=2026)
    counts = {model: model.objects.count() for model in ROW_MODELS}
    with pytest.raises(services.TheoryExists):
        workflow.theory_start_next_year(theory=rich_approved_a, by=volunteer_a)
    assert {model: model.objects.count() for model in ROW_MODELS} == counts
    assert not StepRevision.objects.filter(theory__year=2026).exists()


@pytest.mark.parametrize(
    "status", [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED], ids=str
)
def test_next_year_also_continues_a_theory_that_is_not_approved(status, complete_a, volunteer_a):
    put_in_status(complete_a, status)
    indicator_settings_save(
        indicator=indicator_for(output=complete_a.outputs.get()),
        rhythm=Rhythm.WEEK,
        aggregation=Aggregation.MAXIMUM,
    )
    copy = workflow.theory_start_next_year(theory=complete_a, by=volunteer_a)
    assert copy.status == Status.DRAFT and copy.year == complete_a.year + 1
    assert refreshed(complete_a).status == status
    indicator = Indicator.objects.get(theory=copy)
    assert (indicator.rhythm, indicator.aggregation) == (Rhythm.WEEK, Aggregation.MAXIMUM)
