"""One initiative's page: who may see it and what they see on it."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import TheoryFactory, municipality
from theory_of_change.models import Status

pytestmark = pytest.mark.django_db

DETAIL_URL = reverse("initiatives:detail", kwargs={"slug": "dorpshuis-smilde"})
CREATE_URL = reverse("theory_of_change:create", kwargs={"slug": "dorpshuis-smilde"})


def test_member_sees_details_theories_and_members(client_a, theory_a, editor_a):
    initiative = theory_a.initiative
    initiative.description = "Het hart van het dorp."
    initiative.founded_year = 1975
    initiative.website = "https://dorpshuis-smilde.example.org"
    initiative.contact_email = "info@dorpshuis-smilde.example.org"
    initiative.save()
    initiative.also_serves.add(municipality("assen"))

    response = client_a.get(DETAIL_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Het hart van het dorp.",
        "1975",
        "https://dorpshuis-smilde.example.org",
        "info@dorpshuis-smilde.example.org",
        "Midden-Drenthe",
        "Assen",
        '<span class="status-badge status-draft">Concept</span>',
        reverse("theory_of_change:overview", kwargs={"slug": "dorpshuis-smilde", "year": 2025}),
        editor_a.display_name,
    ):
        assert text in html


def test_unknown_initiative_is_404_too(client_a):
    url = reverse("initiatives:detail", kwargs={"slug": "bestaat-niet"})
    assert client_a.get(url).status_code == 404


def test_coordinator_gets_links_to_manage(client_a, initiative_a):
    html = client_a.get(DETAIL_URL).content.decode()
    assert reverse("initiatives:edit", kwargs={"slug": "dorpshuis-smilde"}) in html
    assert "Leden en uitnodigingen" in html


@pytest.mark.parametrize("who", ["volunteer_a", "editor_a"])
def test_writers_get_the_new_theory_form(request, who, theory_a):
    html = client_for(request.getfixturevalue(who)).get(DETAIL_URL).content.decode()
    assert "Nieuwe verandertheorie beginnen" in html
    assert f'action="{CREATE_URL}"' in html
    assert 'name="year"' in html


@pytest.mark.parametrize("who", ["reader_a", "advisor", "municipality_user_a"])
def test_others_do_not_get_the_new_theory_form(request, who, initiative_a):
    html = client_for(request.getfixturevalue(who)).get(DETAIL_URL).content.decode()
    assert "Nieuwe verandertheorie beginnen" not in html
    assert reverse("initiatives:edit", kwargs={"slug": "dorpshuis-smilde"}) not in html


def test_suggested_year_skips_years_that_exist(client_a, initiative_a):
    from django.utils import timezone

    this_year = timezone.localdate().year
    TheoryFactory(initiative=initiative_a, year=this_year)
    form = client_a.get(DETAIL_URL).context["new_theory_form"]
    assert form.initial["year"] == this_year + 1


def test_municipality_sees_approved_theories_but_no_members(
    municipality_user_a, volunteer_a, initiative_a
):
    TheoryFactory(initiative=initiative_a, year=2024, status=Status.APPROVED)
    TheoryFactory(initiative=initiative_a, year=2025, status=Status.DRAFT)
    response = client_for(municipality_user_a).get(DETAIL_URL)
    assert response.status_code == 200
    assert [theory.year for theory in response.context["theories"]] == [2024]
    assert response.context["members"] is None
    assert volunteer_a.display_name not in response.content.decode()


def test_advisor_sees_drafts_and_members(advisor, volunteer_a, theory_a):
    response = client_for(advisor).get(DETAIL_URL)
    assert [theory.year for theory in response.context["theories"]] == [2025]
    assert volunteer_a.display_name in response.content.decode()
