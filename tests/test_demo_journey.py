"""The issue's acceptance check on the demo data: Smilde's volunteer sees the 2025
Verandertheorie with all ten questions; Middelstum's volunteer reaches no Smilde page."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from initiatives.models import User
from tests.conftest import client_for
from tests.theory_of_change.helpers import form_data
from theory_of_change.models import TheoryOfChange
from theory_of_change.steps import STEPS

pytestmark = pytest.mark.django_db

SMILDE = "dorpshuis-smilde"


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=io.StringIO())


def smilde_urls() -> list[str]:
    year = {"slug": SMILDE, "year": 2025}
    return [
        reverse("initiatives:detail", kwargs={"slug": SMILDE}),
        reverse("initiatives:edit", kwargs={"slug": SMILDE}),
        reverse("initiatives:members", kwargs={"slug": SMILDE}),
        reverse("theory_of_change:overview", kwargs=year),
        reverse("theory_of_change:history", kwargs=year),
        *[
            reverse("theory_of_change:step", kwargs={**year, "number": step.number})
            for step in STEPS
        ],
    ]


def test_smilde_volunteer_reads_and_edits_the_2025_theory(demo):
    client = client_for(User.objects.get(username="vrijwilliger.dorpshuis-smilde"))
    overview = client.get(
        reverse("theory_of_change:overview", kwargs={"slug": SMILDE, "year": 2025})
    )
    html = overview.content.decode()
    for step in STEPS:
        assert str(step.question) in html
    assert "10 van de 10 stappen zijn klaar." in html

    theory = TheoryOfChange.objects.get(initiative__slug=SMILDE, year=2025)
    latest = theory.revisions.filter(step=1).latest("pk")
    url = reverse("theory_of_change:step", kwargs={"slug": SMILDE, "year": 2025, "number": 1})
    data = form_data(theory, 1, base_revision=latest.pk, problem="Aangepast door de vrijwilliger")
    assert client.post(url, data).status_code == 302
    assert "Aangepast door de vrijwilliger" in client.get(url).content.decode()


def test_middelstum_volunteer_cannot_open_any_smilde_page(demo):
    client = client_for(User.objects.get(username="vrijwilliger.dorpsloket-middelstum"))
    for url in smilde_urls():
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("initiatives:list")).content.decode()
    assert "Dorpshuis Smilde" not in listing
