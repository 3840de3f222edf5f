"""The results page and an indicator's page: what they show, recording and correcting
counts (with their history), how an indicator is counted, a stated figure, questionnaire
results, bad input, two people on one period, who may do what, an approved theory left
approved, the links to the pages, and fixed query counts.

(Anonymous visitors and every role on every URL: tests/test_access_matrix.py; the pages in
a browser with axe: tests/browser/test_accessibility.py.)
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import (
    MeasurementPlanFactory,
    OutcomeFactory,
    OutputFactory,
    TheoryFactory,
)
from tests.theory_of_change.helpers import put_in_status, refreshed
from theory_of_change.models import DataCollectionMethod, MeasurementLevel, Status
from theory_of_change.results.models import (
    Aggregation,
    Indicator,
    Measure,
    ResultChange,
    ResultEntry,
    SurveyResult,
)
from theory_of_change.results.periods import Period, Rhythm
from theory_of_change.results.services import (
    count_save,
    indicator_for,
    indicator_settings_save,
    override_save,
    survey_add,
)
from theory_of_change.results.views import default_period

pytestmark = pytest.mark.django_db

ASKING = "Vragenlijst of enquête"


# --- helpers ---------------------------------------------------------------------------------


def results_url(theory) -> str:
    return reverse(
        "theory_of_change:results", kwargs={"slug": theory.initiative.slug, "year": theory.year}
    )


def output_url(output, theory=None) -> str:
    theory = theory or output.theory
    return reverse(
        "theory_of_change:result_output",
        kwargs={"slug": theory.initiative.slug, "year": theory.year, "pk": output.pk},
    )


def outcome_url(outcome, theory=None) -> str:
    theory = theory or outcome.theory
    return reverse(
        "theory_of_change:result_outcome",
        kwargs={"slug": theory.initiative.slug, "year": theory.year, "pk": outcome.pk},
    )


def counted(output, *values, by=None, kind="month", start=1):
    """Counts of `output` in consecutive periods of `kind` from period `start`."""
    indicator = indicator_for(output=output)
    if indicator.rhythm != kind:
        indicator = indicator_settings_save(
            indicator=indicator, rhythm=kind, aggregation=indicator.aggregation
        )
    for number, value in enumerate(values, start=start):
        count_save(
            indicator=indicator,
            period=Period.of(kind, output.theory.year, number),
            value=value,
            by=by,
        )
    return indicator


def measured_outcome(theory, description="Minder eenzaam", method=ASKING):
    """An effect of step 6 that step 9 measures with `method`."""
    outcome = OutcomeFactory(theory=theory, description=description)
    plan = MeasurementPlanFactory(
        theory=theory,
        level=MeasurementLevel.OUTCOME,
        information="Hoe mensen zich voelen",
        method=DataCollectionMethod.objects.get(name=method),
    )
    plan.measures_outcomes.set([outcome])
    return outcome


def opened(client, url: str, **query) -> dict:
    """The count form as a browser has it after opening the page: its version and values."""
    response = client.get(url, query)
    assert response.status_code == 200
    form = response.context["count_form"]
    data = {
        "form": "count",
        "base_version": response.context["base_version"],
        "opened_period": response.context["opened_period"],
    }
    for name in form.fields:
        value = form.initial.get(name, "")
        data[f"count-{name}"] = "" if value is None else str(value)
    return data


def save_count(client, url: str, period: str, value, note: str = ""):
    """Open the page for `period` and save the count as a person would."""
    data = opened(client, url, periode=period)
    data.update({"count-period": period, "count-value": str(value), "count-note": note})
    return client.post(url, data)


def text(response) -> str:
    return response.content.decode()


def field_error(response, form: str, name: str) -> str:
    """The error shown at a field (crispy puts it under the input)."""
    bound = response.context[form][name]
    assert bound.errors, f"no error at {name}"
    return " ".join(bound.errors)


# --- the results page ------------------------------------------------------------------------


def test_results_page_shows_target_total_periods_chart_and_last_year(
    theory_a, initiative_a, volunteer_a
):
    last_year = TheoryFactory(initiative=initiative_a, year=2024)
    counted(OutputFactory(theory=last_year, description="Dorpsdiners"), 40, 2)
    output = OutputFactory(
        theory=theory_a, description="Dorpsdiners", unit="diners per jaar", target=52
    )
    counted(output, 4, 6, 5)

    html = text(client_for(volunteer_a).get(results_url(theory_a)))

    assert "1. Dorpsdiners" in html and "Wat je telt: diners per jaar" in html
    assert "Streefgetal 2025" in html and ">52<" in html
    assert ">15<" in html and "opgeteld over jan–mrt 2025" in html
    assert "geteld in 3 van 12 maanden" in html
    assert "Vorig jaar (2024)" in html and ">42<" in html
    assert "opgeteld over jan–feb 2024; geteld in 2 van 12 maanden" in html
    # The chart: an image with a name in words, and the numbers as a table beside it.
    svg = re.search(r"<svg[^>]*>", html)[0]
    assert 'role="img"' in svg and 'aria-label="Staafdiagram van „Dorpsdiners”' in svg
    assert "geteld in 3 van 12 maanden. Hoogste aantal: 6." in svg
    assert "<summary>De aantallen per maand als tabel</summary>" in html
    assert ">maart 2025</th>" in html and ">april 2025</th>" in html and "niet geteld" in html
    assert f'href="{output_url(output)}"' in html


def test_a_stated_figure_says_so_with_its_reason_and_the_counted_figure(theory_a, volunteer_a):
    output = OutputFactory(theory=theory_a, description="Dorpsdiners", target=52)
    indicator = counted(output, 4, 6)
    override_save(indicator=indicator, value=48, reason="presentielijsten", by=volunteer_a)

    html = text(client_for(volunteer_a).get(results_url(theory_a)))

    assert "Vastgesteld voor het jaar" in html and ">48<" in html
    assert "vastgesteld: presentielijsten" in html
    assert "uit de tellingen: 10 (opgeteld over jan–feb 2025)" in html


@pytest.mark.parametrize(
    "aggregation, value, caption",
    [
        (Aggregation.LATEST, 5, "laatste stand: maart 2025"),
        (Aggregation.MAXIMUM, 6, "hoogste stand in jan–mrt 2025"),
    ],
)
def test_latest_and_maximum_say_what_the_figure_is(
    theory_a, volunteer_a, aggregation, value, caption
):
    output = OutputFactory(theory=theory_a, description="Vaste bezoekers", target=None)
    indicator = counted(output, 4, 6, 5)
    indicator_settings_save(indicator=indicator, rhythm=Rhythm.MONTH, aggregation=aggregation)

    html = text(client_for(volunteer_a).get(results_url(theory_a)))

    assert f">{value}<" in html and caption in html
    assert "Streefgetal" not in html  # no target, no target shown


def test_questionnaire_results_show_a_share_always_with_its_n(theory_a, volunteer_a):
    outcome = measured_outcome(theory_a)
    survey_add(
        indicator=indicator_for(outcome=outcome),
        period=Period.parse("2025-H1"),
        question="Voelt u zich minder alleen?",
        respondents=24,
        agreeing=18,
        method="survey",
        by=volunteer_a,
    )

    html = text(client_for(volunteer_a).get(results_url(theory_a)))

    assert "Minder eenzaam" in html and "Je meet dit door het mensen te vragen." in html
    assert "18 van de 24 deelnemers (75%)" in html and "1e helft 2025" in html
    assert "Voelt u zich minder alleen?" in html
    # Never a bare percentage: each one follows its "x van (de) n".
    for match in re.finditer(r"\d+%", html):
        before = html[max(match.start() - 40, 0) : match.start()]
        assert re.search(r"\d+ van (de )?\d+( deelnemers)? \($", before), before


def test_only_effects_that_step_9_measures_are_shown(theory_a, volunteer_a):
    measured_outcome(theory_a, "Minder eenzaam", method="Logboek")
    OutcomeFactory(theory=theory_a, description="Niet gemeten effect")

    html = text(client_for(volunteer_a).get(results_url(theory_a)))

    assert "Minder eenzaam" in html and "Je meet dit door te tellen." in html
    assert "Niet gemeten effect" not in html
    assert "1 effect uit stap 6 staat hier niet, omdat stap 9 het niet meet." in html


def test_an_empty_theory_points_to_steps_5_and_9(theory_a, volunteer_a):
    html = text(client_for(volunteer_a).get(results_url(theory_a)))
    assert "Stap 5 heeft nog geen resultaten om te tellen." in html
    assert "Stap 9 meet nog geen effecten." in html


# --- recording and correcting a count --------------------------------------------------------


def test_recording_a_count(theory_a, volunteer_a):
    output = OutputFactory(theory=theory_a)
    client = client_for(volunteer_a)

    response = save_count(client, output_url(output), "2025-03", 4, note="Met de buurtbus")

    assert response.status_code == 302
    assert response["Location"] == f"{output_url(output)}#telling"
    entry = ResultEntry.objects.get()
    assert (entry.period, entry.value, entry.note) == ("2025-03", 4, "Met de buurtbus")
    assert entry.entered_by == volunteer_a
    change = ResultChange.objects.get()
    assert (change.old_value, change.new_value, change.by, change.source) == (
        None,
        4,
        volunteer_a,
        "form",
    )
    html = text(client.get(output_url(output)))
    assert "Opgeslagen: maart 2025, 4." in html
    assert "Met de buurtbus" in html and volunteer_a.display_name in html


def test_a_correction_shows_the_old_value_and_is_kept_in_the_history(
    theory_a, volunteer_a, editor_a
):
    output = OutputFactory(theory=theory_a)
    save_count(client_for(volunteer_a), output_url(output), "2025-03", 4)
    editor = client_for(editor_a)

    # Opening the period shows what is stored, to correct it.
    form = opened(editor, output_url(output), periode="2025-03")
    assert form["count-value"] == "4"
    response = save_count(editor, output_url(output), "2025-03", 6)

    assert response.status_code == 302
    entry = ResultEntry.objects.get()
    assert (entry.value, entry.entered_by, entry.changed_by) == (6, volunteer_a, editor_a)
    assert list(ResultChange.objects.order_by("pk").values_list("old_value", "new_value")) == [
        (None, 4),
        (4, 6),
    ]
    html = text(editor.get(output_url(output)))
    assert "Gecorrigeerd: maart 2025 was 4 en is nu 6." in html
    history = html[html.index('id="geschiedenis"') :]
    assert history.index(editor_a.display_name) < history.index(volunteer_a.display_name)
    assert re.search(r"4\s*→\s*6", history) and re.search(r"niets\s*→\s*4", history)


def test_an_empty_value_removes_the_count(theory_a, volunteer_a):
    output = OutputFactory(theory=theory_a)
    client = client_for(volunteer_a)
    save_count(client, output_url(output), "2025-03", 4)

    response = save_count(client, output_url(output), "2025-03", "")

    assert response.status_code == 302
    assert not ResultEntry.objects.exists()
    assert ResultChange.objects.order_by("-pk").values_list("old_value", "new_value")[0] == (
        4,
        None,
    )
    html = text(client.get(output_url(output)))
    assert "De telling van maart 2025 (4) is weggehaald." in html
    assert "weggehaald" in html[html.index('id="geschiedenis"') :]


def test_the_form_opens_with_a_sensible_period(theory_a, volunteer_a):
    output = OutputFactory(theory=theory_a)
    client = client_for(volunteer_a)
    # A past year: the first month, then the month after the newest counted.
    assert opened(client, output_url(output))["count-period"] == "2025-01"
    counted(output, 4, 5)
    assert opened(client, output_url(output))["count-period"] == "2025-03"
    # `?periode=` opens that period with its count; an unknown one is ignored.
    assert opened(client, output_url(output), periode="2025-02")["count-value"] == "5"
    assert opened(client, output_url(output), periode="2024-02")["count-period"] == "2025-03"


def test_default_period():
    today = Period.of("month", 2026, 5).starts_on
    assert default_period("month", 2026, set(), today).code == "2026-05"
    assert default_period("week", 2025, set(), today).code == "2025-W01"
    assert default_period("month", 2025, {"2025-12"}, today).code == "2025-11"
    every_month = {f"2025-{month:02d}" for month in range(1, 13)}
    assert default_period("month", 2025, every_month, today).code == "2025-12"
    assert default_period("quarter", 2027, set(), today).code == "2027-Q1"


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, message",
    [
        ("-3", "Een aantal kan niet negatief zijn."),
        ("\u22123", "Een aantal kan niet negatief zijn."),  # a typographic minus
        ("vier", "Vul een heel getal in"),
        ("4,5", "Vul een heel getal in"),
        ("1.000", "Vul een heel getal in"),
        ("99999999", "Zoveel? Vul een aantal in van hoogstens 1.000.000."),
    ],
)
def test_a_bad_count_is_refused_at_the_field_and_kept(theory_a, volunteer_a, value, message):
    output = OutputFactory(theory=theory_a)
    client = client_for(volunteer_a)

    response = save_count(client, output_url(output), "2025-03", value, note="Mijn notitie")

    assert response.status_code == 200
    assert message in field_error(response, "count_form", "value")
    html = text(response)
    assert f'value="{value}"' in html and "Mijn notitie" in html  # nothing typed is lost
    assert "Nog niet opgeslagen." in html
    assert not ResultEntry.objects.exists() and not ResultChange.objects.exists()


@pytest.mark.parametrize("period", ["2024-03", "2026-01", "2025-W10", "2025-Q1", "maart"])
def test_a_period_outside_the_year_or_rhythm_is_refused(theory_a, volunteer_a, period):
    output = OutputFactory(theory=theory_a)
    client = client_for(volunteer_a)
    data = opened(client, output_url(output))
    data.update({"count-period": period, "count-value": "4"})

    response = client.post(output_url(output), data)

    assert response.status_code == 200
    assert "Kies een periode van 2025 uit de lijst." in field_error(
        response, "count_form", "period"
    )
    assert 'value="4"' in text(response)
    assert not ResultEntry.objects.exists()


# --- two people on one period ----------------------------------------------------------------


def test_two_people_saving_the_same_period_lose_nothing(theory_a, volunteer_a, editor_a):
    output = OutputFactory(theory=theory_a)
    first, second = client_for(volunteer_a), client_for(editor_a)
    form_first = opened(first, output_url(output), periode="2025-03")
    form_second = opened(second, output_url(output), periode="2025-03")

    form_first.update({"count-value": "4", "count-note": "Van de eerste"})
    assert first.post(output_url(output), form_first).status_code == 302
    form_second.update({"count-value": "7", "count-note": "Van de tweede"})
    response = second.post(output_url(output), form_second)

    # Not saved: what is stored now beside what the second person typed.
    assert response.status_code == 200
    assert ResultEntry.objects.get().value == 4
    html = text(response)
    conflict = html[html.index('class="alert alert-warning edit-conflict"') :]
    conflict = conflict[: conflict.index("</section>")]
    assert "Iemand anders heeft maart 2025 veranderd" in conflict
    assert "Van de eerste" in conflict and volunteer_a.display_name in conflict
    assert 'value="7"' in html and "Van de tweede" in html
    # The form now carries the stored version: saving again overwrites on purpose.
    data = dict(form_second, base_version=response.context["base_version"])
    assert second.post(output_url(output), data).status_code == 302
    assert ResultEntry.objects.get().value == 7
    assert list(ResultChange.objects.order_by("pk").values_list("old_value", "new_value")) == [
        (None, 4),
        (4, 7),
    ]


def test_choosing_another_period_with_a_count_shows_that_count_first(theory_a, volunteer_a):
    output = OutputFactory(theory=theory_a)
    counted(output, 4, 5, 6)
    client = client_for(volunteer_a)
    data = opened(client, output_url(output))  # opens april, which is empty
    data.update({"count-period": "2025-02", "count-value": "9"})

    response = client.post(output_url(output), data)

    assert response.status_code == 200
    assert "Je koos een andere periode" in text(response)
    assert ResultEntry.objects.get(period="2025-02").value == 5


# --- how it is counted -----------------------------------------------------------------------


def test_changing_the_rhythm_is_refused_while_counts_exist_in_another(theory_a, volunteer_a):
    output = OutputFactory(theory=theory_a)
    counted(output, 4)
    client = client_for(volunteer_a)

    response = client.post(
        output_url(output),
        {"form": "settings", "settings-rhythm": "week", "settings-aggregation": "sum"},
    )

    assert response.status_code == 200
    error = field_error(response, "settings_form", "rhythm")
    assert "Er zijn al 1 tellingen per maand." in error
    assert "Het ritme kun je pas veranderen als die weg zijn." in error
    assert Indicator.objects.get().rhythm == Rhythm.MONTH
    assert '<details class="card mb-4" open>' in text(response)  # the form stays open


def test_settings_are_saved_for_an_output_and_an_outcome(theory_a, volunteer_a):
    output = OutputFactory(theory=theory_a)
    outcome = measured_outcome(theory_a, method="Logboek")
    client = client_for(volunteer_a)

    response = client.post(
        output_url(output),
        {"form": "settings", "settings-rhythm": "week", "settings-aggregation": "latest"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#instellingen")
    indicator = Indicator.objects.get(output=output)
    assert (indicator.rhythm, indicator.aggregation) == (Rhythm.WEEK, Aggregation.LATEST)
    assert "Opgeslagen: je telt dit per week en het jaar is de laatste stand." in text(
        client.get(response["Location"])
    )

    client.post(
        outcome_url(outcome),
        {
            "form": "settings",
            "settings-rhythm": "quarter",
            "settings-aggregation": "max",
            "settings-measure": "survey",
        },
    )
    indicator = Indicator.objects.get(outcome=outcome)
    assert (indicator.rhythm, indicator.aggregation, indicator.measure) == (
        Rhythm.QUARTER,
        Aggregation.MAXIMUM,
        Measure.SURVEY,
    )


# --- a stated figure -------------------------------------------------------------------------


def test_a_stated_figure_needs_a_reason(theory_a, volunteer_a):
    output = OutputFactory(theory=theory_a)
    client = client_for(volunteer_a)

    response = client.post(
        output_url(output), {"form": "override", "override-value": "48", "override-reason": " "}
    )

    assert response.status_code == 200
    assert "Schrijf op waarom je dit aantal vaststelt" in field_error(
        response, "override_form", "reason"
    )
    assert 'value="48"' in text(response)
    assert not Indicator.objects.filter(override__isnull=False).exists()


def test_setting_and_clearing_a_stated_figure(theory_a, volunteer_a):
    output = OutputFactory(theory=theory_a)
    counted(output, 4)
    client = client_for(volunteer_a)

    response = client.post(
        output_url(output),
        {"form": "override", "override-value": "48", "override-reason": "presentielijsten"},
    )

    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert (indicator.override, indicator.override_reason, indicator.override_by) == (
        48,
        "presentielijsten",
        volunteer_a,
    )
    html = text(client.get(output_url(output)))
    assert "Opgeslagen: het jaarcijfer is vastgesteld op 48." in html
    assert "Nu vastgesteld: 48, omdat: presentielijsten" in html
    assert "vastgesteld: presentielijsten" in html

    response = client.post(
        output_url(output), {"form": "override", "clear": "1", "override-value": "48"}
    )

    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.override, indicator.override_reason) == (None, "")
    assert "weer uit de tellingen" in text(client.get(output_url(output)))


def test_a_stated_figure_is_a_whole_number(theory_a, volunteer_a):
    output = OutputFactory(theory=theory_a)
    response = client_for(volunteer_a).post(
        output_url(output),
        {"form": "override", "override-value": "-1", "override-reason": "geteld"},
    )
    assert "Een aantal kan niet negatief zijn." in field_error(response, "override_form", "value")


# --- questionnaire results -------------------------------------------------------------------


def survey_data(**changes) -> dict:
    data = {
        "form": "survey",
        "survey-period": "2025-H1",
        "survey-question": "Voelt u zich minder alleen?",
        "survey-respondents": "24",
        "survey-agreeing": "18",
        "survey-method": "interview",
        "survey-note": "",
    }
    data.update({f"survey-{name}": value for name, value in changes.items()})
    return data


def test_adding_and_deleting_a_questionnaire_result(theory_a, volunteer_a):
    outcome = measured_outcome(theory_a)
    client = client_for(volunteer_a)

    response = client.post(outcome_url(outcome), survey_data())

    assert response.status_code == 302 and response["Location"].endswith("#vragenlijsten")
    result = SurveyResult.objects.get()
    assert (result.period, result.respondents, result.agreeing, result.method) == (
        "2025-H1",
        24,
        18,
        "interview",
    )
    assert result.entered_by == volunteer_a
    html = text(client.get(outcome_url(outcome)))
    assert "Opgeslagen: 1e helft 2025, 18 van de 24 deelnemers (75%)." in html
    assert "interview" in html

    response = client.post(outcome_url(outcome), {"form": "survey_delete", "survey": result.pk})

    assert response.status_code == 302
    assert not SurveyResult.objects.exists()
    assert "Weggehaald: 1e helft 2025" in text(client.get(outcome_url(outcome)))


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"agreeing": "30"}, "agreeing", "Er kunnen niet meer mensen ja zeggen (30)"),
        ({"respondents": "0", "agreeing": "0"}, "respondents", "Vul minstens 1 in."),
        ({"respondents": "veel"}, "respondents", "Vul een heel getal in"),
        ({"agreeing": "-2"}, "agreeing", "Een aantal kan niet negatief zijn."),
        ({"period": "2024-H1"}, "period", "Kies een periode van 2025 uit de lijst."),
        ({"question": ""}, "question", "Schrijf op wat je de mensen vroeg."),
        ({"respondents": ""}, "respondents", "Vul in hoeveel mensen je het vroeg."),
    ],
)
def test_a_bad_questionnaire_result_is_refused_at_the_field_and_kept(
    theory_a, volunteer_a, changes, field, message
):
    outcome = measured_outcome(theory_a)
    response = client_for(volunteer_a).post(outcome_url(outcome), survey_data(**changes))

    assert response.status_code == 200
    assert message in field_error(response, "survey_form", field)
    html = text(response)
    assert "Voelt u zich minder alleen?" in html or field == "question"
    assert '<details class="card mb-4" open>' in html
    assert not SurveyResult.objects.exists()


def test_questionnaires_belong_to_effects_only(theory_a, volunteer_a):
    output = OutputFactory(theory=theory_a)
    response = client_for(volunteer_a).post(output_url(output), survey_data())
    assert response.status_code == 404
    assert not SurveyResult.objects.exists()


def test_a_questionnaire_result_of_another_effect_is_not_deleted(theory_a, volunteer_a):
    mine, other = measured_outcome(theory_a), measured_outcome(theory_a, "Ander effect")
    result = survey_add(
        indicator=indicator_for(outcome=other),
        period=Period.parse("2025"),
        question="Vraag",
        respondents=3,
        agreeing=1,
        method="survey",
        by=volunteer_a,
    )
    indicator_for(outcome=mine)
    response = client_for(volunteer_a).post(
        outcome_url(mine), {"form": "survey_delete", "survey": result.pk}
    )
    assert response.status_code == 404
    assert SurveyResult.objects.exists()


# --- who may do what -------------------------------------------------------------------------


def test_coordinators_and_editors_record(theory_a, volunteer_a, editor_a):
    output = OutputFactory(theory=theory_a)
    for number, user in enumerate((volunteer_a, editor_a), start=1):
        response = save_count(client_for(user), output_url(output), f"2025-0{number}", number)
        assert response.status_code == 302
    assert ResultEntry.objects.count() == 2


@pytest.mark.parametrize("role", ["reader_a", "advisor"])
def test_readers_and_advisors_read_without_forms_and_may_not_post(theory_a, role, request):
    user = request.getfixturevalue(role)
    output = OutputFactory(theory=theory_a)
    counted(output, 4)
    ResultEntry.objects.update(note="Notitie voor binnen")
    outcome = measured_outcome(theory_a)
    client = client_for(user)

    for url in (results_url(theory_a), output_url(output), outcome_url(outcome)):
        response = client.get(url)
        assert response.status_code == 200
        assert '<form method="post" action="' + url not in text(response)
    html = text(client.get(output_url(output)))
    assert "Notitie voor binnen" in html
    assert "Alle tellingen bekijken" in text(client.get(results_url(theory_a)))

    for url, data in (
        (output_url(output), {"form": "count", "count-period": "2025-02", "count-value": "3"}),
        (output_url(output), {"form": "settings", "settings-rhythm": "week"}),
        (output_url(output), {"form": "override", "override-value": "3"}),
        (outcome_url(outcome), survey_data()),
    ):
        assert client.post(url, data).status_code == 403
    assert ResultEntry.objects.count() == 1 and not SurveyResult.objects.exists()


def test_municipality_staff_never_see_these_pages(theory_a, volunteer_a, municipality_user_a):
    """Not even of an approved theory: they see its totals on the fact sheet and in the
    portal, never notes or who entered what."""
    put_in_status(theory_a, Status.APPROVED)
    output = OutputFactory(theory=theory_a)
    outcome = measured_outcome(theory_a)
    client = client_for(municipality_user_a)
    assert client.get(theory_a.get_absolute_url()).status_code == 200  # reads the theory
    for url in (results_url(theory_a), output_url(output), outcome_url(outcome)):
        assert client.get(url).status_code == 404
    for url in (output_url(output), outcome_url(outcome)):
        assert client.post(url, {"form": "count"}).status_code == 404


def test_outsiders_and_rows_of_another_theory_are_404(theory_a, theory_b, volunteer_a, client_b):
    output = OutputFactory(theory=theory_a)
    for url in (results_url(theory_a), output_url(output)):
        assert client_b.get(url).status_code == 404
    # B's output under A's address, and A's under B's: no such row here.
    output_b = OutputFactory(theory=theory_b)
    outcome_b = measured_outcome(theory_b)
    client_a = client_for(volunteer_a)
    assert client_a.get(output_url(output_b, theory=theory_a)).status_code == 404
    assert client_a.get(outcome_url(outcome_b, theory=theory_a)).status_code == 404
    assert client_a.get(outcome_url(output, theory=theory_a)).status_code in (200, 404)
    # An output's id as an effect's is another row (or none): never the output's page.
    response = client_a.get(outcome_url(output, theory=theory_a))
    assert response.status_code == 404 or response.context["kind"] == "outcome"


def test_recording_on_an_approved_theory_leaves_it_approved_and_unchanged(approved_a, volunteer_a):
    before = refreshed(approved_a)
    output = approved_a.outputs.get()
    client = client_for(volunteer_a)

    assert save_count(client, output_url(output), "2025-03", 4).status_code == 302
    client.post(
        output_url(output),
        {"form": "settings", "settings-rhythm": "month", "settings-aggregation": "max"},
    )
    client.post(
        output_url(output),
        {"form": "override", "override-value": "40", "override-reason": "telling"},
    )

    after = refreshed(approved_a)
    assert after.status == Status.APPROVED
    assert after.updated_at == before.updated_at
    assert after.results_changed_at is not None
    assert ResultEntry.objects.filter(indicator__output=output).count() == 1


# --- links to the pages ----------------------------------------------------------------------


def test_the_overview_links_to_the_results(theory_a, volunteer_a, reader_a, municipality_user_a):
    put_in_status(theory_a, Status.APPROVED)
    link = f'href="{results_url(theory_a)}"'
    html = text(client_for(volunteer_a).get(theory_a.get_absolute_url()))
    assert link in html and "Resultaten bijhouden" in html
    html = text(client_for(reader_a).get(theory_a.get_absolute_url()))
    assert link in html and "Resultaten bekijken" in html
    html = text(client_for(municipality_user_a).get(theory_a.get_absolute_url()))
    assert link not in html


def test_the_initiative_page_offers_recording_results_for_an_approved_theory(
    theory_a, initiative_a, volunteer_a, reader_a, municipality_user_a
):
    put_in_status(theory_a, Status.APPROVED)
    draft = TheoryFactory(initiative=initiative_a, year=2026)
    html = text(client_for(volunteer_a).get(initiative_a.get_absolute_url()))
    # The main button goes on with the 2026 draft; recording 2025's results is beside it.
    button = re.search(rf'<a[^>]*href="{re.escape(results_url(theory_a))}"[^>]*>', html)
    assert button and "btn-outline-primary btn-lg" in button[0]
    assert "Resultaten 2025 bijhouden" in html
    assert f'href="{results_url(draft)}"' in html  # a draft's results are there too
    html = text(client_for(reader_a).get(initiative_a.get_absolute_url()))
    assert f'href="{results_url(theory_a)}"' in html and "bijhouden" not in html
    html = text(client_for(municipality_user_a).get(initiative_a.get_absolute_url()))
    assert "/resultaten/" not in html


# --- query counts ----------------------------------------------------------------------------

RESULTS_QUERIES = 17
INDICATOR_QUERIES = 13


def _fill(theory, by, indicators: int, periods: int) -> None:
    """`indicators` outputs and as many measured effects, each counted in `periods` weeks (or
    months, for up to 12), each effect with a questionnaire result; and last year's theory
    with the same outputs."""
    last_year = TheoryFactory(initiative=theory.initiative, year=theory.year - 1)
    kind = "month" if periods <= 12 else "week"
    for number in range(indicators):
        description = f"Resultaat nummer {number}"
        OutputFactory(theory=last_year, description=description, achieved=number)
        output = OutputFactory(theory=theory, description=description, position=number)
        indicator = indicator_for(output=output)
        indicator_settings_save(indicator=indicator, rhythm=kind, aggregation=Aggregation.SUM)
        ResultEntry.objects.bulk_create(
            _entry(indicator, Period.of(kind, theory.year, week), week, by)
            for week in range(1, periods + 1)
        )
        outcome = measured_outcome(theory, f"Effect nummer {number}", method="Logboek")
        survey_add(
            indicator=indicator_for(outcome=outcome),
            period=Period.parse(str(theory.year)),
            question="Vraag",
            respondents=10,
            agreeing=number % 10,
            method="survey",
            by=by,
        )


def _entry(indicator, period, value, by) -> ResultEntry:
    entry = ResultEntry(indicator=indicator, value=value, note="n", entered_by=by, changed_by=by)
    entry.set_period(period)
    return entry


@pytest.mark.parametrize("indicators, periods", [(2, 3), (12, 52)])
def test_the_results_page_costs_the_same_queries_however_much_is_counted(
    theory_a, volunteer_a, django_assert_num_queries, indicators, periods
):
    _fill(theory_a, volunteer_a, indicators, periods)
    client = client_for(volunteer_a)
    with django_assert_num_queries(RESULTS_QUERIES):
        response = client.get(results_url(theory_a))
    assert len(response.context["outputs"]) == indicators
    assert all(s.tally.periods_counted == periods for s in response.context["outputs"])
    assert all(s.previous is not None for s in response.context["outputs"])
    assert len(response.context["outcomes"]) == indicators


@pytest.mark.parametrize("indicators, periods", [(2, 3), (12, 52)])
def test_an_indicator_page_costs_the_same_queries_however_much_is_counted(
    theory_a, volunteer_a, django_assert_num_queries, indicators, periods
):
    _fill(theory_a, volunteer_a, indicators, periods)
    output = theory_a.outputs.order_by("-position").first()
    indicator = output.indicator
    for number in range(1, periods + 1):  # a correction of every period: a long history
        count_save(
            indicator=indicator,
            period=Period.of(indicator.rhythm, theory_a.year, number),
            value=number + 1,
            by=volunteer_a,
        )
    client = client_for(volunteer_a)
    with django_assert_num_queries(INDICATOR_QUERIES):
        response = client.get(output_url(output))
    assert len(response.context["summary"].entries) == periods
    assert len(response.context["history"]) == periods
