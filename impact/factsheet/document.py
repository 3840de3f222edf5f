"""The whole Verandertheorie as a printed document: all ten steps with their question,
the full answer and lists as tables, the links between rows, the status with its
approval, and the value in euros an advisor approved. For the initiative's board and the
advisors, where the fact sheet is the one-page summary (`…/<year>/verandertheorie.pdf`).

Built from the step registry's snapshots, as the overview and the history are, so a field
added to a step appears here without a change. Rendered by the fact sheet's renderer (one
font configuration, a cached stylesheet, the safe fetcher) into as many pages as it needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from impact.factsheet.render import render_document
from impact.value.breakthrough.models import BreakthroughCase
from impact.value.breakthrough.selectors import CaseTotals, case_totals
from impact.value.selectors import ValueReport, value_report
from theory_of_change.models import Action, Status, TheoryOfChange
from theory_of_change.steps import STEPS, ListStep, Step

STYLESHEET = "css/theory-document.css"
TEMPLATE = "impact/factsheet/document.html"


@dataclass(frozen=True)
class DocumentStep:
    step: Step
    fields: list[tuple[str, str]]  # text on the theory: (label, answer)
    columns: list[str]  # a list step's table: its column labels…
    rows: list[list[str]]  # …and one list of values per row


@dataclass(frozen=True)
class TheoryDocument:
    theory: TheoryOfChange
    steps: list[DocumentStep]
    value: ValueReport  # its approved lines only are printed
    cases: CaseTotals  # the approved doorbraak cases
    status: str
    approved_on: date | None
    approved_by: str
    organisation: str
    made_on: date


def _document_step(step: Step, theory: TheoryOfChange) -> DocumentStep:
    snapshot = step.snapshot(theory)
    labels = step.field_labels()
    fields = [(labels[name], value) for name, value in snapshot.get("fields", {}).items()]
    if not isinstance(step, ListStep):
        return DocumentStep(step, fields, [], [])
    return DocumentStep(
        step,
        [(label, value) for label, value in fields if value],  # a short line, when written
        [labels[name] for name in step.fields],
        [[row["values"][name] for name in step.fields] for row in snapshot["rows"]],
    )


def theory_document(theory: TheoryOfChange, *, today: date | None = None) -> TheoryDocument:
    """The document's content, from a theory loaded with `with_content`, with who approved
    it, and the value in euros an advisor approved (valuations and doorbraak cases)."""
    approval = (
        theory.transitions.filter(action=Action.APPROVE)
        .select_related("by")
        .order_by("-pk")
        .first()
        if theory.is_approved
        else None
    )
    approved_cases = BreakthroughCase.objects.approved().filter(theory=theory)
    return TheoryDocument(
        theory=theory,
        steps=[_document_step(step, theory) for step in STEPS],
        value=value_report(theory),
        cases=case_totals(list(approved_cases.prefetch_related("avoided__price__item"))),
        status=str(Status(theory.status).label),
        approved_on=timezone.localdate(theory.approved_at) if theory.approved_at else None,
        approved_by=approval.by.display_name if approval and approval.by else "",
        organisation=settings.ADVISOR_ORGANISATION,
        made_on=today or timezone.localdate(),
    )


def render_theory_pdf(theory: TheoryOfChange) -> bytes:
    html = render_to_string(TEMPLATE, {"document": theory_document(theory)})
    return render_document(html, stylesheet=STYLESHEET).write_pdf()
