"""The confidentiality rule's one home: `TheoryOfChange.objects.approved()` and
`readable_by(user)`. Approved theories are readable outside an initiative, but only by
whoever sees that initiative: never every approved theory in the country."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import TheoryFactory
from theory_of_change.models import Status, TheoryOfChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def theories(initiative_a, initiative_b):
    return {
        "a_draft": TheoryFactory(initiative=initiative_a, year=2026),
        "a_approved": TheoryFactory(initiative=initiative_a, year=2025, status=Status.APPROVED),
        "b_draft": TheoryFactory(initiative=initiative_b, year=2026),
        "b_approved": TheoryFactory(initiative=initiative_b, year=2025, status=Status.APPROVED),
    }


def readable(user, theories) -> set[str]:
    pks = set(TheoryOfChange.objects.readable_by(user).values_list("pk", flat=True))
    return {name for name, theory in theories.items() if theory.pk in pks}


def test_approved_is_approved_only(theories):
    assert set(TheoryOfChange.objects.approved()) == {
        theories["a_approved"],
        theories["b_approved"],
    }
    assert theories["a_approved"].is_approved and not theories["a_draft"].is_approved


@pytest.mark.parametrize(
    "who, expected",
    [
        ("advisor", {"a_draft", "a_approved", "b_draft", "b_approved"}),
        ("volunteer_a", {"a_draft", "a_approved"}),
        ("reader_a", {"a_draft", "a_approved"}),
        # Approved theories of their own municipality's initiatives; B is in Eemsdelta.
        ("municipality_user_a", {"a_approved"}),
        ("municipality_user_b", {"b_approved"}),
    ],
)
def test_readable_by(request, theories, who, expected):
    assert readable(request.getfixturevalue(who), theories) == expected


def test_a_volunteer_reads_no_approved_theory_of_an_initiative_they_do_not_see(
    volunteer_a, theories
):
    assert "b_approved" not in readable(volunteer_a, theories)


def test_anonymous_reads_nothing(theories):
    assert readable(AnonymousUser(), theories) == set()
