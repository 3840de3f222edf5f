"""A Verandertheorie with every answer as long as the models allow and 20+ rows a step.

The text is made of ordinary Dutch words (with some long compounds), so the sheet's line
breaking and shortening meet what volunteers really write, only more of it.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from impact.value import services as value_services
from impact.value.arithmetic import Corrections
from impact.value.models import Beneficiary, PriceItem, PriceVersion
from initiatives.models import Initiative, InitiativeKind, Municipality, User
from tests.factories import sheet_story
from theory_of_change.models import (
    Activity,
    DataCollectionMethod,
    Impact,
    Indicator,
    MeasurementLevel,
    MeasurementPlan,
    Outcome,
    Output,
    Resource,
    ResourceKind,
    Theme,
    TheoryOfChange,
)
from theory_of_change.results.services import indicator_for, override_save
from theory_of_change.stories.models import Story

WORDS = (
    "het dorpshuis organiseert elke week een gezamenlijke maaltijd voor ouderen en "
    "alleenstaanden zodat niemand zich eenzaam hoeft te voelen vrijwilligers koken samen "
    "met inwoners uit Smilde en omgeving ontmoetingsbijeenkomsten gemeenschapsvoorzieningen "
    "verantwoordelijkheidsgevoel burenhulp dorpsbewoners jongerenwerk activiteitencommissie "
    "wij merken dat mensen elkaar vaker opzoeken buiten het dorpshuis en dat nieuwe inwoners "
    "sneller hun weg vinden naar verenigingen mantelzorgers krijgen steun en waardering"
).split()

ROWS = 22  # rows in every list step: more than any budget shows


def dutch(length: int, start: int = 0) -> str:
    """Exactly `length` characters of Dutch words, starting at word number `start`."""
    text = ""
    for word in itertools.islice(itertools.cycle(WORDS), start % len(WORDS), None):
        text = f"{text} {word}" if text else word.capitalize()
        if len(text) >= length:
            break
    text = text[:length]
    return text[:-1] + "s" if text.endswith(" ") else text


def max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def longest_municipality() -> Municipality:
    return max(Municipality.objects.all(), key=lambda municipality: len(municipality.name))


def make_maximal(theory: TheoryOfChange) -> TheoryOfChange:
    """Fill `theory` (and its initiative) to the brim; returns it reloaded."""
    initiative = theory.initiative
    Initiative.objects.filter(pk=initiative.pk).update(
        name=dutch(max_length(Initiative, "name"), 3),
        place=dutch(max_length(Initiative, "place"), 5),
        kind=max(InitiativeKind, key=lambda kind: len(kind.label)),
        municipality=longest_municipality(),
    )
    TheoryOfChange.objects.filter(pk=theory.pk).update(
        problem=dutch(max_length(TheoryOfChange, "problem"), 0),
        goal=dutch(max_length(TheoryOfChange, "goal"), 7),
        mission=dutch(max_length(TheoryOfChange, "mission"), 11),
    )
    sheet_story(theory, dutch(max_length(Story, "quote"), 13), role="professional")
    kinds = list(ResourceKind.objects.all())
    methods = list(DataCollectionMethod.objects.all())
    themes = list(Theme.objects.all())
    activities = []
    for row in range(ROWS):
        Resource.objects.create(
            theory=theory,
            position=row,
            kind=kinds[row % len(kinds)],
            description=dutch(max_length(Resource, "description"), row),
            # Half the means counted (amount and unit on the sheet), half by kind only.
            amount=Decimal(100 + row) if row % 2 else None,
            unit=dutch(max_length(Resource, "unit"), row + 1) if row % 2 else "",
            euro_value=Decimal("9999999999.99"),
        )
        activities.append(
            Activity.objects.create(
                theory=theory,
                position=row,
                name=dutch(max_length(Activity, "name"), row + 2),
                description=dutch(max_length(Activity, "description"), row + 3),
                frequency=dutch(max_length(Activity, "frequency"), row + 4),
                target_group=dutch(max_length(Activity, "target_group"), row + 5),
            )
        )
    outputs, outcomes, impacts = [], [], []
    for row in range(ROWS):
        output = Output.objects.create(
            theory=theory,
            position=row,
            activity=activities[row],
            description=dutch(max_length(Output, "description"), row + 6),
            unit=dutch(max_length(Output, "unit"), row + 7),
            target=1_000_000 + row,
        )
        if row % 2:  # every other figure counted, stated with the longest reason
            override_save(
                indicator=indicator_for(output=output),
                value=999_000 + row,
                reason=dutch(max_length(Indicator, "override_reason"), row + 12),
                by=None,
            )
        outputs.append(output)
        outcome = Outcome.objects.create(
            theory=theory,
            position=row,
            description=dutch(max_length(Outcome, "description"), row + 8),
            target_group=dutch(max_length(Outcome, "target_group"), row + 9),
        )
        outcome.activities.set(activities)
        outcomes.append(outcome)
        impact = Impact.objects.create(
            theory=theory, position=row, description=dutch(max_length(Impact, "description"), row)
        )
        impact.themes.set(themes)
        impacts.append(impact)
    links = {
        MeasurementLevel.OUTPUT: ("measures_outputs", outputs),
        MeasurementLevel.OUTCOME: ("measures_outcomes", outcomes),
        MeasurementLevel.IMPACT: ("measures_impacts", impacts),
    }
    for level, (link, items) in links.items():
        for row in range(ROWS):
            plan = MeasurementPlan.objects.create(
                theory=theory,
                position=row,
                level=level,
                information=dutch(max_length(MeasurementPlan, "information"), row + 10),
                method=methods[row % len(methods)],
                frequency=dutch(max_length(MeasurementPlan, "frequency"), row + 11),
                collected_by=dutch(max_length(MeasurementPlan, "collected_by"), row + 12),
            )
            getattr(plan, link).set(items)
    # A step saved: the sheet's cache key moves on.
    theory.refresh_from_db()
    theory.save()
    return theory


def value_maximal(theory: TheoryOfChange, *, by: User) -> None:
    """Every counted output of `theory` valued and approved, each with a price item of its
    own at the highest amount, with the longest source title: the value figure and its
    footnote as long as they get."""
    counted = theory.outputs.filter(indicator__override__isnull=False).order_by("position")
    for row, output in enumerate(counted):
        item = PriceItem.objects.create(
            name=dutch(max_length(PriceItem, "name"), row),
            unit=dutch(max_length(PriceItem, "unit"), row + 1),
            beneficiary=list(Beneficiary)[row % len(Beneficiary)],
        )
        price = PriceVersion.objects.create(
            item=item,
            low=Decimal("99999999.99"),
            central=Decimal("99999999.99"),
            high=Decimal("99999999.99"),
            price_year=2025,
            source_title=dutch(max_length(PriceVersion, "source_title"), row + 2),
            source_year=2025,
        )
        value_services.valuation_save(
            theory=theory, subject=output, price=price, corrections=Corrections()
        )
        value_services.valuation_approve(subject=output, by=by)
    theory.refresh_from_db()
