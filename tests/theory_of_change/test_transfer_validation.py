"""A file from elsewhere: what `import_initiative` refuses, and what it sets aside.

The import is the one way into this installation that passes no form, so it applies the
same rules itself: the JSON type of every value, the models' own validation, the years the
forms allow, the upload limits on images, and the shape of the edit history that the
overview, history and review pages read. A bad file is refused as a whole, with one Dutch
line that names the place ("theories[0].outputs[0].target: …"), and nothing is written.
What a file cannot decide here (who is an advisor, whether a Verandertheorie is approved)
is set aside unless the operator says otherwise, and said so.

Each test starts from a real export (`source`), changes it as a hostile or damaged file
would, and imports it next to the original under the slug "kopie".
"""

import base64
import io
import json
import os
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.core.validators import URLValidator
from django.urls import reverse
from PIL import Image

from initiatives.models import Initiative, User
from tests.conftest import client_for
from tests.factories import TheoryFactory, complete_theory
from theory_of_change import services, workflow
from theory_of_change.models import Action, Status
from theory_of_change.selectors import standing_submissions
from theory_of_change.transfer import TransferError, dumps, export_initiative, import_initiative

pytestmark = pytest.mark.django_db

SLUG = "kopie"
WHEN = "2025-03-01T10:00:00+00:00"


@pytest.fixture
def source(initiative_a, volunteer_a, advisor):
    """Dorpshuis Smilde 2025, approved after one round with a comment thread, as exported.

    Its revisions are the first save of steps 1 to 10, in that order (revisions[4] is
    step 5); its transitions a submission and the approval.
    """
    theory = complete_theory(TheoryFactory(initiative=initiative_a, year=2025))
    services.record_initial_revisions(theory=theory, by=volunteer_a)
    with workflow.without_notifications():
        workflow.theory_assign(theory=theory, advisor=advisor, by=advisor)
        workflow.theory_submit(theory=theory, by=volunteer_a)
        thread = workflow.comment_add(theory=theory, step=5, body="Hoe vaak?", by=advisor)
        workflow.comment_add(
            theory=theory, step=5, body="Elke week.", by=volunteer_a, thread=thread
        )
        workflow.theory_approve(theory=theory, by=advisor, message="Mooi werk.")
    return json.loads(dumps(export_initiative(initiative=initiative_a)))


def refused(document: dict, expected: str, **options) -> str:
    """Import, expect a refusal whose message contains `expected`, and nothing written."""
    with pytest.raises(TransferError) as caught:
        import_initiative(data=document, slug=SLUG, **options)
    message = str(caught.value)
    assert expected in message
    assert message.startswith("Het bestand klopt niet. ")
    assert "\n" not in message
    assert not Initiative.objects.filter(slug=SLUG).exists()
    return message


def put(document: dict, path: tuple, value) -> None:
    """Set the value at `path` (keys and indexes) in the document."""
    *parents, last = path
    for step in parents:
        document = document[step]
    document[last] = value


def png(width: int, height: int, mode: str = "1") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def as_image(content: bytes) -> dict:
    return {"extension": "png", "content": base64.b64encode(content).decode("ascii")}


def stored_files(settings) -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


# --- who is who: roles are given here, not by a file -----------------------------------------


def test_is_advisor_from_the_file_is_ignored(source):
    User.objects.filter(username="adviseur").delete()
    lines: list[str] = []

    imported = import_initiative(data=source, slug=SLUG, log=lines.append)

    person = User.objects.get(username="adviseur")
    assert not person.is_advisor
    assert "ignored is_advisor of adviseur: a regular user (--trust-roles keeps it)" in lines
    # Only an advisor can be assigned: the theory waits for one of this installation.
    assert imported.theories.get().assigned_advisor is None
    assert "ignored assigned advisor adviseur of 2025: no advisor here" in lines


def test_trust_roles_keeps_is_advisor_for_people_it_creates(source, volunteer_a):
    User.objects.filter(username="adviseur").delete()
    volunteer = next(p for p in source["people"] if p["username"] == "vrijwilliger.a")
    volunteer["is_advisor"] = True

    imported = import_initiative(data=source, slug=SLUG, trust_roles=True)

    person = User.objects.get(username="adviseur")
    assert person.is_advisor and not person.is_active
    assert imported.theories.get().assigned_advisor == person
    # An existing account is used as it is, whatever the file says.
    volunteer_a.refresh_from_db()
    assert not volunteer_a.is_advisor


def test_staff_superuser_and_municipality_links_are_never_taken(source):
    source["people"].append(
        {
            "username": "indringer",
            "email": "indringer@example.org",
            "first_name": "",
            "last_name": "",
            "is_advisor": False,
            "is_staff": True,
            "is_superuser": True,
            "is_active": True,
            "password": "md5$zout$0123456789abcdef",
            "municipalities": ["midden-drenthe"],
        }
    )
    source["members"].append({"username": "indringer", "role": "reader", "created_at": WHEN})
    lines: list[str] = []

    import_initiative(data=source, slug=SLUG, trust_roles=True, log=lines.append)

    person = User.objects.get(username="indringer")
    assert not (person.is_staff or person.is_superuser or person.is_active)
    assert not person.has_usable_password()
    assert not person.municipalities.exists()
    for name in ("is_staff", "is_superuser", "is_active", "password", "municipalities"):
        assert f"ignored {name} of indringer: access is given here, not by a file" in lines


# --- the models' own rules -------------------------------------------------------------------


def test_django_refuses_a_javascript_address():
    for address in ("javascript:alert(1)", "JavaScript://example.org/%0Aalert(1)"):
        with pytest.raises(ValidationError):
            URLValidator()(address)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        pytest.param(
            ("initiative", "website"),
            "javascript:alert(document.cookie)",
            "initiative.website: Voer een geldige URL in.",
            id="javascript-website",
        ),
        pytest.param(
            ("initiative", "website"),
            "javascript://example.org/%0Aalert(1)",
            "initiative.website: Voer een geldige URL in.",
            id="javascript-website-that-looks-like-a-host",
        ),
        pytest.param(
            ("initiative", "name"),
            "D" * 5000,
            "initiative.name: ",
            id="name-of-5000-characters",
        ),
        pytest.param(
            ("theories", 0, "activities", 0, "name"),
            "A" * 5000,
            "theories[0].activities[0].name: ",
            id="row-text-too-long",
        ),
        pytest.param(
            ("initiative", "contact_email"),
            "geen-adres@",
            "initiative.contact_email: Voer een geldig e-mailadres in.",
            id="invalid-contact-email",
        ),
        pytest.param(
            ("people", 0, "email"),
            "twee@@example.org",
            "people[0].email: Voer een geldig e-mailadres in.",
            id="invalid-email-of-a-person",
        ),
        pytest.param(
            ("theories", 0, "year"),
            30000,
            "theories[0].year: Kies een jaar tussen 2000 en ",
            id="theory-year-30000",
        ),
        pytest.param(
            ("initiative", "founded_year"),
            30000,
            "initiative.founded_year: Vul een jaar in tussen 1800 en ",
            id="founded-year-30000",
        ),
        pytest.param(
            ("theories", 0, "year"),
            70000,
            "theories[0].year: dit getal moet tussen 0 en 32767 liggen.",
            id="year-beyond-the-column",
        ),
        pytest.param(
            ("theories", 0, "outputs", 0, "target"),
            -5,
            "theories[0].outputs[0].target: ",
            id="negative-target",
        ),
        pytest.param(
            ("theories", 0, "comments", 0, "body"),
            "",
            "theories[0].comments[0].body: ",
            id="empty-comment",
        ),
        pytest.param(
            ("members", 0, "role"),
            "beheerder",
            "members[0].role: ",
            id="role-outside-the-choices",
        ),
    ],
)
def test_a_value_the_model_does_not_accept_is_refused(source, path, value, expected):
    put(source, path, value)

    refused(source, expected)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        pytest.param(
            ("initiative", "name"),
            "Dorpshuis\x00Smilde",
            "initiative.name: hier staat een NUL-teken (\\u0000).",
            id="nul-in-a-name",
        ),
        pytest.param(
            ("theories", 0, "revisions", 0, "snapshot", "fields", "problem"),
            "Eenzaam\x00",
            "theories[0].revisions[0].snapshot.fields.problem: hier staat een NUL-teken",
            id="nul-in-the-history",
        ),
        pytest.param(
            ("theories", 0, "goal"),
            "Half \ud800 teken",
            "theories[0].goal: hier staat een half teken",
            id="lone-surrogate",
        ),
    ],
)
def test_a_character_that_cannot_be_stored_is_refused(source, path, value, expected):
    put(source, path, value)

    refused(source, expected)


def test_the_status_in_the_file_becomes_draft(source, volunteer_a):
    lines: list[str] = []

    imported = import_initiative(data=source, slug=SLUG, log=lines.append)

    theory = imported.theories.get()
    assert (theory.status, theory.approved_at) == (Status.DRAFT, None)
    # The timeline keeps its past and ends with the step to draft, explained.
    timeline = list(theory.transitions.order_by("pk"))
    assert [t.action for t in timeline] == [Action.SUBMIT, Action.APPROVE, Action.REOPEN]
    last = timeline[-1]
    assert (last.from_status, last.to_status, last.by) == (Status.APPROVED, Status.DRAFT, None)
    assert "overgezet van een andere website" in last.message
    assert "ignored status approved of 2025: a draft here (--keep-status keeps it)" in lines
    sheet = client_for(volunteer_a).get(reverse("factsheet:page", args=[SLUG, 2025]))
    assert sheet.status_code == 200
    assert "CONCEPT" in sheet.content.decode()


def test_keep_status_keeps_the_approval(source):
    imported = import_initiative(data=source, slug=SLUG, keep_status=True)

    theory = imported.theories.get()
    assert theory.status == Status.APPROVED and theory.approved_at is not None
    assert theory.transitions.count() == 2


def test_a_pending_submission_is_withdrawn(source):
    theory = source["theories"][0]
    theory["status"], theory["approved_at"] = Status.SUBMITTED, None
    theory["transitions"].pop()  # the approval

    imported = import_initiative(data=source, slug=SLUG)

    copied = imported.theories.get()
    assert copied.status == Status.DRAFT
    assert [t.action for t in copied.transitions.order_by("pk")] == [
        Action.SUBMIT,
        Action.WITHDRAW,
    ]
    # As after a withdrawal: no submission stands, so none is pending anywhere.
    assert standing_submissions(copied) == []
    assert copied.submitted_at is None


# --- images: the limits of an upload ---------------------------------------------------------


def test_an_image_with_too_many_pixels_is_refused(source, settings):
    bomb = png(10_000, 8_000)  # 80 million pixels in a few kilobytes
    assert len(bomb) < settings.MAX_IMAGE_UPLOAD_BYTES
    source["initiative"]["logo"] = as_image(bomb)

    refused(source, "initiative.logo: Deze afbeelding is te groot: ")
    assert stored_files(settings) == []


def test_an_image_too_large_in_bytes_is_refused(source, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1024
    noise = Image.frombytes("L", (64, 64), os.urandom(64 * 64))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert len(buffer.getvalue()) > 1024
    source["initiative"]["photo"] = as_image(buffer.getvalue())

    refused(source, "initiative.photo: Dit bestand is te groot. Het mag hoogstens ")


@pytest.mark.parametrize("content", ["dit is geen base64!", "iVBORw0KGgo", "aVZCT1I=é"])
def test_bad_base64_is_refused(source, content):
    source["initiative"]["logo"] = {"extension": "png", "content": content}

    refused(source, "initiative.logo.content: dit is geen geldige base64-tekst")


def test_an_imported_image_is_stored_as_an_upload_is(source, settings):
    source["initiative"]["logo"] = as_image(png(2000, 1000, mode="RGB"))

    imported = import_initiative(data=source, slug=SLUG)

    with Image.open(imported.logo) as logo:
        assert logo.size == (800, 400)  # scaled down to what a logo needs
    assert imported.logo.name.startswith(f"initiatives/{SLUG}/")


def test_a_refused_document_writes_no_files(source, settings):
    source["initiative"]["logo"] = as_image(png(40, 20, mode="RGB"))
    source["theories"][0]["comments"][1]["body"] = ""  # the last thing the import reads

    refused(source, "theories[0].comments[1].body: ")

    assert stored_files(settings) == []


# --- JSON types: no coercion -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        pytest.param(
            ("initiative", "name"),
            ["x"],
            "initiative.name: hier hoort tekst te staan, maar er staat een lijst.",
            id="list-for-a-name",
        ),
        pytest.param(
            ("theories", 0, "outputs", 0, "target"),
            "12",
            "theories[0].outputs[0].target: hier hoort een geheel getal te staan, maar er "
            "staat tekst.",
            id="text-for-a-number",
        ),
        pytest.param(
            ("theories", 0, "outputs", 0, "target"),
            True,
            "theories[0].outputs[0].target: hier hoort een geheel getal te staan, maar er "
            "staat true of false.",
            id="boolean-for-a-number",
        ),
        pytest.param(
            ("theories", 0, "outputs", 0, "target"),
            12.5,
            "theories[0].outputs[0].target: hier hoort een geheel getal te staan",
            id="fraction-for-a-whole-number",
        ),
        pytest.param(
            ("theories", 0, "resources", 0, "amount"),
            "NaN",
            "theories[0].resources[0].amount: hier hoort een getal",
            id="not-a-number",
        ),
        pytest.param(
            ("reference_lists", "resource_kinds", 0, "counts_volunteers"),
            "ja",
            "reference_lists.resource_kinds[0].counts_volunteers: hier hoort true of false",
            id="text-for-true-or-false",
        ),
        pytest.param(
            ("theories", 0, "revisions"),
            {},
            "theories[0].revisions: hier hoort een lijst ([…]) te staan, maar er staat een object.",
            id="object-for-a-list",
        ),
        pytest.param(
            ("members", 0, "created_at"),
            "gisteren",
            "members[0].created_at: dit is geen datum met tijd",
            id="not-a-time",
        ),
        pytest.param(
            ("theories", 0, "outputs", 0, "activity"),
            "activity-9",
            "theories[0].outputs[0].activity: er staat geen regel ‘activity-9’ eerder",
            id="link-to-a-row-that-is-not-there",
        ),
        pytest.param(
            ("theories", 0, "share_token"),
            "geheim",
            "theories[0].share_token: dit kent het exportformaat niet.",
            id="a-key-the-format-does-not-have",
        ),
        pytest.param(
            ("theories", 0, "revisions", 0, "author"),
            "onbekend",
            "theories[0].revisions[0].author: ‘onbekend’ staat niet in de lijst people.",
            id="someone-not-in-people",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_refused(source, path, value, expected):
    put(source, path, value)

    refused(source, expected)


# --- the edit history, the timeline and the comments -----------------------------------------


def _unknown_action(theory):
    theory["revisions"][4]["changes"][0]["action"] = "deleted"


def _three_texts_for_old_and_new(theory):
    theory["revisions"][4]["changes"][0] = {
        "action": "changed",
        "row": "output-1",
        "values": {"description": "Dorpsdiners"},
        "fields": {"target": ["1", "2", "3"]},
    }


def _list_step_with_fields(theory):
    theory["revisions"][4]["snapshot"] = {"fields": {"description": "x"}}


def _field_of_another_step(theory):
    theory["revisions"][0]["snapshot"]["fields"]["goal"] = "Iedereen doet mee."


def _values_as_text(theory):
    theory["revisions"][3]["snapshot"]["rows"][0]["values"] = "Dorpsdiner"


def _step_eleven(theory):
    theory["revisions"][0]["step"] = 11


def _reply_to_a_reply(theory):
    theory["comments"].append({**theory["comments"][1], "key": "comment-3", "thread": "comment-2"})


def _reply_on_another_step(theory):
    theory["comments"][1]["step"] = 6


def _resolved_reply(theory):
    theory["comments"][1]["resolved_at"] = WHEN


def _submission_of_the_wrong_step(theory):
    theory["transitions"][0]["revisions"]["1"] = "revision-5"


def _submission_of_no_revision(theory):
    theory["transitions"][0]["revisions"]["3"] = "revision-99"


MALFORMED = [
    (
        _unknown_action,
        "theories[0].revisions[4].changes[0].action: hier hoort ‘added’, ‘removed’ of "
        "‘changed’ te staan.",
    ),
    (
        _three_texts_for_old_and_new,
        "theories[0].revisions[4].changes[0].fields.target: hier hoort een lijst met de "
        "oude en de nieuwe tekst te staan.",
    ),
    (_list_step_with_fields, "theories[0].revisions[4].snapshot.rows: dit ontbreekt."),
    (
        _field_of_another_step,
        "theories[0].revisions[0].snapshot.fields.goal: stap 1 heeft geen veld ‘goal’.",
    ),
    (
        _values_as_text,
        "theories[0].revisions[3].snapshot.rows[0].values: hier hoort een object",
    ),
    (
        _step_eleven,
        "theories[0].revisions[0].step: hier hoort het nummer van een stap (1 tot en met "
        "10) te staan.",
    ),
    (_reply_to_a_reply, "theories[0].comments[2].thread: hier hoort de key van een eerdere"),
    (
        _reply_on_another_step,
        "theories[0].comments[1].step: een reactie hoort bij dezelfde stap als het gesprek.",
    ),
    (_resolved_reply, "theories[0].comments[1].resolved_at: alleen het hele gesprek"),
    (
        _submission_of_the_wrong_step,
        "theories[0].transitions[0].revisions.1: hier hoort een opgeslagen versie van stap 1",
    ),
    (
        _submission_of_no_revision,
        "theories[0].transitions[0].revisions.3: hier hoort een opgeslagen versie van stap 3",
    ),
]


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        pytest.param(tamper, expected, id=tamper.__name__.strip("_"))
        for tamper, expected in MALFORMED
    ],
)
def test_a_malformed_history_is_refused(source, tamper, expected):
    tamper(source["theories"][0])

    refused(source, expected)


@pytest.mark.parametrize("keep_status", [False, True])
def test_pages_answer_200_after_importing_a_tampered_but_valid_history(
    source, advisor, volunteer_a, keep_status
):
    theory = source["theories"][0]
    # A text step saved with one of its two fields, holding markup.
    theory["revisions"].append(
        {
            "key": "revision-11",
            "step": 2,
            "author": None,
            "created_at": WHEN,
            "snapshot": {"fields": {"mission": "<script>alert(1)</script>"}},
            "changes": [
                {"action": "changed", "field": "mission", "old": "", "new": "<script>alert(1)"}
            ],
        }
    )
    # A list step naming rows the document does not have, and an empty change.
    theory["revisions"].append(
        {
            "key": "revision-12",
            "step": 4,
            "author": "vrijwilliger.a",
            "created_at": WHEN,
            "snapshot": {"rows": [{"id": "activity-99", "values": {"name": "Spookactiviteit"}}]},
            "changes": [
                {"action": "added", "row": "activity-99", "values": {"name": "Spookactiviteit"}},
                {"action": "changed", "row": "activity-1", "values": {}, "fields": {}},
                {"action": "removed", "row": "iets-anders", "values": {}},
            ],
        }
    )
    # The submission "what changed" compares with remembers both.
    theory["transitions"][0]["revisions"].update({"2": "revision-11", "4": "revision-12"})
    # A resolved thread nobody is named for, on a step without other comments.
    theory["comments"].append(
        {
            "key": "comment-3",
            "step": 9,
            "thread": None,
            "author": None,
            "body": "Los draadje",
            "created_at": WHEN,
            "resolved_at": WHEN,
            "resolved_by": None,
        }
    )

    imported = import_initiative(data=source, slug=SLUG, keep_status=keep_status)

    for user in (advisor, volunteer_a):
        client = client_for(user)
        for copied in imported.theories.all():
            args = [SLUG, copied.year]
            urls = [
                reverse(f"theory_of_change:{name}", args=args)
                for name in ("overview", "history", "review")
            ]
            urls.append(reverse("theory_of_change:history", args=args) + "?stap=4")
            urls += [
                reverse("theory_of_change:step", args=[*args, number]) for number in range(1, 11)
            ]
            for url in urls:
                response = client.get(url)
                assert response.status_code == 200, (user.username, url)
                assert "<script>alert(1)" not in response.content.decode()


# --- the command -----------------------------------------------------------------------------


def test_the_command_refuses_a_bad_file_in_one_line(source, tmp_path):
    source["initiative"]["website"] = "javascript:alert(1)"
    path = tmp_path / "kwaad.json"
    path.write_text(dumps(source), encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        call_command("import_initiative", str(path), slug=SLUG, stdout=io.StringIO())

    message = str(caught.value)
    assert message == "Het bestand klopt niet. initiative.website: Voer een geldige URL in."
    assert caught.value.returncode == 1  # the exit status of `manage.py`
    assert not Initiative.objects.filter(slug=SLUG).exists()


def test_the_command_says_what_it_set_aside(source, tmp_path):
    User.objects.filter(username="adviseur").delete()
    path = tmp_path / "smilde.json"
    path.write_text(dumps(source), encoding="utf-8")
    out = io.StringIO()

    call_command("import_initiative", str(path), slug=SLUG, stdout=out)

    printed = out.getvalue()
    assert "ignored is_advisor of adviseur: a regular user (--trust-roles keeps it)" in printed
    assert "ignored status approved of 2025: a draft here (--keep-status keeps it)" in printed
    assert f"Imported Dorpshuis Smilde as '{SLUG}'" in printed


def test_the_command_takes_trust_roles_and_keep_status(source, tmp_path):
    User.objects.filter(username="adviseur").delete()
    path = tmp_path / "smilde.json"
    path.write_text(dumps(source), encoding="utf-8")
    out = io.StringIO()

    call_command(
        "import_initiative", str(path), "--slug", SLUG, "--trust-roles", "--keep-status", stdout=out
    )

    assert "ignored" not in out.getvalue()
    assert User.objects.get(username="adviseur").is_advisor
    assert Initiative.objects.get(slug=SLUG).theories.get().status == Status.APPROVED
