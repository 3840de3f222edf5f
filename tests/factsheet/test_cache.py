"""The PDF cache: a download is a file read until something on the sheet changes.

Each test renders for real (counted by `render_calls`) and reads the new PDF back, so a
change that the cache key missed shows up as the old text in a PDF served from the cache.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext

from impact.factsheet.render import (
    A3,
    A4,
    cached_pdf,
    cached_sheet_html,
    forget_sheets,
    sheet_stamp,
)
from tests.conftest import client_for
from tests.factories import sheet_story
from tests.factsheet.conftest import approve, read_pdf
from tests.theory_of_change.helpers import form_data, step_url
from theory_of_change.models import (
    DataCollectionMethod,
    Outcome,
    ResourceKind,
    Theme,
    TheoryOfChange,
)
from theory_of_change.stories.models import Consent, Scope
from theory_of_change.stories.services import consent_add, sheet_story_choose

pytestmark = pytest.mark.django_db


def cached_files(theory) -> list[str]:
    folder = Path(settings.MEDIA_ROOT, "feitenbladen", theory.initiative.slug)
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def fresh(theory) -> TheoryOfChange:
    """The theory as a view loads it (its row and initiative, nothing cached on it)."""
    return TheoryOfChange.objects.select_related("initiative__municipality").get(pk=theory.pk)


def test_the_second_download_is_served_from_the_cache(complete_a, render_calls):
    first = cached_pdf(fresh(complete_a))
    second = cached_pdf(fresh(complete_a))

    assert render_calls == [A4]
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.content == first.content
    assert second.etag == first.etag
    assert len(cached_files(complete_a)) == 1


def test_the_second_download_through_the_url_does_not_render(
    client_a, editor_a, complete_a, render_calls
):
    """Another member, the same sheet: the file the first download left."""
    url = f"/initiatieven/{complete_a.initiative.slug}/verandertheorie/2025/feitenblad.pdf"
    first = client_a.get(url)
    second = client_for(editor_a).get(url)

    assert render_calls == [A4]
    assert (first.status_code, second.status_code) == (200, 200)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_a4_and_a3_are_cached_side_by_side(complete_a, render_calls):
    cached_pdf(fresh(complete_a), variant=A4)
    cached_pdf(fresh(complete_a), variant=A3)
    assert cached_pdf(fresh(complete_a), variant=A4).from_cache
    assert cached_pdf(fresh(complete_a), variant=A3).from_cache

    assert render_calls == [A4, A3]
    assert len(cached_files(complete_a)) == 2


# --- every change that shows on the sheet renders it again -------------------------------------


def save_step_in_the_editor(theory, editor_a, **_):
    data = form_data(theory, 2, mission="Samen koken, samen eten")
    response = client_for(editor_a).post(step_url(theory, 2), data)
    assert response.status_code == 302
    return "Samen koken, samen eten"


def change_a_row(theory, **_):
    """A row changed outside the editor, then the theory's last change moved on (as every
    step save and admin edit does)."""
    Outcome.objects.filter(theory=theory).update(description="Buren kennen elkaar beter")
    TheoryOfChange.objects.filter(pk=theory.pk).update(updated_at=timezone.now())
    return "Buren kennen elkaar beter"


def approve_it(theory, advisor, **_):
    approve(theory, advisor)
    return "Goedgekeurd op"


def change_the_quote(theory, editor_a, **_):
    story = sheet_story(theory, "Hier voel ik me thuis", scope=Scope.INTERNAL)
    consent_add(
        story=story,
        consent=Consent(scope=Scope.SHEET, given_by="person", given_on=date.today(), form="verbal"),
        by=editor_a,
    )
    sheet_story_choose(theory=theory, story=story, by=editor_a)
    return "Hier voel ik me thuis"


def rename_a_theme(theory, **_):
    theme = Theme.objects.get(name="Sociale cohesie")
    theme.name = "Samenhang in het dorp"
    theme.save()
    return "Samenhang in het dorp"


def rename_a_method(theory, **_):
    method = DataCollectionMethod.objects.get(name="Logboek")
    method.name = "Presentielijst"
    method.save()
    return "Presentielijst"


def rename_a_kind_of_means(theory, **_):
    kind = ResourceKind.objects.get(name="Vrijwilligers")
    kind.name = "Vrijwillige inzet"
    kind.save()
    return "Vrijwillige inzet"


def rename_the_initiative(theory, **_):
    initiative = theory.initiative
    initiative.name = "Dorpshuis De Smelte"
    initiative.save()
    return "Dorpshuis De Smelte"


def move_the_initiative(theory, **_):
    initiative = theory.initiative
    initiative.place = "Hijken"
    initiative.save()
    return "Hijken"


CHANGES = [
    save_step_in_the_editor,
    change_a_row,
    approve_it,
    change_the_quote,
    rename_a_theme,
    rename_a_method,
    rename_a_kind_of_means,
    rename_the_initiative,
    move_the_initiative,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_a_change_renders_the_sheet_again(complete_a, editor_a, advisor, render_calls, change):
    before = cached_pdf(fresh(complete_a))
    assert cached_pdf(fresh(complete_a)).from_cache

    new_text = change(complete_a, editor_a=editor_a, advisor=advisor)
    after = cached_pdf(fresh(complete_a))

    assert not read_pdf(before.content).says(new_text)
    assert after.from_cache is False
    assert after.etag != before.etag
    assert read_pdf(after.content).says(new_text)
    assert render_calls == [A4, A4]
    # The older file of this sheet is gone; only the new one is kept.
    assert len(cached_files(complete_a)) == 1
    assert cached_pdf(fresh(complete_a)).from_cache


def test_deleting_a_theme_renders_the_sheet_again(complete_a, render_calls):
    """The sheet's theme is not the one changed last, as after any later admin edit."""
    Theme.objects.get(name="Gezondheid en welzijn").save()
    before = cached_pdf(fresh(complete_a))
    assert read_pdf(before.content).says("Sociale cohesie")

    Theme.objects.get(name="Sociale cohesie").delete()
    after = cached_pdf(fresh(complete_a))

    assert not read_pdf(after.content).says("Sociale cohesie")


def test_the_language_is_part_of_the_key(complete_a, render_calls):
    dutch = cached_pdf(fresh(complete_a))
    with translation.override("en"):
        english = cached_pdf(fresh(complete_a))
        problem = gettext("Probleem")
        assert cached_pdf(fresh(complete_a)).from_cache
    assert problem != "Probleem", "the English catalogue translates the chain"

    assert english.from_cache is False
    assert english.etag != dutch.etag
    assert english.content != dutch.content
    assert read_pdf(english.content).says(problem)
    assert read_pdf(dutch.content).says("Probleem")
    assert not read_pdf(dutch.content).says(problem)
    assert render_calls == [A4, A4]
    # Both languages stay cached: they are different sheets, not versions of one.
    assert len(cached_files(complete_a)) == 2
    assert cached_pdf(fresh(complete_a)).from_cache


# --- what else the key holds (no render needed) ------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        lambda settings, monkeypatch: setattr(settings, "SITE_URL", "https://impact.example.nl"),
        lambda settings, monkeypatch: setattr(settings, "ADVISOR_ORGANISATION", "CMO Groningen"),
        lambda settings, monkeypatch: monkeypatch.setattr(
            "impact.factsheet.render.design_fingerprint", lambda: "een nieuw ontwerp"
        ),
    ],
    ids=["site url", "advisor organisation", "design"],
)
def test_the_key_follows_settings_and_design(complete_a, settings, monkeypatch, change):
    before = sheet_stamp(fresh(complete_a), variant=A4)

    change(settings, monkeypatch)

    assert sheet_stamp(fresh(complete_a), variant=A4) != before


def test_the_key_is_stable(complete_a):
    """Equal sheets, equal keys: reading the theory again changes nothing."""
    assert sheet_stamp(fresh(complete_a), variant=A4) == sheet_stamp(fresh(complete_a), variant=A4)
    assert sheet_stamp(fresh(complete_a), variant=A4) != sheet_stamp(fresh(complete_a), variant=A3)


# --- the sheet in the pages (HTML) -------------------------------------------------------------


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_the_pages_sheet_is_made_again_after_a_change(
    complete_a, editor_a, advisor, change, django_assert_max_num_queries
):
    """The HTML sheet comes from the cache under the same stamp as the PDF: any change
    that makes a new PDF makes a new page too."""
    before = cached_sheet_html(fresh(complete_a))
    with django_assert_max_num_queries(2):  # the stamp's reads; the sheet is not made again
        assert cached_sheet_html(fresh(complete_a)) == before

    new_text = change(complete_a, editor_a=editor_a, advisor=advisor)
    after = cached_sheet_html(fresh(complete_a))

    assert new_text not in before
    assert new_text in after


def test_withdrawal_removes_the_pages_sheet_from_the_cache(complete_a):
    cached_sheet_html(fresh(complete_a))
    cached_sheet_html(fresh(complete_a), public=True, standalone=True)
    keys = [
        f"feitenblad-html:{complete_a.pk}:nl:0:0",
        f"feitenblad-html:{complete_a.pk}:nl:1:1",
    ]
    assert all(cache.get(key) for key in keys)

    forget_sheets(fresh(complete_a))

    assert not any(cache.get(key) for key in keys)
