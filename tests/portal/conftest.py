"""A small world for the portal: two municipalities' initiatives in every state.

Midden-Drenthe: the Dorpshuis Smilde (approved 2025, and 2024), a draft in Bovensmilde
("in voorbereiding"), and the Odensehuis of Westerveld that also works in Midden-Drenthe
(approved 2025). Eemsdelta: the Dorpsloket Middelstum (approved 2025), which Midden-Drenthe
must never see.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from initiatives.models import Initiative
from tests.factories import (
    ActivityFactory,
    ImpactFactory,
    InitiativeFactory,
    OutputFactory,
    ResourceFactory,
    TheoryFactory,
    municipality,
)
from tests.factsheet.conftest import set_status
from theory_of_change.models import ResourceKind, Status, Theme, TheoryOfChange


def theory_with_content(
    initiative: Initiative,
    *,
    year: int = 2025,
    status: str = Status.APPROVED,
    volunteers: int | None = None,
    figures: tuple[tuple[str, int | None, int | None], ...] = (),
    themes: tuple[str, ...] = ("Sociale cohesie",),
    mission: str = "",
) -> TheoryOfChange:
    """A theory with activities, volunteers, output indicators (unit, target, achieved)
    and themed impact; approved unless `status` says otherwise. An output is described as
    "Aantal <unit>", so the same figure of another year is last year's figure."""
    theory = TheoryFactory(initiative=initiative, year=year, mission=mission)
    activity = ActivityFactory(theory=theory)
    ResourceFactory(theory=theory, amount=volunteers, unit="vrijwilligers")
    for unit, target, achieved in figures:
        OutputFactory(
            theory=theory,
            activity=activity,
            description=f"Aantal {unit}",
            unit=unit,
            target=target,
            achieved=achieved,
        )
    ImpactFactory(theory=theory, themes=[Theme.objects.get(name=name) for name in themes])
    return set_status(theory, status)


@dataclass
class World:
    smilde: Initiative
    bovensmilde: Initiative
    odensehuis: Initiative
    middelstum: Initiative


@pytest.fixture
def world(initiative_a, initiative_b) -> World:
    ResourceKind.objects.filter(name="Vrijwilligers").update(counts_volunteers=True)
    theory_with_content(
        initiative_a,
        volunteers=60,
        figures=(("dorpsdiners", 40, 37), ("bezoekers per week", 300, 320), ("cursussen", 5, None)),
        themes=("Sociale cohesie", "Zingeving en eigenaarschap"),
        mission="Erbij horen, meedoen en ertoe doen",
    )
    theory_with_content(initiative_a, year=2024, volunteers=50, figures=(("dorpsdiners", 40, 41),))
    bovensmilde = InitiativeFactory(
        name="Buurthuis Bovensmilde",
        slug="buurthuis-bovensmilde",
        place="Bovensmilde",
        municipality=municipality("midden-drenthe"),
    )
    theory_with_content(
        bovensmilde,
        status=Status.DRAFT,
        volunteers=999,
        figures=(("geheime concepttellingen", 77, 7),),
        themes=("Gezondheid en welzijn",),
        mission="Een geheime conceptmissie",
    )
    odensehuis = InitiativeFactory(
        name="Odensehuis Westerveld",
        slug="odensehuis-westerveld",
        kind="ontmoetingsplek",
        place="Havelte",
        municipality=municipality("westerveld"),
    )
    odensehuis.also_serves.add(municipality("midden-drenthe"))
    theory_with_content(odensehuis, volunteers=16, figures=(("ontmoetingen", 90, 45),))
    theory_with_content(
        initiative_b,
        volunteers=146,
        figures=(("hulpvragen", 500, 612),),
        themes=("Gelijke kansen en inclusie",),
        mission="Middelstum helpt elkaar",
    )
    return World(initiative_a, bovensmilde, odensehuis, initiative_b)
