"""A year's results in a few lines, for reading beside the plan: the advisor's review
shows them next to steps 5, 6 and 9, so a decision about the Verandertheorie can take into
account what the initiative has counted so far.

Totals and questionnaire shares only: the counts per period, their notes and who entered
them stay on the results pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from theory_of_change.models import Outcome, Output, TheoryOfChange
from theory_of_change.results.models import SurveyResult
from theory_of_change.results.periods import Period
from theory_of_change.results.rules import Tally, share_label, total_caption
from theory_of_change.results.selectors import counts_of, latest_surveys, previous_counts


@dataclass(frozen=True)
class GlanceLine:
    """One output or outcome: its target, the figure so far, last year's and the newest
    questionnaire result."""

    row: Output | Outcome
    tally: Tally
    previous: Tally | None = None
    survey: SurveyResult | None = None

    @property
    def target(self) -> int | None:
        return getattr(self.row, "target", None)

    @property
    def unit(self) -> str:
        return getattr(self.row, "unit", "")

    @property
    def caption(self) -> str:
        """What the figure is and over which periods, or why a stated figure stands."""
        return self.tally.source_label if self.tally.is_override else total_caption(self.tally)

    @property
    def previous_caption(self) -> str:
        if self.previous is None or self.previous.value is None:
            return ""
        if self.previous.is_override:
            return self.previous.source_label
        return total_caption(self.previous)

    @property
    def survey_share(self) -> str:
        return share_label(self.survey.agreeing, self.survey.respondents) if self.survey else ""

    @property
    def survey_period(self) -> str:
        return Period.parse(self.survey.period).label if self.survey else ""

    @property
    def has_results(self) -> bool:
        return self.tally.value is not None or self.survey is not None


@dataclass(frozen=True)
class Glance:
    outputs: list[GlanceLine]
    outcomes: list[GlanceLine]  # only those with a figure or a questionnaire result

    @property
    def outputs_counted(self) -> bool:
        """Whether any output has a figure yet (else a table of empty rows says nothing)."""
        return any(line.tally.value is not None for line in self.outputs)

    @property
    def surveyed(self) -> list[GlanceLine]:
        return [line for line in self.outcomes if line.survey is not None]


def results_at_a_glance(
    theory: TheoryOfChange, *, previous_theories: QuerySet[TheoryOfChange]
) -> Glance:
    """The theory's results beside its outputs and outcomes, in their order in the steps
    (read through `theory.outputs.all()` and `theory.outcomes.all()`, so prefetched rows
    cost nothing): five queries, however many rows and counts there are. Last year's figure
    comes from `previous_theories` (the ones the reader may see)."""
    outputs = Output.objects.filter(theory=theory)
    outcomes = Outcome.objects.filter(theory=theory)
    output_counts = counts_of(outputs)
    previous = previous_counts(outputs, previous_theories=previous_theories)
    outcome_counts = counts_of(outcomes)
    surveys = latest_surveys(outcomes)
    outcome_lines = [
        GlanceLine(row, outcome_counts[row.pk], survey=surveys.get(row.pk))
        for row in theory.outcomes.all()
        if row.pk in outcome_counts
    ]
    return Glance(
        outputs=[
            GlanceLine(row, output_counts[row.pk], previous=previous.get(row.pk))
            for row in theory.outputs.all()
            if row.pk in output_counts
        ],
        outcomes=[line for line in outcome_lines if line.has_results],
    )
