"""Shared helpers for the fact sheet tests: approved theories, PDF text, a render counter.

Rendering a PDF costs 0.1–0.5 s, so tests that only care about access, headers or the
share link use `fake_render` (a stand-in for `render_pdf` that returns a tiny PDF-like
marker); the tests about what the sheet says render for real and read it back with pypdf.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pypdf
import pytest
from django.utils import timezone

from impact.factsheet import render
from tests.factories import OutputFactory, complete_theory
from theory_of_change import workflow
from theory_of_change.models import Status, TheoryOfChange

A4_SIZE = (595.3, 841.9)
A3_SIZE = (841.9, 1190.6)


@dataclass(frozen=True)
class ReadPDF:
    pages: int
    size: tuple[float, float]
    text: str  # as pypdf extracts it

    @property
    def flat(self) -> str:
        """The text without whitespace, hyphens or case: line breaks, hyphenation at a
        line end and `text-transform` of the design do not change what it says."""
        return flat(self.text)

    def says(self, words: str) -> bool:
        return flat(words) in self.flat

    @property
    def compact(self) -> str:
        """The text without whitespace but with its case (for CONCEPT, a literal)."""
        return re.sub(r"\s+", "", self.text)


def flat(text: str) -> str:
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text).casefold()


def read_pdf(content: bytes) -> ReadPDF:
    assert content.startswith(b"%PDF-"), content[:20]
    reader = pypdf.PdfReader(io.BytesIO(content))
    box = reader.pages[0].mediabox
    return ReadPDF(
        pages=len(reader.pages),
        size=(float(box.width), float(box.height)),
        text="\n".join(page.extract_text() for page in reader.pages),
    )


def assert_size(pdf: ReadPDF, size: tuple[float, float]) -> None:
    assert pdf.size[0] == pytest.approx(size[0], abs=1)
    assert pdf.size[1] == pytest.approx(size[1], abs=1)


def approve(theory: TheoryOfChange, advisor) -> TheoryOfChange:
    """Through the real workflow: submit (needs a complete theory), then approve."""
    with workflow.without_notifications():
        workflow.theory_submit(theory=theory, by=advisor)
        workflow.theory_approve(theory=theory, by=advisor)
    theory.refresh_from_db()
    return theory


def set_status(theory: TheoryOfChange, status: str) -> TheoryOfChange:
    approved_at = timezone.now() if status == Status.APPROVED else None
    TheoryOfChange.objects.filter(pk=theory.pk).update(status=status, approved_at=approved_at)
    theory.refresh_from_db()
    return theory


@pytest.fixture
def complete_a(theory_a):
    """Theory A with every step filled in and a counted output (37 of 40)."""
    complete_theory(theory_a)
    OutputFactory(
        theory=theory_a,
        description="Dorpsdiners gehouden",
        unit="dorpsdiners",
        target=40,
        achieved=37,
    )
    return theory_a


@pytest.fixture
def approved_a(complete_a, advisor):
    return approve(complete_a, advisor)


@pytest.fixture
def render_calls(monkeypatch):
    """Counts real renders: `render_pdf` wrapped, still rendering."""
    calls = []
    real = render.render_pdf

    def counting(theory, **kwargs):
        calls.append(kwargs.get("variant", render.A4))
        return real(theory, **kwargs)

    monkeypatch.setattr(render, "render_pdf", counting)
    return calls


@pytest.fixture
def fake_render(monkeypatch):
    """No real render: `render_pdf` returns a marker naming the theory and paper size.

    For tests about access, headers and links, where the PDF's look does not matter.
    """
    calls = []

    def fake(theory, *, url, variant=render.A4, public=False):
        calls.append(variant)
        return f"%PDF-fake {theory.initiative.slug} {theory.year} {variant} {url}".encode()

    monkeypatch.setattr(render, "render_pdf", fake)
    return calls
