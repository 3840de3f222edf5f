"""The numbers behind "voor elke euro €2,10 tot €4,80 aan maatschappelijke waarde, indicatie".

A price per result (a meal, a visit, an hour of company) comes from sources that disagree, so
every amount is a range: a low, a central and a high estimate. Carrying the whole range from
price to SROI ratio keeps the uncertainty visible; one number would suggest a precision that
no source has. The corrections (deadweight, attribution, drop-off, duration) are asked of
volunteers in plain words with fixed steps, so they are whole percentages from a short list.

Everything is Decimal and exact until the final ratio. That ratio is rounded outward (low
down, high up), so the rounded range always contains the exact one: rounding may widen an
indication, never narrow it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import (
    ROUND_CEILING,
    ROUND_FLOOR,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    localcontext,
)

CORRECTION_STEPS = (0, 25, 50, 75, 100)
MAX_YEARS = 10

_PRECISION = 100  # far more digits than any amount here has, so sums and products stay exact
_SIGNALS = [InvalidOperation, DivisionByZero, Overflow]
# Trapping Inexact turns a silently rounded "exact" amount into an error.
_EXACT = Context(prec=_PRECISION, traps=[*_SIGNALS, Inexact])


def _rounding(mode: str) -> Context:
    return Context(prec=_PRECISION, rounding=mode, traps=_SIGNALS)


@dataclass(frozen=True)
class Range:
    low: Decimal
    central: Decimal
    high: Decimal

    def __post_init__(self):
        bounds = (self.low, self.central, self.high)
        if not all(isinstance(bound, Decimal) for bound in bounds):
            raise TypeError(f"A range holds Decimals, not {[type(b).__name__ for b in bounds]}.")
        if not all(bound.is_finite() for bound in bounds):
            raise ValueError(f"A range holds finite amounts, not {bounds}.")
        if not 0 <= self.low <= self.central <= self.high:
            raise ValueError(f"Need 0 <= low <= central <= high, got {bounds}.")

    @classmethod
    def zero(cls) -> "Range":
        return cls(Decimal(0), Decimal(0), Decimal(0))

    def scaled(self, factor: Decimal) -> "Range":
        if factor < 0:
            raise ValueError(f"A range scales by a factor >= 0, not {factor}.")
        with localcontext(_EXACT):
            return Range(self.low * factor, self.central * factor, self.high * factor)

    def __add__(self, other: "Range") -> "Range":
        if not isinstance(other, Range):
            return NotImplemented
        with localcontext(_EXACT):
            return Range(self.low + other.low, self.central + other.central, self.high + other.high)

    def rounded(self, places: int = 2) -> "Range":
        """Low rounds down and high up, so the rounded range contains this one and never
        claims more precision or a narrower span; central rounds the way people expect."""
        step = Decimal(1).scaleb(-places)
        return Range(
            self.low.quantize(step, context=_rounding(ROUND_FLOOR)),
            self.central.quantize(step, context=_rounding(ROUND_HALF_UP)),
            self.high.quantize(step, context=_rounding(ROUND_CEILING)),
        )


def total(values: Iterable[Range]) -> Range:
    return sum(values, Range.zero())


@dataclass(frozen=True)
class Corrections:
    """How much of a valued result counts as this initiative's own, lasting effect.

    deadweight: "hoeveel was er ook zonder jullie gebeurd?"
    attribution: "welk deel komt door anderen?"
    drop_off: how much of the effect fades each year after the first.
    years: how many years the effect lasts.
    """

    deadweight: int = 0
    attribution: int = 0
    drop_off: int = 0
    years: int = 1

    def __post_init__(self):
        for name in ("deadweight", "attribution", "drop_off"):
            percentage = getattr(self, name)
            if percentage not in CORRECTION_STEPS:
                raise ValueError(f"{name} must be one of {CORRECTION_STEPS}, not {percentage!r}.")
        if not isinstance(self.years, int) or not 1 <= self.years <= MAX_YEARS:
            raise ValueError(f"years must be 1 to {MAX_YEARS}, not {self.years!r}.")

    def factor(self) -> Decimal:
        """Standard SROI: the first year counts whole, drop-off applies to each later year."""
        with localcontext(_EXACT):
            kept = (1 - Decimal(self.deadweight) / 100) * (1 - Decimal(self.attribution) / 100)
            remaining = 1 - Decimal(self.drop_off) / 100
            # The first year starts the sum, which also keeps 0 ** 0 (undefined) out of it.
            return kept * sum((remaining**year for year in range(1, self.years)), Decimal(1))


def valued(quantity: Decimal, price: Range, corrections: Corrections) -> Range:
    if quantity < 0:
        raise ValueError(f"A quantity is >= 0, not {quantity}.")
    with localcontext(_EXACT):
        return price.scaled(quantity * corrections.factor())


def sroi_indication(value: Range, costs: Decimal | None) -> Range | None:
    """No ratio when costs are unknown (or zero): a ratio on made-up costs would mislead.

    The division leans the same way as the rounding that follows (low and central down, high
    up), so dropping the quotient's last digits can never push a bound across a rounding step.
    """
    if costs is None or costs <= 0:
        return None
    down, up = _rounding(ROUND_FLOOR), _rounding(ROUND_CEILING)
    return Range(
        down.divide(value.low, costs),
        down.divide(value.central, costs),
        up.divide(value.high, costs),
    ).rounded(2)
