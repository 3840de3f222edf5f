"""Volunteers counted honestly (impact/portal/volunteers.py): people only when the unit
says people, hours apart per unit, per initiative the largest number rather than the sum,
and the total says over how many initiatives it is counted."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from impact.portal.data import year_totals
from impact.portal.volunteers import HOURS, PEOPLE, Unit, count_volunteers, read_unit
from tests.conftest import client_for
from tests.factories import InitiativeFactory, ResourceFactory, municipality
from tests.factsheet.conftest import read_pdf
from tests.portal.conftest import theory_with_content
from tests.portal.test_portal import PORTAL, SUMMARY, content_of, selection_for
from theory_of_change.models import Resource, ResourceKind, TheoryOfChange

# --- reading a unit ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    [
        "vrijwilligers",
        "Vrijwilligers",
        "vrijwilliger",
        "vaste vrijwilligers",
        "vrijwilligers in het netwerk",
        "buurtvrijwilligers",
        "mensen",
        "personen",
        "leden",
        "bestuursleden",
        "teamleden",
        "deelnemers",
        "buurtbewoners",
        "coördinatoren",
        "  Bestuursleden. ",
    ],
)
def test_units_that_name_people_count_people(unit):
    assert read_unit(unit) == Unit(PEOPLE)


@pytest.mark.parametrize(
    ("unit", "per"),
    [
        ("uur", ""),
        ("uren", ""),
        ("vrijwilligersuren", ""),
        ("uur per week", "week"),
        ("Uren per week", "week"),
        ("uur/week", "week"),
        ("uur p.w.", "week"),
        ("vrijwilligersuren per maand", "month"),
        ("uren per jaar", "year"),
        ("uur per dag", "day"),
    ],
)
def test_units_that_name_hours_count_hours_per_their_period(unit, per):
    assert read_unit(unit) == Unit(HOURS, per)


@pytest.mark.parametrize(
    "unit",
    [
        "",
        "locaties",
        "% sociale huur",
        "euro",
        "euro per uur",  # a price, not hours
        "vrijwilligers per dag",  # visits of people, not a number of people
        "uur per vrijwilliger",
        "fte",
        "dagdelen",
        "keer per jaar",
    ],
)
def test_other_units_count_neither(unit):
    assert read_unit(unit) is None


def test_labels_of_the_units():
    assert Unit(PEOPLE).label == "mensen"
    assert Unit(HOURS, "week").label == "uur per week"
    assert Unit(HOURS).label == "uur"


# --- adding up -----------------------------------------------------------------------------


def test_per_initiative_the_largest_number_of_people_counts_not_the_sum():
    middelstum = [(1, Decimal(6), "vrijwilligers"), (1, Decimal(140), "vrijwilligers")]
    smilde = [(2, Decimal(2), "bestuursleden")]
    counted = count_volunteers([*middelstum, *smilde], initiatives=6)
    assert counted.people.amount == 140 + 2  # not 148
    assert counted.people.initiatives == 2
    assert counted.people_note == "bij 2 van de 6 initiatieven"
    assert counted.people_number == "142"


def test_people_in_different_words_are_still_people_and_the_largest_counts():
    counted = count_volunteers(
        [(1, Decimal(6), "vaste vrijwilligers"), (1, Decimal(9), "leden")], initiatives=1
    )
    assert (counted.people.amount, counted.people.initiatives) == (9, 1)
    assert counted.people_note == "bij 1 van de 1 initiatief"


def test_hours_stay_apart_from_people_and_from_hours_of_another_period():
    counted = count_volunteers(
        [
            (1, Decimal(140), "vrijwilligers"),
            (1, Decimal(40), "uur per week"),
            (1, Decimal(12), "uren per week"),  # the same initiative: the largest, 40
            (2, Decimal("7.5"), "uur per week"),
            (3, Decimal(200), "vrijwilligersuren per maand"),
        ],
        initiatives=4,
    )
    assert counted.people.amount == 140
    assert [(t.unit.label, t.amount, t.initiatives) for t in counted.hours] == [
        ("uur per week", Decimal("47.5"), 2),
        ("uur per maand", Decimal(200), 1),
    ]
    assert counted.hours[0].text == "47,5 uur per week, bij 2 initiatieven"
    assert counted.hours[1].text == "200 uur per maand, bij 1 initiatief"


def test_amounts_in_another_unit_are_not_counted_and_said_so():
    counted = count_volunteers(
        [(1, Decimal(2), "locaties"), (2, Decimal(5), ""), (2, Decimal(8), "vrijwilligers")],
        initiatives=3,
    )
    assert (counted.people.amount, counted.not_counted) == (8, 2)
    assert counted.not_counted_note == (
        "Bij 2 initiatieven staat een aantal in een andere eenheid (geen mensen of uren); "
        "dat telt niet mee."
    )


def test_nothing_recorded():
    counted = count_volunteers([], initiatives=3)
    assert (counted.people.amount, counted.hours, counted.not_counted) == (0, (), 0)
    assert counted.people_note == "nergens als aantal mensen ingevuld"
    assert counted.not_counted_note == ""


def test_large_numbers_are_written_the_dutch_way():
    counted = count_volunteers([(1, Decimal(1250), "vrijwilligers")], initiatives=1)
    assert counted.people_number == "1.250"


# --- in the portal -------------------------------------------------------------------------


@pytest.fixture
def middelstum_like(world):
    """Smilde (60 volunteers) adds its board and hours; the Odensehuis a building."""
    smilde = world.smilde.theories.get(year=2025)
    ResourceFactory(theory=smilde, amount=140, unit="vrijwilligers")
    ResourceFactory(theory=smilde, amount=6, unit="vaste vrijwilligers")
    ResourceFactory(theory=smilde, amount=2, unit="bestuursleden")
    ResourceFactory(theory=smilde, amount=25, unit="uur per week")
    odensehuis = world.odensehuis.theories.get(year=2025)
    ResourceFactory(theory=odensehuis, amount=2, unit="locaties")
    return world


def test_the_totals_take_the_largest_per_initiative_and_keep_hours_apart(
    municipality_user_a, middelstum_like
):
    volunteers = year_totals(selection_for(municipality_user_a)).volunteers
    assert volunteers.people.amount == 140 + 16  # Smilde's largest, the Odensehuis' 16
    assert volunteers.people_note == "bij 2 van de 2 initiatieven"
    assert [hours.text for hours in volunteers.hours] == ["25 uur per week, bij 1 initiatief"]
    assert volunteers.not_counted == 1


def test_a_kind_that_does_not_count_volunteers_never_counts(municipality_user_a, world):
    smilde = world.smilde.theories.get(year=2025)
    money = ResourceKind.objects.get(name="Geld")
    ResourceFactory(theory=smilde, kind=money, amount=500, unit="leden")
    volunteers = year_totals(selection_for(municipality_user_a)).volunteers
    assert volunteers.people.amount == 60 + 16


def test_the_page_says_how_volunteers_are_counted(municipality_user_a, middelstum_like):
    page = content_of(client_for(municipality_user_a).get(PORTAL).content.decode())
    glance = page[: page.index('id="downloads-heading"')]
    assert ">156<" in glance
    assert "bij 2 van de 2 initiatieven" in glance
    assert "en 25 uur per week, bij 1 initiatief" in glance
    assert "Hoe tellen we dit?" in glance
    assert "Per initiatief telt het grootste aantal mensen dat het noemt, niet de som" in glance
    assert "Bij 1 initiatief staat een aantal in een andere eenheid" in glance
    assert ">224<" not in glance  # 60 + 140 + 6 + 2 + 16: the old sum


def test_the_summary_says_the_same(municipality_user_a, middelstum_like):
    pdf = read_pdf(client_for(municipality_user_a).get(SUMMARY).content)
    assert pdf.pages == 1
    assert pdf.says("156")
    assert pdf.says("bij 2 van de 2 initiatieven")
    assert pdf.says("25 uur per week")
    assert pdf.says("grootste aantal mensen")


def test_the_demo_data_counts_middelstum_once_and_smildes_board_as_people(db):
    """The units the demo initiatives really wrote: Middelstum's team of 6 and network of
    140 "vrijwilligers", Smilde's 2 "bestuursleden", the Odensehuis' 16 "vrijwilligers"."""
    call_command("seed_demo", stdout=io.StringIO())
    rows = Resource.objects.filter(
        theory__year=2025, kind__counts_volunteers=True, amount__isnull=False
    ).values_list("theory__initiative__slug", "amount", "unit")
    counted = count_volunteers(rows, initiatives=TheoryOfChange.objects.filter(year=2025).count())
    per_initiative = {
        slug: count_volunteers([(slug, a, u) for s, a, u in rows if s == slug], initiatives=1)
        for slug in {slug for slug, _amount, _unit in rows}
    }
    assert per_initiative["dorpsloket-middelstum"].people.amount == 140
    assert per_initiative["dorpshuis-smilde"].people.amount == 2
    assert counted.people.amount == sum(c.people.amount for c in per_initiative.values())
    assert counted.not_counted == 0


@pytest.mark.parametrize("count", [3, 30])
def test_the_totals_cost_six_queries_however_many_initiatives(
    municipality_user_a, count, django_assert_num_queries
):
    ResourceKind.objects.filter(name="Vrijwilligers").update(counts_volunteers=True)
    for number in range(count):
        initiative = InitiativeFactory(
            name=f"Initiatief {number}", municipality=municipality("midden-drenthe")
        )
        theory = theory_with_content(initiative, volunteers=number + 1)
        ResourceFactory(theory=theory, amount=number + 1, unit="uur per week")
    selection = selection_for(municipality_user_a)
    with django_assert_num_queries(6):  # the volunteers are one of them
        totals = year_totals(selection)
    assert totals.volunteers.people.amount == count * (count + 1) / 2
    assert totals.volunteers.people.initiatives == count
    assert totals.volunteers.hours[0].initiatives == count
