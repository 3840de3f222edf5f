"""Doorbraak cases (`…/<year>/doorbraak/`): a tailored solution for one household with the
costs it avoided; writers record, advisors approve, and a municipality reads a case only
once it is approved."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from impact.models import AvoidedCost, Beneficiary, BreakthroughCase, PriceVersion
from impact.value.arithmetic import Range
from impact.value.breakthrough.services import case_approve
from impact.value.services import price_save
from initiatives.models import User
from tests.conftest import client_for
from tests.factories import price
from tests.factsheet.conftest import set_status
from theory_of_change.models import Status

SITUATION = "Een oudere man dreigde zijn huis uit te moeten omdat hij de tuin niet meer bijhield."


@pytest.fixture
def care_price(advisor):
    return price(
        "Een maand verpleeghuis", unit="maand", beneficiary=Beneficiary.HEALTH_INSURER, by=advisor
    )


def list_url(theory) -> str:
    return reverse(
        "breakthrough:list", kwargs={"slug": theory.initiative.slug, "year": theory.year}
    )


def new_url(theory) -> str:
    return reverse("breakthrough:new", kwargs={"slug": theory.initiative.slug, "year": theory.year})


def case_url(case, name="case") -> str:
    theory = case.theory
    return reverse(
        f"breakthrough:{name}",
        kwargs={"slug": theory.initiative.slug, "year": theory.year, "pk": case.pk},
    )


def form_data(lines=(), *, existing=(), **case) -> dict:
    """The POST of the case form: the case's fields and one formset form per line (the
    existing lines first, with their ids)."""
    data = {
        "casus-situation": SITUATION,
        "casus-arranged": "Buren maaien nu elke maand; de woningcorporatie weet ervan.",
        "casus-cost": "150",
        **{f"casus-{name}": value for name, value in case.items()},
        "vermeden-TOTAL_FORMS": str(len(existing) + len(lines)),
        "vermeden-INITIAL_FORMS": str(len(existing)),
        "vermeden-MIN_NUM_FORMS": "0",
        "vermeden-MAX_NUM_FORMS": "20",
    }
    for number, line in enumerate([*existing, *lines]):
        data.update({f"vermeden-{number}-{name}": value for name, value in line.items()})
    return data


def price_line(price, **more) -> dict:
    return {"price": price.pk, "quantity": "10", "likelihood": "75", **more}


def own_line(**more) -> dict:
    return {
        "description": "Hulp bij het huishouden",
        "low": "100",
        "high": "300",
        "source_title": "Hoogte pgb Wmo, gemeente Venray",
        "source_year": "2026",
        "beneficiary": Beneficiary.MUNICIPALITY,
        "likelihood": "50",
        **more,
    }


def record(client, theory, *lines) -> BreakthroughCase:
    response = client.post(new_url(theory), form_data(lines))
    assert response.status_code == 302, response.content.decode()
    return BreakthroughCase.objects.latest("pk")


# --- recording and the arithmetic ------------------------------------------------------------


def test_a_writer_records_a_case_and_its_value_is_a_range_weighed_by_likelihood(
    client_a, volunteer_a, theory_a, care_price
):
    case = record(client_a, theory_a, price_line(care_price), own_line())
    assert case.created_by == volunteer_a and not case.is_approved
    by_price, own = case.avoided.order_by("pk")
    # The price's beneficiary, since none was chosen; the version stays the one chosen.
    assert by_price.beneficiary == Beneficiary.HEALTH_INSURER and by_price.price == care_price
    assert own.central is None and own.source_title.startswith("Hoogte pgb")
    # 10 × € 4–6–9 × 75% = € 30–45–67,50; € 100–(200)–300 × 50% = € 50–100–150.
    assert by_price.value == Range(Decimal(30), Decimal(45), Decimal("67.5"))
    assert own.value == Range(Decimal(50), Decimal(100), Decimal(150))
    assert case.avoided_value() == Range(Decimal(80), Decimal(145), Decimal("217.5"))
    page = client_a.get(case_url(case)).content.decode()
    # Rounded outward to whole euros, never one number; next to the case's cost.
    assert "De oplossing kostte € 150. Ze voorkwam naar schatting € 80 tot € 218" in page
    assert "Voorstel" in page


def test_the_list_shows_each_case_with_its_status(client_a, theory_a, care_price):
    record(client_a, theory_a, price_line(care_price))
    page = client_a.get(list_url(theory_a)).content.decode()
    assert "Een oudere man dreigde" in page and "Voorstel" in page
    assert "Eén casus is nog een voorstel" in page
    assert "Er is nog geen goedgekeurde doorbraakcasus." in page


def test_an_own_amount_needs_a_source_in_the_database_too(theory_a):
    case = BreakthroughCase.objects.create(theory=theory_a, situation="x", arranged="y", cost=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        AvoidedCost.objects.create(
            case=case, description="z", low=1, high=2, beneficiary="gemeente", likelihood=50
        )


@pytest.mark.parametrize(
    "line, message",
    [
        ({"likelihood": "50"}, "Kies een prijs van de prijslijst met een aantal, of vul een eigen"),
        ("both", "Allebei kan niet: maak een van de twee leeg."),
        (own_line(source_title=""), "Zonder bron kan een bedrag niet worden opgeslagen."),
        (own_line(source_year=""), "Vul het jaar van de bron in."),
        (own_line(low="300", high="100"), "De bedragen lopen op"),
        (own_line(low="veel"), "Vul een bedrag in, bijvoorbeeld 250 of 250,50."),
        (own_line(description=""), "Schrijf op wat er is voorkomen."),
        (
            {"quantity": "3", "likelihood": "50"},
            "Kies de prijs van de prijslijst die hierbij hoort.",
        ),
        ("price-only", "Vul in hoe vaak dit nodig was geweest (aantal)."),
        (own_line(likelihood=""), "Kies hoe waarschijnlijk het was."),
    ],
)
def test_every_mistake_has_a_plain_message_and_nothing_typed_is_lost(
    client_a, theory_a, care_price, line, message
):
    if line == "both":
        line = own_line(price=care_price.pk, quantity="2")
    elif line == "price-only":
        line = {"price": care_price.pk, "likelihood": "50"}
    response = client_a.post(new_url(theory_a), form_data([line], cost="1250,50"))
    page = response.content.decode()
    assert response.status_code == 200 and not BreakthroughCase.objects.exists()
    assert message in page
    assert "Je tekst staat er nog." in page
    assert SITUATION in page and 'value="1250,50"' in page
    for name in ("description", "source_title", "low"):
        if line.get(name):
            assert f'value="{line[name]}"' in page


def test_the_case_itself_needs_its_fields(client_a, theory_a):
    response = client_a.post(new_url(theory_a), form_data(situation="", cost="-5"))
    page = response.content.decode()
    assert "Beschrijf kort de situatie, zonder namen." in page
    assert "Het bedrag kan niet kleiner zijn dan 0." in page
    assert not BreakthroughCase.objects.exists()


def test_a_case_keeps_the_price_version_it_chose(client_a, advisor, theory_a, care_price):
    case = record(client_a, theory_a, price_line(care_price))
    price_save(
        item=care_price.item,
        version=PriceVersion(
            low=5, central=7, high=10, price_year=2026, source_title="Nieuw", source_year=2026
        ),
        by=advisor,
    )
    line = case.avoided.get()
    # Saved again unchanged: the old version is still offered and kept.
    response = client_a.post(
        case_url(case),
        form_data(existing=[{"id": line.pk, **price_line(care_price)}]),
    )
    assert response.status_code == 302
    assert case.avoided.get().price == care_price
    assert "Kengetallen" in client_a.get(case_url(case)).content.decode()


def test_a_writer_removes_a_line_and_a_case(client_a, theory_a, care_price):
    case = record(client_a, theory_a, price_line(care_price), own_line())
    first, second = case.avoided.order_by("pk")
    response = client_a.post(
        case_url(case),
        form_data(
            existing=[
                {"id": first.pk, **price_line(care_price)},
                {"id": second.pk, **own_line(), "DELETE": "on"},
            ]
        ),
    )
    assert response.status_code == 302
    assert list(case.avoided.all()) == [first]
    response = client_a.post(case_url(case, "remove"))
    assert response.status_code == 302 and response["Location"] == list_url(theory_a)
    assert not BreakthroughCase.objects.exists() and not AvoidedCost.objects.exists()


# --- approval --------------------------------------------------------------------------------


def test_an_advisor_approves_and_a_change_makes_it_a_proposal_again(
    client_a, advisor, theory_a, care_price
):
    case = record(client_a, theory_a, price_line(care_price))
    assert client_a.post(case_url(case, "approve")).status_code == 403  # writers do not approve
    response = client_for(advisor).post(case_url(case, "approve"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.is_approved and case.approved_by == advisor
    line = case.avoided.get()
    same = form_data(existing=[{"id": line.pk, **price_line(care_price)}])
    client_a.post(case_url(case), same)  # saved unchanged: still approved
    case.refresh_from_db()
    assert case.is_approved
    changed_line = price_line(care_price, likelihood="100")
    changed = form_data(existing=[{"id": line.pk, **changed_line}])
    client_a.post(case_url(case), changed)
    case.refresh_from_db()
    assert not case.is_approved and case.approved_by is None
    case_approve(case=case, by=advisor)
    client_a.post(case_url(case), form_data(existing=[{"id": line.pk, **changed_line}], cost="151"))
    case.refresh_from_db()
    assert not case.is_approved  # the case's own fields count too


def test_an_advisor_reads_but_does_not_write(advisor, theory_a, client_a, care_price):
    case = record(client_a, theory_a, price_line(care_price))
    client = client_for(advisor)
    page = client.get(case_url(case)).content.decode()
    assert "Doorbraakcasus goedkeuren" in page and "casus-situation" not in page
    assert client.post(case_url(case), form_data()).status_code == 403
    assert client.get(new_url(theory_a)).status_code == 403
    assert client.post(case_url(case, "remove")).status_code == 403


# --- who sees what ---------------------------------------------------------------------------


@pytest.fixture
def cases_a(client_a, advisor, theory_a, care_price):
    """Two cases of A's (draft) 2025 theory: one approved, one proposed."""
    approved = record(client_a, theory_a, price_line(care_price))
    case_approve(case=approved, by=advisor)
    proposed = record(client_a, theory_a, own_line())
    BreakthroughCase.objects.filter(pk=proposed.pk).update(situation="Nog geheim voorstel")
    return approved, proposed


@pytest.mark.parametrize(
    "role, listed, approved, proposed",
    [
        ("volunteer_a", 200, 200, 200),
        ("reader_a", 200, 200, 200),
        ("advisor", 200, 200, 200),
        ("municipality_user_a", 200, 200, 404),
        ("volunteer_b", 404, 404, 404),
        ("municipality_user_b", 404, 404, 404),
    ],
)
def test_who_sees_the_cases(request, cases_a, theory_a, role, listed, approved, proposed):
    client = client_for(request.getfixturevalue(role))
    approved_case, proposed_case = cases_a
    response = client.get(list_url(theory_a))
    assert response.status_code == listed
    assert client.get(case_url(approved_case)).status_code == approved
    assert client.get(case_url(proposed_case)).status_code == proposed
    if listed == 200:
        page = response.content.decode()
        assert ("Nog geheim voorstel" in page) == (proposed == 200)
        assert ("nog een voorstel" in page) == (proposed == 200)  # not even counted


def test_a_municipality_never_learns_of_a_proposal(
    municipality_user_a, client_a, advisor, theory_a, care_price
):
    """Before any approval a draft year's cases do not exist for the municipality; once one
    is approved it reads that one (and still not the others), read-only."""
    client = client_for(municipality_user_a)
    proposed = record(client_a, theory_a, price_line(care_price))
    for url in (list_url(theory_a), case_url(proposed), new_url(theory_a)):
        assert client.get(url).status_code == 404
    assert client.post(case_url(proposed, "approve")).status_code == 404
    approved = record(client_a, theory_a, own_line())
    case_approve(case=approved, by=advisor)
    page = client.get(list_url(theory_a)).content.decode()
    assert "Eén goedgekeurde casus" in page and "voorstel" not in page.lower()
    assert client.get(case_url(proposed)).status_code == 404
    assert client.post(case_url(approved), form_data()).status_code == 403
    assert client.post(case_url(approved, "remove")).status_code == 403
    assert client.get(new_url(theory_a)).status_code == 403


def test_an_approved_theory_shows_the_municipality_an_empty_list(
    municipality_user_a, client_a, theory_a, care_price
):
    set_status(theory_a, Status.APPROVED)
    record(client_a, theory_a, price_line(care_price))
    page = client_for(municipality_user_a).get(list_url(theory_a)).content.decode()
    assert "Er is nog geen goedgekeurde doorbraakcasus." in page
    assert "Een oudere man" not in page


def test_anonymous_visitors_log_in_first(anonymous_client, theory_a):
    response = anonymous_client.get(list_url(theory_a))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_demo_case_of_welzijn_westerwolde_waits_for_an_advisor(db):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # again: nothing new
    case = BreakthroughCase.objects.get(theory__initiative__slug="welzijn-westerwolde")
    assert not case.is_approved
    cost = case.avoided.get()
    assert cost.source_url == "https://www.venray.nl/hoogte-persoonsgebonden-budget-pgb-wmo"
    assert "geen jaartal" in cost.note
    theory = case.theory
    gemeente = client_for(User.objects.get(username="gemeente.westerwolde"))
    assert gemeente.get(list_url(theory)).status_code == 404
    assert gemeente.get(case_url(case)).status_code == 404
    volunteer = client_for(User.objects.get(username="vrijwilliger.welzijn-westerwolde"))
    assert "Voorstel" in volunteer.get(case_url(case)).content.decode()
    case_approve(case=case, by=User.objects.get(username="adviseur"))
    assert case.situation[:30] in gemeente.get(list_url(theory)).content.decode()
    assert gemeente.get(case_url(case)).status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_the_list_costs_the_same_queries_however_many_cases(
    client_a, theory_a, care_price, count, django_assert_num_queries
):
    for _ in range(count):
        record(client_a, theory_a, price_line(care_price), own_line())
    # Session user, initiative, membership, theory, the cases, their avoided costs with
    # their prices.
    with django_assert_num_queries(6):
        response = client_a.get(list_url(theory_a))
    assert response.content.decode().count("Voorstel") == count


def test_an_advisor_approves_only_what_they_read(client_a, advisor, theory_a, care_price):
    """The approve button carries the moment of the case as read: a change in between
    (here by a writer in another window) is not approved unseen."""
    case = record(client_a, theory_a, price_line(care_price))
    client = client_for(advisor)
    page = client.get(case_url(case)).content.decode()
    seen = re.search(r'name="gelezen" value="([^"]+)"', page).group(1)
    line = case.avoided.get()
    changed = price_line(care_price, quantity="12")
    client_a.post(case_url(case), form_data(existing=[{"id": line.pk, **changed}]))
    response = client.post(case_url(case, "approve"), {"gelezen": seen}, follow=True)
    assert "intussen aangepast" in response.content.decode()
    case.refresh_from_db()
    assert not case.is_approved
    fresh = re.search(r'name="gelezen" value="([^"]+)"', response.content.decode()).group(1)
    client.post(case_url(case, "approve"), {"gelezen": fresh})
    case.refresh_from_db()
    assert case.is_approved


def test_the_admin_shows_cases_read_only(client_a, theory_a, care_price):
    case = record(client_a, theory_a, price_line(care_price), own_line())
    admin = client_for(User.objects.create_superuser("beheer", "beheer@example.org", "x"))
    assert admin.get("/admin/impact/breakthroughcase/").status_code == 200
    page = admin.get(f"/admin/impact/breakthroughcase/{case.pk}/change/").content.decode()
    assert "Hulp bij het huishouden" in page and 'name="situation"' not in page
