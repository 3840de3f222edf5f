"""Reads of theories: one place that knows how to load a theory with all its step content."""

from django.db.models import Prefetch, QuerySet

from theory_of_change.models import MeasurementPlan, Output, Resource, StepRevision, TheoryOfChange


def with_content(queryset: QuerySet[TheoryOfChange]) -> QuerySet[TheoryOfChange]:
    """Prefetch every step's rows and links in a fixed number of queries.

    Completeness, snapshots and the step forms read rows through `theory.<list>.all()`,
    which then hits this cache instead of the database: the query count of a page stays the
    same however many rows a step has.
    """
    return queryset.select_related("initiative", "initiative__municipality").prefetch_related(
        Prefetch("resources", queryset=Resource.objects.select_related("kind")),
        "activities",
        Prefetch("outputs", queryset=Output.objects.select_related("activity")),
        "outcomes__activities",
        "impacts__themes",
        Prefetch(
            "measurement_plans",
            queryset=MeasurementPlan.objects.select_related("method").prefetch_related(
                "measures_outputs", "measures_outcomes", "measures_impacts"
            ),
        ),
    )


def latest_revision(*, theory: TheoryOfChange, step_number: int) -> StepRevision | None:
    return (
        StepRevision.objects.filter(theory=theory, step=step_number)
        .select_related("author")
        .order_by("-pk")
        .first()
    )
