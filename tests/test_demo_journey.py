"""The issues' acceptance checks on the demo data: Smilde's volunteer sees the 2025
Verandertheorie with all ten questions; Middelstum's volunteer reaches no Smilde page; the
`adviseur` account sees every initiative and its review.

Smilde's theory is approved in the demo (read-only), so editing is shown on a draft.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo import data as demo_data
from initiatives.models import User
from tests.conftest import client_for
from tests.theory_of_change.helpers import form_data
from theory_of_change.models import Comment, Status, TheoryOfChange
from theory_of_change.steps import STEPS

pytestmark = pytest.mark.django_db

SMILDE = "dorpshuis-smilde"
ODENSEHUIS = "odensehuis-meppel-westerveld"  # a draft in the demo


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


def test_smilde_volunteer_reads_the_approved_2025_theory_but_cannot_change_it(demo):
    client = client_for(User.objects.get(username="vrijwilliger.dorpshuis-smilde"))
    overview = client.get(
        reverse("theory_of_change:overview", kwargs={"slug": SMILDE, "year": 2025})
    )
    html = overview.content.decode()
    for step in STEPS:
        assert str(step.question) in html
    assert "10 van de 10 stappen zijn klaar." in html

    theory = TheoryOfChange.objects.get(initiative__slug=SMILDE, year=2025)
    assert theory.status == Status.APPROVED
    latest = theory.revisions.filter(step=1).latest("pk")
    url = reverse("theory_of_change:step", kwargs={"slug": SMILDE, "year": 2025, "number": 1})
    client.post(url, form_data(theory, 1, base_revision=latest.pk, problem="Toch aangepast"))
    theory.refresh_from_db()
    assert theory.problem != "Toch aangepast"


def test_a_volunteer_edits_a_draft_2025_theory(demo):
    client = client_for(User.objects.get(username=f"vrijwilliger.{ODENSEHUIS}"))
    theory = TheoryOfChange.objects.get(initiative__slug=ODENSEHUIS, year=2025)
    assert theory.status == Status.DRAFT
    latest = theory.revisions.filter(step=1).latest("pk")
    url = reverse("theory_of_change:step", kwargs={"slug": ODENSEHUIS, "year": 2025, "number": 1})
    data = form_data(theory, 1, base_revision=latest.pk, problem="Aangepast door de vrijwilliger")
    assert client.post(url, data).status_code == 302
    assert "Aangepast door de vrijwilliger" in client.get(url).content.decode()


def test_middelstum_volunteer_cannot_open_any_smilde_page(demo):
    client = client_for(User.objects.get(username="vrijwilliger.dorpsloket-middelstum"))
    for url in smilde_urls():
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("initiatives:list")).content.decode()
    assert "Dorpshuis Smilde" not in listing


def test_adviseur_sees_every_initiative_and_its_review(demo):
    client = client_for(User.objects.get(username="adviseur"))

    workspace = client.get(reverse("workspace:index")).content.decode()
    for initiative in demo_data.INITIATIVES:
        assert initiative["name"] in workspace
        year = {"slug": initiative["slug"], "year": 2025}
        assert client.get(reverse("theory_of_change:overview", kwargs=year)).status_code == 200

    groningen = client.get(reverse("workspace:index"), {"provincie": "groningen"})
    html = groningen.content.decode()
    assert "Dorpsloket Middelstum" in html and "Ebbingehof" in html
    assert "Dorpshuis Smilde" not in html

    for theory in TheoryOfChange.objects.exclude(status=Status.DRAFT):
        year = {"slug": theory.initiative.slug, "year": 2025}
        review = client.get(reverse("theory_of_change:review", kwargs=year))
        assert review.status_code == 200
        html = review.content.decode()
        for comment in Comment.objects.filter(theory=theory, resolved_at=None, thread=None):
            assert comment.body in html, (theory, comment.step)
