"""A request that changes data is one transaction: an error halfway writes nothing.
Reads run outside a transaction."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from initiatives.models import Initiative, Municipality
from tests.factories import InitiativeFactory

seen: dict[str, bool] = {}


def write_then_fail(request):
    Initiative.objects.filter(slug="dorpshuis-smilde").update(name="Half geschreven")
    raise RuntimeError("something broke after the first write")


def report_transaction(request):
    seen[request.method] = connection.in_atomic_block
    return HttpResponse("ok")


urlpatterns = [
    path("schrijf/", write_then_fail),
    path("lees/", report_transaction),
]


@pytest.fixture
def smilde(transactional_db):
    # A transactional test may run after another one emptied every table, data migrations
    # included: bring the municipality along.
    midden_drenthe, _ = Municipality.objects.get_or_create(
        slug="midden-drenthe", defaults={"name": "Midden-Drenthe", "province": "drenthe"}
    )
    return InitiativeFactory(
        name="Dorpshuis Smilde", slug="dorpshuis-smilde", municipality=midden_drenthe
    )


@pytest.mark.urls("tests.test_atomic_writes")
def test_an_error_halfway_a_write_leaves_nothing_written(smilde):
    client = Client(raise_request_exception=False)
    response = client.post("/schrijf/")
    assert response.status_code == 500
    smilde.refresh_from_db()
    assert smilde.name == "Dorpshuis Smilde"


@pytest.mark.urls("tests.test_atomic_writes")
def test_writes_run_in_a_transaction_and_reads_do_not(transactional_db):
    client = Client()
    client.get("/lees/")
    client.post("/lees/")
    assert seen == {"GET": False, "POST": True}
