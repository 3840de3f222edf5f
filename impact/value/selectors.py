"""Reading the price list, and what a year's results are worth with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Max, Min, Prefetch, QuerySet, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from impact.value.arithmetic import Range, sroi_indication, total, valued
from impact.value.breakthrough.models import BreakthroughCase
from impact.value.models import Beneficiary, OtherCost, PriceItem, PriceVersion, Valuation
from theory_of_change.models import Outcome, Output, TheoryOfChange
from theory_of_change.results.models import SurveyResult
from theory_of_change.results.periods import Period
from theory_of_change.results.rules import Tally
from theory_of_change.results.selectors import counts_of, latest_surveys


def price_list() -> list[PriceItem]:
    """Every item with its versions newest first (`item.history`; `history[0]` is the
    price now): two queries, however long the list."""
    return list(
        PriceItem.objects.select_related("theme").prefetch_related(
            Prefetch(
                "versions",
                queryset=PriceVersion.objects.select_related("created_by").order_by("-pk"),
                to_attr="history",
            )
        )
    )


def price_history(item: PriceItem) -> list[PriceVersion]:
    """Every version of `item`, newest (the price now) first, with who wrote it."""
    return list(item.versions.select_related("created_by").order_by("-pk"))


def current_version(item: PriceItem) -> PriceVersion | None:
    """The price of `item` now: its newest version."""
    return item.versions.order_by("-pk").first()


@dataclass(frozen=True)
class Measured:
    """What a result stands on: how many, of what, and how and over which period it was
    counted or asked ("geteld jan–sep 2025", "vragenlijst, 1e helft 2025")."""

    quantity: int | None  # None while nothing is counted or asked (then there is no value)
    unit: str
    caption: str
    of: str = ""  # what a questionnaire's quantity is out of: "van de 24 deelnemers"

    @property
    def short(self) -> str:
        """The quantity in a few words, for a caption: "9", "18 van de 24 deelnemers"."""
        if self.quantity is None:
            return ""
        return f"{number_format(self.quantity, force_grouping=True)} {self.of}".strip()


def measured_output(output: Output, tally: Tally) -> Measured:
    return Measured(tally.value, output.unit, tally.source_label)


def measured_outcome(tally: Tally, survey: SurveyResult | None) -> Measured:
    """A questionnaire's newest result counts the participants who say the effect
    happened ("18 van de 24 deelnemers"); else the outcome's own count."""
    if survey is not None:
        return Measured(
            survey.agreeing,
            _("van de %(respondents)s deelnemers zeggen: „%(question)s”")
            % {"respondents": survey.respondents, "question": survey.question},
            _("%(method)s, %(period)s")
            % {"method": survey.get_method_display(), "period": Period.parse(survey.period).label},
            of=_("van de %(respondents)s deelnemers") % {"respondents": survey.respondents},
        )
    return Measured(tally.value, "", tally.source_label)


@dataclass(frozen=True)
class ValueLine:
    """A result of the year (a counted output, or an outcome), and what it is worth when it
    is valued."""

    number: int
    subject: Output | Outcome
    measured: Measured
    valuation: Valuation | None
    value: Range | None  # None while not valued or not counted yet

    @property
    def quantity(self) -> int | None:
        return self.measured.quantity

    @property
    def shown(self) -> Range | None:
        """The value in whole euros, rounded outward, as every page shows it."""
        return self.value.rounded(0) if self.value is not None else None

    @property
    def share(self) -> Decimal | None:
        """The corrections as one percentage of the price × quantity (over all years, so
        above 100 for an effect that lasts), for the page's worked sum."""
        if self.valuation is None:
            return None
        return self.valuation.corrections.factor() * 100

    @property
    def is_outcome(self) -> bool:
        return isinstance(self.subject, Outcome)

    @property
    def key(self) -> str:
        return subject_key(self.subject)


def subject_key(subject: Output | Outcome) -> str:
    """An output's or outcome's key on the value page: its form prefix and its anchor."""
    return f"{'e' if isinstance(subject, Outcome) else 'r'}{subject.pk}"


def _line(number: int, subject, measured: Measured, valuation: Valuation | None) -> ValueLine:
    value = None
    if valuation is not None and measured.quantity is not None:
        value = valued(Decimal(measured.quantity), valuation.price.range, valuation.corrections)
    return ValueLine(number, subject, measured, valuation, value)


def _valuation(subject: Output | Outcome) -> Valuation | None:
    return getattr(subject, "valuation", None)


@dataclass(frozen=True)
class Costs:
    """The year's costs: the means in euros of step 3 and any other costs. Unknown (None)
    when neither has an amount: a ratio on unknown costs would mislead."""

    means: Decimal | None  # the euros of step 3; None when no means has an amount in euros
    other: list[OtherCost]

    @property
    def total(self) -> Decimal | None:
        if self.means is None and not self.other:
            return None
        return (self.means or Decimal(0)) + sum((cost.amount for cost in self.other), Decimal(0))


@dataclass(frozen=True)
class ValueReport:
    """The value page of a year: every output and outcome, the approved total, the costs and
    the SROI indication (only from approved valuations, and only with known costs)."""

    lines: list[ValueLine]  # the outputs, then the outcomes
    approved: Range
    proposed: Range  # the valuations an advisor has not approved yet
    costs: Costs
    indication: Range | None

    @property
    def outputs(self) -> list[ValueLine]:
        return [line for line in self.lines if not line.is_outcome]

    @property
    def outcomes(self) -> list[ValueLine]:
        return [line for line in self.lines if line.is_outcome]

    @property
    def approved_shown(self) -> Range:
        """The approved total in whole euros, rounded outward."""
        return self.approved.rounded(0)

    @property
    def approved_lines(self) -> list[ValueLine]:
        """The lines that make the indication: approved and counted."""
        return [
            line
            for line in self.lines
            if line.value is not None and line.valuation and line.valuation.is_approved
        ]

    @property
    def approved_count(self) -> int:
        return sum(1 for line in self.lines if line.valuation and line.valuation.is_approved)

    @property
    def sources(self) -> list[PriceVersion]:
        """The price versions behind the indication, each once, in the order of the lines."""
        versions = {line.valuation.price_id: line.valuation.price for line in self.approved_lines}
        return list(versions.values())


def year_costs(theory: TheoryOfChange) -> Costs:
    """Two queries: the euros of step 3, and the other costs."""
    return Costs(
        means=theory.resources.aggregate(total=Sum("euro_value"))["total"],
        other=list(theory.other_costs.order_by("pk")),
    )


def value_report(
    theory: TheoryOfChange,
    *,
    tallies: dict[int, Tally] | None = None,
    surveys: dict[int, SurveyResult] | None = None,
) -> ValueReport:
    """Seven queries: outputs and outcomes with their valuation and price, their counts, the
    outcomes' newest questionnaire results, the costs. Pass the outputs' `tallies`
    (`counts_of`) and the outcomes' `surveys` (`latest_surveys`) when they were read
    already: five."""
    related = ("valuation__price__item", "valuation__approved_by")
    outputs = list(theory.outputs.order_by("position", "pk").select_related(*related))
    outcomes = list(theory.outcomes.order_by("position", "pk").select_related(*related))
    if tallies is None:
        tallies = counts_of(theory.outputs.all())
    if surveys is None:
        surveys = latest_surveys(theory.outcomes.all())
    outcome_tallies = counts_of(theory.outcomes.all())
    # Numbered as in steps 5 and 6: outputs 1, 2, …, then outcomes 1, 2, ….
    lines = [
        _line(number, output, measured_output(output, tallies[output.pk]), _valuation(output))
        for number, output in enumerate(outputs, start=1)
    ] + [
        _line(
            number,
            outcome,
            measured_outcome(outcome_tallies[outcome.pk], surveys.get(outcome.pk)),
            _valuation(outcome),
        )
        for number, outcome in enumerate(outcomes, start=1)
    ]
    valued_lines = [line for line in lines if line.value is not None]
    approved = [line.value for line in valued_lines if line.valuation.is_approved]
    proposed = [line.value for line in valued_lines if not line.valuation.is_approved]
    costs = year_costs(theory)
    return ValueReport(
        lines=lines,
        approved=total(approved),
        proposed=total(proposed),
        costs=costs,
        indication=sroi_indication(total(approved), costs.total) if approved else None,
    )


def current_prices() -> QuerySet[PriceVersion]:
    """The price of every item now (its newest version), by the item's name."""
    newest = PriceItem.objects.annotate(newest=Max("versions__pk")).values("newest")
    return PriceVersion.objects.filter(pk__in=newest).select_related("item").order_by("item__name")


@dataclass(frozen=True)
class ValueTotals:
    """The approved value of many initiatives' years together, for the municipality portal:
    split by who benefits, and never per initiative (no ranking of initiatives by euros)."""

    initiatives: int  # initiatives with at least one approved, counted valuation
    total: Range  # in whole euros, rounded outward
    by_beneficiary: list[tuple[str, Range]]  # (who benefits, in words; value) in list order
    sources: list[str]  # "title (year)", each once


def approved_lines(theories: QuerySet[TheoryOfChange]) -> list[ValueLine]:
    """Every approved valuation of `theories` with what it stands on and what it is worth;
    those without a count yet are left out (no value without a count). By initiative, then
    outputs before outcomes. Five queries, whatever the number of theories."""
    approved = Valuation.objects.filter(theory__in=theories, approved_at__isnull=False)
    valuations = list(
        approved.select_related(
            "price__item", "output", "outcome", "theory__initiative__municipality"
        ).order_by(
            "theory__initiative__name",
            "theory__year",
            "outcome",  # outputs first: their outcome is empty
            "output__position",
            "outcome__position",
            "pk",
        )
    )
    # Subqueries, not lists of keys: the same queries with no valuation as with many.
    valued_outcomes = Outcome.objects.filter(valuation__in=approved)
    output_tallies = counts_of(Output.objects.filter(valuation__in=approved))
    outcome_tallies = counts_of(valued_outcomes)
    surveys = latest_surveys(valued_outcomes)
    lines = []
    for valuation in valuations:
        if valuation.output_id:
            measured = measured_output(valuation.output, output_tallies[valuation.output_id])
        else:
            measured = measured_outcome(
                outcome_tallies[valuation.outcome_id], surveys.get(valuation.outcome_id)
            )
        line = _line(len(lines) + 1, valuation.subject, measured, valuation)
        if line.value is not None:
            lines.append(line)
    return lines


def value_totals(theories: QuerySet[TheoryOfChange]) -> ValueTotals:
    lines = approved_lines(theories)
    split: dict[str, Range] = {}
    for line in lines:
        beneficiary = line.valuation.price.item.beneficiary
        split[beneficiary] = split.get(beneficiary, Range.zero()) + line.value
    return ValueTotals(
        initiatives=len({line.valuation.theory.initiative_id for line in lines}),
        total=total(line.value for line in lines).rounded(0),
        by_beneficiary=[
            (str(label), split[key].rounded(0))
            for key, label in Beneficiary.choices
            if key in split
        ],
        sources=sorted({line.valuation.price.source_label for line in lines}),
    )


@dataclass(frozen=True)
class Waiting:
    """A year of an initiative with valuations or doorbraak cases an advisor has not
    approved yet."""

    initiative_name: str
    slug: str
    year: int
    valuations: int
    cases: int
    since: datetime  # the oldest of them last changed then


def waiting_for_approval() -> list[Waiting]:
    """Every initiative year with proposals, the longest waiting first. Two queries."""
    rows: dict[tuple[str, int], dict] = {}
    for model, counted in ((Valuation, "valuations"), (BreakthroughCase, "cases")):
        pending = (
            model.objects.filter(approved_at__isnull=True)
            .values("theory__initiative__name", "theory__initiative__slug", "theory__year")
            .annotate(count=Count("pk"), since=Min("updated_at"))
            .order_by()
        )
        for row in pending:
            key = (row["theory__initiative__slug"], row["theory__year"])
            entry = rows.setdefault(
                key,
                {
                    "name": row["theory__initiative__name"],
                    "valuations": 0,
                    "cases": 0,
                    "since": row["since"],
                },
            )
            entry[counted] = row["count"]
            entry["since"] = min(entry["since"], row["since"])
    waiting = [
        Waiting(entry["name"], slug, year, entry["valuations"], entry["cases"], entry["since"])
        for (slug, year), entry in rows.items()
    ]
    return sorted(waiting, key=lambda item: (item.since, item.initiative_name))
