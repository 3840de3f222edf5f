"""The value in euros on the fact sheet: only from approved valuations, always a range,
with a footnote naming its sources; cached sheets follow every valuation change, and a
later change of the price list leaves an approved sheet as it was."""

from __future__ import annotations

import logging
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage

from impact.factsheet import render
from impact.factsheet.data import build_factsheet
from impact.factsheet.render import A3, A4, BUDGETS_BY_VARIANT, cached_pdf, sheet_stamp
from impact.value import services
from impact.value.arithmetic import Corrections
from impact.value.models import PriceVersion
from tests.factories import OutputFactory, price, survey_result
from tests.factsheet.conftest import A3_SIZE, A4_SIZE, read_pdf
from tests.factsheet.maximal import make_maximal, value_maximal
from theory_of_change.models import TheoryOfChange
from theory_of_change.selectors import with_content

SOURCE = "Kengetallen sociaal domein"


@pytest.fixture(autouse=True)
def renderer_errors(caplog):
    caplog.set_level(logging.ERROR, logger=render.__name__)


@pytest.fixture
def meal_price(advisor):
    return price(source_title=SOURCE, by=advisor)


@pytest.fixture
def meals(approved_a):
    return OutputFactory(
        theory=approved_a, description="Maaltijden", unit="maaltijden", achieved=52
    )


def value(output, price, advisor=None, **corrections):
    services.valuation_save(
        theory=output.theory,
        subject=output,
        price=price,
        corrections=Corrections(**{"deadweight": 25, "attribution": 50, **corrections}),
    )
    if advisor is not None:
        services.valuation_approve(subject=output, by=advisor)


def loaded(theory: TheoryOfChange) -> TheoryOfChange:
    return with_content(TheoryOfChange.objects.all()).get(pk=theory.pk)


def sheet_of(theory: TheoryOfChange):
    return build_factsheet(loaded(theory), url="")


def pdf_of(theory: TheoryOfChange, variant: str = A4):
    return read_pdf(cached_pdf(loaded(theory), variant=variant).content)


def test_no_value_without_an_approved_valuation(approved_a, meals, meal_price):
    assert sheet_of(approved_a).value is None
    value(meals, meal_price)  # a proposal only

    assert sheet_of(approved_a).value is None
    assert not pdf_of(approved_a).says("Prijzen uit")


def test_an_approved_valuation_shows_its_range_what_it_counts_and_its_source(
    approved_a, meals, meal_price, advisor
):
    value(meals, meal_price, advisor)

    sheet = sheet_of(approved_a)
    # 52 × € 4–9 × 75% × 50%: € 78 to € 175.50, rounded outward to whole euros.
    assert (sheet.value.low, sheet.value.high) == ("€\xa078", "€\xa0176")
    assert sheet.value.basis == f"Maaltijden: 52, geteld januari {approved_a.year}"
    assert sheet.value.sources == [f"{SOURCE} (2024)"]
    assert sheet.value.indication == ""  # no euros in step 3: no ratio
    pdf = pdf_of(approved_a)
    assert pdf.pages == 1
    assert pdf.says("€ 78 – € 176")
    assert pdf.says(f"maatschappelijke waarde {approved_a.year}")
    assert pdf.says("Maaltijden: 52")
    assert pdf.says(f"Prijzen uit: {SOURCE} (2024)")
    assert pdf.says("goedgekeurd door CMO STAMM")


def test_with_costs_in_step_3_the_sheet_gives_the_ratio_as_a_range(
    approved_a, meals, meal_price, advisor
):
    approved_a.resources.update(euro_value=None)
    resource = approved_a.resources.first()
    resource.euro_value = Decimal(50)
    resource.save()
    value(meals, meal_price, advisor)

    # € 78 to € 175.50 over € 50 of costs.
    assert sheet_of(approved_a).value.indication == "€\xa01,56 tot €\xa03,51"
    assert pdf_of(approved_a).says("per euro aan kosten € 1,56 tot € 3,51")


def test_every_valuation_change_makes_the_cached_sheet_anew(approved_a, meals, meal_price, advisor):
    stamps = [sheet_stamp(loaded(approved_a), variant=A4)]
    value(meals, meal_price)
    stamps.append(sheet_stamp(loaded(approved_a), variant=A4))
    services.valuation_approve(subject=meals, by=advisor)
    stamps.append(sheet_stamp(loaded(approved_a), variant=A4))
    value(meals, meal_price, deadweight=50)  # a change: a proposal again
    stamps.append(sheet_stamp(loaded(approved_a), variant=A4))
    services.valuation_remove(subject=meals)
    stamps.append(sheet_stamp(loaded(approved_a), variant=A4))

    assert len(set(stamps)) == len(stamps)


def test_a_later_price_change_leaves_the_approved_sheet_byte_identical(
    approved_a, meals, meal_price, advisor
):
    value(meals, meal_price, advisor)
    before = cached_pdf(loaded(approved_a))

    new_version = PriceVersion(
        low=Decimal(40),
        central=Decimal(60),
        high=Decimal(90),
        price_year=2026,
        source_title="Een nieuwere bron",
        source_year=2026,
    )
    services.price_save(item=meal_price.item, version=new_version, by=advisor)
    after = cached_pdf(loaded(approved_a))

    assert after.etag == before.etag
    assert after.content == before.content
    # Made again from scratch, it says the same: the valuation kept its price version.
    default_storage.delete(f"feitenbladen/{approved_a.pk}")  # harmless when absent
    assert sheet_of(approved_a).value.sources == [f"{SOURCE} (2024)"]


@pytest.mark.parametrize(("variant", "size"), [(A4, A4_SIZE), (A3, A3_SIZE)])
def test_maximal_content_with_the_longest_values_still_fits_one_page(
    theory_a, advisor, variant, size, caplog
):
    make_maximal(theory_a)
    value_maximal(theory_a, by=advisor)

    pdf = read_pdf(cached_pdf(loaded(theory_a), variant=variant).content)

    assert pdf.pages == 1 and pdf.size == pytest.approx(size, abs=1)
    assert not [r for r in caplog.records if "did not fit" in r.getMessage()]
    assert pdf.says("Gemaakt op")  # the footer, the sheet's last part
    assert pdf.says("maatschappelijke waarde")
    counted = theory_a.outputs.filter(indicator__override__isnull=False).count()
    named = [budget.sources for budget in BUDGETS_BY_VARIANT[variant]]
    assert any(pdf.says(f"En uit nog {counted - shown} bronnen") for shown in named)


def test_a_valued_outcome_stands_on_its_questionnaire_on_the_sheet(approved_a, meal_price, advisor):
    outcome = approved_a.outcomes.first()
    survey_result(outcome, respondents=24, agreeing=18)
    value(outcome, meal_price, advisor)

    sheet = sheet_of(approved_a)

    # 18 × € 4–9 × 75% × 50%: € 27 to € 60.75.
    assert (sheet.value.low, sheet.value.high) == ("€\xa027", "€\xa061")
    assert sheet.value.basis.startswith(f"{outcome.description}: 18 van de 24 deelnemers, enquête")
