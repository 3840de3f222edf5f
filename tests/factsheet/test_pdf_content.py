"""What the PDF says, read back with pypdf: one page, the right paper, the right words.

The design is checked by its visible text only (not class names or positions), so these
tests hold while the layout changes.
"""

from __future__ import annotations

import html
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.dateformat import format as date_format
from PIL import Image

from common.text import ELLIPSIS
from impact.factsheet import render
from impact.factsheet.data import BUDGETS, build_factsheet, chain_labels
from impact.factsheet.render import A3, A4, cached_pdf
from initiatives.models import Initiative
from tests.factories import (
    ActivityFactory,
    ImpactFactory,
    MeasurementPlanFactory,
    OutcomeFactory,
    OutputFactory,
    sheet_story,
)
from tests.factsheet.conftest import (
    A3_SIZE,
    A4_SIZE,
    assert_size,
    read_pdf,
    set_status,
)
from tests.factsheet.maximal import make_maximal
from theory_of_change.models import (
    MeasurementLevel,
    Status,
    TheoryOfChange,
)
from theory_of_change.selectors import with_content

pytestmark = pytest.mark.django_db

CHAIN = ["Probleem", "Doel", "Input", "Aanpak", "Output", "Outcome", "Impact"]


def pdf_of(theory: TheoryOfChange, variant: str = A4):
    return read_pdf(cached_pdf(theory, variant=variant).content)


@pytest.fixture(autouse=True)
def renderer_errors(caplog):
    """Capture the renderer's errors whatever the logging configuration says."""
    caplog.set_level(logging.ERROR, logger=render.__name__)


def did_not_fit(caplog) -> list[str]:
    """The renderer's own alarm: it fell back to the first page of a longer document."""
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == render.__name__ and "did not fit" in record.getMessage()
    ]


def assert_fits_one_page(pdf, size, caplog) -> None:
    """`render_pdf` never returns more than one page: when even the tightest budget does
    not fit, it logs an error and keeps the first page (losing the rest). So "one page"
    means: one page, no such error, and the sheet's last part (the footer) is on it."""
    assert pdf.pages == 1
    assert_size(pdf, size)
    assert did_not_fit(caplog) == []
    assert pdf.says("Gemaakt op")  # the footer, at the end of the sheet


def number_in(text: str, number: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", text) is not None


# --- the approved sheet and the concept --------------------------------------------------------


def test_approved_sheet_is_one_a4_page_with_its_content(approved_a, caplog):
    pdf = pdf_of(approved_a)

    assert_fits_one_page(pdf, A4_SIZE, caplog)
    assert pdf.says("Dorpshuis Smilde")
    assert pdf.says("Erbij horen, meedoen en ertoe doen")  # the mission
    assert pdf.says("Iedereen heeft een plek om anderen te ontmoeten")  # the goal
    for label in CHAIN:
        assert pdf.says(label), label
    # The key figure: 37 dorpsdiners achieved of a target of 40.
    assert number_in(pdf.text, "37")
    assert number_in(pdf.text, "40")
    approved_on = date_format(timezone.localdate(approved_a.approved_at), "j F Y")
    assert pdf.says(f"Goedgekeurd op {approved_on}")
    assert pdf.says("CMO STAMM")
    assert "CONCEPT" not in pdf.compact
    assert "concept" not in pdf.flat


def test_the_chain_labels_are_the_seven_of_the_issue():
    assert [str(label) for _, label in chain_labels()] == CHAIN


def test_approved_poster_is_one_a3_page_with_its_content(approved_a, caplog):
    pdf = pdf_of(approved_a, A3)

    assert_fits_one_page(pdf, A3_SIZE, caplog)
    assert pdf.says("Dorpshuis Smilde")
    assert pdf.says("Erbij horen, meedoen en ertoe doen")
    for label in CHAIN:
        assert pdf.says(label), label
    assert number_in(pdf.text, "37")
    assert pdf.says("Goedgekeurd op")
    assert "CONCEPT" not in pdf.compact


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED])
def test_a_sheet_that_is_not_approved_says_concept(complete_a, status, caplog):
    set_status(complete_a, status)
    pdf = pdf_of(complete_a)

    assert_fits_one_page(pdf, A4_SIZE, caplog)
    assert "CONCEPT" in pdf.compact
    assert not pdf.says("Goedgekeurd op")
    assert pdf.says("Dorpshuis Smilde")


# --- maximal answers ---------------------------------------------------------------------------


@pytest.mark.parametrize(("variant", "size"), [(A4, A4_SIZE), (A3, A3_SIZE)])
def test_maximal_answers_still_fit_on_one_page(theory_a, variant, size, caplog):
    """Every answer at its max_length and 22 rows in every list step; the initiative's
    name (150 characters), place, kind and municipality as long as they get."""
    make_maximal(theory_a)

    pdf = pdf_of(theory_a, variant)

    assert_fits_one_page(pdf, size, caplog)
    assert "CONCEPT" in pdf.compact
    for label in CHAIN:
        assert pdf.says(label), label


LONG_WORD = "https://www.dorpshuissmilde.nl/" + "nieuws" * 60  # 391 characters, no space


def make_long_words(theory: TheoryOfChange) -> None:
    """A pasted web address (a run of characters without a space) in every answer that
    takes one, as long as the field allows (300 where it can)."""
    TheoryOfChange.objects.filter(pk=theory.pk).update(
        problem=LONG_WORD[:300],
        goal=LONG_WORD[:300],
        mission=LONG_WORD[:200],
    )
    sheet_story(theory, LONG_WORD[:250])
    activity = ActivityFactory(theory=theory, name=LONG_WORD[:150])
    OutputFactory(
        theory=theory, activity=activity, description=LONG_WORD[:300], unit=LONG_WORD[:100]
    )
    OutcomeFactory(theory=theory, description=LONG_WORD[:300])
    ImpactFactory(theory=theory, description=LONG_WORD[:300])
    for level in MeasurementLevel:
        MeasurementPlanFactory(theory=theory, level=level, information=LONG_WORD[:300])


def test_a_single_word_of_300_characters_still_fits_on_one_page(theory_a, caplog):
    make_long_words(theory_a)

    pdf = pdf_of(theory_a)

    assert_fits_one_page(pdf, A4_SIZE, caplog)
    assert pdf.says("https://www.dorpshuissmilde.nl/nieuws")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize(
    ("answers", "variant"),
    [
        ("long words", A4),
        ("maximal", A4),
        ("maximal", A3),
    ],
)
def test_no_text_runs_off_the_paper(theory_a, answers, variant):
    """Word boxes from poppler's pdftotext: no word may reach the outer 5 pt of the paper
    (the margins are 12 mm). A word without a space must wrap, not run off the side."""
    if answers == "long words":
        make_long_words(theory_a)
    else:
        make_maximal(theory_a)

    content = cached_pdf(theory_a, variant=variant).content

    assert words_off_the_paper(content) == []


def words_off_the_paper(content: bytes, edge: float = 5) -> list[str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(content)
        file.flush()
        xhtml = subprocess.run(
            ["pdftotext", "-bbox", file.name, "-"], capture_output=True, check=True, text=True
        ).stdout
    off = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xhtml, re.S):
        width, height = float(page[1]), float(page[2])
        for word in re.finditer(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">'
            r"(.*?)</word>",
            page[3],
        ):
            x_min, y_min, x_max, y_max = map(float, word.groups()[:4])
            if x_min < edge or y_min < edge or x_max > width - edge or y_max > height - edge:
                off.append(html.unescape(word[5])[:40])
    return off


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def cut_cleanly(short: str, original: str) -> bool:
    """`short` is `original`, its first whole sentences, or its start up to a whole word
    followed by "…"."""
    original = _collapsed(original)
    if short == original:
        return True
    if short[-1:] in ".!?" and original.startswith(short) and original[len(short)] == " ":
        return True
    kept = short.removesuffix(ELLIPSIS)
    return (
        short.endswith(ELLIPSIS)
        and kept.strip() != ""
        and original.startswith(kept)
        and original[len(kept)] == " "
    )


def test_every_budget_shortens_every_answer_between_words(theory_a):
    """The sheet as data, for every budget down to the tightest: every shortened text is
    its answer, or a start of it that ends with a whole word and "…", within the budget."""
    make_maximal(theory_a)
    theory = with_content(TheoryOfChange.objects.filter(pk=theory_a.pk)).get()
    for budget in BUDGETS:
        check_shortening(theory, budget)


def check_shortening(theory, budget) -> None:
    sheet = build_factsheet(theory, url="https://example.org/x", budget=budget)

    def join(parts) -> str:
        return " · ".join(dict.fromkeys(part for part in parts if part))

    resources = list(theory.resources.all())
    inputs = join(
        f"{resource.amount.normalize():f} {resource.unit}"
        if resource.amount is not None
        else resource.kind.name
        for resource in resources
    )
    outputs = list(theory.outputs.all())
    originals = {
        "problem": theory.problem,
        "goal": theory.goal,
        "input": inputs,
        "activities": join(activity.name for activity in theory.activities.all()),
        "output": join(output.description for output in outputs),
        "outcome": join(outcome.description for outcome in theory.outcomes.all()),
        "impact": join(impact.description for impact in theory.impacts.all()),
    }
    checked = []  # (shortened, original, width)
    checked.append((sheet.mission, theory.mission, budget.statement))
    checked.append((sheet.quote, theory.sheet_story.quote, budget.quote))
    for block in sheet.chain:
        checked.append((block.summary, originals[block.key], budget.chain))
    assert len(sheet.outcomes) == budget.items
    for short, outcome in zip(sheet.outcomes, theory.outcomes.all(), strict=False):
        checked.append((short, outcome.description, budget.item))
    assert len(sheet.impacts) == budget.items
    for line, impact in zip(sheet.impacts, theory.impacts.all(), strict=False):
        checked.append((line.description, impact.description, budget.item))
    plans = list(theory.measurement_plans.all())
    assert len(sheet.measurement) == len(MeasurementLevel)
    for line, level in zip(sheet.measurement, MeasurementLevel, strict=True):
        info = join(plan.information for plan in plans if plan.level == level)
        checked.append((line.what, info, budget.item))
    assert 0 < len(sheet.key_figures) <= budget.figures
    for figure in sheet.key_figures:
        output = next(o for o in outputs if cut_cleanly(figure.description, o.description))
        checked.append((figure.description, output.description, budget.figure_text))
        checked.append((figure.unit, output.unit, budget.figure_text))

    shortened = [short for short, original, _ in checked if short != _collapsed(original)]
    assert len(shortened) >= 15, "the maximal answers should need shortening"
    for short, original, width in checked:
        assert len(short) <= width, (budget.name, short)
        assert cut_cleanly(short, original), f"{budget.name}: not cut between words: {short!r}"


# --- images ------------------------------------------------------------------------------------


def noisy_photo(width: int, height: int) -> bytes:
    """A photo that compresses badly (random pixels): the worst case for size."""
    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=95)
    return output.getvalue()


@pytest.mark.parametrize("field", ["logo", "photo"])
def test_a_big_image_keeps_the_pdf_small_and_on_one_page(approved_a, field, caplog):
    """A 2400×1800 photo of 3+ MB (under the upload limit): the sheet stays well under
    1 MB because the image is scaled down for print."""
    upload = noisy_photo(2400, 1800)
    assert len(upload) > 3_000_000
    initiative = Initiative.objects.get(pk=approved_a.initiative_id)
    getattr(initiative, field).save(f"{field}.jpg", ContentFile(upload), save=True)
    approved_a.refresh_from_db()

    content = cached_pdf(approved_a).content
    pdf = read_pdf(content)

    assert_fits_one_page(pdf, A4_SIZE, caplog)
    assert len(content) < 500_000, f"{len(content) // 1024} kB"
    # The image is in the PDF (and not silently refused): it adds to its size.
    assert b"/Subtype /Image" in content or b"/Subtype/Image" in content
