"""How an indicator's counts become the year's figure, as plain values the pages, the fact
sheet and the portal show alike."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from theory_of_change.results import charts
from theory_of_change.results.models import Aggregation, Busyness
from theory_of_change.results.periods import PLURAL, Period, periods_in_year, span_label

# "Te druk" in this many of the last logbook weeks is a sign that volunteers are overloaded.
OVERLOAD_WEEKS = 4
OVERLOAD_TOO_BUSY = 3


@dataclass(frozen=True)
class Tally:
    """An indicator's figure for its year: computed from the counts, or stated instead."""

    rhythm: str  # a Rhythm: the periods it is counted in
    aggregation: str  # an Aggregation
    year: int
    computed: int | None  # from the counts; None when nothing was counted
    periods_counted: int
    first: str | None  # Period codes of the first and last period counted
    last: str | None
    override: int | None = None
    override_reason: str = ""

    @property
    def value(self) -> int | None:
        """The figure to show: the stated one when there is one."""
        return self.override if self.override is not None else self.computed

    @property
    def is_override(self) -> bool:
        return self.override is not None

    @property
    def periods_in_year(self) -> int:
        return len(periods_in_year(self.rhythm, self.year))

    @property
    def counted_label(self) -> str:
        """ "geteld in 38 van 52 weken"."""
        return _("geteld in %(counted)s van %(total)s %(periods)s") % {
            "counted": self.periods_counted,
            "total": self.periods_in_year,
            "periods": PLURAL[self.rhythm],
        }

    @property
    def span_label(self) -> str:
        """The stretch counted: "jan–nov 2025"; "" when nothing was counted."""
        if not self.first:
            return ""
        return span_label(Period.parse(self.first), Period.parse(self.last))

    @property
    def source_label(self) -> str:
        """What the figure stands on, in a few words for a caption."""
        if self.is_override:
            return _("vastgesteld: %(reason)s") % {"reason": self.override_reason}
        if self.computed is None:
            return _("nog niets geteld")
        return _("geteld %(span)s") % {"span": self.span_label}


def total_caption(tally: Tally) -> str:
    """ "opgeteld over jan–nov 2025", "laatste stand: november 2025": what the computed
    figure is and over which periods."""
    if tally.computed is None:
        return _("nog niets geteld")
    if tally.aggregation == Aggregation.LATEST:
        return _("laatste stand: %(period)s") % {"period": Period.parse(tally.last).label}
    if tally.aggregation == Aggregation.MAXIMUM:
        return _("hoogste stand in %(span)s") % {"span": tally.span_label}
    return _("opgeteld over %(span)s") % {"span": tally.span_label}


def share_label(agreeing: int, respondents: int) -> str:
    """ "18 van de 24 deelnemers (75%)": a questionnaire's share, never without its n."""
    return _("%(agreeing)s van de %(respondents)s deelnemers (%(percent)s%%)") % {
        "agreeing": charts.number(agreeing),
        "respondents": charts.number(respondents),
        "percent": charts.percentage(agreeing, respondents),
    }


def combine(aggregation: str, values_by_period: list[tuple[str, int]]) -> int | None:
    """The year's figure from (period code, value) pairs in period order: the rule the
    database queries in `selectors` follow, for values already loaded."""
    if not values_by_period:
        return None
    values = [value for _period, value in values_by_period]
    if aggregation == Aggregation.LATEST:
        return values[-1]
    if aggregation == Aggregation.MAXIMUM:
        return max(values)
    return sum(values)


@dataclass(frozen=True)
class Overload:
    """ "Te druk" in most of the last logbook weeks: volunteers may be overloaded."""

    too_busy: int
    weeks: list[str]  # the Period codes looked at, oldest first

    @property
    def label(self) -> str:
        text = _("%(too_busy)s van de laatste %(weeks)s weken in het logboek te druk (%(span)s)")
        return text % {
            "too_busy": self.too_busy,
            "weeks": len(self.weeks),
            "span": span_label(Period.parse(self.weeks[0]), Period.parse(self.weeks[-1])),
        }


def overload(latest_weeks: list[tuple[str, str]]) -> Overload | None:
    """The signal from the newest logbook weeks as (week code, busyness), newest first."""
    weeks = latest_weeks[:OVERLOAD_WEEKS]
    too_busy = sum(busyness == Busyness.TOO_BUSY for _week, busyness in weeks)
    if too_busy < OVERLOAD_TOO_BUSY:
        return None
    return Overload(too_busy=too_busy, weeks=[week for week, _busyness in reversed(weeks)])
