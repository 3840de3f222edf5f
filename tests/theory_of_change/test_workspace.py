"""The advisor workspace at /advies/: who may see it, filters, order, counts, pages, queries."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Initiative, InitiativeKind
from tests.conftest import client_for
from tests.factories import (
    CommentFactory,
    InitiativeFactory,
    TheoryFactory,
    UserFactory,
    municipality,
)
from theory_of_change.models import Status, TheoryOfChange
from theory_of_change.results.models import Busyness, LogbookWeek
from theory_of_change.results.periods import Period
from theory_of_change.workspace import (
    PAGE_SIZE,
    WorkspaceFilters,
    filter_theories,
    order_for_review,
    query_string,
    status_counts,
)

pytestmark = pytest.mark.django_db

WORKSPACE_URL = reverse("workspace:index")


def rows(response) -> list[str]:
    return [f"{theory.initiative.name} {theory.year}" for theory in response.context["theories"]]


def tab_counts(response) -> dict[str, int]:
    return {tab.value: tab.count for tab in response.context["tabs"]}


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def advisor_client(advisor):
    return client_for(advisor)


@pytest.fixture
def theory_c(db):
    """A third theory, in Assen (Drenthe) and from 2024, to tell the filters apart."""
    initiative = InitiativeFactory(
        name="Ontmoetingsplek De Kolk", place="Kloosterveen", municipality=municipality("assen")
    )
    return TheoryFactory(initiative=initiative, year=2024)


# --- who may see it --------------------------------------------------------------------------
# Anonymous visitors and the roles refused (403) are cells of tests/test_access_matrix.py.


def test_advisor_sees_every_theory_with_its_details(advisor_client, theory_a, theory_b):
    response = advisor_client.get(WORKSPACE_URL)
    assert response.status_code == 200
    assert sorted(rows(response)) == ["Dorpshuis Smilde 2025", "Dorpsloket Middelstum 2025"]
    html = response.content.decode()
    review_url = reverse(
        "theory_of_change:review", kwargs={"slug": "dorpshuis-smilde", "year": 2025}
    )
    assert f'href="{review_url}"' in html
    for text in ("Smilde", "Midden-Drenthe", "Drenthe", "Middelstum", "Eemsdelta", "Groningen"):
        assert text in html
    assert '<span class="status-badge status-draft">Concept</span>' in html
    assert "Niemand" in html
    assert "<title>Advieswerk" in html
    assert 'aria-current="page">Advieswerk</li>' in html


# --- filters and search ----------------------------------------------------------------------


@pytest.fixture
def three_theories(theory_a, theory_b, theory_c, advisor, second_advisor):
    TheoryOfChange.objects.filter(pk=theory_a.pk).update(
        status=Status.SUBMITTED, submitted_at=days_ago(3), assigned_advisor=advisor
    )
    TheoryOfChange.objects.filter(pk=theory_b.pk).update(
        status=Status.APPROVED, assigned_advisor=second_advisor
    )
    return theory_a, theory_b, theory_c


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {},
            ["Dorpshuis Smilde 2025", "Ontmoetingsplek De Kolk 2024", "Dorpsloket Middelstum 2025"],
        ),
        ({"status": "submitted"}, ["Dorpshuis Smilde 2025"]),
        ({"status": "draft"}, ["Ontmoetingsplek De Kolk 2024"]),
        ({"provincie": "drenthe"}, ["Dorpshuis Smilde 2025", "Ontmoetingsplek De Kolk 2024"]),
        ({"provincie": "groningen"}, ["Dorpsloket Middelstum 2025"]),
        ({"gemeente": "assen"}, ["Ontmoetingsplek De Kolk 2024"]),
        ({"gemeente": "eemsdelta"}, ["Dorpsloket Middelstum 2025"]),
        ({"adviseur": "mij"}, ["Dorpshuis Smilde 2025"]),
        ({"adviseur": "niemand"}, ["Ontmoetingsplek De Kolk 2024"]),
        ({"jaar": "2024"}, ["Ontmoetingsplek De Kolk 2024"]),
        ({"jaar": "2025", "provincie": "drenthe"}, ["Dorpshuis Smilde 2025"]),
        ({"q": "smilde"}, ["Dorpshuis Smilde 2025"]),  # by name, any case
        ({"q": "KLOOSTER"}, ["Ontmoetingsplek De Kolk 2024"]),  # by place
        ({"q": "dorps"}, ["Dorpshuis Smilde 2025", "Dorpsloket Middelstum 2025"]),
    ],
)
def test_filters(advisor_client, three_theories, params, expected):
    response = advisor_client.get(WORKSPACE_URL, params)
    assert response.status_code == 200
    assert rows(response) == expected


def test_municipality_filter_includes_initiatives_that_also_serve_it(
    advisor_client, three_theories, theory_a
):
    theory_a.initiative.also_serves.add(municipality("eemsdelta"), municipality("assen"))
    response = advisor_client.get(WORKSPACE_URL, {"gemeente": "eemsdelta"})
    assert rows(response) == ["Dorpshuis Smilde 2025", "Dorpsloket Middelstum 2025"]


def test_filter_by_another_advisor(advisor_client, three_theories, second_advisor):
    response = advisor_client.get(WORKSPACE_URL, {"adviseur": second_advisor.pk})
    assert rows(response) == ["Dorpsloket Middelstum 2025"]


def test_filter_choices(advisor_client, three_theories, advisor, second_advisor):
    form = advisor_client.get(WORKSPACE_URL).context["form"]
    advisor_values = [value for value, _label in form.fields["adviseur"].choices]
    assert advisor_values == ["", "mij", "niemand", str(advisor.pk), str(second_advisor.pk)]
    assert [value for value, _label in form.fields["jaar"].choices] == ["", 2025, 2024]
    groups = dict(form.fields["gemeente"].choices[1:])
    assert ("assen", "Assen") in groups["Drenthe"]
    assert ("eemsdelta", "Eemsdelta") in groups["Groningen"]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "weg"},
        {"provincie": "utrecht"},
        {"gemeente": "amsterdam"},
        {"adviseur": "999999"},
        {"adviseur": "abc"},
        {"jaar": "twintig"},
        {"jaar": "1999"},
        {"pagina": "laatste"},
        {"pagina": "999"},
        {"q": "x" * 500},
    ],
)
def test_invalid_filter_values_do_not_crash(advisor_client, three_theories, params):
    response = advisor_client.get(WORKSPACE_URL, params)
    assert response.status_code == 200


def test_invalid_filter_is_left_out_and_explained(advisor_client, three_theories):
    response = advisor_client.get(WORKSPACE_URL, {"jaar": "1999", "provincie": "groningen"})
    assert rows(response) == ["Dorpsloket Middelstum 2025"]  # the valid filter still applies
    assert "Dit filter doet nu niet mee." in response.content.decode()
    assert response.context["filter_query"] == "provincie=groningen"


def test_empty_state_links_to_all(advisor_client, three_theories):
    response = advisor_client.get(WORKSPACE_URL, {"q": "bestaat niet"})
    html = response.content.decode()
    assert "Geen verandertheorieën gevonden met deze filters." in html
    assert f'href="{WORKSPACE_URL}"' in html


# --- order, counts, comments -----------------------------------------------------------------


def test_oldest_submission_first_then_by_status(advisor_client):
    def theory(name: str, status: str, *, submitted: int | None = None, updated: int = 0):
        created = TheoryFactory(initiative=InitiativeFactory(name=name), status=status)
        TheoryOfChange.objects.filter(pk=created.pk).update(
            submitted_at=days_ago(submitted) if submitted is not None else None,
            updated_at=days_ago(updated),
        )

    theory("Goedgekeurd", Status.APPROVED, submitted=30, updated=30)
    theory("Concept nieuw", Status.DRAFT, updated=1)
    theory("Ingediend gisteren", Status.SUBMITTED, submitted=1, updated=20)
    theory("Terug", Status.CHANGES_REQUESTED, submitted=9, updated=5)
    theory("Concept oud", Status.DRAFT, updated=40)
    theory("Ingediend vorige maand", Status.SUBMITTED, submitted=30, updated=2)
    response = advisor_client.get(WORKSPACE_URL)
    assert [theory.initiative.name for theory in response.context["theories"]] == [
        "Ingediend vorige maand",
        "Ingediend gisteren",
        "Terug",
        "Concept oud",
        "Concept nieuw",
        "Goedgekeurd",
    ]


def test_counts_per_status_follow_the_other_filters(advisor_client, three_theories):
    response = advisor_client.get(WORKSPACE_URL)
    assert tab_counts(response) == {
        "": 3,
        "submitted": 1,
        "changes_requested": 0,
        "draft": 1,
        "approved": 1,
    }
    # The status filter narrows the rows, not the counts; the province filter narrows both.
    response = advisor_client.get(WORKSPACE_URL, {"status": "submitted", "provincie": "drenthe"})
    assert tab_counts(response) == {
        "": 2,
        "submitted": 1,
        "changes_requested": 0,
        "draft": 1,
        "approved": 0,
    }
    tabs = {tab.value: tab for tab in response.context["tabs"]}
    assert tabs["submitted"].active
    assert tabs["draft"].query == "status=draft&provincie=drenthe"
    html = response.content.decode()
    assert "Ingediend (1)" in html
    assert "Alle (2)" in html
    assert 'href="/advies/?status=draft&amp;provincie=drenthe"' in html


def test_status_counts_is_one_query(three_theories, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = status_counts(TheoryOfChange.objects.all())
    assert counts == {
        "total": 3,
        "draft": 1,
        "submitted": 1,
        "changes_requested": 0,
        "approved": 1,
    }


def test_open_comment_threads_per_row(advisor_client, theory_a, theory_b, advisor):
    first = CommentFactory(theory=theory_a, step=3, author=advisor)
    CommentFactory(theory=theory_a, step=3, thread=first, author=advisor)  # a reply: no thread
    CommentFactory(theory=theory_a, step=5, author=advisor)
    CommentFactory(theory=theory_a, step=6, author=advisor, resolved_at=timezone.now())
    CommentFactory(theory=theory_b, step=1, author=advisor, resolved_at=timezone.now())
    response = advisor_client.get(WORKSPACE_URL)
    open_threads = {
        theory.initiative.name: theory.open_threads for theory in response.context["theories"]
    }
    assert open_threads == {"Dorpshuis Smilde": 2, "Dorpsloket Middelstum": 0}


# --- assign to me ----------------------------------------------------------------------------


def test_assign_to_me_button_until_it_is_mine(advisor_client, three_theories, advisor):
    theory_a, theory_b, theory_c = three_theories
    response = advisor_client.get(WORKSPACE_URL, {"provincie": "drenthe"})
    html = response.content.decode()
    assert html.count("Toegewezen aan jou") == 1  # theory_a
    assign_c = reverse(
        "theory_of_change:assign", kwargs={"slug": theory_c.initiative.slug, "year": 2024}
    )
    assert f'action="{assign_c}"' in html
    assert f'name="advisor" value="{advisor.pk}"' in html
    assert 'name="next" value="/advies/?provincie=drenthe"' in html
    assign_a = reverse("theory_of_change:assign", kwargs={"slug": "dorpshuis-smilde", "year": 2025})
    assert f'action="{assign_a}"' not in html


def test_assign_to_me_returns_to_the_same_view(advisor_client, three_theories, advisor):
    theory_c = three_theories[2]
    assign_url = reverse(
        "theory_of_change:assign", kwargs={"slug": theory_c.initiative.slug, "year": 2024}
    )
    back = f"{WORKSPACE_URL}?provincie=drenthe&pagina=1"
    response = advisor_client.post(assign_url, {"advisor": advisor.pk, "next": back})
    assert response.status_code == 302
    assert response.url == back
    theory_c.refresh_from_db()
    assert theory_c.assigned_advisor == advisor
    response = advisor_client.get(back)
    assert response.content.decode().count("Toegewezen aan jou") == 2


def test_assign_to_me_from_a_list_opened_before_another_advisor_took_it(
    advisor_client, three_theories, advisor, second_advisor
):
    """Two advisors with the same list: the second "Aan mij toewijzen" does not silently
    take the theory from the first; the list then shows who has it, and the button there
    takes it on purpose."""
    theory_c = three_theories[2]
    assign_c = reverse(
        "theory_of_change:assign", kwargs={"slug": theory_c.initiative.slug, "year": 2024}
    )
    html = advisor_client.get(WORKSPACE_URL, {"provincie": "drenthe"}).content.decode()
    row_c = html[html.index(f'action="{assign_c}"') :]
    assert row_c.index('name="base_version" value=""') < row_c.index("</form>")
    client_for(second_advisor).post(assign_c, {"advisor": second_advisor.pk, "base_version": ""})

    advisor_client.post(
        assign_c, {"advisor": advisor.pk, "base_version": "", "next": WORKSPACE_URL}
    )

    theory_c.refresh_from_db()
    assert theory_c.assigned_advisor == second_advisor
    html = advisor_client.get(WORKSPACE_URL, {"provincie": "drenthe"}).content.decode()
    assert "Er is niets veranderd" in html
    row_c = html[html.index(f'action="{assign_c}"') :]
    assert f'name="base_version" value="{second_advisor.pk}"' in row_c[: row_c.index("</form>")]


# --- pages -----------------------------------------------------------------------------------


def test_pagination_keeps_the_filters(advisor_client):
    for number in range(PAGE_SIZE + 5):
        TheoryFactory(initiative=InitiativeFactory(name=f"Drents initiatief {number:02d}"))
    TheoryFactory(initiative=InitiativeFactory(municipality=municipality("eemsdelta")))
    response = advisor_client.get(WORKSPACE_URL, {"provincie": "drenthe", "q": "drents"})
    assert len(response.context["theories"]) == PAGE_SIZE
    assert response.context["page"].paginator.count == PAGE_SIZE + 5
    html = response.content.decode()
    assert 'href="?q=drents&amp;provincie=drenthe&amp;pagina=2"' in html
    second = advisor_client.get(WORKSPACE_URL, {"provincie": "drenthe", "q": "drents", "pagina": 2})
    assert len(second.context["theories"]) == 5
    assert 'href="?q=drents&amp;provincie=drenthe&amp;pagina=1"' in second.content.decode()


# --- the functions behind it -----------------------------------------------------------------


def test_query_string_drops_empty_values():
    params = {"status": "submitted", "provincie": "drenthe"}
    assert query_string(params, status="") == "provincie=drenthe"
    assert query_string(params, pagina="2") == "status=submitted&provincie=drenthe&pagina=2"
    assert parse_qs(urlsplit("?" + query_string({"q": "De Kolk & co"})).query) == {
        "q": ["De Kolk & co"]
    }


def test_filter_and_order_functions(three_theories, advisor):
    theory_a, theory_b, theory_c = three_theories
    drenthe = filter_theories(
        TheoryOfChange.objects.all(), filters=WorkspaceFilters(province="drenthe"), user=advisor
    )
    assert list(order_for_review(drenthe)) == [theory_a, theory_c]


def test_the_generated_review_order_follows_status_and_waiting(three_theories):
    """`review_rank` and `waiting_since` are kept by the database on every save."""
    theory = three_theories[0]
    theory.status, theory.submitted_at = Status.SUBMITTED, days_ago(3)
    theory.save()
    theory.refresh_from_db()
    assert (theory.review_rank, theory.waiting_since) == (0, theory.submitted_at)
    theory.status = Status.DRAFT
    theory.save()
    theory.refresh_from_db()
    assert (theory.review_rank, theory.waiting_since) == (2, theory.updated_at)


def test_the_rows_come_from_the_review_index_with_only_the_listed_columns(advisor, second_advisor):
    _many_theories(40, [advisor, second_advisor, None])
    with CaptureQueriesContext(connection) as captured:
        response = client_for(advisor).get(WORKSPACE_URL)
    assert response.status_code == 200
    (rows_sql,) = [q["sql"] for q in captured if "review_rank" in q["sql"]]
    for text_column in ("problem", "goal", "mission", "short_problem", "description"):
        assert f'."{text_column}"' not in rows_sql
    assert '"initiatives_initiative"."name"' in rows_sql

    page = order_for_review(TheoryOfChange.objects.all())[:PAGE_SIZE]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # as with thousands of rows
        plan = page.explain()
    assert "theory_review_order" in plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan  # read in order, not sorted


# --- a fixed number of queries ---------------------------------------------------------------


def _many_theories(count: int, advisors: list) -> None:
    """`count` initiatives with a theory each, in bulk: all statuses, some assigned, a comment."""
    assen, eemsdelta = municipality("assen"), municipality("eemsdelta")
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            name=f"Initiatief {number:04d}",
            slug=f"initiatief-{number:04d}",
            kind=InitiativeKind.VILLAGE_HALL,
            place="Dorp",
            municipality=assen if number % 2 else eemsdelta,
        )
        for number in range(count)
    )
    statuses = list(Status)
    TheoryOfChange.objects.bulk_create(
        TheoryOfChange(
            initiative=initiative,
            year=2025,
            status=statuses[number % len(statuses)],
            submitted_at=days_ago(number % 30),
            assigned_advisor=advisors[number % len(advisors)],
        )
        for number, initiative in enumerate(initiatives)
    )
    for theory in TheoryOfChange.objects.order_by("pk")[:: max(count // 5, 1)]:
        CommentFactory(theory=theory, author=advisors[0])


# user, three lists of filter choices (municipalities, advisors, years), the
# counts per status, the paginator's count, the page of rows, and the logbook's overload
# signals of those rows.
WORKSPACE_QUERIES = 8


def _logbook_weeks(weeks: int) -> set[int]:
    """`weeks` logbook weeks for every theory, every other one overloaded (te druk in the
    last weeks) and the others quiet; the ids of the overloaded ones."""
    LogbookWeek.objects.bulk_create(
        LogbookWeek(
            theory=theory,
            week=Period.of("week", 2025, number).code,
            starts_on=Period.of("week", 2025, number).starts_on,
            note="Notitie",
            busyness=Busyness.TOO_BUSY if index % 2 else Busyness.QUIET,
        )
        for index, theory in enumerate(TheoryOfChange.objects.order_by("pk"))
        for number in range(1, weeks + 1)
    )
    return set(
        LogbookWeek.objects.filter(busyness=Busyness.TOO_BUSY).values_list("theory", flat=True)
    )


@pytest.mark.parametrize("count, weeks", [(10, 0), (10, 4), (200, 0), (200, 12)])
def test_query_count_with_logbook_weeks(
    advisor, second_advisor, django_assert_num_queries, count, weeks
):
    """The overload marker of each row costs one query for the page, whatever is logged."""
    _many_theories(count, [advisor, second_advisor, None])
    overloaded = _logbook_weeks(weeks)
    client = client_for(advisor)
    with django_assert_num_queries(WORKSPACE_QUERIES):
        response = client.get(WORKSPACE_URL)
    rows = response.context["theories"]
    marked = [theory for theory in rows if theory.overload]
    assert len(rows) == min(count, PAGE_SIZE)
    assert {theory.pk for theory in marked} == {theory.pk for theory in rows} & overloaded
    assert bool(marked) == bool(weeks)
    assert response.content.decode().count("overbelasting van vrijwilligers") == len(marked)


@pytest.mark.parametrize("count", [10, 1000])
def test_query_count_does_not_grow(advisor, second_advisor, django_assert_num_queries, count):
    _many_theories(count, [advisor, second_advisor, None])
    UserFactory(username="oud.adviseur", is_advisor=True, is_active=False)  # not a choice
    client = client_for(advisor)
    with django_assert_num_queries(WORKSPACE_QUERIES):
        response = client.get(WORKSPACE_URL)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count
    assert len(response.context["theories"]) == min(count, PAGE_SIZE)
    assert len(response.context["form"].fields["adviseur"].choices) == 5


@pytest.mark.parametrize("count", [10, 1000])
def test_query_count_with_every_filter(advisor, second_advisor, django_assert_num_queries, count):
    _many_theories(count, [advisor, second_advisor, None])
    client = client_for(advisor)
    params = {
        "q": "initiatief",
        "status": "draft",
        "provincie": "groningen",
        "gemeente": "eemsdelta",
        "adviseur": str(second_advisor.pk),
        "jaar": "2025",
        "pagina": "2",
    }
    with django_assert_num_queries(WORKSPACE_QUERIES):
        response = client.get(WORKSPACE_URL, params)
    assert response.status_code == 200
    assert response.context["theories"]  # a page of rows, not the cheaper empty state
