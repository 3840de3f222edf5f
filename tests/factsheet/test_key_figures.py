"""The fact sheet's key figures: what was achieved against the target with the period
counted, the target alone and labelled as one while nothing is counted, last year's figure
beside this year's, and a questionnaire result as "x van de n" — on the data and in the
PDF read back."""

from __future__ import annotations

import pytest

from impact.factsheet import render
from impact.factsheet.data import BUDGETS, FigureKind, build_factsheet
from tests.factories import OutcomeFactory, OutputFactory, TheoryFactory, complete_theory
from tests.factsheet.conftest import approve, read_pdf, set_status
from theory_of_change.models import TheoryOfChange
from theory_of_change.results.models import Measure, SurveyMethod
from theory_of_change.results.periods import Period
from theory_of_change.results.services import (
    count_save,
    indicator_for,
    override_save,
    survey_add,
)
from theory_of_change.selectors import with_content

pytestmark = pytest.mark.django_db


def loaded(theory: TheoryOfChange) -> TheoryOfChange:
    return with_content(TheoryOfChange.objects.filter(pk=theory.pk)).get()


def count_months(output, months: dict[int, int], year: int = 2025) -> None:
    indicator = indicator_for(output=output)
    for month, value in months.items():
        count_save(
            indicator=indicator,
            period=Period.parse(f"{year}-{month:02}"),
            value=value,
            note="Mevrouw De Vries was er weer",
            by=None,
        )


@pytest.fixture
def sheet_theory(initiative_a, advisor):
    """Smilde-like: dinners counted January to November against 52, a course with a target
    only, and a questionnaire about loneliness; last year's dinners approved at 41."""
    last_year = TheoryFactory(initiative=initiative_a, year=2024)
    complete_theory(last_year)
    last_dinners = OutputFactory(
        theory=last_year, description="Dorpsdiners", unit="dorpsdiners", target=40, position=0
    )
    count_months(last_dinners, {12: 41}, year=2024)
    approve(last_year, advisor)

    theory = TheoryFactory(initiative=initiative_a, year=2025)
    complete_theory(theory)
    theory.outputs.all().delete()
    dinners = OutputFactory(
        theory=theory, description="Dorpsdiners", unit="dorpsdiners", target=52, position=0
    )
    count_months(dinners, {month: 4 if month % 3 else 6 for month in range(1, 12)})
    OutputFactory(theory=theory, description="Kookcursus", unit="cursussen", target=5, position=1)
    outcome = OutcomeFactory(theory=theory, description="Minder eenzaam", position=0)
    surveyed = indicator_for(outcome=outcome)
    surveyed.measure = Measure.SURVEY
    surveyed.save()
    survey_add(
        indicator=surveyed,
        period=Period.parse("2025-Q2"),
        question="Ik voel me minder alleen",
        respondents=24,
        agreeing=18,
        method=SurveyMethod.INTERVIEW,
        by=None,
    )
    return theory


def test_achieved_against_target_with_the_period_and_last_year(sheet_theory):
    sheet = build_factsheet(loaded(sheet_theory), url="https://example.org/f", budget=BUDGETS[0])
    dinners = sheet.key_figures[0]
    assert dinners.kind == FigureKind.ACHIEVED
    assert (dinners.number, dinners.of, dinners.unit) == ("50", "van 52", "dorpsdiners")
    assert dinners.counted == "geteld jan–nov 2025"
    assert dinners.previous == "2024: 41"
    assert dinners.percent == 96


def test_a_description_that_only_repeats_the_unit_is_said_once(sheet_theory):
    sheet = build_factsheet(loaded(sheet_theory), url="https://example.org/f", budget=BUDGETS[0])
    dinners, course = (
        next(figure for figure in sheet.key_figures if figure.unit == unit)
        for unit in ("dorpsdiners", "cursussen")
    )
    assert dinners.description == ""  # "Dorpsdiners" beside "dorpsdiners"
    assert course.description == "Kookcursus"


def test_a_target_without_counts_is_labelled_as_a_target(sheet_theory):
    sheet = build_factsheet(loaded(sheet_theory), url="https://example.org/f", budget=BUDGETS[0])
    course = next(figure for figure in sheet.key_figures if figure.unit == "cursussen")
    assert course.kind == FigureKind.TARGET
    assert (course.number, course.of, course.counted) == ("5", "", "nog niet geteld")
    assert course.percent is None


def test_a_questionnaire_shows_x_of_n_never_a_bare_percentage(sheet_theory):
    sheet = build_factsheet(loaded(sheet_theory), url="https://example.org/f", budget=BUDGETS[0])
    survey = next(figure for figure in sheet.key_figures if figure.kind == FigureKind.SURVEY)
    assert (survey.number, survey.of, survey.unit) == ("18", "van de 24", "deelnemers zeggen")
    assert survey.description == "„Ik voel me minder alleen”"
    assert survey.counted == "interview, " + Period.parse("2025-Q2").label
    assert "%" not in survey.number + survey.of + survey.description


def test_counted_first_then_the_questionnaire_then_targets_within_the_budget(sheet_theory):
    for number in range(5):
        output = OutputFactory(theory=sheet_theory, target=10, position=10 + number)
        count_months(output, {1: 3})
    tight = BUDGETS[-1]
    kinds = [
        figure.kind
        for figure in build_factsheet(
            loaded(sheet_theory), url="https://example.org/f", budget=tight
        ).key_figures
    ]
    assert len(kinds) == tight.figures
    assert kinds[-1] == FigureKind.SURVEY
    assert set(kinds[:-1]) == {FigureKind.ACHIEVED}


def test_a_stated_figure_says_why_instead_of_the_period(sheet_theory):
    course = sheet_theory.outputs.get(unit="cursussen")
    override_save(indicator=indicator_for(output=course), value=4, reason="telling kwijt", by=None)
    sheet = build_factsheet(loaded(sheet_theory), url="https://example.org/f", budget=BUDGETS[0])
    figure = next(figure for figure in sheet.key_figures if figure.unit == "cursussen")
    assert (figure.kind, figure.number, figure.of) == (FigureKind.ACHIEVED, "4", "van 5")
    assert figure.counted == "vastgesteld: telling kwijt"


def test_last_year_counts_only_from_an_approved_theory(sheet_theory):
    TheoryOfChange.objects.filter(year=2024).update(status="draft", approved_at=None)
    sheet = build_factsheet(loaded(sheet_theory), url="https://example.org/f", budget=BUDGETS[0])
    assert sheet.key_figures[0].previous == ""


def test_the_pdf_says_it_and_keeps_the_notes_out(sheet_theory):
    theory = set_status(sheet_theory, "approved")
    pdf = read_pdf(render.render_pdf(loaded(theory), url="https://example.org/f"))
    assert pdf.pages == 1
    assert pdf.says("50 van 52 dorpsdiners")
    assert pdf.says("geteld jan–nov 2025") or pdf.says("geteld jan-nov 2025")
    assert pdf.says("2024: 41")
    assert pdf.says("streefgetal") and pdf.says("5 cursussen") and pdf.says("nog niet geteld")
    assert pdf.says("18 van de 24 deelnemers zeggen")
    assert not pdf.says("De Vries")
