"""The periods results are counted in: ISO weeks, months, quarters, half years and years.

A period has a code that people type and files carry (`2025-W10`, `2025-03`, `2025-Q1`,
`2025-H1`, `2025`), a first day to sort by, and the year it belongs to. Weeks follow ISO
8601, as Dutch calendars do: week 1 is the week with the year's first Thursday, so
2025-W01 starts on Monday 30 December 2024 and belongs to 2025.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PeriodKind(models.TextChoices):
    WEEK = "week", _("week")
    MONTH = "month", _("maand")
    QUARTER = "quarter", _("kwartaal")
    HALF = "half", _("half jaar")
    YEAR = "year", _("jaar")


# How often an indicator is counted: the rhythms a volunteer chooses from.
class Rhythm(models.TextChoices):
    WEEK = PeriodKind.WEEK.value, _("per week")
    MONTH = PeriodKind.MONTH.value, _("per maand")
    QUARTER = PeriodKind.QUARTER.value, _("per kwartaal")


PLURAL = {
    PeriodKind.WEEK: pgettext_lazy("counted in", "weken"),
    PeriodKind.MONTH: pgettext_lazy("counted in", "maanden"),
    PeriodKind.QUARTER: pgettext_lazy("counted in", "kwartalen"),
    PeriodKind.HALF: pgettext_lazy("counted in", "halve jaren"),
    PeriodKind.YEAR: pgettext_lazy("counted in", "jaren"),
}

_PATTERNS = (
    (PeriodKind.WEEK, re.compile(r"^(\d{4})-?W(\d{1,2})$")),
    (PeriodKind.MONTH, re.compile(r"^(\d{4})-(\d{1,2})$")),
    (PeriodKind.QUARTER, re.compile(r"^(\d{4})-?Q([1-4])$")),
    (PeriodKind.HALF, re.compile(r"^(\d{4})-?H([12])$")),
    (PeriodKind.YEAR, re.compile(r"^(\d{4})()$")),
)


class InvalidPeriod(ValueError):
    """Not a period code, or a week or month that does not exist."""


@dataclass(frozen=True, order=True)
class Period:
    """One week, month, quarter, half year or year. Orders by its first day."""

    starts_on: date
    kind: str  # a PeriodKind
    year: int  # the year it belongs to (the ISO year for weeks)
    number: int  # week, month, quarter or half of that year; 1 for a year

    @classmethod
    def of(cls, kind: str, year: int, number: int = 1) -> Period:
        """The period `number` of `kind` in `year`; InvalidPeriod if it does not exist."""
        try:
            if kind == PeriodKind.WEEK:
                starts_on = date.fromisocalendar(year, number, 1)
            elif kind == PeriodKind.MONTH:
                starts_on = date(year, number, 1)
            elif kind == PeriodKind.QUARTER and 1 <= number <= 4:
                starts_on = date(year, 3 * number - 2, 1)
            elif kind == PeriodKind.HALF and number in (1, 2):
                starts_on = date(year, 6 * number - 5, 1)
            elif kind == PeriodKind.YEAR and number == 1:
                starts_on = date(year, 1, 1)
            else:
                raise InvalidPeriod(f"no {kind} {number} in {year}")
        except ValueError as error:
            raise InvalidPeriod(str(error)) from error
        return cls(starts_on=starts_on, kind=PeriodKind(kind).value, year=year, number=number)

    @classmethod
    def parse(cls, code: str) -> Period:
        """A period from its code: `2025-W10`, `2025-03`, `2025-Q1`, `2025-H1` or `2025`."""
        text = str(code).strip().upper()
        for kind, pattern in _PATTERNS:
            match = pattern.match(text)
            if match:
                return cls.of(kind, int(match[1]), int(match[2] or 1))
        raise InvalidPeriod(f"not a period: {code!r}")

    @classmethod
    def containing(cls, kind: str, day: date) -> Period:
        """The period of `kind` that `day` falls in."""
        if kind == PeriodKind.WEEK:
            iso = day.isocalendar()
            return cls.of(kind, iso.year, iso.week)
        if kind == PeriodKind.MONTH:
            return cls.of(kind, day.year, day.month)
        if kind == PeriodKind.QUARTER:
            return cls.of(kind, day.year, (day.month - 1) // 3 + 1)
        if kind == PeriodKind.HALF:
            return cls.of(kind, day.year, 1 if day.month <= 6 else 2)
        return cls.of(kind, day.year)

    @property
    def code(self) -> str:
        if self.kind == PeriodKind.WEEK:
            return f"{self.year}-W{self.number:02d}"
        if self.kind == PeriodKind.MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind == PeriodKind.QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind == PeriodKind.HALF:
            return f"{self.year}-H{self.number}"
        return str(self.year)

    @property
    def ends_on(self) -> date:
        return self.next().starts_on - timedelta(days=1)

    @property
    def half(self) -> int:
        """The half of its year a period counts in: by its Thursday for a week (as ISO
        decides the year), by its first day otherwise; 0 for a whole year."""
        if self.kind == PeriodKind.YEAR:
            return 0
        day = self.starts_on + timedelta(days=3) if self.kind == PeriodKind.WEEK else self.starts_on
        if day.year != self.year:  # a first or last ISO week spilling over the new year
            return 1 if day.year > self.year else 2
        return 1 if day.month <= 6 else 2

    def next(self) -> Period:
        if self.kind == PeriodKind.WEEK:
            return Period.containing(self.kind, self.starts_on + timedelta(days=7))
        months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6}.get(self.kind, 12)
        month = self.starts_on.month - 1 + months
        return Period.containing(
            self.kind, date(self.starts_on.year + month // 12, month % 12 + 1, 1)
        )

    def previous(self) -> Period:
        return Period.containing(self.kind, self.starts_on - timedelta(days=1))

    @property
    def label(self) -> str:
        """How a person says it: "week 10 (3–9 mrt)", "maart 2025", "1e kwartaal 2025"."""
        if self.kind == PeriodKind.WEEK:
            return _("week %(number)s (%(start)s – %(end)s)") % {
                "number": self.number,
                "start": date_format(self.starts_on, "j M"),
                "end": date_format(self.ends_on, "j M"),
            }
        if self.kind == PeriodKind.MONTH:
            return date_format(self.starts_on, "F Y")
        if self.kind == PeriodKind.QUARTER:
            return _("%(number)se kwartaal %(year)s") % {"number": self.number, "year": self.year}
        if self.kind == PeriodKind.HALF:
            return _("%(number)se helft %(year)s") % {"number": self.number, "year": self.year}
        return str(self.year)

    @property
    def short_label(self) -> str:
        """For a chart's axis: "w10", "mrt", "K1", "H1"."""
        if self.kind == PeriodKind.WEEK:
            return f"w{self.number}"
        if self.kind == PeriodKind.MONTH:
            return date_format(self.starts_on, "b")
        if self.kind == PeriodKind.QUARTER:
            return f"K{self.number}"
        if self.kind == PeriodKind.HALF:
            return f"H{self.number}"
        return str(self.year)


def periods_in_year(kind: str, year: int) -> list[Period]:
    """Every period of `kind` in `year`: 52 or 53 weeks, 12 months, 4 quarters, …"""
    period = Period.of(kind, year, 1)
    periods = []
    while period.year == year:
        periods.append(period)
        period = period.next()
    return periods


def span_label(first: Period, last: Period) -> str:
    """The stretch counted, for a figure's caption: "jan–nov 2025", "week 2–40 2025"."""
    if first == last:
        return first.label
    if first.kind == PeriodKind.WEEK:
        return _("week %(first)s–%(last)s %(year)s") % {
            "first": first.number,
            "last": last.number,
            "year": last.year,
        }
    if first.kind == PeriodKind.MONTH:
        return f"{date_format(first.starts_on, 'b')}–{date_format(last.starts_on, 'b')} {last.year}"
    return f"{first.short_label}–{last.short_label} {last.year}"
