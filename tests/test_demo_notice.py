"""A demo site says once that its figures are mostly examples: a banner on every page and a
line in the fact sheet's footer, with the `DEMO` setting (which `scripts/demo.sh` sets).
The units themselves stay clean."""

from __future__ import annotations

import pytest
from django.urls import reverse

from impact.factsheet import render
from impact.factsheet.data import build_factsheet
from tests.factories import complete_theory
from tests.factsheet.conftest import read_pdf
from theory_of_change.models import TheoryOfChange
from theory_of_change.selectors import with_content

pytestmark = pytest.mark.django_db

BANNER = "Cijfers die de publicatie niet noemt, zijn voorbeeldcijfers."
FOOTER = "Demo: cijfers die de publicatie van CMO STAMM niet noemt, zijn voorbeeldcijfers."


@pytest.mark.parametrize("demo", [True, False])
def test_every_page_carries_the_banner_on_a_demo_site_only(client, settings, demo):
    settings.DEMO = demo
    for path in (reverse("login"), "/"):
        html = client.get(path, follow=True).content.decode()
        assert (BANNER in html) is demo, path


@pytest.mark.parametrize("demo", [True, False])
def test_the_fact_sheet_footer_says_it_once_on_a_demo_site(settings, theory_a, demo):
    settings.DEMO = demo
    complete_theory(theory_a)
    theory = with_content(TheoryOfChange.objects.filter(pk=theory_a.pk)).get()
    assert build_factsheet(theory, url="https://example.org/f").demo is demo
    pdf = read_pdf(render.render_pdf(theory, url="https://example.org/f"))
    assert pdf.says(FOOTER) is demo
    assert pdf.pages == 1
