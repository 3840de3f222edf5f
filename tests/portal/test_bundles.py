"""The ZIP of fact sheets: what is in it, that work is done once, progress, and who gets it.

The cast: in Midden-Drenthe Dorpshuis Smilde and Dorpshuis Bovensmilde are approved for
2025 and Buurthuis Beilen is a draft; in Eemsdelta Dorpsloket Middelstum is approved.
`gemeente.midden-drenthe` gets the two approved sheets of Midden-Drenthe and never the
draft or Middelstum. Most tests count renders with a stand-in for `render_pdf`; the test
of the ZIP's content renders for real and reads every PDF back.
"""

from __future__ import annotations

import io
import logging
import zipfile
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.signals import task_enqueued
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from impact.factsheet import render
from impact.models import BUNDLE_STALE_AFTER, BundleStatus, FactSheetBundle
from impact.portal import bundles
from impact.portal.selection import read_selection
from initiatives.models import Role
from tests.conftest import client_for
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    TheoryFactory,
    UserFactory,
    complete_theory,
    municipality,
)
from tests.factsheet.conftest import approve, read_pdf, set_status
from theory_of_change.models import Status, TheoryOfChange

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SMILDE = "feitenblad-dorpshuis-smilde-2025.pdf"
BOVENSMILDE = "feitenblad-dorpshuis-bovensmilde-2025.pdf"


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Tasks run inside the request, whatever TASKS_BACKEND the environment sets."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def renders(monkeypatch):
    """A stand-in for `render_pdf` that counts, per initiative, what it renders."""
    calls: list[str] = []

    def fake(theory, *, url, variant=render.A4, public=False):
        calls.append(theory.initiative.slug)
        mission = theory.mission
        return f"%PDF-fake {theory.initiative.slug} {theory.year} {mission}".encode()

    monkeypatch.setattr(render, "render_pdf", fake)
    return calls


@pytest.fixture
def real_renders(monkeypatch):
    """Counts real renders."""
    calls: list[str] = []
    real = render.render_pdf

    def counting(theory, **kwargs):
        calls.append(theory.initiative.slug)
        return real(theory, **kwargs)

    monkeypatch.setattr(render, "render_pdf", counting)
    return calls


@pytest.fixture
def enqueued():
    """The tasks enqueued during the test."""
    results = []

    def receive(sender, task_result, **kwargs):
        results.append(task_result)

    task_enqueued.connect(receive, weak=False)
    yield results
    task_enqueued.disconnect(receive)


@pytest.fixture
def initiative_c(db):
    return InitiativeFactory(
        name="Dorpshuis Bovensmilde", slug="dorpshuis-bovensmilde", place="Bovensmilde"
    )


@pytest.fixture
def draft_initiative(db):
    return InitiativeFactory(name="Buurthuis Beilen", slug="buurthuis-beilen", place="Beilen")


@pytest.fixture
def sheets(initiative_a, initiative_b, initiative_c, draft_initiative):
    """Approved theories (without content: for the stand-in renderer) and a draft."""
    approved = {
        initiative.slug: set_status(
            TheoryFactory(initiative=initiative, year=2025), Status.APPROVED
        )
        for initiative in (initiative_a, initiative_b, initiative_c)
    }
    approved["buurthuis-beilen"] = TheoryFactory(initiative=draft_initiative, year=2025)
    return approved


@pytest.fixture
def complete_sheets(initiative_a, initiative_b, initiative_c, draft_initiative, advisor):
    """Complete theories for real renders: three approved, one complete draft."""
    theories = {}
    for initiative in (initiative_a, initiative_b, initiative_c, draft_initiative):
        theory = complete_theory(TheoryFactory(initiative=initiative, year=2025))
        if initiative != draft_initiative:
            theory = approve(theory, advisor)
        theories[initiative.slug] = theory
    return theories


@pytest.fixture
def colleague_a(db):
    """Another civil servant of Midden-Drenthe."""
    user = UserFactory(username="gemeente.midden-drenthe.twee")
    user.municipalities.add(municipality("midden-drenthe"))
    return user


def selection_for(user, **params):
    return read_selection({"jaar": "2025", **params}, user=user)[1]


def request_bundle(user, *, language: str = "nl", **params) -> FactSheetBundle:
    return bundles.bundle_request(
        selection=selection_for(user, **params), user=user, language=language
    )


def post_create(client, **params):
    return client.post(reverse("portal:bundle_create"), {"jaar": "2025", **params})


def open_zip(bundle: FactSheetBundle) -> zipfile.ZipFile:
    with default_storage.open(bundle.file) as stored:
        return zipfile.ZipFile(io.BytesIO(stored.read()))


def urls(bundle: FactSheetBundle) -> dict[str, str]:
    return {
        name: reverse(f"portal:{name}", kwargs={"pk": bundle.pk})
        for name in ("bundle", "bundle_progress", "bundle_download")
    }


def refreshed(bundle: FactSheetBundle) -> FactSheetBundle:
    return FactSheetBundle.objects.get(pk=bundle.pk)


def change_the_quote(theory: TheoryOfChange) -> None:
    TheoryOfChange.objects.filter(pk=theory.pk).update(
        mission="Hier komt iedereen.", updated_at=timezone.now()
    )


# --- what is in the ZIP ----------------------------------------------------------------------


def test_the_zip_holds_one_real_pdf_per_approved_sheet_of_the_municipality(
    complete_sheets, municipality_user_a, real_renders
):
    client = client_for(municipality_user_a)
    response = post_create(client)

    bundle = FactSheetBundle.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:bundle", kwargs={"pk": bundle.pk})
    assert bundle.status == BundleStatus.READY
    assert (bundle.requested_by, bundle.year, bundle.label) == (
        municipality_user_a,
        2025,
        "Midden-Drenthe",
    )
    assert sorted(real_renders) == ["dorpshuis-bovensmilde", "dorpshuis-smilde"]

    download = client.get(urls(bundle)["bundle_download"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"] == (
        'attachment; filename="feitenbladen-midden-drenthe-2025.zip"'
    )
    assert download["Cache-Control"] == "private"
    content = b"".join(download.streaming_content)
    assert len(content) == bundle.size

    archive = zipfile.ZipFile(io.BytesIO(content))
    assert archive.testzip() is None
    assert archive.namelist() == [BOVENSMILDE, SMILDE]  # by initiative name
    for name, initiative in ((BOVENSMILDE, "Dorpshuis Bovensmilde"), (SMILDE, "Dorpshuis Smilde")):
        pdf = read_pdf(archive.read(name))
        assert pdf.pages == 1
        assert pdf.says(initiative)
        assert not pdf.says("Middelstum")
        assert not pdf.says("Beilen")


def test_the_zip_of_the_other_municipality_holds_only_its_own_sheet(
    sheets, municipality_user_b, renders
):
    bundle = request_bundle(municipality_user_b)
    assert open_zip(bundle).namelist() == ["feitenblad-dorpsloket-middelstum-2025.pdf"]
    assert renders == ["dorpsloket-middelstum"]
    assert bundle.download_name == "feitenbladen-eemsdelta-2025.zip"


def test_the_filters_of_the_portal_narrow_the_zip(sheets, municipality_user_a, renders):
    bundle = request_bundle(municipality_user_a, q="Bovensmilde")
    assert open_zip(bundle).namelist() == [BOVENSMILDE]
    assert bundle.params == {"jaar": "2025", "q": "Bovensmilde"}


def test_the_bundle_records_the_request(sheets, municipality_user_a, renders):
    bundle = request_bundle(municipality_user_a)
    expected = [sheets["dorpshuis-bovensmilde"].pk, sheets["dorpshuis-smilde"].pk]
    assert bundle.theories == expected
    assert (bundle.total, bundle.done, bundle.skipped) == (2, 2, 0)
    assert len(bundle.stamp) == 64
    assert bundle.file == f"feitenbladen-zips/{bundle.stamp}.zip"
    assert bundle.size == default_storage.size(bundle.file)
    assert bundle.finished_at is not None
    assert bundle.language == "nl"
    # PDFs are compressed already: the ZIP stores them as they are.
    assert {entry.compress_type for entry in open_zip(bundle).infolist()} == {zipfile.ZIP_STORED}


# --- work is done once -----------------------------------------------------------------------


def test_the_task_is_idempotent(sheets, municipality_user_a, renders, enqueued):
    bundle = request_bundle(municipality_user_a)
    assert len(renders) == 2 and len(enqueued) == 1
    zip_bytes = default_storage.open(bundle.file).read()

    # Running the task again, directly or through the backend, changes nothing.
    again = bundles.bundle_build(bundle_id=bundle.pk)
    bundles.build_bundle.enqueue(str(bundle.pk))
    assert len(renders) == 2
    after = refreshed(bundle)
    assert again == after
    assert (after.status, after.file, after.finished_at, after.done) == (
        BundleStatus.READY,
        bundle.file,
        bundle.finished_at,
        2,
    )
    assert default_storage.open(after.file).read() == zip_bytes


def test_asking_again_returns_the_same_bundle_without_work(
    sheets, municipality_user_a, renders, enqueued
):
    first = request_bundle(municipality_user_a)
    second = request_bundle(municipality_user_a)
    assert second.pk == first.pk
    assert len(renders) == 2 and len(enqueued) == 1
    assert FactSheetBundle.objects.count() == 1


def test_a_colleague_gets_a_bundle_of_their_own_on_the_same_zip(
    sheets, municipality_user_a, colleague_a, renders, enqueued
):
    mine = request_bundle(municipality_user_a)
    theirs = request_bundle(colleague_a)
    assert theirs.pk != mine.pk
    assert theirs.requested_by == colleague_a
    assert theirs.status == BundleStatus.READY
    assert theirs.file == mine.file
    # Ready at once: no second task, no render.
    assert len(enqueued) == 1 and len(renders) == 2


def test_a_changed_sheet_makes_a_new_zip_rendering_only_that_sheet(
    sheets, municipality_user_a, renders
):
    first = request_bundle(municipality_user_a)
    change_the_quote(sheets["dorpshuis-smilde"])
    second = request_bundle(municipality_user_a)

    assert second.pk != first.pk
    assert second.stamp != first.stamp
    assert renders == ["dorpshuis-bovensmilde", "dorpshuis-smilde", "dorpshuis-smilde"]
    archive = open_zip(second)
    assert archive.namelist() == [BOVENSMILDE, SMILDE]
    assert b"Hier komt iedereen." in archive.read(SMILDE)
    # The first ZIP is untouched.
    assert b"Hier komt iedereen." not in open_zip(first).read(SMILDE)


def test_the_language_is_part_of_the_stamp(sheets, municipality_user_a, renders):
    dutch = request_bundle(municipality_user_a, language="nl")
    english = request_bundle(municipality_user_a, language="en")
    assert english.pk != dutch.pk
    assert english.stamp != dutch.stamp
    assert english.language == "en"


def test_a_bundle_whose_zip_was_cleared_away_is_made_again(sheets, municipality_user_a, renders):
    first = request_bundle(municipality_user_a)
    default_storage.delete(first.file)
    second = request_bundle(municipality_user_a)
    assert second.pk != first.pk
    assert default_storage.exists(second.file)
    assert len(renders) == 2  # the PDFs came from the fact-sheet cache


def test_a_bundle_that_lost_its_worker_is_not_reused(sheets, municipality_user_a, renders):
    first = request_bundle(municipality_user_a)
    long_ago = timezone.now() - BUNDLE_STALE_AFTER * 2
    FactSheetBundle.objects.filter(pk=first.pk).update(
        status=BundleStatus.RUNNING, created_at=long_ago
    )
    assert refreshed(first).seems_stuck
    second = request_bundle(municipality_user_a)
    assert second.pk != first.pk
    assert second.status == BundleStatus.READY


def test_sheets_no_longer_approved_when_the_task_runs_are_left_out(
    sheets, municipality_user_a, renders, settings
):
    settings.TASKS = DATABASE
    bundle = request_bundle(municipality_user_a)
    assert bundle.status == BundleStatus.QUEUED
    set_status(sheets["dorpshuis-bovensmilde"], Status.CHANGES_REQUESTED)

    built = bundles.bundle_build(bundle_id=bundle.pk)
    assert built.status == BundleStatus.READY
    assert (built.total, built.done, built.skipped) == (2, 2, 1)
    assert built.theories == [sheets["dorpshuis-smilde"].pk]
    assert open_zip(built).namelist() == [SMILDE]
    # The shared ZIP is named after what it holds: asking now finds it.
    assert built.stamp != bundle.stamp
    assert request_bundle(municipality_user_a).pk == built.pk


def test_a_deleted_theory_is_left_out(sheets, municipality_user_a, renders, settings):
    settings.TASKS = DATABASE
    bundle = request_bundle(municipality_user_a)
    sheets["dorpshuis-smilde"].delete()
    built = bundles.bundle_build(bundle_id=bundle.pk)
    assert open_zip(built).namelist() == [BOVENSMILDE]


def test_nothing_left_to_put_in_the_zip_fails_with_a_message(
    sheets, municipality_user_a, renders, settings
):
    settings.TASKS = DATABASE
    bundle = request_bundle(municipality_user_a)
    TheoryOfChange.objects.filter(initiative__municipality__slug="midden-drenthe").delete()
    built = bundles.bundle_build(bundle_id=bundle.pk)
    assert built.status == BundleStatus.FAILED
    assert built.error == (
        "Geen van de feitenbladen is nog goedgekeurd. Er is niets om te downloaden."
    )


def test_a_deleted_bundle_is_no_work(sheets, municipality_user_a, renders, settings):
    settings.TASKS = DATABASE
    bundle = request_bundle(municipality_user_a)
    bundle.delete()
    assert bundles.bundle_build(bundle_id=bundle.pk) is None
    assert renders == []


# --- failure ---------------------------------------------------------------------------------


def test_a_failing_render_marks_the_bundle_failed(sheets, municipality_user_a, monkeypatch, caplog):
    def broken(theory, **kwargs):
        raise RuntimeError("WeasyPrint is stuk")

    monkeypatch.setattr(render, "render_pdf", broken)
    with caplog.at_level(logging.ERROR, logger="impact.portal.bundles"):
        bundle = request_bundle(municipality_user_a)

    assert bundle.status == BundleStatus.FAILED
    assert bundle.error == "Het feitenblad van Dorpshuis Bovensmilde kon niet worden gemaakt."
    assert bundle.finished_at is not None
    assert bundle.file == ""
    assert any("WeasyPrint is stuk" in record.exc_text for record in caplog.records)
    assert not default_storage.exists(bundles.zip_path(bundle.stamp))


def test_an_unexpected_error_also_ends_in_failed(sheets, municipality_user_a, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("schijf vol")

    monkeypatch.setattr(bundles, "write_zip", broken)
    bundle = request_bundle(municipality_user_a)
    assert bundle.status == BundleStatus.FAILED
    assert bundle.error == "Het ZIP-bestand kon niet worden gemaakt. Probeer het opnieuw."


def test_the_failed_page_offers_to_try_again(sheets, municipality_user_a, monkeypatch):
    monkeypatch.setattr(render, "render_pdf", lambda *args, **kwargs: 1 / 0)
    client = client_for(municipality_user_a)
    post_create(client, q="Dorpshuis Smilde")
    failed = FactSheetBundle.objects.get()

    page = client.get(urls(failed)["bundle"]).content.decode()
    assert "Mislukt" in page
    assert "Het feitenblad van Dorpshuis Smilde kon niet worden gemaakt." in page
    assert "Probeer opnieuw" in page
    assert f'action="{reverse("portal:bundle_create")}"' in page
    assert '<input type="hidden" name="q" value="Dorpshuis Smilde">' in page

    # Trying again after the fault is fixed makes a new bundle; the failed one stays.
    monkeypatch.setattr(render, "render_pdf", lambda theory, **kwargs: b"%PDF-fake")
    response = post_create(client, q="Dorpshuis Smilde")
    retried = FactSheetBundle.objects.exclude(pk=failed.pk).get()
    assert response["Location"] == urls(retried)["bundle"]
    assert retried.status == BundleStatus.READY
    assert refreshed(failed).status == BundleStatus.FAILED


# --- the pages -------------------------------------------------------------------------------


def test_the_page_of_a_ready_bundle(sheets, municipality_user_a, renders):
    bundle = request_bundle(municipality_user_a)
    client = client_for(municipality_user_a)
    response = client.get(urls(bundle)["bundle"])
    page = response.content.decode()

    assert response.status_code == 200
    assert "Feitenbladen 2025 van Midden-Drenthe" in page
    assert '<progress class="w-100 mb-2" max="2" value="2"' in page
    assert 'role="status" aria-live="polite"' in page
    assert "2 van 2 feitenbladen klaar" in page
    assert f'href="{urls(bundle)["bundle_download"]}"' in page
    assert "Download het ZIP-bestand" in page
    assert "feitenbladen-midden-drenthe-2025.zip" in page
    assert f'data-progress-url="{urls(bundle)["bundle_progress"]}"' in page
    assert "js/bundle-progress.js" in page and " defer></script>" in page
    assert "<script>" not in page  # no inline scripts: a Content-Security-Policy is coming
    assert f'href="{reverse("portal:index")}?jaar=2025"' in page
    assert "Probeer opnieuw" not in page


def test_the_page_of_a_bundle_being_made(sheets, municipality_user_a, renders, settings):
    settings.TASKS = DATABASE
    bundle = request_bundle(municipality_user_a)
    FactSheetBundle.objects.filter(pk=bundle.pk).update(status=BundleStatus.RUNNING, done=1)
    page = client_for(municipality_user_a).get(urls(bundle)["bundle"]).content.decode()

    assert "Bezig" in page
    assert '<progress class="w-100 mb-2" max="2" value="1"' in page
    assert "1 van 2 feitenbladen klaar" in page
    assert f'<a href="{urls(bundle)["bundle"]}">Vernieuwen</a>' in page
    assert urls(bundle)["bundle_download"] not in page


def test_the_progress_json(sheets, municipality_user_a, renders, settings):
    settings.TASKS = DATABASE
    bundle = request_bundle(municipality_user_a)
    client = client_for(municipality_user_a)
    progress_url = urls(bundle)["bundle_progress"]

    waiting = client.get(progress_url)
    assert waiting["Cache-Control"] == "no-store"
    assert waiting.json() == {
        "status": "queued",
        "status_label": "In de wachtrij",
        "done": 0,
        "total": 2,
        "text": "0 van 2 feitenbladen klaar",
        "ready": False,
        "download_url": "",
        "size": "",
    }

    bundles.bundle_build(bundle_id=bundle.pk)
    ready = client.get(progress_url).json()
    assert ready["status"] == "ready"
    assert (ready["done"], ready["total"], ready["ready"]) == (2, 2, True)
    assert ready["download_url"] == urls(bundle)["bundle_download"]
    assert ready["text"] == "2 van 2 feitenbladen klaar"
    assert ready["size"].endswith("bytes")


def test_polling_costs_a_fixed_number_of_queries(
    sheets, municipality_user_a, renders, django_assert_num_queries
):
    bundle = request_bundle(municipality_user_a)
    client = client_for(municipality_user_a)
    client.get(urls(bundle)["bundle_progress"])  # warm up
    # user, portal access, bundle, scope, readable sheets
    with django_assert_num_queries(5):
        client.get(urls(bundle)["bundle_progress"])


def test_no_approved_sheets_means_no_bundle(municipality_user_a, initiative_a, theory_a):
    response = post_create(client_for(municipality_user_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:index"))
    assert not FactSheetBundle.objects.exists()
    [message] = get_messages(response.wsgi_request)
    assert "Er zijn geen goedgekeurde feitenbladen van" in str(message)


# --- who gets it -----------------------------------------------------------------------------


@pytest.fixture
def bundle_a(sheets, municipality_user_a, renders):
    return request_bundle(municipality_user_a)


@pytest.fixture
def volunteer_of_smilde(initiative_a):
    return MembershipFactory(
        user=UserFactory(username="vrijwilliger.smilde"),
        initiative=initiative_a,
        role=Role.COORDINATOR,
    ).user


def test_the_owner_gets_every_url(bundle_a, municipality_user_a):
    client = client_for(municipality_user_a)
    for url in urls(bundle_a).values():
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["bundle", "bundle_progress", "bundle_download"])
def test_a_bundle_is_personal(bundle_a, colleague_a, name):
    """Not even a colleague of the same municipality gets it. (Everyone else of the cast
    is a cell of tests/test_access_matrix.py: 404, or for anonymous visitors the login.)"""
    assert client_for(colleague_a).get(urls(bundle_a)[name]).status_code == 404


def test_anonymous_visitors_cannot_ask_for_a_zip(anonymous_client, sheets):
    response = post_create(anonymous_client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not FactSheetBundle.objects.exists()


def test_another_municipality_cannot_ask_for_midden_drenthe(sheets, municipality_user_b, renders):
    response = post_create(client_for(municipality_user_b), gemeente="midden-drenthe")
    assert response.status_code == 404
    assert not FactSheetBundle.objects.exists()


def test_volunteers_cannot_ask_for_a_zip(sheets, volunteer_of_smilde, renders):
    response = post_create(client_for(volunteer_of_smilde))
    assert response.status_code == 403
    assert not FactSheetBundle.objects.exists()


def test_an_advisor_gets_every_municipality(sheets, advisor, renders):
    bundle = request_bundle(advisor)
    assert open_zip(bundle).namelist() == [
        BOVENSMILDE,
        SMILDE,
        "feitenblad-dorpsloket-middelstum-2025.pdf",
    ]
    assert bundle.download_name == "feitenbladen-alle-gemeenten-2025.zip"


def test_staff_who_lost_their_municipality_lose_their_bundles(bundle_a, municipality_user_a):
    municipality_user_a.municipalities.clear()
    client = client_for(municipality_user_a)
    for url in urls(bundle_a).values():
        assert client.get(url).status_code == 404


def test_staff_who_moved_to_another_municipality_cannot_download(bundle_a, municipality_user_a):
    municipality_user_a.municipalities.set([municipality("eemsdelta")])
    client = client_for(municipality_user_a)
    assert client.get(urls(bundle_a)["bundle_download"]).status_code == 404
    assert client.get(urls(bundle_a)["bundle_progress"]).json()["ready"] is False


def test_a_reopened_sheet_closes_the_download(bundle_a, sheets, municipality_user_a):
    set_status(sheets["dorpshuis-smilde"], Status.CHANGES_REQUESTED)
    client = client_for(municipality_user_a)
    assert client.get(urls(bundle_a)["bundle_download"]).status_code == 404
    page = client.get(urls(bundle_a)["bundle"]).content.decode()
    assert "Dit ZIP-bestand kun je niet meer downloaden" in page
    assert "Maak een nieuw ZIP-bestand" in page


# --- the database backend and its worker -----------------------------------------------------


@pytest.fixture
def worker(monkeypatch):
    """`manage.py db_worker --batch` inside the test: it must not drop the test's database
    connection (the test client keeps it too) nor take over pytest's signal handlers."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda self: None)

    def run() -> None:
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO()
        )

    return run


def test_with_the_database_backend_the_worker_builds_the_zip(
    sheets, municipality_user_a, renders, settings, worker
):
    settings.TASKS = DATABASE
    client = client_for(municipality_user_a)
    response = post_create(client)

    bundle = FactSheetBundle.objects.get()
    assert response["Location"] == urls(bundle)["bundle"]
    assert bundle.status == BundleStatus.QUEUED
    assert renders == []
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "impact.portal.bundles.build_bundle"
    assert queued.args_kwargs == {"args": [str(bundle.pk)], "kwargs": {}}
    assert client.get(urls(bundle)["bundle_progress"]).json()["status"] == "queued"
    assert client.get(urls(bundle)["bundle_download"]).status_code == 404

    worker()

    bundle = refreshed(bundle)
    assert bundle.status == BundleStatus.READY
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert sorted(renders) == ["dorpshuis-bovensmilde", "dorpshuis-smilde"]
    assert client.get(urls(bundle)["bundle_progress"]).json()["ready"] is True
    download = client.get(urls(bundle)["bundle_download"])
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert archive.namelist() == [BOVENSMILDE, SMILDE]

    # Asking again while nothing changed: the same bundle, no new task.
    post_create(client)
    assert FactSheetBundle.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_the_worker_runs_a_queued_bundle_once(
    sheets, municipality_user_a, renders, settings, worker
):
    settings.TASKS = DATABASE
    bundle = request_bundle(municipality_user_a)
    # The same task queued twice (a double click in another tab, a retry by an operator).
    bundles.build_bundle.enqueue(str(bundle.pk))
    worker()
    assert refreshed(bundle).status == BundleStatus.READY
    assert len(renders) == 2
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"] * 2


# --- the admin -------------------------------------------------------------------------------


def test_operators_see_bundles_in_the_admin_but_cannot_change_them(bundle_a):
    operator = UserFactory(username="beheer", is_staff=True, is_superuser=True)
    client = client_for(operator)
    changelist = client.get(reverse("admin:impact_factsheetbundle_changelist"))
    assert changelist.status_code == 200
    assert "Midden-Drenthe" in changelist.content.decode()
    page = client.get(reverse("admin:impact_factsheetbundle_change", args=[bundle_a.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.get(reverse("admin:impact_factsheetbundle_add")).status_code == 403


# --- clearing up -----------------------------------------------------------------------------


def test_prune_forgets_old_bundles_and_their_unused_zips(
    sheets, renders, municipality_user_a, colleague_a
):
    old = request_bundle(municipality_user_a)
    FactSheetBundle.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    kept = request_bundle(colleague_a, gemeente="midden-drenthe")  # the same ZIP, still fresh
    assert kept.file == old.file
    lonely = request_bundle(municipality_user_a, jaar="2025", q="Bovensmilde")
    FactSheetBundle.objects.filter(pk=lonely.pk).update(
        created_at=timezone.now() - timedelta(days=9)
    )

    output = io.StringIO()
    call_command("prune_bundles", "--days", "7", stdout=output)

    assert "Removed 2 bundles and 1 ZIP files" in output.getvalue()
    assert list(FactSheetBundle.objects.values_list("pk", flat=True)) == [kept.pk]
    assert default_storage.exists(kept.file)  # still used by the colleague's bundle
    assert not default_storage.exists(lonely.file)


def test_prune_without_any_zips_is_fine(db):
    output = io.StringIO()
    call_command("prune_bundles", stdout=output)
    assert "Removed 0 bundles and 0 ZIP files" in output.getvalue()
