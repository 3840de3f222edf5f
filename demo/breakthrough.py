"""A doorbraak case for the demo: Welzijn Westerwolde's, not yet approved, so the demo shows
that `gemeente.westerwolde` does not see it until an advisor approves it.

The situation is invented for the demo and anonymous (the publication describes no single
household); the hours and the case's cost are example figures, as the text says. The
amounts per hour come from a real, named source, written out in the note.
"""

from __future__ import annotations

from decimal import Decimal

from demo import data as demo_data
from impact.models import AvoidedCost, Beneficiary, BreakthroughCase
from impact.value.breakthrough.models import Likelihood
from initiatives.models import User
from theory_of_change.models import TheoryOfChange

WESTERWOLDE = "welzijn-westerwolde"

VENRAY_PGB = {
    "source_title": "Hoogte persoonsgebonden budget (pgb) Wmo, gemeente Venray",
    "source_year": 2026,
    "source_url": "https://www.venray.nl/hoogte-persoonsgebonden-budget-pgb-wmo",
}
HOURS = 24  # example figure: 3 hours a week for 8 weeks
PROFESSIONAL_RATE = Decimal("30.29")  # "Hulp bij het huishouden € 30,29 per uur"
# "a pgb for non-professional support is at most 75% of the lowest professional tariff"
INFORMAL_RATE = PROFESSIONAL_RATE * Decimal("0.75")


def seed_breakthrough_cases(theories: dict[str, TheoryOfChange]) -> int:
    """The demo case, on Welzijn Westerwolde's theory when this run created it (a theory
    that already existed is left as it is). Returns how many cases it made."""
    theory = theories.get(WESTERWOLDE)
    if theory is None:
        return 0
    volunteer = User.objects.filter(
        username=demo_data.VOLUNTEER_USERNAME.format(slug=WESTERWOLDE)
    ).first()
    case = BreakthroughCase(
        theory=theory,
        situation=(
            "Een inwoner van boven de 80 die alleen woont, kwam na een ziekenhuisopname thuis en "
            "kon het huishouden niet meer aan. De wachttijd voor hulp via de Wmo was weken."
        ),
        arranged=(
            "Een vrijwilliger van Welzijn Westerwolde zocht samen met buren een oplossing: twee "
            "buren deden acht weken lang het zware huishoudelijke werk, tot de inwoner het weer "
            "zelf kon. Welzijn Westerwolde betaalde hun reiskosten. (Demo-casus: de bedragen "
            "en het aantal uren zijn voorbeeldcijfers.)"
        ),
        cost=Decimal("120.00"),
        created_by=volunteer,
    )
    case.full_clean()
    case.save()
    cost = AvoidedCost(
        case=case,
        description="Hulp bij het huishouden via de Wmo, 24 uur (3 uur per week, 8 weken)",
        low=(INFORMAL_RATE * HOURS).quantize(Decimal("0.01")),
        high=PROFESSIONAL_RATE * HOURS,
        note=(
            "De pagina noemt als maximale tarieven voor professionele ondersteuning: "
            "'Hulp bij het huishouden € 30,29 per uur', en zegt dat een pgb voor "
            "niet-professionele hulp ten hoogste 75% van het laagste professionele tarief is "
            "(afgerond € 22,72 per uur). Laag: 24 × 75% × € 30,29 = € 545,22; hoog: "
            "24 × € 30,29 = € 726,96. "
            "De 24 uur is een voorbeeldcijfer. Geraadpleegd december 2026; de pagina noemt "
            "geen jaartal."
        ),
        beneficiary=Beneficiary.MUNICIPALITY,
        likelihood=Likelihood.LIKELY,
        **VENRAY_PGB,
    )
    cost.full_clean()
    cost.save()
    return 1
