"""Reading the price list."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Prefetch, QuerySet, Sum

from impact.value.arithmetic import Range, sroi_indication, total, valued
from impact.value.models import Beneficiary, PriceItem, PriceVersion, Valuation
from theory_of_change.models import Output, TheoryOfChange
from theory_of_change.results.rules import Tally
from theory_of_change.results.selectors import counts_of


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
class ValueLine:
    """A counted output of the year, and what it is worth when it is valued."""

    number: int
    output: Output
    tally: Tally
    valuation: Valuation | None
    value: Range | None  # None while not valued or not counted yet

    @property
    def quantity(self) -> int | None:
        return self.tally.value


@dataclass(frozen=True)
class ValueReport:
    """The value page of a year: every output, the approved total, the costs of step 3 and
    the SROI indication (only from approved valuations, and only with known costs)."""

    lines: list[ValueLine]
    approved: Range
    proposed: Range  # the valuations an advisor has not approved yet
    costs: Decimal | None
    indication: Range | None

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


def year_costs(theory: TheoryOfChange) -> Decimal | None:
    """The euros of the means in step 3; None when no means has an amount in euros (then
    there is no ratio: a ratio on unknown costs would mislead)."""
    return theory.resources.aggregate(total=Sum("euro_value"))["total"]


def value_report(theory: TheoryOfChange, *, tallies: dict[int, Tally] | None = None) -> ValueReport:
    """Four queries: outputs with their valuation and price, their counts, the costs. Pass
    the outputs' `tallies` (`counts_of`) when they were read already: two queries."""
    outputs = list(
        theory.outputs.order_by("position", "pk").select_related(
            "valuation__price__item", "valuation__approved_by"
        )
    )
    if tallies is None:
        tallies = counts_of(theory.outputs.all())
    lines = []
    for number, output in enumerate(outputs, start=1):
        valuation = getattr(output, "valuation", None)
        tally = tallies[output.pk]
        value = None
        if valuation is not None and tally.value is not None:
            value = valued(Decimal(tally.value), valuation.price.range, valuation.corrections)
        lines.append(ValueLine(number, output, tally, valuation, value))
    valued_lines = [line for line in lines if line.value is not None]
    approved = [line.value for line in valued_lines if line.valuation.is_approved]
    proposed = [line.value for line in valued_lines if not line.valuation.is_approved]
    costs = year_costs(theory)
    return ValueReport(
        lines=lines,
        approved=total(approved),
        proposed=total(proposed),
        costs=costs,
        indication=sroi_indication(total(approved), costs) if approved else None,
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
    """Every approved valuation of `theories` with its count and what it is worth; those
    without a count yet are left out (no value without a count). By initiative and output.
    Two queries and those of `counts_of`, whatever the number of theories."""
    approved = Valuation.objects.filter(theory__in=theories, approved_at__isnull=False)
    valuations = list(
        approved.select_related(
            "price__item", "output", "theory__initiative__municipality"
        ).order_by("theory__initiative__name", "theory__year", "output__position", "pk")
    )
    # A subquery, not a list of keys: the same queries with no valuation as with many.
    tallies = counts_of(Output.objects.filter(valuation__in=approved))
    lines = []
    for valuation in valuations:
        tally = tallies[valuation.output_id]
        if tally.value is not None:
            value = valued(Decimal(tally.value), valuation.price.range, valuation.corrections)
            lines.append(ValueLine(len(lines) + 1, valuation.output, tally, valuation, value))
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
        sources=sorted(
            {
                f"{line.valuation.price.source_title} ({line.valuation.price.source_year})"
                for line in lines
            }
        ),
    )
