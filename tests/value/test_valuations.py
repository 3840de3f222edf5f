"""A year's counted results valued in euros (`…/<year>/waarde/`): the initiative proposes,
an advisor approves, and only approved valuations make the indication."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from impact.models import PriceVersion, Valuation
from impact.value.services import price_save
from tests.conftest import client_for
from tests.factories import OutcomeFactory, OutputFactory, ResourceFactory, price, survey_result


@pytest.fixture
def meal_price(advisor):
    return price(by=advisor)


@pytest.fixture
def dinners(theory_a):
    return OutputFactory(theory=theory_a, description="Dorpsdiners", unit="diners", achieved=52)


def url(theory) -> str:
    return reverse("value:value", kwargs={"slug": theory.initiative.slug, "year": theory.year})


def propose(client, output, price, **answers):
    data = {"resultaat": output.pk, f"r{output.pk}-price": price.pk}
    defaults = {"deadweight": 25, "attribution": 50, "years": 1, "drop_off": 0}
    data.update({f"r{output.pk}-{name}": value for name, value in {**defaults, **answers}.items()})
    return client.post(url(output.theory), data)


def approve(client, output):
    return client.post(url(output.theory), {"resultaat": output.pk, "actie": "goedkeuren"})


def test_a_writer_proposes_and_the_page_shows_the_worked_out_range(
    client_a, theory_a, dinners, meal_price
):
    response = propose(client_a, dinners, meal_price)
    assert response.status_code == 302
    valuation = Valuation.objects.get()
    assert not valuation.is_approved and valuation.price == meal_price
    page = client_a.get(url(theory_a)).content.decode()
    # 52 × € 4–9 × 75% (deadweight) × 50% (attribution): € 78 to € 175.50, central € 117.
    assert "€ 78 tot € 176 (midden € 117), indicatie" in page
    assert "Voorstel" in page and "Er is nog geen goedgekeurde waardering." in page


def test_an_approved_valuation_makes_the_indication_with_the_costs_of_step_3(
    client_a, advisor, theory_a, dinners, meal_price
):
    ResourceFactory(theory=theory_a, euro_value=Decimal("50"))
    propose(client_a, dinners, meal_price)
    assert approve(client_for(advisor), dinners).status_code == 302
    assert Valuation.objects.get().approved_by == advisor
    page = client_a.get(url(theory_a)).content.decode()
    assert "samen € 78 tot € 176 aan maatschappelijke waarde (indicatie)" in page
    # 78 / 50 = 1.56 and 175.5 / 50 = 3.51: rounded outward.
    assert "Voor elke euro € 1,56 tot € 3,51 aan maatschappelijke waarde (indicatie)." in page
    assert "Gedeeld door de kosten: € 50 (zie Kosten hieronder)." in page


def test_no_ratio_without_costs_in_euros(client_a, advisor, theory_a, dinners, meal_price):
    propose(client_a, dinners, meal_price)
    approve(client_for(advisor), dinners)
    page = client_a.get(url(theory_a)).content.decode()
    assert "Voor elke euro" not in page
    assert "Geen verhouding tussen kosten en waarde" in page


def test_a_change_needs_approval_again_and_an_unchanged_save_keeps_it(
    client_a, advisor, dinners, meal_price
):
    propose(client_a, dinners, meal_price)
    approve(client_for(advisor), dinners)
    propose(client_a, dinners, meal_price)
    assert Valuation.objects.get().is_approved
    propose(client_a, dinners, meal_price, deadweight=50)
    assert not Valuation.objects.get().is_approved


def test_a_later_price_change_leaves_the_valuation_with_its_price(
    client_a, advisor, theory_a, dinners, meal_price
):
    propose(client_a, dinners, meal_price)
    approve(client_for(advisor), dinners)
    price_save(
        item=meal_price.item,
        version=PriceVersion(
            low=10, central=12, high=15, price_year=2026, source_title="Nieuw", source_year=2026
        ),
        by=advisor,
    )
    valuation = Valuation.objects.get()
    assert valuation.price == meal_price and valuation.is_approved
    assert "€ 78 tot € 176" in client_a.get(url(theory_a)).content.decode()


def test_a_writer_removes_a_valuation_and_a_reader_may_not(client_a, reader_a, dinners, meal_price):
    propose(client_a, dinners, meal_price)
    remove = {"resultaat": dinners.pk, "actie": "verwijderen"}
    assert client_for(reader_a).post(url(dinners.theory), remove).status_code == 403
    assert Valuation.objects.exists()
    assert client_a.post(url(dinners.theory), remove).status_code == 302
    assert not Valuation.objects.exists()


def test_a_proposal_without_a_price_is_refused_in_dutch(client_a, theory_a, dinners, meal_price):
    response = client_a.post(url(theory_a), {"resultaat": dinners.pk})
    assert response.status_code == 200
    assert "Kies een prijs van de prijslijst." in response.content.decode()
    assert not Valuation.objects.exists()


def test_who_may_do_what(reader_a, advisor, municipality_user_a, theory_a, dinners, meal_price):
    assert propose(client_for(reader_a), dinners, meal_price).status_code == 403
    assert propose(client_for(advisor), dinners, meal_price).status_code == 403  # approves only
    assert client_for(municipality_user_a).get(url(theory_a)).status_code == 404
    assert not Valuation.objects.exists()


def test_writers_cannot_approve_their_own_valuation(client_a, dinners, meal_price):
    propose(client_a, dinners, meal_price)
    assert approve(client_a, dinners).status_code == 403
    assert not Valuation.objects.get().is_approved


@pytest.mark.parametrize("count", [1, 8])
def test_the_page_costs_the_same_queries_however_many_results(
    client_a, theory_a, meal_price, count, django_assert_num_queries
):
    for number in range(count):
        output = OutputFactory(theory=theory_a, achieved=10 + number)
        propose(client_a, output, meal_price)
        outcome = OutcomeFactory(theory=theory_a)
        propose_for_outcome(client_a, outcome, meal_price)
        add_cost(client_a, theory_a)
    # User, initiative and membership, theory, the prices offered (once for every form),
    # the outputs and the outcomes with valuation and price, their counts, the outcomes'
    # questionnaire results, the costs of step 3 and the other costs.
    with django_assert_num_queries(12):
        response = client_a.get(url(theory_a))
    assert response.content.decode().count("Voorstel") == 2 * count


# --- other costs -----------------------------------------------------------------------------


def add_cost(client, theory, description="Huur van de zaal", amount="25"):
    return client.post(
        url(theory),
        {"actie": "kosten-toevoegen", "kosten-description": description, "kosten-amount": amount},
    )


def test_other_costs_count_in_the_ratio_beside_step_3(
    client_a, advisor, theory_a, dinners, meal_price
):
    ResourceFactory(theory=theory_a, euro_value=Decimal("50"))
    propose(client_a, dinners, meal_price)
    approve(client_for(advisor), dinners)

    assert add_cost(client_a, theory_a, amount="25,00").status_code == 302

    page = client_a.get(url(theory_a)).content.decode()
    # € 78 to € 175.50 over € 75 of costs: 1.04 to 2.34, rounded outward.
    assert "Voor elke euro € 1,04 tot € 2,34 aan maatschappelijke waarde (indicatie)." in page
    assert "Huur van de zaal" in page and "Gedeeld door de kosten: € 75" in page


def test_other_costs_alone_make_the_costs_known(client_a, advisor, theory_a, dinners, meal_price):
    propose(client_a, dinners, meal_price)
    approve(client_for(advisor), dinners)
    add_cost(client_a, theory_a, amount="100")

    page = client_a.get(url(theory_a)).content.decode()
    assert "Voor elke euro € 0,78 tot € 1,76" in page


def test_a_cost_with_mistakes_is_shown_again_with_what_was_typed(client_a, theory_a):
    response = add_cost(client_a, theory_a, description="", amount="veel")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Schrijf op wat het kostte." in page
    assert 'value="veel"' in page
    assert theory_a.other_costs.count() == 0


def test_a_writer_removes_a_cost_and_a_reader_cannot_add_one(client_a, theory_a, reader_a):
    add_cost(client_a, theory_a)
    cost = theory_a.other_costs.get()
    reader = client_for(reader_a)
    assert add_cost(reader, theory_a).status_code == 403
    assert (
        reader.post(url(theory_a), {"actie": "kosten-verwijderen", "kosten": cost.pk}).status_code
        == 403
    )

    client_a.post(url(theory_a), {"actie": "kosten-verwijderen", "kosten": cost.pk})

    assert theory_a.other_costs.count() == 0


# --- outcomes --------------------------------------------------------------------------------


@pytest.fixture
def feels_at_home(theory_a):
    """An outcome with a questionnaire: 18 of the 24 participants say it happened."""
    outcome = OutcomeFactory(theory=theory_a, description="Inwoners voelen zich thuis")
    survey_result(outcome, question="Ik voel me hier thuis.", respondents=24, agreeing=18)
    return outcome


def propose_for_outcome(client, outcome, price, **answers):
    data = {"effect": outcome.pk, f"e{outcome.pk}-price": price.pk}
    defaults = {"deadweight": 50, "attribution": 0, "years": 1, "drop_off": 0}
    data.update({f"e{outcome.pk}-{name}": value for name, value in {**defaults, **answers}.items()})
    return client.post(url(outcome.theory), data)


def test_an_outcome_is_valued_per_participant_who_says_it_happened(
    client_a, advisor, theory_a, feels_at_home, meal_price
):
    assert propose_for_outcome(client_a, feels_at_home, meal_price).status_code == 302
    valuation = Valuation.objects.get()
    assert valuation.outcome == feels_at_home and valuation.output is None

    page = client_a.get(url(theory_a)).content.decode()
    assert "Gemeten: 18 van de 24 deelnemers zeggen: „Ik voel me hier thuis.”" in page
    # 18 × € 4–9 × 50%: € 36 to € 81.
    assert "€ 36 tot € 81 (midden € 54), indicatie" in page
    assert "18 × (€ 4,00 tot € 9,00) × 50%" in page

    client_for(advisor).post(url(theory_a), {"effect": feels_at_home.pk, "actie": "goedkeuren"})
    assert Valuation.objects.get().is_approved
    page = client_a.get(url(theory_a)).content.decode()
    assert "samen € 36 tot € 81 aan maatschappelijke waarde (indicatie)" in page


def test_an_outcome_of_another_theory_cannot_be_valued(
    client_a, client_b, theory_b, feels_at_home, meal_price
):
    """Volunteer B posts A's outcome to B's own value page: it is not B's."""
    response = client_b.post(
        url(theory_b),
        {"effect": feels_at_home.pk, f"e{feels_at_home.pk}-price": meal_price.pk},
    )
    assert response.status_code == 302
    assert not Valuation.objects.exists()


def test_a_valuation_is_of_an_output_or_an_outcome_never_both(
    theory_a, dinners, feels_at_home, meal_price
):
    with pytest.raises(IntegrityError), transaction.atomic():
        Valuation.objects.create(
            theory=theory_a, output=dinners, outcome=feels_at_home, price=meal_price
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Valuation.objects.create(theory=theory_a, price=meal_price)
