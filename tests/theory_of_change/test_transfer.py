"""Moving an initiative: export as JSON, import again, and nothing is lost.

The proof is the round trip: an initiative with everything an initiative can have (rows
linked to rows and to reference entries, two years, a review with comments, a history with
a removed row, a logo and a photo, members with their roles) is exported, imported, and
exported again; the two documents are equal but for the slug and the time of export.

The round trips import with `keep_status` and `trust_roles`: by default an import sets every
Verandertheorie to draft and creates no advisors, which a document of our own does not need
(what the import refuses or sets aside is in `test_transfer_validation.py`). The logo and
photo are stored as an upload stores them (re-encoded by `prepare_image`); the import
re-encodes them again, which leaves such an image as it is.
"""

import base64
import copy
import io
import json
from decimal import Decimal
from itertools import count

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from PIL import Image

from common.images import prepare_image
from initiatives.models import Initiative, Invitation, Membership, Role, User, hash_token
from tests.factories import (
    ActivityFactory,
    ImpactFactory,
    InvitationFactory,
    MeasurementPlanFactory,
    OutcomeFactory,
    OutputFactory,
    ResourceFactory,
    TheoryFactory,
    complete_theory,
    municipality,
    sheet_story,
)
from tests.theory_of_change.helpers import form_data
from theory_of_change import services, workflow
from theory_of_change.forms import StepForm
from theory_of_change.models import (
    DataCollectionMethod,
    MeasurementLevel,
    ResourceKind,
    Status,
    StepRevision,
    Theme,
    TheoryOfChange,
)
from theory_of_change.results.models import Indicator
from theory_of_change.results.periods import Period
from theory_of_change.results.services import (
    count_save,
    indicator_for,
    indicator_settings_save,
    logbook_week_save,
    override_save,
    survey_add,
)
from theory_of_change.selectors import changes_since, review_baseline, with_content
from theory_of_change.steps import get_step
from theory_of_change.transfer import TransferError, dumps, export_initiative, import_initiative

pytestmark = pytest.mark.django_db

SHARE_TOKEN = "geheime-deelcode-voor-het-feitenblad-0123456789"
INVITATION_TOKEN = "geheime-uitnodiging-0123456789"
OWN_ENTRIES = (
    (Theme, "Trots op het dorp"),
    (ResourceKind, "Mantelzorgers"),
    (DataCollectionMethod, "Fotoverslag"),
)


def image_bytes(kind: str, color: str, purpose: str) -> bytes:
    """A small image as the initiative form stores an upload."""
    buffer = io.BytesIO()
    Image.new("RGB", (24, 16), color).save(buffer, kind)
    return prepare_image(buffer.getvalue(), purpose=purpose).read()


LOGO = image_bytes("PNG", "teal", "logo")
PHOTO = image_bytes("JPEG", "orange", "photo")


def loaded(theory: TheoryOfChange) -> TheoryOfChange:
    return with_content(TheoryOfChange.objects.filter(pk=theory.pk)).get()


def save_step(theory: TheoryOfChange, number: int, by: User, *, delete: str = "", **changes):
    """Save a step the way the editor does; `delete` removes the row with that name."""
    latest = StepRevision.objects.filter(theory=theory, step=number).order_by("-pk").first()
    base = latest.pk if latest else 0
    data = form_data(theory, number, base_revision=base, **changes)
    if delete:
        index = next(i for i in count() if data[f"rows-{i}-name"] == delete)
        data[f"rows-{index}-DELETE"] = "on"
    step = get_step(number)
    current = loaded(theory)
    form = StepForm(step, current, data)
    assert form.is_valid()
    revision = services.step_save(
        theory=current, step=step, form=form, by=by, base_revision_id=base
    )
    assert revision is not None
    return revision


@pytest.fixture
def rich(initiative_a, volunteer_a, editor_a, reader_a, advisor, second_advisor):
    """Dorpshuis Smilde with two years of work, a review round and everything around it."""
    initiative = initiative_a
    initiative.description = "Het dorpshuis van Smilde: ‘iedereen doet mee’."
    initiative.founded_year = 1968
    initiative.website = "https://dorpshuis-smilde.example.org"
    initiative.contact_email = "info@dorpshuis-smilde.example.org"
    initiative.logo.save("logo.png", ContentFile(LOGO), save=False)
    initiative.photo.save("foto.jpg", ContentFile(PHOTO), save=False)
    initiative.save()
    initiative.also_serves.set([municipality("assen"), municipality("westerveld")])
    InvitationFactory(
        initiative=initiative, email="nog.niet@example.org", token_hash=hash_token(INVITATION_TOKEN)
    )
    own_theme = Theme.objects.create(name="Trots op het dorp", name_en="Village pride")
    own_kind = ResourceKind.objects.create(name="Mantelzorgers", counts_volunteers=True)
    own_method = DataCollectionMethod.objects.create(name="Fotoverslag", description="Foto's")

    theory = complete_theory(TheoryFactory(initiative=initiative, year=2024))
    theory.short_problem = "Er is geen plek om elkaar zomaar te ontmoeten."
    theory.short_output = "Dorpsdiners en koffieochtenden"
    theory.save()
    dinner = theory.activities.get()
    ResourceFactory(
        theory=theory,
        kind=own_kind,
        description="Mantelzorgers die meehelpen",
        amount=Decimal("12.5"),
        unit="uur per week",
        euro_value=Decimal("1234.56"),
        position=1,
    )
    coffee = ActivityFactory(theory=theory, name="Koffieochtend", position=1)
    ActivityFactory(theory=theory, name="Wordt geschrapt", position=2)
    OutputFactory(theory=theory, activity=coffee, description="Koffieochtenden", achieved=38)
    outcome = OutcomeFactory(
        theory=theory, activities=[coffee, dinner], description="Minder eenzaam", position=1
    )
    ImpactFactory(
        theory=theory,
        themes=[own_theme, Theme.objects.get(name="Gezondheid en welzijn")],
        position=1,
    )
    plan = MeasurementPlanFactory(
        theory=theory, level=MeasurementLevel.OUTCOME, method=own_method, position=1
    )
    plan.measures_outcomes.set([outcome])

    services.record_initial_revisions(theory=theory, by=volunteer_a)
    save_step(theory, 1, editor_a, problem="Er is te weinig ontmoeting in Smilde.")
    save_step(theory, 4, volunteer_a, delete="Wordt geschrapt")
    with workflow.without_notifications():
        workflow.theory_assign(theory=theory, advisor=advisor, by=advisor)
        workflow.theory_submit(theory=theory, by=volunteer_a, message="Graag jullie blik.")
        thread = workflow.comment_add(theory=theory, step=5, body="Hoe vaak?", by=advisor)
        workflow.comment_add(
            theory=theory, step=5, body="Elke week.", by=volunteer_a, thread=thread
        )
        workflow.comment_resolve(comment=thread, by=advisor, resolved=True)
        workflow.comment_add(theory=theory, step=7, body="En de gezondheid?", by=second_advisor)
        workflow.theory_request_changes(theory=theory, by=advisor, message="Stap 2 scherper.")
        save_step(theory, 2, volunteer_a, goal="Iedereen in Smilde doet mee.")
        workflow.theory_submit(theory=theory, by=volunteer_a)
        workflow.theory_approve(theory=theory, by=advisor, message="Mooi werk.")
        record_results(theory, volunteer_a, editor_a)
        next_year = workflow.theory_start_next_year(theory=theory, by=volunteer_a)
        count_save(
            indicator=next_year.outputs.get(description="Koffieochtenden").indicator,
            period=Period.parse("2025-02"),
            value=4,
            by=editor_a,
        )
        # The 2024 version is reopened and corrected: "what changed" has something to show.
        workflow.theory_reopen(theory=theory, by=advisor, message="Het aantal klopt niet.")
        save_step(theory, 5, volunteer_a, **{"rows-1-target": "39"})
        OutputFactory(theory=theory, activity=None, description="Nieuwsbrief", position=2)
        save_step(next_year, 2, editor_a, mission="Samen sterk in Smilde")
        workflow.theory_submit(theory=next_year, by=volunteer_a)
        workflow.theory_approve(theory=next_year, by=second_advisor)
    TheoryOfChange.objects.filter(pk=next_year.pk).update(share_token=SHARE_TOKEN)
    sheet_story(next_year, "Hier hoor ik erbij.")
    return initiative


def record_results(theory: TheoryOfChange, volunteer, editor) -> None:
    """A year of results with every kind of record: weekly counts with notes, a corrected
    count, a stated figure with its reason, a questionnaire and logbook weeks."""
    coffee = indicator_for(output=theory.outputs.get(description="Koffieochtenden"))
    indicator_settings_save(indicator=coffee, rhythm="month", aggregation="latest")
    for month, value in ((2, 30), (3, 34), (4, 31)):
        count_save(
            indicator=coffee,
            period=Period.parse(f"2024-{month:02d}"),
            value=value,
            note=f"Mevrouw Jansen kwam weer (maand {month})",
            by=volunteer,
        )
    count_save(indicator=coffee, period=Period.parse("2024-03"), value=35, by=editor)
    stated = indicator_for(output=theory.outputs.exclude(description="Koffieochtenden").first())
    override_save(indicator=stated, value=11, reason="geteld op de presentielijsten", by=editor)
    lonely = indicator_for(outcome=theory.outcomes.get(description="Minder eenzaam"))
    indicator_settings_save(indicator=lonely, rhythm="quarter", aggregation="sum", measure="survey")
    survey_add(
        indicator=lonely,
        period=Period.parse("2024-Q2"),
        question="Voelt u zich minder alleen?",
        respondents=24,
        agreeing=18,
        method="interview",
        note="Afgenomen door twee vrijwilligers",
        by=volunteer,
    )
    for week, busyness in ((2, "quiet"), (3, "too_busy")):
        logbook_week_save(
            theory=theory,
            week=Period.parse(f"2024-W{week:02d}"),
            counts=[],
            note=f"Week {week}: meneer De Vries vroeg naar de bus.",
            busyness=busyness,
            by=volunteer,
            base_version=None,
        )


def comparable(document: dict, *, slug: bool = False) -> str:
    """The document without what may differ: the time of export (and the slug)."""
    document = copy.deepcopy(document)
    del document["exported_at"]
    if slug:
        del document["initiative"]["slug"]
    return dumps(document)


def exported(initiative: Initiative) -> dict:
    """An export as another installation reads it: through JSON text."""
    return json.loads(dumps(export_initiative(initiative=initiative)))


def what_changed(theory: TheoryOfChange) -> dict:
    theory = loaded(theory)
    return {
        number: [(line.action, line.title, line.details) for line in lines]
        for number, lines in changes_since(theory, review_baseline(theory)).items()
    }


# --- the round trip --------------------------------------------------------------------------


def test_the_export_holds_everything(rich, volunteer_a, editor_a, reader_a):
    document = exported(rich)

    assert document["format"] == "maatschappelijke-waarde/initiative"
    assert document["version"] == 1
    details = document["initiative"]
    assert details["municipality"] == "midden-drenthe"
    assert details["also_serves"] == ["assen", "westerveld"]
    assert details["founded_year"] == 1968
    assert details["logo"]["extension"] == "png"
    assert base64.b64decode(details["logo"]["content"]) == LOGO
    assert details["photo"]["extension"] == "jpg"
    assert {(m["username"], m["role"]) for m in document["members"]} == {
        ("vrijwilliger.a", Role.COORDINATOR),
        ("schrijver.a", Role.EDITOR),
        ("meelezer.a", Role.READER),
    }
    assert {p["username"] for p in document["people"]} == {
        "vrijwilliger.a",
        "schrijver.a",
        "meelezer.a",
        "adviseur",
        "adviseur.twee",
    }
    assert [t["year"] for t in document["theories"]] == [2024, 2025]
    old, new = document["theories"]
    assert old["status"] == Status.CHANGES_REQUESTED
    assert new["status"] == Status.APPROVED and new["approved_at"]
    assert old["assigned_advisor"] == "adviseur"
    assert [o["activity"] for o in old["outputs"]] == ["activity-1", "activity-2", None]
    assert old["outcomes"][1]["activities"] == ["activity-1", "activity-2"]
    assert old["impacts"][1]["themes"] == ["Gezondheid en welzijn", "Trots op het dorp"]
    assert old["measurement_plans"][3]["measures_outcomes"] == ["outcome-2"]
    assert old["resources"][1] | {"key": None} == {
        "key": None,
        "position": 1,
        "kind": "Mantelzorgers",
        "description": "Mantelzorgers die meehelpen",
        "amount": "12.5",
        "unit": "uur per week",
        "euro_value": "1234.56",
    }
    assert [t["action"] for t in old["transitions"]] == [
        "submit",
        "request_changes",
        "submit",
        "approve",
        "reopen",
    ]
    assert old["transitions"][0]["revisions"]["4"] == "revision-12"  # the save that removed one
    assert [(c["key"], c["thread"], c["resolved_by"]) for c in old["comments"]] == [
        ("comment-1", None, "adviseur"),
        ("comment-2", "comment-1", None),
        ("comment-3", None, None),
    ]
    removal = old["revisions"][11]
    assert removal["changes"] == [
        {
            "action": "removed",
            "row": "activity-removed-1",
            "values": removal["changes"][0]["values"],
        }
    ]
    themes = document["reference_lists"]["themes"]
    assert {"name": "Trots op het dorp", "name_en": "Village pride", "description": ""} in themes
    assert {
        "name": "Mantelzorgers",
        "name_en": "",
        "description": "",
        "counts_volunteers": True,
    } in document["reference_lists"]["resource_kinds"]


def test_round_trip_next_to_the_original(rich):
    users_before = list(User.objects.order_by("pk").values())
    original = exported(rich)

    imported = import_initiative(
        data=original, slug="dorpshuis-smilde-kopie", keep_status=True, trust_roles=True
    )

    again = exported(imported)
    assert again["initiative"]["slug"] == "dorpshuis-smilde-kopie"
    assert comparable(again, slug=True) == comparable(original, slug=True)
    assert imported.logo.name.startswith("initiatives/dorpshuis-smilde-kopie/")
    assert imported.logo.read() == LOGO
    # The people were found, not created or changed.
    assert list(User.objects.order_by("pk").values()) == users_before


def test_results_travel_with_their_history_and_last_year(rich):
    original = exported(rich)
    by_year = {theory["year"]: theory for theory in original["theories"]}
    results = by_year[2024]["results"]
    coffee = next(item for item in results["indicators"] if item["aggregation"] == "latest")
    assert [entry["value"] for entry in coffee["entries"]] == [38, 30, 35, 31]
    assert coffee["entries"][1]["note"] == "Mevrouw Jansen kwam weer (maand 2)"
    assert [(c["old_value"], c["new_value"]) for c in coffee["changes"]][-1] == (34, 35)
    assert any(
        item["override_reason"] == "geteld op de presentielijsten" for item in results["indicators"]
    )
    survey = next(item for item in results["indicators"] if item["surveys"])
    assert survey["surveys"][0]["agreeing"] == 18
    assert [week["busyness"] for week in results["logbook"]] == ["quiet", "too_busy"]
    next_coffee = next(item for item in by_year[2025]["results"]["indicators"] if item["entries"])
    assert next_coffee["previous"] == {"year": 2024, "row": coffee["row"]}

    imported = import_initiative(
        data=original, slug="smilde-resultaten", keep_status=True, trust_roles=True
    )
    theory = imported.theories.get(year=2025)
    indicator = Indicator.objects.get(theory=theory, entries__isnull=False)
    assert indicator.previous.theory.year == 2024
    assert indicator.previous.entries.count() == 4
    assert theory.results_changed_at is not None
    assert comparable(exported(imported), slug=True) == comparable(original, slug=True)


def without_results(document: dict) -> dict:
    older = copy.deepcopy(document)
    for theory in older["theories"]:
        del theory["results"]
    return older


def test_a_file_from_before_results_still_imports(rich):
    imported = import_initiative(data=without_results(exported(rich)), slug="zonder-resultaten")
    assert not Indicator.objects.filter(theory__initiative=imported).exists()


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (lambda c: c["entries"][0].update(period="2024-W60"), "entries[0].period", "geen periode"),
        (
            lambda c: c["entries"][0].update(period="2023-W10"),
            "entries[0].period",
            "valt niet in 2024",
        ),
        (lambda c: c["entries"][0].update(value=-3), "entries[0].value", "tussen"),
        (lambda c: c["entries"][0].update(entered_by="niemand"), "entries[0].entered_by", "people"),
        (lambda c: c.update(row="output-99"), "row", "output-99"),
        (lambda c: c.update(previous={"year": 2023, "row": "output-1"}), "previous", "2023"),
        (lambda c: c["entries"][0].update(extra=1), "entries[0].extra", "exportformaat"),
    ],
)
def test_results_are_checked_as_strictly_as_the_rest(rich, change, where, message):
    document = exported(rich)
    theory = next(theory for theory in document["theories"] if theory["year"] == 2024)
    coffee = next(item for item in theory["results"]["indicators"] if item["entries"])
    change(coffee)
    with pytest.raises(TransferError) as refused:
        import_initiative(data=document, slug="fout")
    assert where in str(refused.value) and message in str(refused.value)


def test_a_survey_with_more_yes_than_asked_is_refused(rich):
    document = exported(rich)
    theory = next(theory for theory in document["theories"] if theory["year"] == 2024)
    surveyed = next(item for item in theory["results"]["indicators"] if item["surveys"])
    surveyed["surveys"][0]["agreeing"] = 30
    with pytest.raises(TransferError) as refused:
        import_initiative(data=document, slug="fout")
    assert "surveys[0]" in str(refused.value)


def test_short_lines_travel_and_files_without_them_still_import(rich):
    original = exported(rich)
    theory_2024 = next(theory for theory in original["theories"] if theory["year"] == 2024)
    assert theory_2024["short_problem"] == "Er is geen plek om elkaar zomaar te ontmoeten."
    older = copy.deepcopy(original)
    for theory in older["theories"]:
        for name in [key for key in theory if key.startswith("short_")]:
            del theory[name]
    imported = import_initiative(data=older, slug="zonder-korte-regels", keep_status=True)
    assert all(
        getattr(theory, name) == ""
        for theory in imported.theories.all()
        for name in ("short_problem", "short_output")
    )


def test_round_trip_on_another_installation(rich):
    original = exported(rich)
    usernames = [person["username"] for person in original["people"]]
    rich.delete()
    User.objects.filter(username__in=usernames).delete()
    for model, name in OWN_ENTRIES:
        model.objects.filter(name=name).delete()

    imported = import_initiative(data=original, keep_status=True, trust_roles=True)

    assert comparable(exported(imported)) == comparable(original)
    assert imported.photo.read() == PHOTO


def test_what_changed_since_a_submission_survives_the_move(rich):
    theory = rich.theories.get(year=2024)
    before = what_changed(theory)
    assert before[5][0][0] == "changed"  # one row changed, and nothing else

    imported = import_initiative(data=exported(rich), slug="kopie")

    assert what_changed(imported.theories.get(year=2024)) == before


def test_timestamps_and_order_are_kept(rich):
    imported = import_initiative(data=exported(rich), slug="kopie", keep_status=True)

    assert imported.created_at == rich.created_at
    for year in (2024, 2025):
        original = rich.theories.get(year=year)
        copied = imported.theories.get(year=year)
        for name in ("created_at", "updated_at", "submitted_at", "approved_at"):
            assert getattr(copied, name) == getattr(original, name)
        assert list(copied.activities.values_list("name", flat=True)) == list(
            original.activities.values_list("name", flat=True)
        )
    assert sorted(Membership.objects.filter(initiative=imported).values_list("created_at")) == (
        sorted(Membership.objects.filter(initiative=rich).values_list("created_at"))
    )


# --- what an import creates ------------------------------------------------------------------


def test_unknown_users_are_created_inactive_without_a_usable_password(rich):
    document = exported(rich)
    User.objects.filter(username__in=["schrijver.a", "adviseur.twee"]).delete()

    imported = import_initiative(data=document, slug="kopie")

    writer = User.objects.get(username="schrijver.a")
    assert not writer.is_active
    assert not writer.has_usable_password()
    assert (writer.email, writer.first_name) == ("schrijver.a@example.org", "Test")
    assert Membership.objects.get(initiative=imported, user=writer).role == Role.EDITOR
    second = User.objects.get(username="adviseur.twee")
    assert not second.is_active
    # Known people are used as they are.
    assert User.objects.get(username="vrijwilliger.a").is_active


def test_missing_reference_entries_are_created_inactive(rich):
    document = exported(rich)
    theory = rich.theories.get(year=2024)
    rich.delete()
    for model, name in OWN_ENTRIES:
        model.objects.filter(name=name).delete()
    assert TheoryOfChange.objects.filter(pk=theory.pk).count() == 0

    imported = import_initiative(data=document)

    theme = Theme.objects.get(name="Trots op het dorp")
    assert (theme.is_active, theme.name_en) == (False, "Village pride")
    kind = ResourceKind.objects.get(name="Mantelzorgers")
    assert (kind.is_active, kind.counts_volunteers) == (False, True)
    assert not DataCollectionMethod.objects.get(name="Fotoverslag").is_active
    assert Theme.objects.get(name="Gezondheid en welzijn").is_active  # existing: untouched
    impact = imported.theories.get(year=2024).impacts.get(position=1)
    assert set(impact.themes.values_list("name", flat=True)) == {
        "Trots op het dorp",
        "Gezondheid en welzijn",
    }


def test_secrets_stay_behind(rich):
    text = dumps(export_initiative(initiative=rich))

    assert SHARE_TOKEN not in text
    assert "share_token" not in text
    assert INVITATION_TOKEN not in text
    assert hash_token(INVITATION_TOKEN) not in text
    assert "nog.niet@example.org" not in text  # pending invitations are not exported
    assert '"password"' not in text
    for password in User.objects.values_list("password", flat=True):
        assert password not in text
    assert "md5$" not in text  # the test hasher's prefix

    imported = import_initiative(data=json.loads(text), slug="kopie")
    assert imported.theories.get(year=2025).share_token is None
    assert not Invitation.objects.filter(initiative=imported).exists()


def test_the_export_is_json_and_the_same_twice(rich):
    first = export_initiative(initiative=rich)
    second = export_initiative(initiative=rich)

    assert json.loads(json.dumps(first)) == json.loads(dumps(first))
    assert comparable(first) == comparable(second)


# --- what an import refuses ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "iets-anders/initiative"}, "geen export van een initiatief"),
        ({"version": 2}, "versie 2 van het exportformaat; deze installatie leest versie 1"),
    ],
)
def test_wrong_format_or_version_is_refused(rich, change, message):
    with pytest.raises(TransferError, match=message):
        import_initiative(data=exported(rich) | change, slug="kopie")


def test_something_else_than_a_document_is_refused(db):
    with pytest.raises(TransferError, match="geen export van een initiatief"):
        import_initiative(data=["geen", "document"])


def test_an_existing_slug_is_refused(rich):
    with pytest.raises(
        TransferError, match="al een initiatief met de korte naam ‘dorpshuis-smilde’"
    ):
        import_initiative(data=exported(rich))
    with pytest.raises(TransferError, match="geen korte naam in de link"):
        import_initiative(data=exported(rich), slug="Geen slug!")


def test_an_unknown_municipality_is_refused(rich):
    document = exported(rich)
    document["initiative"]["also_serves"].append("atlantis")

    with pytest.raises(TransferError, match="De gemeente ‘atlantis’ bestaat niet"):
        import_initiative(data=document, slug="kopie")


def test_an_image_that_is_not_one_is_refused(rich):
    document = exported(rich)
    document["initiative"]["logo"]["content"] = base64.b64encode(b"<svg></svg>").decode()

    with pytest.raises(TransferError, match="initiative.logo: Dit bestand is geen foto of logo"):
        import_initiative(data=document, slug="kopie")


def test_a_damaged_document_leaves_nothing_behind(rich):
    document = exported(rich)
    document["people"].append({**document["people"][0], "username": "nieuw.iemand"})
    document["members"].append({**document["members"][0], "username": "nieuw.iemand"})
    document["theories"][-1]["comments"].append({"step": 5})  # incomplete

    with pytest.raises(TransferError, match=r"theories\[1\]\.comments\[0\]\.key: dit ontbreekt"):
        import_initiative(data=document, slug="kopie")

    assert not Initiative.objects.filter(slug="kopie").exists()
    assert not User.objects.filter(username="nieuw.iemand").exists()


def test_a_value_outside_the_choices_is_refused(rich):
    document = exported(rich)
    document["theories"][0]["measurement_plans"][0]["level"] = "ergens"

    with pytest.raises(
        TransferError, match=r"theories\[0\]\.measurement_plans\[0\]\.level: Waarde 'ergens'"
    ):
        import_initiative(data=document, slug="kopie")


# --- the commands ----------------------------------------------------------------------------


def test_export_command_writes_to_standard_output(rich):
    out = io.StringIO()

    call_command("export_initiative", "dorpshuis-smilde", stdout=out)

    assert comparable(json.loads(out.getvalue())) == comparable(exported(rich))


def test_commands_move_an_initiative_through_a_file(rich, tmp_path):
    path = tmp_path / "smilde.json"
    err = io.StringIO()
    call_command("export_initiative", "dorpshuis-smilde", output=str(path), stderr=err)
    assert "2 Verandertheorieën (2024, 2025)" in err.getvalue()
    User.objects.filter(username="meelezer.a").delete()

    out = io.StringIO()
    call_command("import_initiative", str(path), slug="smilde-kopie", keep_status=True, stdout=out)

    printed = out.getvalue()
    assert "created user meelezer.a (inactive, no usable password)" in printed
    assert "Imported Dorpshuis Smilde as 'smilde-kopie': 3 members" in printed
    copied = Initiative.objects.get(slug="smilde-kopie")
    original = json.loads(path.read_text(encoding="utf-8"))
    assert comparable(exported(copied), slug=True) == comparable(original, slug=True)


def test_commands_report_problems(rich, tmp_path):
    with pytest.raises(CommandError, match="No initiative with the slug 'bestaat-niet'"):
        call_command("export_initiative", "bestaat-niet", stdout=io.StringIO())
    path = tmp_path / "smilde.json"
    call_command("export_initiative", "dorpshuis-smilde", output=str(path), stderr=io.StringIO())
    with pytest.raises(CommandError, match="al een initiatief"):
        call_command("import_initiative", str(path), stdout=io.StringIO())
    broken = tmp_path / "kapot.json"
    broken.write_text("{niet af", encoding="utf-8")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_initiative", str(broken), stdout=io.StringIO())
