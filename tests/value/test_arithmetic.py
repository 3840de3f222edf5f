"""The value arithmetic: worked examples a reader can check by hand, the refusals, and
properties that must hold for any amounts (built from whole cents, so they stay exact)."""

from dataclasses import replace
from decimal import Decimal, Inexact
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from impact.value.arithmetic import (
    CORRECTION_STEPS,
    Corrections,
    Range,
    sroi_indication,
    total,
    valued,
)

D = Decimal


def R(low, central, high) -> Range:
    return Range(D(low), D(central), D(high))


# Worked examples


def test_meals_with_deadweight_and_attribution():
    corrections = Corrections(deadweight=25, attribution=50)
    assert corrections.factor() == D("0.375")
    assert valued(D(52), R(4, 6, 9), corrections) == R(78, 117, "175.5")


def test_drop_off_applies_after_the_first_year():
    assert Corrections(drop_off=50, years=3).factor() == D("1.75")  # 1 + 0.5 + 0.25
    assert Corrections(drop_off=100, years=3).factor() == 1  # only the first year counts
    assert Corrections(drop_off=0, years=4).factor() == 4


def test_no_corrections_keep_the_value():
    assert Corrections().factor() == 1
    assert valued(D(3), R(1, 2, 3), Corrections()) == R(3, 6, 9)


def test_sroi_indication():
    assert sroi_indication(R(2100, 3000, 4800), D(1000)) == R("2.10", "3.00", "4.80")


def test_sroi_rounds_an_inexact_ratio_outward():
    assert sroi_indication(R(1000, 1000, 2000), D(3000)) == R("0.33", "0.33", "0.67")


def test_rounding_goes_outward():
    assert Range(D(1) / 3, D(1) / 2, D(2) / 3).rounded() == R("0.33", "0.50", "0.67")
    # Half-up would make low 0.13 and high (0.134) 0.13: floor and ceiling differ from it.
    assert R("0.125", "0.125", "0.125").rounded() == R("0.12", "0.13", "0.13")
    assert R("0.126", "0.126", "0.134").rounded() == R("0.12", "0.13", "0.14")
    assert R("1.5", "1.5", "1.5").rounded(0) == R(1, 2, 2)


def test_total_and_add():
    assert total([]) == Range.zero()
    assert total([R(1, 2, 3), R(4, 5, 6)]) == R(5, 7, 9)
    assert R(1, 2, 3).scaled(D("0.5")) == R("0.5", 1, "1.5")


# Refusals


@pytest.mark.parametrize("field", ["deadweight", "attribution", "drop_off"])
@pytest.mark.parametrize("percentage", [30, -25, 125])
def test_only_fixed_steps(field, percentage):
    with pytest.raises(ValueError):
        Corrections(**{field: percentage})


@pytest.mark.parametrize("years", [0, 11, -1, 1.5])
def test_years_from_one_to_ten(years):
    with pytest.raises(ValueError):
        Corrections(years=years)


def test_negative_quantity():
    with pytest.raises(ValueError):
        valued(D(-1), R(1, 2, 3), Corrections())


@pytest.mark.parametrize(
    "bounds", [(2, 1, 3), (1, 3, 2), (-1, 0, 1), (-3, -2, -1), ("NaN", 1, 2), (0, 1, "Infinity")]
)
def test_a_range_is_ordered_and_finite(bounds):
    with pytest.raises(ValueError):
        R(*bounds)


def test_a_range_holds_no_floats():
    with pytest.raises(TypeError):
        Range(0.1, 0.2, 0.3)


def test_negative_scale():
    with pytest.raises(ValueError):
        R(1, 2, 3).scaled(D(-1))


def test_an_amount_too_precise_to_stay_exact_is_refused():
    many_digits = D("1." + "1" * 60)
    with pytest.raises(Inexact):
        R(1, 1, 1).scaled(many_digits).scaled(many_digits)


@pytest.mark.parametrize("costs", [None, D(0), D(-1000)])
def test_no_ratio_without_costs(costs):
    assert sroi_indication(R(2100, 3000, 4800), costs) is None


# Properties

amounts = st.integers(0, 10**6).map(lambda cents: D(cents) / 100)
costs = st.integers(1, 10**6).map(lambda cents: D(cents) / 100)
ranges = st.lists(amounts, min_size=3, max_size=3).map(lambda bounds: Range(*sorted(bounds)))
steps = st.sampled_from(CORRECTION_STEPS)
years = st.integers(1, 10)
corrections = st.builds(Corrections, steps, steps, steps, years)
fast = settings(max_examples=200, deadline=None)


def bounds(value: Range) -> tuple[Decimal, Decimal, Decimal]:
    return value.low, value.central, value.high


def at_most(smaller: Range, larger: Range) -> bool:
    return all(a <= b for a, b in zip(bounds(smaller), bounds(larger), strict=True))


@fast
@given(amounts, ranges, corrections, costs)
def test_results_stay_ordered(quantity, price, correction, cost):
    value = valued(quantity, price, correction)
    ratio = sroi_indication(value, cost)
    for result in (value, ratio):
        assert 0 <= result.low <= result.central <= result.high


@fast
@given(
    amounts,
    ranges,
    corrections,
    st.sampled_from(["deadweight", "attribution", "drop_off"]),
    steps,
    steps,
)
def test_more_correction_never_adds_value(quantity, price, correction, field, one, other):
    less = replace(correction, **{field: min(one, other)})
    more = replace(correction, **{field: max(one, other)})
    assert at_most(valued(quantity, price, more), valued(quantity, price, less))


@fast
@given(amounts, ranges, corrections)
def test_nothing_counted_or_all_deadweight_is_worth_nothing(quantity, price, correction):
    assert valued(D(0), price, correction) == Range.zero()
    all_deadweight = replace(correction, deadweight=100)
    assert valued(quantity, price, all_deadweight) == Range.zero()


@fast
@given(amounts, ranges, steps, steps, steps)
def test_one_year_ignores_drop_off(quantity, price, deadweight, attribution, drop_off):
    base = Corrections(deadweight, attribution, 0, 1)
    with_drop_off = Corrections(deadweight, attribution, drop_off, 1)
    assert valued(quantity, price, with_drop_off) == valued(quantity, price, base)


@fast
@given(amounts, ranges, steps, steps, years)
def test_no_drop_off_multiplies_by_years(quantity, price, deadweight, attribution, duration):
    one_year = valued(quantity, price, Corrections(deadweight, attribution, 0, 1))
    lasting = valued(quantity, price, Corrections(deadweight, attribution, 0, duration))
    assert lasting == one_year.scaled(D(duration))


@fast
@given(ranges, costs)
def test_rounded_ratio_contains_the_exact_ratio(value, cost):
    ratio = sroi_indication(value, cost)
    exact = [Fraction(bound) / Fraction(cost) for bound in bounds(value)]
    assert Fraction(ratio.low) <= exact[0]
    assert abs(Fraction(ratio.central) - exact[1]) <= Fraction(1, 200)
    assert Fraction(ratio.high) >= exact[2]
    assert all(bound == bound.quantize(D("0.01")) for bound in bounds(ratio))


@fast
@given(st.lists(ranges, max_size=8))
def test_total_adds_one_by_one(values):
    expected = Range.zero()
    for value in values:
        expected = expected + value
    assert total(values) == expected
