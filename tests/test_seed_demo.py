"""`manage.py seed_demo`: the six case studies, complete theories, demo accounts, the review
story, idempotent."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from demo import data as demo_data
from impact.factsheet.data import build_factsheet
from impact.factsheet.links import qr_target
from impact.value.models import PriceItem, PriceVersion, Valuation
from impact.value.selectors import value_report
from initiatives.models import Initiative, Membership, Role
from theory_of_change.models import (
    Comment,
    Impact,
    Indicator,
    Output,
    Resource,
    Status,
    StepRevision,
    TheoryOfChange,
    Transition,
)
from theory_of_change.selectors import with_content
from theory_of_change.steps import ROW_TABLES, STEPS
from theory_of_change.stories.models import Scope, Story
from theory_of_change.stories.services import consent_ceiling

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
# slug: status after the review story (issue 3)
EXPECTED_STATUS = {
    "dorpshuis-smilde": Status.APPROVED,
    "dorpsloket-middelstum": Status.SUBMITTED,
    "ebbingehof": Status.CHANGES_REQUESTED,
    "odensehuis-meppel-westerveld": Status.DRAFT,
    "welzijn-westerwolde": Status.DRAFT,
    "groeihuis-eexterveen": Status.DRAFT,
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
    PriceItem,
    PriceVersion,
    Valuation,
    Initiative,
    TheoryOfChange,
    *(table.model for table in ROW_TABLES),
    StepRevision,
    User,
    Membership,
    Transition,
    Comment,
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


def test_every_2025_theory_is_complete_on_all_ten_steps():
    seed()

    theories = list(with_content(TheoryOfChange.objects.filter(year=demo_data.YEAR)))
    assert {t.initiative.slug for t in theories} == set(EXPECTED_INITIATIVES)
    for theory in theories:
        for step in STEPS:
            assert step.missing(theory) == [], (theory, step.number)


def test_missions_from_the_publication():
    seed()

    missions = dict(TheoryOfChange.objects.values_list("initiative__slug", "mission"))
    assert missions["dorpshuis-smilde"] == "Erbij horen, meedoen en ertoe doen."
    assert missions["dorpsloket-middelstum"] == "Levenslang wonen in je dorp."
    assert missions["ebbingehof"] == "Samen wonen, samen leven."


def test_the_sheet_quotes_are_the_publication_words_in_public_demo_stories():
    seed()

    quotes = dict(TheoryOfChange.objects.values_list("initiative__slug", "sheet_story__quote"))
    assert quotes["dorpshuis-smilde"] == "We weten nu waar we voor gaan en staan."
    assert quotes["dorpsloket-middelstum"] == "De zorg die je nodig hebt, gewoon van de buren."
    assert quotes["groeihuis-eexterveen"] is None  # its one story stays inside
    for theory in TheoryOfChange.objects.exclude(sheet_story=None).select_related("sheet_story"):
        assert theory.sheet_story.scope >= Scope.SHEET


def test_every_demo_story_is_marked_and_within_its_consent():
    seed()

    stories = Story.objects.select_related("theory__initiative")
    assert stories.count() == sum(len(items) for items in demo_data.STORIES.values())
    for story in stories:
        assert story.text.endswith(demo_data.DEMO_STORY_MARK)
        assert story.scope <= consent_ceiling(story)
        assert story.teller_role
    odensehuis = stories.filter(theory__initiative__slug="odensehuis-meppel-westerveld")
    assert odensehuis.filter(scope=Scope.INTERNAL).exclude(quote="").exists()  # the journey


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


def test_example_figures_are_flagged_in_the_data_not_written_into_every_unit():
    """The demo says once (banner, fact sheet footer) that its figures are examples; a row
    flags its figure as an example for the tests below, and only a row with a figure."""
    for kind, figure in (("outputs", "target"), ("resources", "amount")):
        for (slug, description), row in _data_rows(kind).items():
            assert "voorbeeldcijfer" not in row.get("unit", "").lower(), (slug, description)
            if row.get("example"):
                assert row.get(figure) is not None, (slug, description)


def test_every_output_target_comes_from_the_text_or_is_marked_as_an_example():
    seed()
    data_rows = _data_rows("outputs")

    outputs = Output.objects.filter(target__isnull=False).select_related("theory__initiative")
    assert outputs.exists()
    for output in outputs:
        slug = output.theory.initiative.slug
        row = data_rows[(slug, output.description)]
        if row.get("example"):
            continue
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
        slug = resource.theory.initiative.slug
        row = data_rows[(slug, resource.description)]
        if row.get("example"):
            continue
        source = demo_data.SOURCE_FIGURES.get((slug, row["key"]))
        assert source is not None, f"{slug}: '{resource}' has an amount without a source"
        assert source["figure"] == resource.amount


def test_no_achieved_figure_is_stated_without_counting():
    seed()

    assert not Indicator.objects.filter(override__isnull=False).exists()


def test_every_source_figure_is_used():
    used = {
        (initiative["slug"], row["key"])
        for initiative in demo_data.INITIATIVES
        for kind in ("resources", "outputs")
        for row in initiative["theory"][kind]
        if row.get("target", row.get("amount")) is not None
    }
    assert set(demo_data.SOURCE_FIGURES) <= used


# --- the review story ---------------------------------------------------------------------


def theory(slug: str) -> TheoryOfChange:
    return TheoryOfChange.objects.select_related("assigned_advisor").get(
        initiative__slug=slug, year=demo_data.YEAR
    )


def transitions(slug: str) -> list[tuple[str, str, str]]:
    return [
        (t.from_status, t.to_status, t.by.username)
        for t in Transition.objects.filter(theory__initiative__slug=slug).order_by("pk")
    ]


def test_each_initiative_ends_in_its_review_state():
    seed()

    statuses = dict(TheoryOfChange.objects.values_list("initiative__slug", "status"))
    assert statuses == EXPECTED_STATUS


def test_transitions_record_who_moved_each_theory():
    seed()

    assert transitions("dorpshuis-smilde") == [
        (Status.DRAFT, Status.SUBMITTED, "vrijwilliger.dorpshuis-smilde"),
        (Status.SUBMITTED, Status.APPROVED, "adviseur"),
    ]
    assert transitions("dorpsloket-middelstum") == [
        (Status.DRAFT, Status.SUBMITTED, "vrijwilliger.dorpsloket-middelstum"),
    ]
    assert transitions("ebbingehof") == [
        (Status.DRAFT, Status.SUBMITTED, "vrijwilliger.ebbingehof"),
        (Status.SUBMITTED, Status.CHANGES_REQUESTED, "adviseur"),
    ]
    drafts = [slug for slug, status in EXPECTED_STATUS.items() if status == Status.DRAFT]
    assert not Transition.objects.filter(theory__initiative__slug__in=drafts).exists()
    assert not Comment.objects.filter(theory__initiative__slug__in=drafts).exists()


def test_a_submission_remembers_the_submitted_revision_of_every_step():
    """What "what changed" compares with in the next round."""
    seed()

    for submission in Transition.objects.filter(to_status=Status.SUBMITTED):
        assert set(submission.revisions) == {str(step.number) for step in STEPS}
        latest = submission.theory.revisions.filter(step=1).latest("pk")
        assert submission.revisions["1"] == latest.pk


def test_smilde_is_approved_with_a_kind_message_and_one_handled_thread():
    seed()
    smilde = theory("dorpshuis-smilde")
    volunteer = User.objects.get(username="vrijwilliger.dorpshuis-smilde")

    approval = smilde.transitions.get(to_status=Status.APPROVED)
    assert "feitenblad" in approval.message
    assert smilde.approved_at == approval.created_at
    assert smilde.submitted_at < smilde.approved_at
    assert smilde.assigned_advisor is None

    (thread,) = Comment.objects.filter(theory=smilde, thread=None)
    assert thread.author.username == "adviseur"
    # The volunteer answered and marked it "verwerkt"; the advisor closed it.
    (reply,) = thread.replies.all()
    assert reply.author == volunteer
    assert thread.processed_by == volunteer and thread.processed_at == reply.created_at
    assert thread.is_resolved and thread.resolved_by.username == "adviseur"
    assert reply.created_at < thread.resolved_at < smilde.approved_at


def test_middelstum_waits_with_open_advisor_comments_and_step_5_left_for_the_demo():
    seed()
    middelstum = theory("dorpsloket-middelstum")

    assert middelstum.assigned_advisor is None  # "Aan mij toewijzen" has something to do
    submission = middelstum.transitions.get()
    assert submission.message
    assert middelstum.submitted_at == submission.created_at

    comments = list(Comment.objects.filter(theory=middelstum))
    assert 2 <= len(comments) <= 3
    for comment in comments:
        assert comment.author.username == "adviseur"
        assert comment.thread_id is None and not comment.is_resolved
        assert comment.step != 5  # the advisor writes the step-5 comment live
        assert comment.created_at > submission.created_at


def test_ebbingehof_was_sent_back_with_a_message_and_is_assigned():
    seed()
    ebbingehof = theory("ebbingehof")
    story = demo_data.REVIEWS["ebbingehof"]["events"]
    expected = next(e["message"] for e in story if e["action"] == "request_changes")

    request = ebbingehof.transitions.get(to_status=Status.CHANGES_REQUESTED)
    assert request.message == expected
    assert ebbingehof.assigned_advisor.username == "adviseur"

    threads = list(Comment.objects.filter(theory=ebbingehof, thread=None))
    assert len(threads) == 2
    assert all(t.author.username == "adviseur" and not t.is_resolved for t in threads)
    replies = Comment.objects.filter(theory=ebbingehof, thread__isnull=False)
    assert [r.author.username for r in replies] == ["vrijwilliger.ebbingehof"]


def test_the_story_is_spread_over_the_past_weeks_in_order():
    before = timezone.now()
    seed()

    smilde = theory("dorpshuis-smilde")
    assert smilde.submitted_at < before - timedelta(weeks=5)
    for reviewed in TheoryOfChange.objects.exclude(status=Status.DRAFT):
        moments = [reviewed.created_at]
        events = [
            *Transition.objects.filter(theory=reviewed),
            *Comment.objects.filter(theory=reviewed),
        ]
        moments += [event.created_at for event in sorted(events, key=lambda e: e.created_at)]
        assert moments == sorted(moments)
        assert moments[-1] < before
        # The story's records were made in the order they are dated.
        for model in (Transition, Comment):
            rows = list(model.objects.filter(theory=reviewed).order_by("pk"))
            assert rows == sorted(rows, key=lambda row: row.created_at)
        revisions = reviewed.revisions.values_list("created_at", flat=True)
        assert set(revisions) == {reviewed.created_at}


def test_no_email_is_sent_even_when_the_commit_callbacks_run(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        seed()

    assert callbacks == []
    assert mailoutbox == []


def test_the_story_is_only_told_to_a_theory_created_in_the_same_run():
    seed()
    middelstum = theory("dorpsloket-middelstum")
    # Someone withdrew it in the demo: a new run must not submit it again.
    TheoryOfChange.objects.filter(pk=middelstum.pk).update(status=Status.DRAFT)
    # Someone deleted Smilde's theory to start over: it is created and approved again,
    # by the accounts that already exist.
    theory("dorpshuis-smilde").delete()
    transitions_before, comments_before = Transition.objects.count(), Comment.objects.count()

    seed()

    assert theory("dorpsloket-middelstum").status == Status.DRAFT
    assert Transition.objects.filter(theory=middelstum).count() == 1
    assert theory("dorpshuis-smilde").status == Status.APPROVED
    assert Transition.objects.count() == transitions_before + 2
    assert Comment.objects.count() == comments_before + 2


def test_the_report_lists_each_theory_with_its_status():
    output = seed()

    lines = {
        line.split("  ")[0]: line
        for line in output.splitlines()
        if line.startswith(tuple(name for name, *_ in EXPECTED_INITIATIVES.values()))
    }
    for slug, (name, *_) in EXPECTED_INITIATIVES.items():
        assert str(EXPECTED_STATUS[slug].label) in lines[name]
        assert "created now" in lines[name]
    assert "adviseur" in lines["Ebbingehof"]

    again = seed()
    assert again.count("(already there, left unchanged)") == len(EXPECTED_INITIATIVES)


def test_review_data_tells_each_story_in_order():
    slugs = {initiative["slug"] for initiative in demo_data.INITIATIVES}
    assert set(demo_data.REVIEWS) <= slugs
    for slug, story in demo_data.REVIEWS.items():
        moments = [story["written"]] + [event["when"] for event in story["events"]]
        # (days ago, "HH:MM"): further back first, and never today (it could be in the future)
        assert moments == sorted(moments, key=lambda m: (-m[0], m[1])), slug
        assert all(days_ago >= 1 for days_ago, _ in moments), slug
        threads: set[str] = set()
        for event in story["events"]:
            assert event["by"] in (demo_data.ADVISOR, demo_data.VOLUNTEER)
            if event["action"] in ("approve", "request_changes"):
                assert event["by"] == demo_data.ADVISOR
            if event["action"] == "submit":
                assert event["by"] == demo_data.VOLUNTEER
            if event["action"] == "comment" and "key" in event:
                threads.add(event["key"])
            if event["action"] == "reply":
                assert event["thread"] in threads, (slug, event)


def test_smilde_counts_monthly_and_middelstum_keeps_a_weekly_logbook():
    from theory_of_change.models import LogbookWeek, ResultEntry, SurveyResult
    from theory_of_change.results.selectors import overloads

    seed()
    smilde = TheoryOfChange.objects.get(initiative__slug="dorpshuis-smilde", year=2025)
    middelstum = TheoryOfChange.objects.get(initiative__slug="dorpsloket-middelstum", year=2025)
    assert set(
        ResultEntry.objects.filter(indicator__theory=smilde).values_list("period_kind", flat=True)
    ) == {"month"}
    assert SurveyResult.objects.filter(indicator__theory=smilde).count() == 1
    assert set(
        ResultEntry.objects.filter(indicator__theory=middelstum).values_list(
            "period_kind", flat=True
        )
    ) == {"week"}
    assert LogbookWeek.objects.filter(theory=middelstum).count() == 39
    # The demo shows the overload signal: three of Middelstum's last four weeks were too busy.
    assert set(overloads([smilde.pk, middelstum.pk])) == {middelstum.pk}
    # Seeding again adds nothing.
    entries = ResultEntry.objects.count()
    seed()
    assert ResultEntry.objects.count() == entries


def test_every_demo_theory_has_its_seven_short_lines():
    seed()
    fields = [step.short_field for step in STEPS if step.short_field]
    assert len(fields) == 7
    for slug, lines in demo_data.SHORT_LINES.items():
        assert {f"short_{key}" for key in lines} == set(fields), slug
    for theory in TheoryOfChange.objects.all():
        for name in fields:
            line = getattr(theory, name)
            assert line, (theory, name)
            assert len(line) <= TheoryOfChange._meta.get_field(name).max_length


def test_the_printed_address_follows_the_site_url(settings):
    settings.SITE_URL = "http://127.0.0.1:8001"
    assert "open http://127.0.0.1:8001/ " in seed()


def test_the_approved_demo_sheet_has_a_qr_code_that_needs_no_login(client, settings):
    """Smilde is approved through the workflow, so its sheet has its public link: the
    address under the QR code answers without an account."""
    seed()
    smilde = TheoryOfChange.objects.get(initiative__slug="dorpshuis-smilde", year=demo_data.YEAR)
    target = qr_target(smilde)
    assert target.startswith(settings.SITE_URL + "/feitenblad/")
    assert client.get(target.removeprefix(settings.SITE_URL)).status_code == 200


# --- value in euros ---------------------------------------------------------------------------


def test_every_demo_price_has_a_source_that_says_how_the_range_was_read():
    seed()
    versions = PriceVersion.objects.all()
    assert versions.count() == PriceItem.objects.count() >= 3
    for version in versions:
        assert version.source_title and version.source_url.startswith("https://")
        assert version.note, version.item  # how the range was read from the source
        assert version.low <= version.central <= version.high


def test_smildes_approved_sheet_shows_a_value_range_with_its_source():
    seed()
    smilde = theory("dorpshuis-smilde")
    valuation = Valuation.objects.get(theory=smilde)
    assert valuation.is_approved and valuation.approved_by.username == "adviseur"

    sheet = build_factsheet(smilde, url="")

    report = value_report(smilde)
    assert len(report.approved_lines) == 1
    assert sheet.value.low.startswith("€") and sheet.value.high.startswith("€")
    assert report.approved.low < report.approved.high
    assert sheet.value.sources == [
        "Gemeente Venray, Hoogte persoonsgebonden budget (pgb) Wmo (2026)"
    ]
    assert sheet.value.basis.startswith("Dorpsdiners: 9, geteld jan")
