"""Volunteers counted honestly: people as people, hours as hours, nobody twice.

In step 3 (input) an initiative writes its means with an amount and a unit of its own
words: "6 vrijwilligers" (the coordinating team), "140 vrijwilligers" (the network),
"2 bestuursleden", "12 uur per week". Adding every amount of a kind that counts volunteers,
whatever its unit, put hours and people in one number and counted overlapping groups
twice (Middelstum's team of 6 is part of its network of 140: that is not 146 people).
The rules:

1. Only means of a kind flagged `counts_volunteers` (the kind "Vrijwilligers") count, and
   only when they have an amount.
2. The unit decides what the amount counts (`read_unit`): people when it names people
   ("vrijwilligers", "mensen", "personen", "leden", "bestuursleden", "deelnemers",
   "bewoners", …), hours when it names hours ("uur", "uren", "vrijwilligersuren", with or
   without "per week", "per maand", …). Hours per week and hours per month are different
   units and are never added together; neither are people and hours. Any other unit, or
   none, is not counted, and the portal says at how many initiatives that happened.
   "Vrijwilligers per dag" is not a number of people either (it counts visits of people),
   so a number of people with "per …" is not counted.
3. Per initiative the largest number counts, not the sum of its rows: groups an
   initiative names overlap (the board volunteers too), so the largest is what we know
   for certain. The total is a lower bound that counts nobody twice. Hours follow the same
   rule per unit.
4. A total says over how many initiatives it is counted ("bij 4 van 6 initiatieven").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

PEOPLE = "people"
HOURS = "hours"

# Words for people, also at the end of a compound: "bestuursleden", "buurtbewoners",
# "teamleden", "contactpersoon" and "buurtvrijwilligers" count as people.
PEOPLE_WORDS = (
    "vrijwilliger",
    "vrijwilligers",
    "mens",
    "mensen",
    "persoon",
    "personen",
    "lid",
    "leden",
    "deelnemer",
    "deelnemers",
    "bewoner",
    "bewoners",
    "inwoner",
    "inwoners",
    "buren",
    "dorpsgenoten",
    "coördinator",
    "coördinatoren",
    "coordinator",
    "coordinatoren",
    "gastvrouwen",
    "gastheren",
    "maatjes",
    "helpers",
    "chauffeurs",
    "mantelzorgers",
)
# Words for hours; compounds with a linking s ("vrijwilligersuren", "mensuren") too.
HOURS_WORDS = frozenset({"uur", "uren", "u", "manuren", "werkuren", "inzeturen"})
# What may follow "per" (or "/") for hours: the period the hours are counted in.
PERIODS = {
    "dag": "day",
    "week": "week",
    "wk": "week",
    "w": "week",
    "maand": "month",
    "mnd": "month",
    "m": "month",
    "jaar": "year",
    "jr": "year",
    "j": "year",
}
WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Unit:
    """What an amount counts: people, or hours (per day, week, month, year, or plain)."""

    kind: str  # PEOPLE or HOURS
    per: str = ""  # for hours: "", "day", "week", "month" or "year"

    @property
    def label(self) -> str:
        if self.kind == PEOPLE:
            return _("mensen")
        return {
            "": _("uur"),
            "day": _("uur per dag"),
            "week": _("uur per week"),
            "month": _("uur per maand"),
            "year": _("uur per jaar"),
        }[self.per]

    @property
    def order(self) -> tuple[int, int]:
        return (self.kind != PEOPLE, ["", "day", "week", "month", "year"].index(self.per))


def _is_people(word: str) -> bool:
    return word.endswith(PEOPLE_WORDS)


def _is_hours(word: str) -> bool:
    return word in HOURS_WORDS or (word.endswith("suren") and len(word) > 5)


@lru_cache(maxsize=1024)
def read_unit(text: str) -> Unit | None:
    """What a means' unit counts, or None when it counts something else (or is empty).

    >>> read_unit("vrijwilligers"), read_unit("Bestuursleden"), read_unit("vaste leden")
    (Unit(kind='people', per=''), Unit(kind='people', per=''), Unit(kind='people', per=''))
    >>> read_unit("uur per week"), read_unit("vrijwilligersuren/maand")
    (Unit(kind='hours', per='week'), Unit(kind='hours', per='month'))
    >>> read_unit("locaties"), read_unit("vrijwilligers per dag"), read_unit("euro per uur")
    (None, None, None)
    """
    words = WORD.findall(text.lower().replace("/", " per ").replace("p.w.", "per week"))
    if "per" in words:
        split = words.index("per")
        counted, per_words = words[:split], words[split + 1 :]
    else:
        counted, per_words = words, []
    if any(_is_hours(word) for word in counted):
        if not per_words:
            return Unit(HOURS)
        per = PERIODS.get(per_words[0])
        return Unit(HOURS, per) if per and len(per_words) == 1 else None
    if not per_words and any(_is_people(word) for word in counted):
        return Unit(PEOPLE)
    return None


@dataclass(frozen=True)
class Total:
    """One unit's total over the initiatives that recorded it."""

    unit: Unit
    amount: Decimal
    initiatives: int  # how many initiatives it is counted over

    @property
    def number(self) -> str:
        """ "1.250" or "2,5" in Dutch."""
        amount = self.amount.normalize()
        value = int(amount) if amount == amount.to_integral_value() else amount
        return number_format(value, force_grouping=True)

    @property
    def text(self) -> str:
        """ "120 uur per week, bij 2 initiatieven"."""
        return ngettext(
            "%(amount)s %(unit)s, bij %(count)s initiatief",
            "%(amount)s %(unit)s, bij %(count)s initiatieven",
            self.initiatives,
        ) % {"amount": self.number, "unit": self.unit.label, "count": self.initiatives}


@dataclass(frozen=True)
class VolunteerCount:
    """The volunteers of a selection: people, hours per unit, and what was left out."""

    people: Total
    hours: tuple[Total, ...]  # one per unit of hours, "uur per week" first
    not_counted: int  # initiatives with an amount in a unit that is neither people nor hours
    initiatives: int  # the initiatives looked at (with an approved Verandertheorie)

    @property
    def people_number(self) -> str:
        return self.people.number

    @property
    def people_note(self) -> str:
        """Over how many initiatives the number of people is counted."""
        if not self.people.initiatives:
            return _("nergens als aantal mensen ingevuld")
        return ngettext(
            "bij %(counted)s van de %(total)s initiatief",
            "bij %(counted)s van de %(total)s initiatieven",
            self.initiatives,
        ) % {"counted": self.people.initiatives, "total": self.initiatives}

    @property
    def not_counted_note(self) -> str:
        if not self.not_counted:
            return ""
        return ngettext(
            "Bij %(count)s initiatief staat een aantal in een andere eenheid (geen mensen of "
            "uren); dat telt niet mee.",
            "Bij %(count)s initiatieven staat een aantal in een andere eenheid (geen mensen "
            "of uren); dat telt niet mee.",
            self.not_counted,
        ) % {"count": self.not_counted}

    @staticmethod
    def rule() -> str:
        """How the numbers are counted, in plain Dutch for the page and the PDF."""
        return _(
            "Per initiatief telt het grootste aantal mensen dat het noemt, niet de som: een "
            "vast team hoort meestal ook bij de groep vrijwilligers, en zo telt niemand "
            "dubbel. Uren tellen apart, en alleen uren met dezelfde eenheid tellen we op."
        )


def count_volunteers(
    amounts: Iterable[tuple[int, Decimal, str]], *, initiatives: int
) -> VolunteerCount:
    """The volunteers from (initiative id, amount, unit) of the means that count
    volunteers, over `initiatives` initiatives: per initiative and unit the largest amount,
    then added up per unit (see the module's rules)."""
    largest: dict[Unit, dict[int, Decimal]] = defaultdict(dict)
    unreadable: set[int] = set()
    for initiative, amount, text in amounts:
        unit = read_unit(text or "")
        if unit is None:
            unreadable.add(initiative)
            continue
        current = largest[unit].get(initiative)
        if current is None or amount > current:
            largest[unit][initiative] = amount

    def total(unit: Unit) -> Total:
        per_initiative = largest.get(unit, {})
        return Total(unit, sum(per_initiative.values(), Decimal(0)), len(per_initiative))

    hours = sorted((unit for unit in largest if unit.kind == HOURS), key=lambda u: u.order)
    return VolunteerCount(
        people=total(Unit(PEOPLE)),
        hours=tuple(total(unit) for unit in hours),
        not_counted=len(unreadable),
        initiatives=initiatives,
    )
