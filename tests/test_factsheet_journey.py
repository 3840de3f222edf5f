"""Issue "Fact sheet 2", done means, on the demo data: the approved Smilde sheet read back
as text holds each chain link's short line in full, no word broken by a hyphen, achieved
figures against targets, no "(voorbeeldcijfer)" in a label, and a QR address that answers
without a login; the A3 poster carries the photo; the whole Verandertheorie as a PDF has
all ten questions verbatim with their answers."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from demo import data as demo_data
from impact.factsheet.links import qr_target
from impact.factsheet.render import A3, A4, cached_pdf
from initiatives.models import User
from tests.conftest import client_for
from tests.factsheet.conftest import read_pdf
from tests.factsheet.test_poster import image_sizes
from tests.factsheet.test_sheet_text import assert_no_hyphen_at_line_end
from theory_of_change.models import TheoryOfChange
from theory_of_change.steps import STEPS

pytestmark = pytest.mark.django_db

SMILDE = "dorpshuis-smilde"


@pytest.fixture
def smilde() -> TheoryOfChange:
    call_command("seed_demo", stdout=StringIO())
    return TheoryOfChange.objects.get(initiative__slug=SMILDE, year=demo_data.YEAR)


def test_the_approved_smilde_sheet_reads_whole(smilde, client):
    assert smilde.is_approved
    pdf = read_pdf(cached_pdf(smilde, variant=A4).content)
    assert pdf.pages == 1
    for key, line in demo_data.SHORT_LINES[SMILDE].items():
        assert pdf.says(line), key
    address = qr_target(smilde)
    assert_no_hyphen_at_line_end(pdf.text, address=address)
    assert pdf.says("9 van 12") and pdf.says("dorpsdiners per jaar")  # achieved, against target
    assert pdf.says("geteld jan–sep 2025") or pdf.says("geteld jan-sep 2025")
    assert pdf.says("18 van de 24 deelnemers zeggen")
    assert "voorbeeldcijfer)" not in pdf.text.lower()
    assert address and pdf.says(address)
    assert client.get(address.removeprefix(settings.SITE_URL)).status_code == 200


def test_the_smilde_poster_carries_the_photo(smilde):
    assert smilde.initiative.photo
    content = cached_pdf(smilde, variant=A3).content
    assert read_pdf(content).pages == 1
    assert image_sizes(content)


def test_the_whole_theory_has_every_question_with_its_answer(smilde):
    volunteer = User.objects.get(username=f"vrijwilliger.{SMILDE}")
    response = client_for(volunteer).get(
        reverse("factsheet:theory_document", kwargs={"slug": SMILDE, "year": smilde.year})
    )
    assert response.status_code == 200
    pdf = read_pdf(response.content)
    for step in STEPS:
        assert pdf.says(str(step.question)), step.number
    assert pdf.says(smilde.problem[:200])
    assert pdf.says(smilde.mission)
