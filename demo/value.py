"""A small price list for the demo, and Smilde's village dinners valued with it.

Every amount comes from one public page that anyone can check: the maximum tariffs that
gemeente Venray pays for support under the Wmo, and its rule that a personal budget for
non-professional help is at most 75% of the lowest professional tariff. That rule gives each
range its low end. The page names no year, so the price year is the year it was consulted.
Where an item combines tariffs (hours × participants), the note says so: it is the advisor's
reading of the source, shown wherever the price is used.

It is a demo list: CMO STAMM's advisors set the real one on /advies/prijslijst/.
"""

from __future__ import annotations

from decimal import Decimal

from impact.value import services
from impact.value.arithmetic import Corrections
from impact.value.models import Beneficiary, PriceItem, PriceVersion
from initiatives.models import User
from theory_of_change.models import TheoryOfChange

VENRAY = {
    "source_title": "Gemeente Venray, Hoogte persoonsgebonden budget (pgb) Wmo",
    "source_year": 2026,
    "source_url": "https://www.venray.nl/hoogte-persoonsgebonden-budget-pgb-wmo",
    "price_year": 2026,
}
CONSULTED = "Geraadpleegd in december 2026; de pagina noemt geen jaartal."

PRICE_LIST = [
    {
        "name": "Een ontmoetingsbijeenkomst in plaats van groepsbegeleiding",
        "unit": "bijeenkomst van 3 uur met 8 deelnemers",
        "beneficiary": Beneficiary.MUNICIPALITY,
        "low": Decimal("136.32"),
        "central": Decimal("181.68"),
        "high": Decimal("256.32"),
        "note": (
            "3 uur × 8 deelnemers × het uurtarief groepsbegeleiding: midden € 7,57 (licht), "
            "hoog € 10,68 (midden), laag € 5,68 (75% van licht, het pgb voor niet-professionele "
            "hulp). De 8 deelnemers die anders groepsbegeleiding zouden krijgen zijn een "
            f"aanname van de demo. {CONSULTED}"
        ),
    },
    {
        "name": "Een uur hulp bij het huishouden",
        "unit": "uur",
        "beneficiary": Beneficiary.MUNICIPALITY,
        "low": Decimal("22.72"),
        "central": Decimal("30.29"),
        "high": Decimal("30.29"),
        "note": (
            "Hoog en midden: het tarief voor professionele hulp bij het huishouden, € 30,29 per "
            f"uur. Laag: 75% daarvan, het pgb voor niet-professionele hulp. {CONSULTED}"
        ),
    },
    {
        "name": "Een uur individuele begeleiding",
        "unit": "uur",
        "beneficiary": Beneficiary.MUNICIPALITY,
        "low": Decimal("45.00"),
        "central": Decimal("60.00"),
        "high": Decimal("69.00"),
        "note": (
            "Midden: individuele begeleiding basis, € 60,00 per uur. Hoog: specialistisch, "
            "€ 69,00. Laag: 75% van basis, het pgb voor niet-professionele hulp. "
            f"{CONSULTED}"
        ),
    },
]

# Smilde values its village dinners (the first output of step 5) with the meeting price:
# some guests would have met elsewhere, and the volunteers are not the only reason.
SMILDE_DINNERS = {
    "output": 0,
    "price": PRICE_LIST[0]["name"],
    "corrections": Corrections(deadweight=25, attribution=25, drop_off=0, years=1),
}


def seed_price_list(*, by: User) -> int:
    """The demo's price list; items that exist already keep their versions. Returns how
    many items it added."""
    added = 0
    for entry in PRICE_LIST:
        item_fields = {key: entry[key] for key in ("unit", "beneficiary")}
        item, created = PriceItem.objects.get_or_create(name=entry["name"], defaults=item_fields)
        if created:
            PriceVersion.objects.create(
                item=item,
                created_by=by,
                note=entry["note"],
                **{key: entry[key] for key in ("low", "central", "high")},
                **VENRAY,
            )
            added += 1
    return added


def seed_smilde_value(theory: TheoryOfChange, *, advisor: User) -> None:
    """Smilde's dinners valued (as its volunteer would) and approved by the advisor, so the approved
    fact sheet shows a value range with its source."""
    output = list(theory.outputs.order_by("position", "pk"))[SMILDE_DINNERS["output"]]
    price = PriceVersion.objects.filter(item__name=SMILDE_DINNERS["price"]).order_by("-pk").first()
    services.valuation_save(
        theory=theory, subject=output, price=price, corrections=SMILDE_DINNERS["corrections"]
    )
    services.valuation_approve(subject=output, by=advisor)
