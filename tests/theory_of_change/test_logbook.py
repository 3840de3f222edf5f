"""The weekly logbook: the weeks of a year and one screen per week.

Saving a week (counts, note, busyness), a correction in the history, weeks that do not
exist, bad numbers, two people on one week, who may do what, the status left alone, the
overload signal, fixed query counts, and that no note reaches a municipality or a fact sheet.
(Anonymous visitors and every role on every URL: tests/test_access_matrix.py; the workspace's
query count with logbook weeks: test_workspace.py.)
"""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from impact.factsheet.services import share_link_enable
from tests.conftest import client_for
from tests.factories import OutcomeFactory, OutputFactory
from tests.factsheet.conftest import read_pdf
from theory_of_change.models import Status, TheoryOfChange
from theory_of_change.results.logbook_views import week_to_fill, weeks_so_far
from theory_of_change.results.models import (
    Aggregation,
    Busyness,
    LogbookWeek,
    Measure,
    ResultChange,
    ResultEntry,
)
from theory_of_change.results.periods import Period, Rhythm
from theory_of_change.results.services import (
    WeekCount,
    indicator_for,
    indicator_settings_save,
    logbook_week_save,
)

pytestmark = pytest.mark.django_db

NOTE = "Mevrouw Jansen van de Kerkstraat belde drie keer over haar toeslag"


def weekly(theory, description="Hulpvragen", unit="vragen", position=0):
    """An output of `theory` counted per week; its indicator."""
    output = OutputFactory(theory=theory, description=description, unit=unit, position=position)
    return indicator_settings_save(
        indicator=indicator_for(output=output), rhythm=Rhythm.WEEK, aggregation=Aggregation.SUM
    )


def logbook_url(theory) -> str:
    return reverse(
        "theory_of_change:logbook", kwargs={"slug": theory.initiative.slug, "year": theory.year}
    )


def week_url(theory, week: str) -> str:
    return reverse(
        "theory_of_change:logbook_week",
        kwargs={"slug": theory.initiative.slug, "year": theory.year, "week": week},
    )


def opened(client, theory, week: str) -> dict:
    """The form as a browser has it after opening the week: its version and values."""
    response = client.get(week_url(theory, week))
    assert response.status_code == 200
    form = response.context["form"]
    data = {"base_version": response.context["base_version"]}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else str(value)
    return data


def save(client, theory, week: str, **values):
    """Open the week and save it with `values` (count fields as count_<indicator id>)."""
    data = opened(client, theory, week)
    data.update({name: str(value) for name, value in values.items()})
    return client.post(week_url(theory, week), data)


def count(indicator) -> str:
    return f"count_{indicator.pk}"


def between(html: str, start: str, end: str) -> str:
    """The part of `html` from `start` to the first `end` after it."""
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


# --- saving a week ---------------------------------------------------------------------------


def test_saving_a_week_records_counts_note_and_busyness(theory_a, volunteer_a):
    helped = weekly(theory_a)
    visits = weekly(theory_a, description="Huisbezoeken", unit="bezoeken", position=1)
    client = client_for(volunteer_a)

    response = save(
        client,
        theory_a,
        "2025-W10",
        **{count(helped): 4, count(visits): 0, "note": NOTE, "busyness": Busyness.TOO_BUSY},
    )

    assert response.status_code == 302
    assert response["Location"] == week_url(theory_a, "2025-W10")
    entries = {entry.indicator_id: entry for entry in ResultEntry.objects.all()}
    assert (entries[helped.pk].period, entries[helped.pk].value) == ("2025-W10", 4)
    assert entries[visits.pk].value == 0  # zero is a count, not "nothing"
    assert entries[helped.pk].entered_by == volunteer_a
    assert set(ResultChange.objects.values_list("source", flat=True)) == {"logbook"}
    page = LogbookWeek.objects.get(theory=theory_a)
    assert (page.week, page.starts_on) == ("2025-W10", date(2025, 3, 3))
    assert (page.note, page.busyness, page.written_by) == (NOTE, Busyness.TOO_BUSY, volunteer_a)

    shown = client.get(response["Location"]).content.decode()
    assert "Week 10 is opgeslagen in het logboek." in shown
    assert 'value="4"' in shown and NOTE in shown


def test_the_week_screen_has_one_button_and_labelled_fields(theory_a, volunteer_a):
    helped = weekly(theory_a)
    html = client_for(volunteer_a).get(week_url(theory_a, "2025-W10")).content.decode()
    form = between(html, '<form method="post" novalidate', "</form>")
    assert form.count('type="submit"') == 1 and "Opslaan" in form
    assert f'<label for="id_{count(helped)}"' in form and ">Hulpvragen</label>" in form
    assert 'type="number"' in form and 'min="0"' in form and 'inputmode="numeric"' in form
    # The − and + buttons are hidden until logbook.js shows them: the field works alone.
    assert form.count("data-stepper-step") == 2 and form.count(" hidden>") == 2
    assert "Eén meer: Hulpvragen" in form
    assert "<legend" in form and "Hoe druk was het voor de vrijwilligers?" in form
    assert "Wat speelde er?" in form and "blijft binnen het initiatief" in form
    assert "js/logbook.js" in html
    assert "3 maart – 9 maart 2025" in html
    assert f'href="{week_url(theory_a, "2025-W09")}"' in html
    assert f'href="{week_url(theory_a, "2025-W11")}"' in html


def test_an_empty_field_removes_the_count_and_other_indicators_stay(theory_a, volunteer_a):
    helped = weekly(theory_a)
    monthly = indicator_for(output=OutputFactory(theory=theory_a, description="Maandcijfer"))
    client = client_for(volunteer_a)
    save(client, theory_a, "2025-W10", **{count(helped): 4})
    assert count(monthly) not in opened(client, theory_a, "2025-W10")  # only weekly ones

    save(client, theory_a, "2025-W10", **{count(helped): ""})

    assert not ResultEntry.objects.exists()
    assert list(ResultChange.objects.order_by("pk").values_list("old_value", "new_value")) == [
        (None, 4),
        (4, None),
    ]


def test_a_correction_is_kept_in_the_history_and_shown(theory_a, volunteer_a, editor_a):
    helped = weekly(theory_a)
    save(client_for(volunteer_a), theory_a, "2025-W10", **{count(helped): 4})
    editor = client_for(editor_a)

    save(editor, theory_a, "2025-W10", **{count(helped): 6})

    entry = ResultEntry.objects.get()
    assert (entry.value, entry.entered_by, entry.changed_by) == (6, volunteer_a, editor_a)
    history = ResultChange.objects.order_by("pk")
    assert [(c.old_value, c.new_value, c.by, c.source) for c in history] == [
        (None, 4, volunteer_a, "logbook"),
        (4, 6, editor_a, "logbook"),
    ]
    html = editor.get(week_url(theory_a, "2025-W10")).content.decode()
    assert 'value="6"' in html
    assert f"eerder ingevuld: 4 (door {volunteer_a.display_name}," in html


# --- weeks that do not exist here --------------------------------------------------------------


@pytest.mark.parametrize(
    "week", ["2024-W10", "2026-W10", "2025-W53", "2025-W00", "2025-03", "2025-Q1", "week-10"]
)
def test_a_week_outside_the_theorys_year_or_no_week_is_404(theory_a, volunteer_a, week):
    client = client_for(volunteer_a)
    assert client.get(week_url(theory_a, week)).status_code == 404
    assert client.post(week_url(theory_a, week), {"base_version": ""}).status_code == 404
    assert not LogbookWeek.objects.exists()


def test_the_first_iso_week_can_start_in_the_year_before(theory_a, volunteer_a):
    response = client_for(volunteer_a).get(week_url(theory_a, "2025-W01"))
    assert response.status_code == 200
    assert "30 december – 5 januari 2025" in response.content.decode()


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, message",
    [
        ("-3", "Een aantal kan niet negatief zijn."),
        ("vier", "Vul een heel getal in, bijvoorbeeld 4."),
        ("2.5", "Vul een heel getal in, bijvoorbeeld 4."),
        ("99999", "Vul een aantal in van hoogstens 10000."),
    ],
)
def test_a_bad_number_is_refused_at_the_field_and_nothing_is_lost(
    theory_a, volunteer_a, typed, message
):
    helped = weekly(theory_a)
    response = save(
        client_for(volunteer_a),
        theory_a,
        "2025-W10",
        **{count(helped): typed, "note": NOTE, "busyness": Busyness.BUSY},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'id="id_{count(helped)}_error"' in html and 'aria-invalid="true"' in html
    assert f'value="{typed}"' in html  # what was typed, to correct
    assert NOTE in html  # the note is still there
    assert 'value="busy" class="btn-check" id="id_busyness_1" checked' in html
    assert not LogbookWeek.objects.exists() and not ResultEntry.objects.exists()


def test_an_unknown_busyness_is_refused(theory_a, volunteer_a):
    response = save(client_for(volunteer_a), theory_a, "2025-W10", busyness="heel druk")
    assert response.status_code == 200
    assert "Kies rustig, druk of te druk." in response.content.decode()
    assert not LogbookWeek.objects.exists()


# --- two people on one week ------------------------------------------------------------------


def test_two_people_saving_one_week_lose_nothing_silently(theory_a, volunteer_a, editor_a):
    helped = weekly(theory_a)
    first, second = client_for(volunteer_a), client_for(editor_a)
    first_form = opened(first, theory_a, "2025-W10")
    second_form = opened(second, theory_a, "2025-W10")
    url = week_url(theory_a, "2025-W10")
    first.post(url, {**first_form, count(helped): "4", "note": NOTE, "busyness": "quiet"})

    typed = {**second_form, count(helped): "7", "note": "Mijn eigen verslag", "busyness": "busy"}
    response = second.post(url, typed)

    # Nothing of the second was saved, nothing of the first overwritten: both are shown.
    assert response.status_code == 200
    assert (ResultEntry.objects.get().value, LogbookWeek.objects.get().note) == (4, NOTE)
    html = response.content.decode()
    conflict = between(html, 'class="alert alert-warning edit-conflict"', "</section>")
    assert "Iemand anders heeft deze week net opgeslagen" in conflict
    assert volunteer_a.display_name in conflict
    assert "<dt>Hulpvragen</dt><dd>4</dd>" in conflict and NOTE in conflict
    assert "rustig" in conflict
    assert 'value="7"' in html and "Mijn eigen verslag" in html  # the second's input kept
    new_version = response.context["base_version"]
    assert new_version != second_form["base_version"]

    # Saving again, having seen the other version, overwrites on purpose.
    response = second.post(url, {**typed, "base_version": new_version})
    assert response.status_code == 302
    assert ResultEntry.objects.get().value == 7
    assert LogbookWeek.objects.get().note == "Mijn eigen verslag"
    assert ResultChange.objects.count() == 2


# --- who may do what -------------------------------------------------------------------------


def test_readers_and_advisors_read_without_a_form(theory_a, volunteer_a, reader_a, advisor):
    helped = weekly(theory_a)
    save(client_for(volunteer_a), theory_a, "2025-W10", **{count(helped): 4, "note": NOTE})
    for user in (reader_a, advisor):
        client = client_for(user)
        response = client.get(week_url(theory_a, "2025-W10"))
        assert response.status_code == 200
        assert response.context["form"] is None
        html = response.content.decode()
        assert '<form method="post" novalidate' not in html
        assert NOTE in html and "<dt>Hulpvragen</dt>" in html
        index = client.get(logbook_url(theory_a))
        assert index.status_code == 200 and "Week 10 bekijken" not in index.content.decode()
        response = client.post(week_url(theory_a, "2025-W10"), {"base_version": "", "note": "x"})
        assert response.status_code == 403
    assert LogbookWeek.objects.get().note == NOTE


def test_outsiders_and_municipalities_get_404(
    theory_a, volunteer_a, volunteer_b, municipality_user_a, approved_a
):
    save(client_for(volunteer_a), theory_a, "2025-W10", note=NOTE)
    for user in (volunteer_b, municipality_user_a):  # A's theory is approved: still 404
        client = client_for(user)
        assert client.get(logbook_url(theory_a)).status_code == 404
        assert client.get(week_url(theory_a, "2025-W10")).status_code == 404
        assert client.post(week_url(theory_a, "2025-W10"), {"note": "x"}).status_code == 404
    assert LogbookWeek.objects.get().note == NOTE


def test_anonymous_visitors_log_in_first(theory_a):
    response = client_for(None).get(week_url(theory_a, "2025-W10"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_approved_theory_stays_approved_and_unchanged(approved_a, volunteer_a, editor_a):
    helped = weekly(approved_a)
    before = TheoryOfChange.objects.get(pk=approved_a.pk)
    for user, value in ((volunteer_a, 4), (editor_a, 5)):  # a coordinator and an editor
        response = save(client_for(user), approved_a, "2025-W10", **{count(helped): value})
        assert response.status_code == 302
    after = TheoryOfChange.objects.get(pk=approved_a.pk)
    assert after.status == Status.APPROVED
    assert (after.updated_at, after.approved_at) == (before.updated_at, before.approved_at)
    assert after.results_changed_at is not None
    assert not after.transitions.exclude(pk__in=before.transitions.values("pk")).exists()
    assert ResultEntry.objects.get().value == 5


# --- without weekly indicators ---------------------------------------------------------------


def test_without_weekly_counts_the_note_and_busyness_still_work(theory_a, volunteer_a):
    OutputFactory(theory=theory_a, description="Dorpsdiners")  # counted per month
    OutcomeFactory(theory=theory_a)
    client = client_for(volunteer_a)
    response = client.get(week_url(theory_a, "2025-W10"))
    html = response.content.decode()
    assert "Je telt nog geen resultaten per week." in html
    assert 'type="number"' not in html
    # A link to where the rhythm is chosen: each output's results page, or else the results
    # (the overview until those exist).
    links = [url for _description, url in response.context["output_links"]]
    for url in links or [response.context["results_url"]]:
        assert f'href="{url}"' in html

    response = save(client, theory_a, "2025-W10", note=NOTE, busyness=Busyness.QUIET)
    assert response.status_code == 302
    assert LogbookWeek.objects.get().busyness == Busyness.QUIET


def test_outcomes_counted_per_week_are_on_the_screen_but_not_asked_ones(theory_a, volunteer_a):
    counted, asked = OutcomeFactory(theory=theory_a), OutcomeFactory(theory=theory_a)
    for outcome, measure in ((counted, Measure.COUNT), (asked, Measure.SURVEY)):
        indicator_settings_save(
            indicator=indicator_for(outcome=outcome),
            rhythm=Rhythm.WEEK,
            aggregation=Aggregation.SUM,
            measure=measure,
        )
    html = client_for(volunteer_a).get(week_url(theory_a, "2025-W10")).content.decode()
    assert counted.description in html and asked.description not in html


# --- the weeks of the year -------------------------------------------------------------------


def test_the_logbook_lists_the_weeks_newest_first(theory_a, volunteer_a):
    helped = weekly(theory_a)
    client = client_for(volunteer_a)
    save(client, theory_a, "2025-W10", **{count(helped): 4, "busyness": Busyness.TOO_BUSY})
    save(client, theory_a, "2025-W11", note=NOTE, busyness=Busyness.QUIET)

    response = client.get(logbook_url(theory_a))

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.week.code for row in rows[:2]] == ["2025-W52", "2025-W51"]  # a past year
    by_week = {row.week.code: row for row in rows}
    assert by_week["2025-W10"].counts == [("Hulpvragen", 4)]
    assert by_week["2025-W10"].page.busyness == Busyness.TOO_BUSY
    assert by_week["2025-W11"].counts == [("Hulpvragen", None)]
    html = response.content.decode()
    assert NOTE not in html  # the list says whether there is a note, not what it says
    assert "2 van de 52 weken ingevuld." in html
    # The main button continues after the newest week filled in.
    assert response.context["target"].code == "2025-W12"
    assert f'href="{week_url(theory_a, "2025-W12")}"' in html and "Week 12 invullen" in html


def test_which_weeks_the_logbook_shows_and_opens():
    today = date(2026, 3, 4)  # a Wednesday of week 10
    assert [week.code for week in weeks_so_far(2026, today)][-1] == "2026-W10"
    assert len(weeks_so_far(2026, today)) == 10
    assert len(weeks_so_far(2025, today)) == 52
    assert weeks_so_far(2027, today) == []
    assert week_to_fill(2026, today, set()).code == "2026-W10"  # this week
    assert week_to_fill(2025, today, set()).code == "2025-W01"
    assert week_to_fill(2025, today, {"2025-W03", "2025-W07"}).code == "2025-W08"
    assert week_to_fill(2025, today, {"2025-W03", "2025-W52"}).code == "2025-W51"
    every_week = {week.code for week in weeks_so_far(2025, today)}
    assert week_to_fill(2025, today, every_week) is None
    assert week_to_fill(2027, today, set()) is None
    # 29 December 2025 is in week 1 of 2026.
    assert week_to_fill(2026, date(2025, 12, 29), set()).code == "2026-W01"


# --- the overload signal ---------------------------------------------------------------------


def log_weeks(theory, user, pattern: list[str]) -> None:
    for number, busyness in enumerate(pattern, start=10):
        logbook_week_save(
            theory=theory,
            week=Period.of("week", theory.year, number),
            counts=[],
            note=NOTE,
            busyness=busyness,
            by=user,
            base_version=None,
        )


SIGNAL = "Overbelasting van vrijwilligers"


@pytest.mark.parametrize(
    "pattern, shown",
    [
        (["too_busy", "too_busy", "quiet", "busy", "too_busy"], False),  # 2 of the last 4
        (["quiet", "too_busy", "quiet", "too_busy", "too_busy"], True),  # 3 of the last 4
        (["too_busy", "too_busy", "too_busy"], True),  # 3 of 3
    ],
)
def test_the_overload_signal_on_the_initiative_page(
    approved_a, volunteer_a, reader_a, advisor, municipality_user_a, pattern, shown
):
    log_weeks(approved_a, volunteer_a, pattern)
    initiative_url = approved_a.initiative.get_absolute_url()
    for user in (volunteer_a, reader_a, advisor):
        html = client_for(user).get(initiative_url).content.decode()
        assert (SIGNAL in html) is shown
        if shown:
            assert "3 van de laatste" in html
            assert f'href="{logbook_url(approved_a)}"' in html
    # Municipality staff see the initiative, never its logbook.
    html = client_for(municipality_user_a).get(initiative_url).content.decode()
    assert SIGNAL not in html and NOTE not in html and "logboek" not in html


def test_the_initiative_page_links_to_the_logbook_for_members_and_advisors(
    approved_a, volunteer_a, reader_a, advisor, municipality_user_a
):
    link = f'href="{logbook_url(approved_a)}">Logboek 2025</a>'
    initiative_url = approved_a.initiative.get_absolute_url()
    for user in (volunteer_a, reader_a, advisor):
        assert link in client_for(user).get(initiative_url).content.decode()
    assert link not in client_for(municipality_user_a).get(initiative_url).content.decode()


def test_the_overload_signal_on_the_logbook_and_in_the_workspace(theory_a, volunteer_a, advisor):
    log_weeks(theory_a, volunteer_a, ["quiet", "too_busy", "too_busy", "too_busy"])
    html = client_for(volunteer_a).get(logbook_url(theory_a)).content.decode()
    assert SIGNAL in html and "3 van de laatste 4 weken in het logboek te druk" in html

    html = client_for(advisor).get(reverse("workspace:index")).content.decode()
    assert "overbelasting van vrijwilligers" in html
    assert f'href="{logbook_url(theory_a)}"' in html
    assert NOTE not in html


# --- fixed query counts ----------------------------------------------------------------------

# user, the initiative and the user's membership, the theory, the weekly
# indicators, their counts, and the logbook pages.
LOGBOOK_QUERIES = 7
# user, the initiative and membership, the theory, the weekly indicators, the
# week's page, its counts, and the history of those counts.
WEEK_QUERIES = 8


def _fill(theory, user, indicators: int, weeks: int) -> None:
    made = [weekly(theory, description=f"Resultaat {n}", position=n) for n in range(indicators)]
    for number in range(1, weeks + 1):
        for _ in range(2):  # and a correction of each count
            logbook_week_save(
                theory=theory,
                week=Period.of("week", 2025, number),
                counts=[WeekCount(indicator, number + _) for indicator in made],
                note=NOTE,
                busyness=Busyness.BUSY,
                by=user,
                base_version=None,
            )


@pytest.mark.parametrize("indicators, weeks", [(1, 1), (5, 52)])
def test_the_logbook_costs_the_same_queries_however_much_is_logged(
    theory_a, volunteer_a, django_assert_num_queries, indicators, weeks
):
    _fill(theory_a, volunteer_a, indicators, weeks)
    client = client_for(volunteer_a)
    with django_assert_num_queries(LOGBOOK_QUERIES):
        response = client.get(logbook_url(theory_a))
    assert response.context["filled_count"] == weeks
    with django_assert_num_queries(WEEK_QUERIES):
        response = client.get(week_url(theory_a, "2025-W01"))
    assert len(response.context["counts"]) == indicators
    assert all(len(item["earlier"]) == 1 for item in response.context["counts"])


# --- notes stay inside -----------------------------------------------------------------------


def _texts_of(response) -> str:
    """What a response says: HTML and CSV as text, XLSX cells, PDF text."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if content.startswith(b"%PDF-"):
        return read_pdf(content).text
    if "spreadsheetml" in kind:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return content.decode("utf-8", errors="replace")


def test_no_note_reaches_a_municipality_page_an_export_or_a_fact_sheet(
    approved_a, volunteer_a, municipality_user_a
):
    helped = indicator_settings_save(
        indicator=indicator_for(output=approved_a.outputs.get()),
        rhythm=Rhythm.WEEK,
        aggregation=Aggregation.SUM,
    )
    for number, value in ((10, 4), (11, 6), (12, 5)):
        save(
            client_for(volunteer_a),
            approved_a,
            f"2025-W{number}",
            **{count(helped): value, "note": NOTE, "busyness": Busyness.TOO_BUSY},
        )
    token = share_link_enable(theory=approved_a, by=volunteer_a)
    municipality = client_for(municipality_user_a)
    slug = {"slug": approved_a.initiative.slug, "year": 2025}
    pages = {
        municipality: [
            reverse("portal:index"),
            reverse("portal:index") + "?gemeente=midden-drenthe&jaar=2025",
            reverse("portal:summary_pdf"),
            *(reverse("portal:figures_export", kwargs={"fmt": fmt}) for fmt in ("csv", "xlsx")),
            *(reverse("portal:initiatives_export", kwargs={"fmt": fmt}) for fmt in ("csv", "xlsx")),
            reverse("factsheet:page", kwargs=slug),
            reverse("factsheet:pdf", kwargs=slug),
            approved_a.initiative.get_absolute_url(),
        ],
        # Not even the initiative's own fact sheet, or its public link, carries a note.
        client_for(volunteer_a): [
            reverse("factsheet:page", kwargs=slug),
            reverse("factsheet:poster", kwargs=slug),
        ],
        client_for(None): [reverse("factsheet:shared", kwargs={"token": token})],
    }
    words = ("Mevrouw Jansen", "Kerkstraat", "te druk")
    for client, urls in pages.items():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            text = _texts_of(response)
            for word in words:
                assert word not in text, f"{word!r} at {url}"
    # The counts themselves do count: the fact sheet shows the total of the three weeks.
    assert ">15<" in _texts_of(municipality.get(reverse("factsheet:page", kwargs=slug)))
