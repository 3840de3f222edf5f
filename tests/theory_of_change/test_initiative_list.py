"""The list of initiatives: who sees which, and a query count that does not grow."""

import pytest
from django.urls import reverse

from initiatives.models import Role
from tests.conftest import client_for
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    TheoryFactory,
    UserFactory,
    municipality,
)
from theory_of_change.models import Status

pytestmark = pytest.mark.django_db

LIST_URL = reverse("initiatives:list")


def names(response) -> list[str]:
    return [initiative.name for initiative in response.context["initiatives"]]


def test_volunteer_sees_own_initiative_only(client_a, initiative_a, initiative_b):
    response = client_a.get(LIST_URL)
    assert response.status_code == 200
    assert names(response) == ["Dorpshuis Smilde"]
    assert "Dorpsloket Middelstum" not in response.content.decode()


def test_single_initiative_is_still_a_list(client_a, initiative_a):
    response = client_a.get(LIST_URL)
    assert response.status_code == 200  # no automatic redirect to the one initiative
    assert names(response) == ["Dorpshuis Smilde"]


def test_advisor_sees_all(advisor, initiative_a, initiative_b):
    response = client_for(advisor).get(LIST_URL)
    assert names(response) == ["Dorpshuis Smilde", "Dorpsloket Middelstum"]
    assert "Adviseur" in response.content.decode()


def test_municipality_user_sees_own_municipality(municipality_user_a, initiative_a, initiative_b):
    response = client_for(municipality_user_a).get(LIST_URL)
    assert names(response) == ["Dorpshuis Smilde"]


def test_municipality_user_sees_initiatives_that_also_serve_it(municipality_user_b, initiative_a):
    initiative_a.also_serves.add(municipality("eemsdelta"))
    response = client_for(municipality_user_b).get(LIST_URL)
    assert names(response) == ["Dorpshuis Smilde"]


def test_shows_role_and_theories(client_a, theory_a):
    TheoryFactory(initiative=theory_a.initiative, year=2026)
    html = client_a.get(LIST_URL).content.decode()
    assert "Coördinator" in html
    assert '<span class="status-badge status-draft">Concept</span>' in html
    assert (
        reverse("theory_of_change:overview", kwargs={"slug": "dorpshuis-smilde", "year": 2026})
        in html
    )


def test_municipality_user_sees_only_approved_theories(municipality_user_a, initiative_a):
    TheoryFactory(initiative=initiative_a, year=2024, status=Status.APPROVED)
    TheoryFactory(initiative=initiative_a, year=2025, status=Status.SUBMITTED)
    response = client_for(municipality_user_a).get(LIST_URL)
    (initiative,) = response.context["initiatives"]
    assert [theory.year for theory in initiative.readable_theories] == [2024]
    assert "Gemeente (meelezen)" in response.content.decode()


def test_member_who_is_also_municipality_staff_sees_drafts_of_own_initiative(
    municipality_user_a, initiative_a
):
    other = InitiativeFactory(name="Ander initiatief", municipality=municipality("midden-drenthe"))
    TheoryFactory(initiative=initiative_a, year=2025, status=Status.DRAFT)
    TheoryFactory(initiative=other, year=2025, status=Status.DRAFT)
    MembershipFactory(user=municipality_user_a, initiative=initiative_a, role=Role.READER)
    response = client_for(municipality_user_a).get(LIST_URL)
    theories = {
        i.name: [t.year for t in i.readable_theories] for i in response.context["initiatives"]
    }
    assert theories == {"Ander initiatief": [], "Dorpshuis Smilde": [2025]}


def test_search_by_name_or_place(advisor):
    for number in range(12):
        InitiativeFactory(name=f"Dorpshuis {number:02d}", place="Smilde")
    InitiativeFactory(name="Odensehuis", place="Meppel")
    client = client_for(advisor)
    response = client.get(LIST_URL)
    assert response.context["show_search"]
    assert names(client.get(LIST_URL, {"q": "odense"})) == ["Odensehuis"]
    assert names(client.get(LIST_URL, {"q": "meppel"})) == ["Odensehuis"]
    response = client.get(LIST_URL, {"q": "bestaat-niet"})
    assert names(response) == []
    assert "Geen initiatieven gevonden" in response.content.decode()


def test_short_list_has_no_search(client_a, initiative_a):
    assert not client_a.get(LIST_URL).context["show_search"]


def test_advisor_list_is_paginated(advisor):
    for number in range(30):
        InitiativeFactory(name=f"Initiatief {number:02d}")
    client = client_for(advisor)
    first = client.get(LIST_URL)
    assert len(first.context["initiatives"]) == 25
    second = client.get(LIST_URL, {"pagina": 2})
    assert names(second) == [f"Initiatief {number:02d}" for number in range(25, 30)]


def _many_initiatives(user, count: int) -> None:
    """`count` initiatives of the user, each in two municipalities with two theories."""
    for _ in range(count):
        initiative = InitiativeFactory(municipality=municipality("midden-drenthe"))
        initiative.also_serves.add(municipality("assen"))
        MembershipFactory(user=user, initiative=initiative, role=Role.EDITOR)
        MembershipFactory(initiative=initiative, role=Role.COORDINATOR)
        TheoryFactory(initiative=initiative, year=2024, status=Status.APPROVED)
        TheoryFactory(initiative=initiative, year=2025)


# user, count (pagination), initiatives (the role scope is a subquery), also_serves,
# readable theories, own memberships: the same for every role.
LIST_QUERIES = 6


@pytest.mark.parametrize("count", [2, 20])
def test_list_query_count_does_not_grow_volunteer(django_assert_num_queries, count):
    user = UserFactory()
    _many_initiatives(user, count)
    client = client_for(user)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(LIST_URL)
    assert len(response.context["initiatives"]) == count


@pytest.mark.parametrize("count", [2, 20])
def test_list_query_count_does_not_grow_municipality(
    django_assert_num_queries, municipality_user_a, count
):
    _many_initiatives(UserFactory(), count)
    client = client_for(municipality_user_a)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(LIST_URL)
    assert len(response.context["initiatives"]) == count


@pytest.mark.parametrize("count", [2, 20])
def test_list_query_count_does_not_grow_advisor(django_assert_num_queries, advisor, count):
    _many_initiatives(UserFactory(), count)
    client = client_for(advisor)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(LIST_URL)
    assert len(response.context["initiatives"]) == count
