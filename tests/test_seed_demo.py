"""`manage.py seed_demo`: the six case studies, complete theories, demo accounts, idempotent."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from impact import demo_data
from initiatives.models import Initiative, Membership, Role
from theory_of_change.models import (
    Activity,
    Impact,
    MeasurementPlan,
    Outcome,
    Output,
    Resource,
    Status,
    StepRevision,
    TheoryOfChange,
)
from theory_of_change.selectors import with_content
from theory_of_change.steps import STEPS

User = get_user_model()

pytestmark = pytest.mark.django_db

EXPECTED_INITIATIVES = {
    # slug: (name, kind, municipality slug, also_serves slugs)
    "dorpsloket-middelstum": ("Dorpsloket Middelstum", "dorpsloket", "eemsdelta", set()),
    "dorpshuis-smilde": ("Dorpshuis Smilde", "dorpshuis", "midden-drenthe", set()),
    "ebbingehof": ("Ebbingehof", "wonen", "groningen", set()),
    "odensehuis-meppel-westerveld": (
        "Odensehuis Meppel–Westerveld",
        "ontmoetingsplek",
        "meppel",
        {"westerveld"},
    ),
    "welzijn-westerwolde": ("Welzijn Westerwolde", "welzijn", "westerwolde", set()),
    "groeihuis-eexterveen": ("GroeiHuis Eexterveen", "voorziening", "aa-en-hunze", set()),
}
MUNICIPALITY_SLUGS = {
    "eemsdelta",
    "midden-drenthe",
    "groningen",
    "meppel",
    "westerveld",
    "westerwolde",
    "aa-en-hunze",
}
COUNTED_MODELS = (
    Initiative,
    TheoryOfChange,
    Resource,
    Activity,
    Output,
    Outcome,
    Impact,
    MeasurementPlan,
    StepRevision,
    User,
    Membership,
)


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED_MODELS}


def test_creates_the_six_initiatives_with_their_municipalities():
    seed()

    initiatives = {i.slug: i for i in Initiative.objects.prefetch_related("also_serves")}
    assert set(initiatives) == set(EXPECTED_INITIATIVES)
    for slug, (name, kind, municipality, also_serves) in EXPECTED_INITIATIVES.items():
        initiative = initiatives[slug]
        assert initiative.name == name
        assert initiative.kind == kind
        assert initiative.municipality.slug == municipality
        assert {m.slug for m in initiative.also_serves.all()} == also_serves
        assert initiative.place
        assert initiative.description
    assert initiatives["dorpsloket-middelstum"].founded_year == 2018
    assert initiatives["odensehuis-meppel-westerveld"].founded_year == 2022
    assert initiatives["welzijn-westerwolde"].place == "Westerwolde"


def test_every_2025_theory_is_a_draft_and_complete_on_all_ten_steps():
    seed()

    theories = list(with_content(TheoryOfChange.objects.filter(year=demo_data.YEAR)))
    assert {t.initiative.slug for t in theories} == set(EXPECTED_INITIATIVES)
    for theory in theories:
        assert theory.status == Status.DRAFT
        for step in STEPS:
            assert step.missing(theory) == [], (theory, step.number)


def test_missions_from_the_publication():
    seed()

    missions = dict(TheoryOfChange.objects.values_list("initiative__slug", "mission"))
    assert missions["dorpshuis-smilde"] == "Erbij horen, meedoen en ertoe doen."
    assert missions["dorpsloket-middelstum"] == "Levenslang wonen in je dorp."
    assert missions["ebbingehof"] == "Samen wonen, samen leven."


def test_westerwolde_impact_names_its_three_societal_effects():
    seed()

    impacts = " ".join(
        Impact.objects.filter(theory__initiative__slug="welzijn-westerwolde").values_list(
            "description", flat=True
        )
    )
    for effect in (
        "Leefbaarheid & socialiseren",
        "Ontwikkelen & (op)groeien",
        "Autonomie & meedoen",
    ):
        assert effect in impacts


def test_initial_revisions_give_every_step_a_starting_point():
    seed()

    for theory in TheoryOfChange.objects.all():
        steps = sorted(theory.revisions.values_list("step", flat=True))
        assert steps == [step.number for step in STEPS]
        assert not theory.revisions.exclude(author=None).exists()


def test_running_twice_changes_nothing():
    seed()
    before = counts()

    output = seed()

    assert counts() == before
    assert "0 created" in output


def test_existing_content_is_left_as_it_is():
    seed()
    theory = TheoryOfChange.objects.get(initiative__slug="dorpshuis-smilde")
    TheoryOfChange.objects.filter(pk=theory.pk).update(problem="Door een vrijwilliger herschreven.")
    Output.objects.filter(theory=theory).first().delete()
    volunteer = User.objects.get(username="vrijwilliger.dorpshuis-smilde")
    volunteer.set_password("eigen-wachtwoord")
    volunteer.save()
    before = counts()

    seed()

    theory.refresh_from_db()
    volunteer.refresh_from_db()
    assert theory.problem == "Door een vrijwilliger herschreven."
    assert counts() == before
    assert volunteer.check_password("eigen-wachtwoord")


def test_demo_accounts_have_password_demo_and_their_roles():
    output = seed()

    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    advisor = User.objects.get(username="adviseur")
    assert advisor.is_advisor and not advisor.is_superuser

    for slug in EXPECTED_INITIATIVES:
        user = User.objects.get(username=f"vrijwilliger.{slug}")
        assert not user.is_advisor and not user.is_staff
        memberships = list(user.memberships.values_list("initiative__slug", "role"))
        assert memberships == [(slug, Role.COORDINATOR)]
        assert not user.municipalities.exists()

    for slug in MUNICIPALITY_SLUGS:
        user = User.objects.get(username=f"gemeente.{slug}")
        assert not user.is_advisor and not user.is_staff
        assert set(user.municipalities.values_list("slug", flat=True)) == {slug}
        assert not user.memberships.exists()

    demo_users = User.objects.filter(
        username__in=["admin", "adviseur"]
        + [f"vrijwilliger.{slug}" for slug in EXPECTED_INITIATIVES]
        + [f"gemeente.{slug}" for slug in MUNICIPALITY_SLUGS]
    )
    assert demo_users.count() == 2 + len(EXPECTED_INITIATIVES) + len(MUNICIPALITY_SLUGS)
    for user in demo_users:
        assert user.check_password("demo"), user.username
        assert user.username in output
    assert "http://127.0.0.1:8000/" in output


def _data_rows(kind: str) -> dict[tuple[str, str], dict]:
    """Demo data rows of `kind` by (initiative slug, description)."""
    rows = {}
    for initiative in demo_data.INITIATIVES:
        for row in initiative["theory"][kind]:
            key = (initiative["slug"], row["description"])
            assert key not in rows, f"descriptions must be unique per initiative: {key}"
            rows[key] = row
    return rows


def _is_example(*texts: str) -> bool:
    return any(demo_data.EXAMPLE_MARKER in text.lower() for text in texts)


def test_every_output_target_comes_from_the_text_or_is_marked_as_an_example():
    seed()
    data_rows = _data_rows("outputs")

    outputs = Output.objects.filter(target__isnull=False).select_related("theory__initiative")
    assert outputs.exists()
    for output in outputs:
        if _is_example(output.unit, output.description):
            continue
        slug = output.theory.initiative.slug
        row = data_rows[(slug, output.description)]
        source = demo_data.SOURCE_FIGURES.get((slug, row["key"]))
        assert source is not None, f"{slug}: '{output}' has target {output.target} without a source"
        assert source["figure"] == output.target
        assert source["quote"] and source["where"]


def test_every_resource_amount_comes_from_the_text_or_is_marked_as_an_example():
    seed()
    data_rows = _data_rows("resources")

    resources = Resource.objects.filter(amount__isnull=False).select_related("theory__initiative")
    assert resources.exists()
    for resource in resources:
        if _is_example(resource.unit, resource.description):
            continue
        slug = resource.theory.initiative.slug
        row = data_rows[(slug, resource.description)]
        source = demo_data.SOURCE_FIGURES.get((slug, row["key"]))
        assert source is not None, f"{slug}: '{resource}' has an amount without a source"
        assert source["figure"] == resource.amount


def test_nothing_is_marked_as_achieved():
    seed()

    assert not Output.objects.filter(achieved__isnull=False).exists()


def test_every_source_figure_is_used():
    used = {
        (initiative["slug"], row["key"])
        for initiative in demo_data.INITIATIVES
        for kind in ("resources", "outputs")
        for row in initiative["theory"][kind]
        if row.get("target", row.get("amount")) is not None
    }
    assert set(demo_data.SOURCE_FIGURES) <= used
