"""The value in euros in the municipality portal: approved valuations only, totals split by
who benefits and marked "bij 1 van de 2 initiatieven", never a ranking of initiatives; the
export carries every range and source."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from impact.value import services
from impact.value.arithmetic import Corrections
from impact.value.breakthrough.models import AvoidedCost, BreakthroughCase
from impact.value.breakthrough.services import case_approve, case_save
from impact.value.models import Beneficiary, PriceVersion
from tests.conftest import client_for
from tests.factories import price as a_price
from tests.factsheet.conftest import read_pdf
from tests.portal.test_portal import PORTAL, SUMMARY, read_csv, read_xlsx
from theory_of_change.models import TheoryOfChange

EXPORT_CSV = reverse("portal:value_export", args=["csv"])
EXPORT_XLSX = reverse("portal:value_export", args=["xlsx"])


def price(name: str, beneficiary: str, advisor, low=4, central=6, high=9) -> PriceVersion:
    return a_price(
        name,
        unit="keer",
        beneficiary=beneficiary,
        low=low,
        central=central,
        high=high,
        source_title=f"Bron van {name}",
        source_url="https://example.org/bron",
        by=advisor,
    )


def value(initiative, description: str, version: PriceVersion, advisor=None) -> None:
    output = initiative.theories.get(year=2025).outputs.get(description=description)
    services.valuation_save(
        theory=output.theory,
        subject=output,
        price=version,
        corrections=Corrections(deadweight=50),
    )
    if advisor is not None:
        services.valuation_approve(subject=output, by=advisor)


@pytest.fixture
def valued(world, advisor):
    """Smilde: dinners (37) and visitors (320) approved; Odensehuis: meetings (45) only
    proposed; Middelstum (another municipality): help requests (612) approved."""
    meal = price("Een maaltijd", Beneficiary.RESIDENT, advisor)
    visit = price("Een bezoek", Beneficiary.MUNICIPALITY, advisor, low=1, central=2, high=3)
    value(world.smilde, "Aantal dorpsdiners", meal, advisor)
    value(world.smilde, "Aantal bezoekers per week", visit, advisor)
    value(world.odensehuis, "Aantal ontmoetingen", visit)
    value(world.middelstum, "Aantal hulpvragen", visit, advisor)
    return world


def glance(user) -> tuple[str, object]:
    return glance_of(client_for(user))


def glance_of(client, params=None) -> tuple[str, object]:
    response = client.get(PORTAL, params or {})
    page = response.content.decode()
    section = page[
        page.index('id="waarde-heading"') : page.index(
            "</section>", page.index('id="waarde-heading"')
        )
    ]
    return section, response.context["overview"].value


def test_the_portal_adds_up_approved_valuations_of_its_municipality_by_who_benefits(
    municipality_user_a, valued
):
    section, value = glance(municipality_user_a)

    # Smilde only: 37 × € 4–9 × 50% (residents) and 320 × € 1–3 × 50% (municipality).
    assert value.initiatives == 1
    assert [(who, r.low, r.high) for who, r in value.by_beneficiary] == [
        ("Gemeente", Decimal(160), Decimal(480)),
        ("Inwoner", Decimal(74), Decimal(167)),  # € 166.50, rounded outward
    ]
    assert "Bij 1 van de 2 initiatieven met een goedgekeurde verandertheorie" in section
    assert "samen € 234 tot € 647" in section
    assert "Bron van Een bezoek (2024); Bron van Een maaltijd (2024)" in section
    # A total by who benefits, never an initiative's euros: no names in the section.
    for name in ("Dorpshuis Smilde", "Odensehuis", "Middelstum"):
        assert name not in section


def test_a_proposal_counts_only_once_approved_and_the_portal_follows_at_once(
    municipality_user_a, valued, advisor
):
    output = valued.odensehuis.theories.get(year=2025).outputs.get()
    services.valuation_approve(subject=output, by=advisor)

    section, value = glance(municipality_user_a)

    assert value.initiatives == 2
    assert "Bij 2 van de 2 initiatieven" in section


def test_without_approved_valuations_the_portal_says_so_and_shows_no_amount(
    municipality_user_a, world
):
    section, value = glance(municipality_user_a)

    assert value.initiatives == 0
    assert "nog geen waardering in euro's goedgekeurd" in section
    assert "€" not in section


def test_the_export_has_a_row_per_approved_valuation_with_ranges_and_sources(
    municipality_user_a, valued
):
    client = client_for(municipality_user_a)
    header, *rows = read_csv(client.get(EXPORT_CSV))

    assert [row[header.index("Initiatief")] for row in rows] == ["Dorpshuis Smilde"] * 2
    dinners = dict(zip(header, rows[0], strict=True))
    assert dinners["Resultaat of effect"] == "Aantal dorpsdiners"
    assert dinners["Soort"] == "resultaat (stap 5)"
    assert dinners["Gemeten"] == "37"
    assert dinners["Wie heeft er baat bij"] == "Inwoner"
    assert (dinners["Prijs laag"], dinners["Prijs hoog"]) == ("4,00", "9,00")
    assert dinners["Bron"] == "Bron van Een maaltijd"
    assert dinners["Link naar de bron"] == "https://example.org/bron"
    assert dinners["Was ook zonder het initiatief gebeurd (%)"] == "50"
    assert (dinners["Waarde laag (indicatie)"], dinners["Waarde hoog (indicatie)"]) == (
        "74,00",
        "166,50",
    )
    xlsx_header, *xlsx_rows = read_xlsx(client.get(EXPORT_XLSX))
    assert xlsx_rows[0][xlsx_header.index("Waarde hoog (indicatie)")] == Decimal("166.50")


def test_the_printed_summary_carries_the_value_too(municipality_user_a, valued):
    pdf = read_pdf(client_for(municipality_user_a).get(SUMMARY).content)

    assert pdf.pages == 1
    assert pdf.says("Waarde in euro's 2025 (indicatie)")
    assert pdf.says("samen € 234 tot € 647")


def make_case(initiative, version: PriceVersion, *, approved_by=None) -> BreakthroughCase:
    """A case of the initiative's 2025 theory avoiding 10 × the price, likely (75%)."""
    case = case_save(
        theory=initiative.theories.get(year=2025),
        case=BreakthroughCase(situation="Een huishouden zonder hulp", arranged="Buren", cost=100),
        costs=[AvoidedCost(price=version, quantity=10, likelihood=75, beneficiary="gemeente")],
        removed=[],
        by=None,
    )
    if approved_by is not None:
        case_approve(case=case, by=approved_by)
    return case


def test_approved_doorbraak_cases_show_in_the_portal_with_who_would_have_paid(
    municipality_user_a, world, advisor
):
    visit = price("Een bezoek", Beneficiary.MUNICIPALITY, advisor, low=1, central=2, high=3)
    make_case(world.smilde, visit, approved_by=advisor)
    make_case(world.odensehuis, visit)  # a proposal: not for the municipality
    make_case(world.middelstum, visit, approved_by=advisor)  # another municipality

    section, _value = glance(municipality_user_a)

    # 10 × € 1–3 × 75%: € 7.50 to € 22.50, rounded outward.
    assert "Daarnaast één goedgekeurde doorbraakcasus" in section
    assert "kostte € 100 en voorkwam naar schatting € 7 tot € 23 aan kosten" in section
    assert "Gemeente € 7 tot € 23" in section
    smilde_cases = reverse("breakthrough:list", kwargs={"slug": "dorpshuis-smilde", "year": 2025})
    assert f'href="{smilde_cases}"' in section
    assert "Odensehuis" not in section and "Middelstum" not in section


def test_approving_a_case_of_a_draft_year_updates_the_cached_portal(
    municipality_user_a, world, advisor
):
    visit = price("Een bezoek", Beneficiary.MUNICIPALITY, advisor, low=1, central=2, high=3)
    case = make_case(world.bovensmilde, visit)  # its 2025 theory is a draft
    assert "doorbraakcasus" not in glance(municipality_user_a)[0]

    case_approve(case=case, by=advisor)

    assert "Daarnaast één goedgekeurde doorbraakcasus" in glance(municipality_user_a)[0]


def test_the_doorbraak_export_has_a_row_per_avoided_cost_of_approved_cases_only(
    municipality_user_a, world, advisor
):
    visit = price("Een bezoek", Beneficiary.MUNICIPALITY, advisor, low=1, central=2, high=3)
    make_case(world.smilde, visit, approved_by=advisor)
    make_case(world.odensehuis, visit)  # a proposal
    make_case(world.middelstum, visit, approved_by=advisor)  # another municipality
    client = client_for(municipality_user_a)

    header, *rows = read_csv(client.get(reverse("portal:breakthrough_export", args=["csv"])))

    assert [row[header.index("Initiatief")] for row in rows] == ["Dorpshuis Smilde"]
    row = dict(zip(header, rows[0], strict=True))
    assert row["Situatie"] == "Een huishouden zonder hulp"
    assert row["Prijs van de prijslijst"] == "Een bezoek"
    assert (row["Bedrag laag"], row["Bedrag hoog"]) == ("1,00", "3,00")
    assert row["Bron"] == "Bron van Een bezoek"
    assert row["Hoe waarschijnlijk (%)"] == "75"
    # 10 × € 1–3 × 75%.
    assert (
        row["Voorkomen laag (indicatie, gewogen)"],
        row["Voorkomen hoog (indicatie, gewogen)"],
    ) == (
        "7,50",
        "22,50",
    )
    xlsx_header, *xlsx_rows = read_xlsx(
        client.get(reverse("portal:breakthrough_export", args=["xlsx"]))
    )
    assert len(xlsx_rows) == 1


def test_a_year_with_only_an_approved_case_is_offered_in_the_portal(
    municipality_user_a, world, advisor
):
    """Westerwolde's demo: a draft Verandertheorie whose doorbraak case was approved."""
    visit = price("Een bezoek", Beneficiary.MUNICIPALITY, advisor)
    draft = TheoryOfChange.objects.create(initiative=world.bovensmilde, year=2031)
    client = client_for(municipality_user_a)

    def years() -> list[int]:
        return [year for year, _label in client.get(PORTAL).context["form"].fields["jaar"].choices]

    case = case_save(
        theory=draft,
        case=BreakthroughCase(situation="Een huishouden", arranged="Buren", cost=0),
        costs=[AvoidedCost(price=visit, quantity=1, likelihood=50, beneficiary="gemeente")],
        removed=[],
        by=None,
    )
    assert 2031 not in years()

    case_approve(case=case, by=advisor)

    assert years()[0] == 2031
    section, _value = glance_of(client, {"jaar": 2031})
    assert "Daarnaast één goedgekeurde doorbraakcasus" in section
