"""`/advies/waarde/`: what waits for an advisor's approval, valuations and doorbraak cases
by initiative and year, the longest waiting first; approved ones leave the list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from impact.value import services
from impact.value.arithmetic import Corrections
from impact.value.breakthrough.models import AvoidedCost, BreakthroughCase
from impact.value.breakthrough.services import case_approve, case_save
from impact.value.models import Valuation
from tests.conftest import client_for
from tests.factories import OutputFactory, price

URL = reverse("value:approvals")


@pytest.fixture
def meal_price(advisor):
    return price(by=advisor)


def propose(theory, version):
    output = OutputFactory(theory=theory, achieved=10)
    services.valuation_save(theory=theory, subject=output, price=version, corrections=Corrections())
    return output


def record_case(theory, version) -> BreakthroughCase:
    return case_save(
        theory=theory,
        case=BreakthroughCase(situation="Een huishouden", arranged="Buren", cost=10),
        costs=[AvoidedCost(price=version, quantity=1, likelihood=50, beneficiary="gemeente")],
        removed=[],
        by=None,
    )


def test_the_advisor_sees_what_waits_the_longest_first(
    advisor, theory_a, theory_b, meal_price, django_assert_num_queries
):
    propose(theory_a, meal_price)
    propose(theory_a, meal_price)
    record_case(theory_a, meal_price)
    case_b = record_case(theory_b, meal_price)
    BreakthroughCase.objects.filter(pk=case_b.pk).update(
        updated_at=timezone.now() - timedelta(days=9)
    )
    client = client_for(advisor)

    # User (1), the valuations and the cases waiting (2).
    with django_assert_num_queries(3):
        response = client.get(URL)

    rows = response.context["waiting"]
    assert [(row.slug, row.valuations, row.cases) for row in rows] == [
        (theory_b.initiative.slug, 0, 1),
        (theory_a.initiative.slug, 2, 1),
    ]
    page = response.content.decode()
    assert reverse("value:value", kwargs={"slug": theory_a.initiative.slug, "year": 2025}) in page
    assert "2 voorstellen" in page


def test_approved_proposals_leave_the_list(advisor, theory_a, meal_price):
    output = propose(theory_a, meal_price)
    case = record_case(theory_a, meal_price)

    services.valuation_approve(subject=output, by=advisor)
    case_approve(case=case, by=advisor)

    response = client_for(advisor).get(URL)
    assert response.context["waiting"] == []
    assert "Er wacht niets op goedkeuring." in response.content.decode()
    assert Valuation.objects.get().is_approved


def test_the_workspace_links_to_it(advisor):
    page = client_for(advisor).get(reverse("workspace:index")).content.decode()
    assert f'href="{URL}"' in page
