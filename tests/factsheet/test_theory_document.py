"""The whole Verandertheorie as a PDF document: every question verbatim with its answer,
lists as tables that break cleanly over pages with a header and page numbers on each, the
approval; the overview's access rule; a query count that does not grow with the rows."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import ActivityFactory, OutputFactory
from tests.factsheet.conftest import approve, read_pdf
from theory_of_change.models import TheoryOfChange
from theory_of_change.steps import STEPS

pytestmark = pytest.mark.django_db


def url(theory: TheoryOfChange) -> str:
    return reverse(
        "factsheet:theory_document",
        kwargs={"slug": theory.initiative.slug, "year": theory.year},
    )


def page_texts(content: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages]


def test_every_question_verbatim_with_its_answer(client_a, advisor, complete_a):
    complete_a.short_problem = "Er is geen plek om elkaar te ontmoeten."
    complete_a.save()
    approve(complete_a, advisor)
    response = client_a.get(url(complete_a))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="verandertheorie-{complete_a.initiative.slug}-2025.pdf"'
    )
    assert response["Cache-Control"] == "private"
    pdf = read_pdf(response.content)
    for step in STEPS:
        assert pdf.says(str(step.question)), step.number
    assert pdf.says(complete_a.problem)
    assert pdf.says("Er is geen plek om elkaar te ontmoeten.")  # the short line
    assert pdf.says(complete_a.activities.first().name)  # a table row
    assert pdf.says(complete_a.outputs.first().unit)
    assert pdf.says("Goedgekeurd") and pdf.says(advisor.display_name)


def test_a_long_theory_runs_over_pages_with_header_and_numbers(client_a, complete_a):
    for number in range(40):
        activity = ActivityFactory(
            theory=complete_a,
            name=f"Activiteit {number}",
            description="Een lange beschrijving van wat vrijwilligers elke week doen. " * 4,
            position=number + 1,
        )
        OutputFactory(theory=complete_a, activity=activity, position=number + 1)
    texts = page_texts(client_a.get(url(complete_a)).content)
    assert len(texts) > 3
    for number, text in enumerate(texts, start=1):
        assert f"pagina {number} van {len(texts)}" in text
    for text in texts[1:]:  # the running header from page 2 on
        assert "Verandertheorie 2025" in text
    assert all(f"Activiteit {number}" in "".join(texts) for number in range(40))


def test_the_overview_links_to_it(client_a, complete_a):
    html = client_a.get(
        reverse("theory_of_change:overview", args=[complete_a.initiative.slug, 2025])
    ).content.decode()
    assert url(complete_a) in html


def test_a_draft_is_for_members_and_advisors_only(
    client_a, client_b, municipality_user_a, complete_a
):

    assert client_a.get(url(complete_a)).status_code == 200
    assert client_b.get(url(complete_a)).status_code == 404
    assert client_for(municipality_user_a).get(url(complete_a)).status_code == 404


def test_the_query_count_does_not_grow_with_the_rows(
    client_a, complete_a, django_assert_max_num_queries
):
    client_a.get(url(complete_a))
    with django_assert_max_num_queries(30) as few:
        client_a.get(url(complete_a))
    for number in range(10):
        activity = ActivityFactory(theory=complete_a, position=number + 1)
        OutputFactory(theory=complete_a, activity=activity, position=number + 1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client_a.get(url(complete_a)).status_code == 200


def test_the_value_an_advisor_approved_is_in_the_document(client_a, advisor, complete_a):
    from impact.value import services
    from impact.value.arithmetic import Corrections
    from tests.factories import price

    version = price(source_title="Kengetallen maaltijden", by=advisor)
    counted = OutputFactory(theory=complete_a, description="Maaltijden", achieved=52)
    proposed = OutputFactory(theory=complete_a, description="Kopjes koffie", achieved=900)
    for output in (counted, proposed):
        services.valuation_save(
            theory=complete_a,
            subject=output,
            price=version,
            corrections=Corrections(deadweight=25, attribution=50),
        )
    services.valuation_approve(subject=counted, by=advisor)

    text = " ".join(page_texts(client_a.get(url(complete_a)).content))

    assert "Waarde in euro's 2025 (indicatie)" in text
    # 52 × € 4–9 × 75% × 50%: € 78 to € 175.50; the proposal is not printed.
    assert "€ 78 tot € 176" in " ".join(text.split())
    assert "Kengetallen maaltijden (2024)" in " ".join(text.split())
    assert "Kopjes koffie" not in text.split("Waarde in euro's")[-1]
