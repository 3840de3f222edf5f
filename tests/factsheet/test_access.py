"""Who sees the fact sheet, through its URLs; the PDF download's headers; the query count.

The rule is the Verandertheorie's own: members and advisors see every year (a draft with
its CONCEPT watermark), the municipalities the initiative serves see approved sheets,
everyone else gets 404 (not 403: they may not learn the sheet exists).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from impact.factsheet.render import A3, A4
from tests.conftest import client_for
from tests.factories import (
    ActivityFactory,
    ImpactFactory,
    MeasurementPlanFactory,
    OutcomeFactory,
    OutputFactory,
    ResourceFactory,
    UserFactory,
    municipality,
)
from tests.factsheet.conftest import A3_SIZE, A4_SIZE, assert_size, read_pdf, set_status
from theory_of_change.models import MeasurementLevel, Status, Theme

pytestmark = pytest.mark.django_db

VIEWS = ["factsheet:page", "factsheet:pdf", "factsheet:poster"]


def url(name: str, theory) -> str:
    return reverse(name, kwargs={"slug": theory.initiative.slug, "year": theory.year})


def municipality_user(slug: str):
    user = UserFactory(username=f"gemeente.{slug}")
    user.municipalities.add(municipality(slug))
    return user


@pytest.fixture
def also_serving_user(initiative_a):
    """Staff of Assen, a municipality initiative A also works in."""
    initiative_a.also_serves.add(municipality("assen"))
    return municipality_user("assen")


@pytest.fixture
def other_municipality_user(initiative_a):
    """Staff of Hoogeveen, where nobody knows initiative A (while A serves Assen too)."""
    initiative_a.also_serves.add(municipality("assen"))
    return municipality_user("hoogeveen")


# who → (status code on a draft, status code on an approved sheet)
MATRIX = [
    ("volunteer_a", 200, 200),  # coordinator
    ("editor_a", 200, 200),
    ("reader_a", 200, 200),
    ("advisor", 200, 200),
    ("municipality_user_a", 404, 200),  # the initiative's own municipality
    ("also_serving_user", 404, 200),
    ("municipality_user_b", 404, 404),  # a municipality A does not serve
    ("other_municipality_user", 404, 404),
    ("volunteer_b", 404, 404),  # another initiative's coordinator
]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.APPROVED])
@pytest.mark.parametrize(("who", "on_draft", "on_approved"), MATRIX)
def test_who_sees_the_sheet(request, fake_render, complete_a, who, on_draft, on_approved, status):
    client = client_for(request.getfixturevalue(who))
    set_status(complete_a, status)
    expected = on_approved if status == Status.APPROVED else on_draft

    for name in VIEWS:
        response = client.get(url(name, complete_a))
        assert response.status_code == expected, (name, response.status_code)
        if expected == 200 and name != "factsheet:page":
            assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("name", VIEWS)
def test_anonymous_visitors_are_sent_to_log_in(anonymous_client, fake_render, approved_a, name):
    response = anonymous_client.get(url(name, approved_a))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert fake_render == []


def test_an_unknown_year_or_initiative_is_404(client_a, fake_render, complete_a):
    for name in VIEWS:
        wrong_year = reverse(name, kwargs={"slug": "dorpshuis-smilde", "year": 2019})
        wrong_slug = reverse(name, kwargs={"slug": "bestaat-niet", "year": 2025})
        assert client_a.get(wrong_year).status_code == 404
        assert client_a.get(wrong_slug).status_code == 404


def test_the_page_shows_the_sheet(client_a, complete_a):
    response = client_a.get(url("factsheet:page", complete_a))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Dorpshuis Smilde" in content
    assert "Erbij horen, meedoen en ertoe doen" in content
    assert url("factsheet:pdf", complete_a) in content
    assert url("factsheet:poster", complete_a) in content


# --- the download ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "variant", "filename", "size"),
    [
        ("factsheet:pdf", A4, "feitenblad-dorpshuis-smilde-2025.pdf", A4_SIZE),
        ("factsheet:poster", A3, "feitenblad-dorpshuis-smilde-2025-a3.pdf", A3_SIZE),
    ],
)
def test_the_pdf_download(client_a, render_calls, approved_a, name, variant, filename, size):
    response = client_a.get(url(name, approved_a))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    etag = response["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 10
    pdf = read_pdf(response.content)
    assert pdf.pages == 1
    assert_size(pdf, size)
    assert render_calls == [variant]

    again = client_a.get(url(name, approved_a), HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert len(render_calls) == 1


def test_a_stale_etag_gets_the_new_pdf(client_a, fake_render, approved_a):
    first = client_a.get(url("factsheet:pdf", approved_a))
    approved_a.initiative.name = "Dorpshuis De Smelte"
    approved_a.initiative.save()

    response = client_a.get(url("factsheet:pdf", approved_a), HTTP_IF_NONE_MATCH=first["ETag"])

    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    assert response.content.startswith(b"%PDF")


def test_a4_and_a3_have_different_etags(client_a, fake_render, approved_a):
    a4 = client_a.get(url("factsheet:pdf", approved_a))
    a3 = client_a.get(url("factsheet:poster", approved_a))

    assert a4["ETag"] != a3["ETag"]
    assert (
        client_a.get(url("factsheet:poster", approved_a), HTTP_IF_NONE_MATCH=a4["ETag"]).status_code
        == 200
    )


def test_pdf_downloads_are_not_kept_in_shared_caches(client_a, fake_render, approved_a):
    response = client_a.get(url("factsheet:pdf", approved_a))

    assert "private" in response["Cache-Control"]


# --- query count -------------------------------------------------------------------------------

# The first view after a change: user, initiative, membership, the
# theory, the reference lists (for its stamp), the theory again with its rows: one query per
# list or link (resources, activities, outputs, outcomes and their activities, impacts and
# their themes, measurement plans and what they measure) and the results (the year's counts, last
# year's beside them in two, the newest questionnaire results), the year's stories (their
# count per effect; for writers the stories they may choose the quote from), and the value
# in euros (the outputs and the outcomes with their valuations, the outcomes' counts, the
# costs of step 3 and the other costs), however many rows, stories and valuations there are.
PAGE_QUERIES = 29
#: Later views, with the sheet from the cache: the user (1), initiative access (2),
#: the theory (1), what its stamp reads (the reference lists: 1) and the stories a writer
#: may choose the quote from (1).
CACHED_PAGE_QUERIES = 6


def more_rows(theory, count: int = 10) -> None:
    """`count` more rows in every list step, with their links."""
    theme = Theme.objects.get(name="Sociale cohesie")
    for _ in range(count):
        ResourceFactory(theory=theory, amount=3, unit="ruimtes")
        activity = ActivityFactory(theory=theory)
        output = OutputFactory(theory=theory, activity=activity, achieved=5)
        outcome = OutcomeFactory(theory=theory, activities=[activity])
        impact = ImpactFactory(theory=theory, themes=[theme])
        for level, link, item in (
            (MeasurementLevel.OUTPUT, "measures_outputs", output),
            (MeasurementLevel.OUTCOME, "measures_outcomes", outcome),
            (MeasurementLevel.IMPACT, "measures_impacts", impact),
        ):
            getattr(MeasurementPlanFactory(theory=theory, level=level), link).set([item])


@pytest.mark.parametrize("extra_rows", [0, 10])
def test_page_query_count_does_not_grow(
    django_assert_num_queries, client_a, complete_a, extra_rows
):
    more_rows(complete_a, extra_rows)
    page = url("factsheet:page", complete_a)

    with django_assert_num_queries(PAGE_QUERIES):  # the first view makes the sheet
        response = client_a.get(page)
    assert response.status_code == 200
    with django_assert_num_queries(CACHED_PAGE_QUERIES):  # the next ones take it as made
        again = client_a.get(page)
    assert sheet_of(again) == sheet_of(response)  # the same sheet (tokens and nonces differ)


def sheet_of(response) -> str:
    page = response.content.decode()
    return page[page.index('class="sheet-screen"') :]
