"""The price list that advisors keep at /advies/prijslijst/: every price a sourced range,
changed only by a new version, so what was computed with the old one keeps it."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from impact.models import Beneficiary, PriceItem, PriceVersion
from impact.value.services import price_save
from tests.conftest import client_for

LIST = reverse("value:price_list")
NEW = reverse("value:price_new")

MEAL = {
    "item-name": "Een maaltijd voor een alleenstaande oudere",
    "item-unit": "maaltijd",
    "item-beneficiary": Beneficiary.RESIDENT,
    "item-theme": "",
    "prijs-low": "4",
    "prijs-central": "6",
    "prijs-high": "9,50",
    "prijs-price_year": "2025",
    "prijs-source_title": "Kengetallen maaltijdvoorzieningen",
    "prijs-source_year": "2024",
    "prijs-source_url": "https://example.org/kengetallen",
    "prijs-note": "",
}


@pytest.fixture
def advisor_client(advisor):
    return client_for(advisor)


def edit_url(item: PriceItem) -> str:
    return reverse("value:price_edit", kwargs={"pk": item.pk})


def test_an_advisor_adds_a_sourced_price(advisor_client, advisor):
    response = advisor_client.post(NEW, MEAL)
    assert response.status_code == 302 and response.url == LIST
    version = PriceVersion.objects.get()
    assert version.item.name == MEAL["item-name"]
    assert (version.low, version.central, version.high) == (4, 6, Decimal("9.50"))
    assert version.created_by == advisor
    page = advisor_client.get(LIST).content.decode()
    assert "Kengetallen maaltijdvoorzieningen" in page and "€ 4,00 tot € 9,50" in page


def test_a_price_without_a_source_is_refused_and_nothing_typed_is_lost(advisor_client):
    response = advisor_client.post(NEW, {**MEAL, "prijs-source_title": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Zonder bron kan een prijs niet worden opgeslagen." in page
    assert MEAL["item-name"] in page and 'value="9,50"' in page
    assert not PriceItem.objects.exists()


def test_the_database_refuses_a_price_without_a_source_too(db):
    item = PriceItem.objects.create(name="Iets", unit="keer", beneficiary=Beneficiary.RESIDENT)
    with pytest.raises(IntegrityError), transaction.atomic():
        PriceVersion.objects.create(
            item=item, low=1, central=2, high=3, price_year=2025, source_year=2025
        )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"prijs-low": "7"}, "De bedragen lopen op"),
        ({"prijs-high": "5"}, "De bedragen lopen op"),
        ({"prijs-low": "-1"}, "Zorg ervoor dat deze waarde minstens 0 is."),
        ({"prijs-price_year": "1850"}, "Vul een jaar in tussen 1990 en"),
        ({"prijs-source_year": ""}, "Vul het jaar van de bron in."),
    ],
)
def test_amounts_out_of_order_and_odd_years_are_refused(advisor_client, changes, message):
    response = advisor_client.post(NEW, {**MEAL, **changes})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PriceItem.objects.exists()


def test_a_change_of_amount_or_source_is_a_new_version_and_the_old_one_stays(
    advisor_client,
):
    advisor_client.post(NEW, MEAL)
    item = PriceItem.objects.get()
    first = PriceVersion.objects.get()

    # Only the item's own words: no new version.
    advisor_client.post(edit_url(item), {**MEAL, "item-unit": "warme maaltijd"})
    assert PriceVersion.objects.count() == 1
    assert PriceItem.objects.get().unit == "warme maaltijd"

    # A new amount: a new version; the first is exactly as it was.
    response = advisor_client.post(edit_url(item), {**MEAL, "prijs-central": "6,50"})
    assert response.status_code == 302
    assert PriceVersion.objects.count() == 2
    assert PriceVersion.objects.get(pk=first.pk).central == 6
    assert PriceVersion.objects.latest("pk").central == Decimal("6.50")
    page = advisor_client.get(edit_url(item)).content.decode()
    assert "Alle versies" in page and "geldt nu" in page
    # The form starts from the price now.
    assert 'value="6,50"' in page


def test_an_unchanged_save_writes_no_version(advisor):
    item = PriceItem(name="Een uur", unit="uur", beneficiary=Beneficiary.MUNICIPALITY)
    version = dict(low=1, central=2, high=3, price_year=2025, source_title="B", source_year=2025)
    assert price_save(item=item, version=PriceVersion(**version), by=advisor) is not None
    assert price_save(item=item, version=PriceVersion(**version), by=advisor) is None
    assert item.versions.count() == 1


@pytest.mark.parametrize("who", ["volunteer_a", "municipality_user_a"])
def test_only_advisors_keep_the_price_list(db, request, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(LIST).status_code == 403
    assert client.post(NEW, MEAL).status_code == 403
    assert not PriceItem.objects.exists()


@pytest.mark.parametrize("count", [1, 20])
def test_the_list_costs_the_same_queries_however_long(
    advisor_client, advisor, count, django_assert_num_queries
):
    for number in range(count):
        item = PriceItem(name=f"Prijs {number}", unit="keer", beneficiary=Beneficiary.STATE)
        for central in (2, 3):
            price_save(
                item=item,
                version=PriceVersion(
                    low=1,
                    central=central,
                    high=4,
                    price_year=2025,
                    source_title="B",
                    source_year=2025,
                ),
                by=advisor,
            )
    # The user (the session is cached), the items with their theme, their versions.
    with django_assert_num_queries(3):
        response = advisor_client.get(LIST)
    assert response.content.decode().count("€ 1,00 tot € 4,00") == count
