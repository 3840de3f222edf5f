"""Counts from a file: reading CSV and XLSX, the checks and their Dutch reasons, all or
nothing, the pages (upload, preview, confirm, template) and `manage.py import_results`."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.concurrency import StaleVersion
from tests.conftest import client_for
from tests.factories import OutputFactory, TheoryFactory
from tests.factsheet.conftest import set_status
from theory_of_change.models import Indicator, ResultChange, ResultEntry, Status
from theory_of_change.results import bulk
from theory_of_change.results.periods import Period
from theory_of_change.results.services import (
    count_save,
    indicator_for,
    indicator_settings_save,
)

pytestmark = pytest.mark.django_db

HEADER = ["jaar", "resultaat", "periode", "aantal", "notitie"]


# --- building files ----------------------------------------------------------------------------


def csv_file(rows, *, header=HEADER, delimiter=",", bom=False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def xlsx_file(rows, *, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "tellingen.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


# --- the theory counted ------------------------------------------------------------------------


@pytest.fixture
def outputs(theory_a):
    """A's 2025 outputs: 1 dinners (monthly, the default), 2 visitors (quarterly), 3 help
    requests (weekly)."""
    dinners = OutputFactory(theory=theory_a, description="Dorpsdiners", position=0)
    visitors = OutputFactory(theory=theory_a, description="Vaste bezoekers", position=1)
    requests = OutputFactory(theory=theory_a, description="Hulpvragen", position=2)
    indicator_settings_save(
        indicator=indicator_for(output=visitors), rhythm="quarter", aggregation="latest"
    )
    indicator_settings_save(
        indicator=indicator_for(output=requests), rhythm="week", aggregation="sum"
    )
    return dinners, visitors, requests


def preview_of(content: bytes, theory, *, name: str = "tellingen.csv") -> bulk.Preview:
    return bulk.plan(bulk.read_table(content, name=name), theories=[theory], year=theory.year)


def reasons(preview: bulk.Preview) -> dict[int, str]:
    return {refusal.row: " ".join(refusal.reasons) for refusal in preview.refused}


def counts(output) -> dict[str, int]:
    return dict(ResultEntry.objects.filter(indicator__output=output).values_list("period", "value"))


# --- reading -----------------------------------------------------------------------------------


def test_a_csv_with_commas_adds_counts(theory_a, outputs, volunteer_a):
    dinners, visitors, requests = outputs
    content = csv_file(
        [
            ["2025", "1", "2025-01", "12", "Nieuwjaarsdiner"],
            ["2025", "2", "2025-Q1", "30", ""],
            ["2025", "3", "2025-W10", "4", ""],
        ]
    )
    preview = preview_of(content, theory_a)
    assert not preview.refused
    assert [(c.number, c.period.code, c.value) for c in preview.added] == [
        (1, "2025-01", 12),
        (2, "2025-Q1", 30),
        (3, "2025-W10", 4),
    ]
    assert bulk.apply(preview=preview, by=volunteer_a) == 3
    assert counts(dinners) == {"2025-01": 12}
    assert counts(visitors) == {"2025-Q1": 30}
    assert counts(requests) == {"2025-W10": 4}
    entry = ResultEntry.objects.get(indicator__output=dinners)
    assert (entry.note, entry.entered_by) == ("Nieuwjaarsdiner", volunteer_a)
    assert set(ResultChange.objects.values_list("source", flat=True)) == {"import"}


def test_a_semicolon_csv_with_a_byte_order_mark_as_dutch_excel_writes_it(theory_a, outputs):
    content = csv_file(
        [["2025", "1", "2025-02", "8", "Café vol"]],
        header=["Jaar", "RESULTAAT", " periode ", "Aantal", "Notitie"],
        delimiter=";",
        bom=True,
    )
    assert content.startswith(b"\xef\xbb\xbf")
    preview = preview_of(content, theory_a)
    assert not preview.refused
    [change] = preview.added
    assert (change.output, change.value, change.note) == (outputs[0], 8, "Café vol")


def test_columns_may_come_in_any_order_and_the_note_may_be_left_out(theory_a, outputs):
    content = csv_file(
        [["5", "2025-03", "1", "2025"]], header=["aantal", "periode", "resultaat", "jaar"]
    )
    [change] = preview_of(content, theory_a).added
    assert (change.number, change.period.code, change.value) == (1, "2025-03", 5)


def test_an_xlsx_file(theory_a, outputs, volunteer_a):
    content = xlsx_file(
        [
            [2025, 1, "2025-04", 9, "lente"],
            [2025, 3, "2025-W11", 6, None],
            # What Excel makes of "2025-05" typed in a cell: a date, the month it falls in.
            [2025, 1, datetime.datetime(2025, 5, 1), 7.0, None],
        ]
    )
    preview = preview_of(content, theory_a, name="tellingen.xlsx")
    assert not preview.refused
    assert [(c.number, c.period.code, c.value) for c in preview.added] == [
        (1, "2025-04", 9),
        (3, "2025-W11", 6),
        (1, "2025-05", 7),
    ]
    bulk.apply(preview=preview, by=volunteer_a)
    assert counts(outputs[0]) == {"2025-04": 9, "2025-05": 7}


def test_a_result_by_its_text_case_and_spaces_aside(theory_a, outputs):
    content = csv_file(
        [
            ["2025", "  dorpsdiners ", "2025-06", "3", ""],
            ["2025", "VASTE BEZOEKERS", "2025-Q2", "40", ""],
        ]
    )
    preview = preview_of(content, theory_a)
    assert [change.output for change in preview.added] == [outputs[0], outputs[1]]


def test_the_same_text_twice_asks_for_the_number(theory_a, outputs):
    OutputFactory(theory=theory_a, description="dorpsdiners", position=5)
    preview = preview_of(csv_file([["2025", "Dorpsdiners", "2025-06", "3", ""]]), theory_a)
    assert "Gebruik het nummer (1, 4)" in reasons(preview)[2]


@pytest.mark.parametrize(
    "header, expected",
    [
        (["jaar", "resultaat", "periode", "aantl"], "Deze kolommen kennen we niet: ‘aantl’."),
        (["jaar", "resultaat", "periode"], "Deze kolommen ontbreken: ‘aantal’."),
        (["jaar", "resultaat", "periode", "aantal", "aantal"], "twee keer in: ‘aantal’"),
        (["jaar", "resultaat", "periode", "aantal", "kleur"], "kennen we niet: ‘kleur’"),
        (["2025", "1", "2025-01", "3"], "Deze kolommen ontbreken"),
    ],
)
def test_wrong_columns_refuse_the_file_and_name_the_expected_ones(theory_a, header, expected):
    content = csv_file([["2025", "1", "2025-01", "3", "x"][: len(header)]], header=header)
    with pytest.raises(bulk.FileRefused) as refused:
        bulk.read_table(content)
    assert expected in str(refused.value)
    assert "jaar, resultaat, periode en aantal" in str(refused.value)


def test_a_column_without_a_name_that_holds_something_refuses_the_file(theory_a):
    content = csv_file([["2025", "1", "2025-01", "3", "", "geheim"]], header=[*HEADER, ""])
    with pytest.raises(bulk.FileRefused, match="In kolom F staat iets"):
        bulk.read_table(content)


def test_the_description_column_of_the_template_is_not_read(theory_a, outputs):
    content = csv_file(
        [["2025", "1", "- iets dat met een streepje begint", "2025-01", "3", ""]],
        header=["jaar", "resultaat", "omschrijving", "periode", "aantal", "notitie"],
    )
    preview = preview_of(content, theory_a)
    assert not preview.refused and len(preview.added) == 1


@pytest.mark.parametrize(
    "content, name",
    [
        (b"", "leeg.csv"),
        (b"\xd0\xcf\x11\xe0 old excel", "oud.xls"),
        (b"not a zip", "kapot.xlsx"),
        (b"PK\x03\x04 broken zip", "kapot.xlsx"),
        ("jaar;resultaat;periode;aantal\n2025;1;2025-01;3;Caf\xe9\n".encode("cp1252"), "a.csv"),
        (b"jaar,resultaat,periode,aantal\n", "alleen-kopjes.csv"),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_a_reason(content, name):
    with pytest.raises(bulk.FileRefused) as refused:
        bulk.read_table(content, name=name)
    assert str(refused.value)


def test_limits_on_size_and_rows(monkeypatch):
    with pytest.raises(bulk.FileRefused, match="te groot"):
        bulk.read_table(b"x" * (bulk.MAX_BYTES + 1))
    monkeypatch.setattr(bulk, "MAX_ROWS", 3)
    rows = [["2025", "1", f"2025-{month:02d}", "1", ""] for month in range(1, 5)]
    with pytest.raises(bulk.FileRefused, match="meer dan 3 regels"):
        bulk.read_table(csv_file(rows))
    assert len(bulk.read_table(csv_file(rows[:3]))) == 3


# --- the checks, row by row ---------------------------------------------------------------------


def test_formulas_are_refused_never_evaluated(theory_a, outputs):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append([2025, 1, "2025-01", "=1+1", None])
    sheet.append([2025, 1, "2025-02", 5, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = preview_of(buffer.getvalue(), theory_a, name="t.xlsx")
    assert "In de kolom aantal staat een formule (=1+1)" in reasons(preview)[2]

    content = csv_file(
        [
            ["2025", "1", "2025-03", "=1+1", ""],
            ["2025", "1", "2025-04", "@SUM(A1:A2)", ""],
            ["2025", "1", "2025-05", "4", '=HYPERLINK("http://x")'],
            ["2025", "1", "2025-06", "+4", ""],  # a plain number, not a formula
        ]
    )
    preview = preview_of(content, theory_a)
    refused = reasons(preview)
    assert "begint ‘=1+1’ met =" in refused[2]
    assert "met @" in refused[3]
    assert "In de kolom notitie begint" in refused[4]
    assert 5 not in refused
    assert [change.value for change in preview.added] == [4]


@pytest.mark.parametrize(
    "row, reason",
    [
        (["2025", "1", "2025-01", "-3", ""], "Een aantal kan niet negatief zijn."),
        (["2025", "1", "2025-01", "3,5", ""], "Het aantal ‘3,5’ is geen heel getal."),
        (["2025", "1", "2025-01", "veel", ""], "geen heel getal"),
        (["2025", "1", "2025-01", "99999999999", ""], "te groot"),
        (["2025", "1", "2024-12", "3", ""], "december 2024 valt niet in 2025."),
        (["2025", "1", "2025-W10", "3", ""], "Dit resultaat tel je per maand; 2025-W10 past"),
        (["2025", "2", "2025-04", "3", ""], "Dit resultaat tel je per kwartaal"),
        (["2025", "1", "2025-13", "3", ""], "‘2025-13’ is geen periode"),
        (["2025", "1", "", "3", ""], "Vul de periode in"),
        (["2025", "9", "2025-01", "3", ""], "Resultaat ‘9’ bestaat niet in 2025"),
        (["2025", "Koffieochtenden", "2025-01", "3", ""], "bestaat niet in 2025"),
        (
            ["2024", "1", "2025-01", "3", ""],
            "Deze regel is voor 2024; je zet nu tellingen in 2025.",
        ),
        (["twintig", "1", "2025-01", "3", ""], "‘twintig’ is geen jaar."),
        (["2025", "1", "2025-01", "3", "x" * 501], "langer dan 500 tekens"),
    ],
)
def test_a_row_that_cannot_be_is_refused_with_its_reason(theory_a, outputs, row, reason):
    preview = preview_of(csv_file([row]), theory_a)
    assert reason in reasons(preview)[2]
    assert not preview.can_apply


def test_a_row_gets_every_reason_at_once(theory_a, outputs):
    preview = preview_of(csv_file([["2025", "9", "2025-01", "-1", ""]]), theory_a)
    assert preview.refused[0].reasons == (
        "Resultaat ‘9’ bestaat niet in 2025. Gebruik een nummer van 1 tot en met 3, of de "
        "tekst zoals die in stap 5 staat.",
        "Een aantal kan niet negatief zijn.",
    )


def test_the_same_result_and_period_twice_is_refused(theory_a, outputs):
    content = csv_file(
        [["2025", "1", "2025-01", "3", ""], ["2025", "dorpsdiners", "2025-1", "4", ""]]
    )
    preview = preview_of(content, theory_a)
    assert reasons(preview) == {
        3: "Resultaat 1 in 2025-01 staat ook al op regel 2. Laat één van de twee staan."
    }


def test_rows_without_a_number_are_skipped_and_empty_rows_ignored(theory_a, outputs):
    content = csv_file(
        [["2025", "1", "2025-01", "", ""], ["", "", "", "", ""], ["2025", "1", "2025-02", "0", ""]]
    )
    preview = preview_of(content, theory_a)
    assert preview.skipped == [2]
    assert [(change.row, change.value) for change in preview.added] == [(4, 0)]


def test_the_command_line_takes_rows_of_several_years(theory_a, outputs):
    next_year = TheoryFactory(initiative=theory_a.initiative, year=2026)
    OutputFactory(theory=next_year, description="Dorpsdiners")
    lines = bulk.read_table(
        csv_file(
            [
                ["2025", "1", "2025-12", "3", ""],
                ["2026", "1", "2026-01", "4", ""],
                ["2023", "1", "2023-01", "1", ""],
            ]
        )
    )
    preview = bulk.plan(lines, theories=[theory_a, next_year])
    assert [(c.theory, c.period.code) for c in preview.added] == [
        (theory_a, "2025-12"),
        (next_year, "2026-01"),
    ]
    assert reasons(preview) == {4: "Er is geen verandertheorie van 2023."}


# --- all or nothing, corrections and history ----------------------------------------------------


def test_one_refused_row_records_nothing(theory_a, outputs, volunteer_a):
    content = csv_file([["2025", "1", "2025-01", "3", ""], ["2025", "1", "2025-02", "-1", ""]])
    preview = preview_of(content, theory_a)
    with pytest.raises(bulk.ResultRefused):
        bulk.apply(preview=preview, by=volunteer_a)
    assert not ResultEntry.objects.exists()


def test_a_failure_halfway_rolls_back_what_was_recorded(theory_a, outputs, volunteer_a):
    content = csv_file([["2025", "1", "2025-01", "3", ""], ["2025", "1", "2025-02", "4", ""]])
    preview = preview_of(content, theory_a)
    # Someone counts February after the check: the second row's version no longer holds.
    count_save(
        indicator=indicator_for(output=outputs[0]), period=Period.parse("2025-02"), value=9, by=None
    )
    before = ResultChange.objects.count()
    with pytest.raises(StaleVersion):
        bulk.apply(preview=preview, by=volunteer_a)
    assert counts(outputs[0]) == {"2025-02": 9}
    assert ResultChange.objects.count() == before


def test_corrections_are_shown_as_such_and_kept_in_the_history(theory_a, outputs, volunteer_a):
    dinners = outputs[0]
    indicator = indicator_for(output=dinners)
    count_save(indicator=indicator, period=Period.parse("2025-01"), value=10, note="eerst", by=None)
    count_save(indicator=indicator, period=Period.parse("2025-02"), value=8, note="", by=None)
    content = csv_file(
        [
            ["2025", "1", "2025-01", "11", ""],  # corrected; the note stays
            ["2025", "1", "2025-02", "8", ""],  # as it is
            ["2025", "1", "2025-03", "5", ""],  # new
        ]
    )
    preview = preview_of(content, theory_a)
    [correction] = preview.corrected
    assert (correction.current, correction.value, correction.note) == (10, 11, "eerst")
    assert [change.row for change in preview.unchanged] == [3]
    assert [change.period.code for change in preview.added] == ["2025-03"]
    bulk.apply(preview=preview, by=volunteer_a)
    assert counts(dinners) == {"2025-01": 11, "2025-02": 8, "2025-03": 5}
    assert ResultEntry.objects.get(indicator=indicator, period="2025-01").note == "eerst"
    change = ResultChange.objects.filter(source="import", period="2025-01").get()
    assert (change.old_value, change.new_value, change.by) == (10, 11, volunteer_a)


def test_the_plan_takes_two_queries_however_long_the_file(
    theory_a, outputs, django_assert_num_queries
):
    count_save(
        indicator=indicator_for(output=outputs[0]), period=Period.parse("2025-01"), value=1, by=None
    )
    for rows in (3, 300):
        # Weeks of help requests (number 3): 52 new counts, the rest refused as doubles.
        lines = bulk.read_table(
            csv_file([["2025", "3", f"2025-W{1 + n % 52:02d}", str(n), ""] for n in range(rows)])
        )
        with django_assert_num_queries(2):  # the outputs, the stored counts
            bulk.plan(lines, theories=[theory_a], year=2025)


# --- the pages ---------------------------------------------------------------------------------


def import_url(theory) -> str:
    return reverse(
        "theory_of_change:results_import",
        kwargs={"slug": theory.initiative.slug, "year": theory.year},
    )


def template_url(theory, fmt: str) -> str:
    return reverse(
        "theory_of_change:results_template",
        kwargs={"slug": theory.initiative.slug, "year": theory.year, "fmt": fmt},
    )


def test_upload_preview_and_confirm(client_a, theory_a, outputs, volunteer_a):
    page = client_a.get(import_url(theory_a))
    assert page.status_code == 200
    assert "Vaste bezoekers" in page.content.decode()  # the numbers of the results
    content = csv_file([["2025", "1", "2025-01", "12", ""], ["2025", "3", "2025-W02", "4", ""]])
    preview = client_a.post(import_url(theory_a), {"file": upload(content)})
    text = preview.content.decode()
    assert "2 nieuwe tellingen" in text
    assert "Ja, sla deze 2 tellingen op" in text
    assert not ResultEntry.objects.exists()  # a preview records nothing
    token = preview.context["token"]
    done = client_a.post(import_url(theory_a), {"token": token}, follow=True)
    assert "2 tellingen opgeslagen: 2 nieuw en 0 verbeterd." in done.content.decode()
    assert counts(outputs[0]) == {"2025-01": 12}
    assert counts(outputs[2]) == {"2025-W02": 4}
    # The same confirmation again (a double click, the back button) records nothing twice.
    again = client_a.post(import_url(theory_a), {"token": token}, follow=True)
    assert "al verwerkt" in again.content.decode()
    assert ResultChange.objects.filter(source="import").count() == 2


def test_a_refused_row_shows_why_and_offers_no_confirmation(client_a, theory_a, outputs):
    content = csv_file([["2025", "1", "2025-01", "12", ""], ["2025", "1", "2025-W02", "4", ""]])
    response = client_a.post(import_url(theory_a), {"file": upload(content)})
    text = response.content.decode()
    assert "1 regel kan niet zo. Er is niets opgeslagen" in text
    assert "Dit resultaat tel je per maand; 2025-W02 past daar niet bij." in text
    assert response.context["token"] == ""
    assert 'name="token"' not in text
    # A confirmation sent anyway (an old token, a crafted form) records nothing.
    client_a.post(import_url(theory_a), {"token": "made-up"})
    assert not ResultEntry.objects.exists()


def test_a_file_with_wrong_columns_is_a_form_error(client_a, theory_a, outputs):
    content = csv_file(
        [["2025", "1", "2025-01", "12"]], header=["jaar", "resultaat", "periode", "hoeveel"]
    )
    response = client_a.post(import_url(theory_a), {"file": upload(content)})
    assert response.status_code == 200
    assert "Deze kolommen kennen we niet: ‘hoeveel’" in response.content.decode()


def test_the_confirmation_checks_again_and_shows_what_changed(client_a, theory_a, outputs):
    content = csv_file([["2025", "1", "2025-01", "12", ""]])
    preview = client_a.post(import_url(theory_a), {"file": upload(content)})
    # Someone else counts January between the preview and the confirmation.
    count_save(
        indicator=indicator_for(output=outputs[0]), period=Period.parse("2025-01"), value=7, by=None
    )
    response = client_a.post(import_url(theory_a), {"token": preview.context["token"]})
    text = response.content.decode()
    assert "is er iets veranderd" in text
    assert counts(outputs[0]) == {"2025-01": 7}  # nothing recorded yet
    [correction] = response.context["preview"].corrected
    assert (correction.current, correction.value) == (7, 12)
    client_a.post(import_url(theory_a), {"token": response.context["token"]})
    assert counts(outputs[0]) == {"2025-01": 12}


def test_the_preview_pins_its_query_count_for_3_and_300_rows(client_a, theory_a, outputs):
    for position in range(3, 9):  # six more weekly results: 312 weeks to count
        output = OutputFactory(theory=theory_a, position=position)
        indicator_settings_save(
            indicator=indicator_for(output=output), rhythm="week", aggregation="sum"
        )

    def queries(rows: int) -> int:
        content = csv_file(
            [["2025", str(4 + n // 52), f"2025-W{1 + n % 52:02d}", str(n), ""] for n in range(rows)]
        )
        with CaptureQueriesContext(connection) as captured:
            response = client_a.post(import_url(theory_a), {"file": upload(content)})
        assert response.status_code == 200
        assert len(response.context["preview"].added) == rows
        return len(captured)

    # User, initiative, membership, theory, outputs, stored
    # counts, and saving the session (with its savepoints): the same for 3 rows as for 300.
    assert queries(3) == queries(300) == 11


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_round_trip(client_a, theory_a, outputs, fmt):
    count_save(
        indicator=indicator_for(output=outputs[0]), period=Period.parse("2025-01"), value=5, by=None
    )
    response = client_a.get(template_url(theory_a, fmt))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'tellingen-dorpshuis-smilde-2025.{fmt}"')
    if fmt == "csv":
        assert response.content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0] == ["jaar", "resultaat", "omschrijving", "periode", "aantal", "notitie"]
        # 12 months, 4 quarters and the weeks of 2025, the count made before filled in.
        assert len(rows) == 1 + 12 + 4 + 52
        assert rows[1] == ["2025", "1", "Dorpsdiners", "2025-01", "5", ""]
        assert rows[13][:4] == ["2025", "2", "Vaste bezoekers", "2025-Q1"]
        assert rows[17][3] == "2025-W01"
        rows[2][4] = "8"  # February's dinners
        rows[14][4] = "33"  # visitors in the second quarter
        filled = csv_file(rows[1:], header=rows[0], delimiter=";", bom=True)
    else:
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = workbook.worksheets[0]
        assert [cell.value for cell in sheet[1]] == [
            "jaar",
            "resultaat",
            "omschrijving",
            "periode",
            "aantal",
            "notitie",
        ]
        assert [cell.value for cell in sheet[2]][:5] == [2025, 1, "Dorpsdiners", "2025-01", 5]
        assert workbook.worksheets[1].title == "Uitleg"
        sheet["E3"] = 8
        sheet["E15"] = 33
        buffer = io.BytesIO()
        workbook.save(buffer)
        filled = buffer.getvalue()
    preview = client_a.post(import_url(theory_a), {"file": upload(filled, f"sjabloon.{fmt}")})
    result = preview.context["preview"]
    assert not result.refused
    assert [(c.number, c.period.code, c.value) for c in result.added] == [
        (1, "2025-02", 8),
        (2, "2025-Q2", 33),
    ]
    assert len(result.unchanged) == 1  # January, as it was
    client_a.post(import_url(theory_a), {"token": preview.context["token"]})
    assert counts(outputs[0]) == {"2025-01": 5, "2025-02": 8}
    assert counts(outputs[1]) == {"2025-Q2": 33}


def test_an_unknown_template_format_does_not_exist(client_a, theory_a):
    assert client_a.get(template_url(theory_a, "pdf")).status_code == 404


@pytest.mark.parametrize(
    "role, status",
    [
        ("volunteer_a", 200),
        ("editor_a", 200),
        ("reader_a", 403),
        ("advisor", 403),
        ("municipality_user_a", 404),
        ("volunteer_b", 404),
    ],
)
def test_who_may_import(request, theory_a, outputs, role, status):
    set_status(theory_a, Status.APPROVED)  # approval does not lock results
    client = client_for(request.getfixturevalue(role))
    assert client.get(import_url(theory_a)).status_code == status
    assert client.get(template_url(theory_a, "csv")).status_code == status
    content = csv_file([["2025", "1", "2025-01", "12", ""]])
    response = client.post(import_url(theory_a), {"file": upload(content)})
    assert response.status_code == status
    if status == 200:
        client.post(import_url(theory_a), {"token": response.context["token"]})
        assert counts(outputs[0]) == {"2025-01": 12}
    else:
        assert not ResultEntry.objects.exists()


# --- the command -------------------------------------------------------------------------------


def test_the_command_records_the_file(tmp_path, theory_a, outputs, volunteer_a):
    path = tmp_path / "smilde.csv"
    path.write_bytes(
        csv_file(
            [
                ["2025", "1", "2025-01", "10", ""],
                ["2025", "1", "2025-02", "12", ""],
                ["2025", "1", "2025-03", "9", ""],
            ],
            delimiter=";",
        )
    )
    out = io.StringIO()
    call_command(
        "import_results",
        str(path),
        "--initiative",
        "dorpshuis-smilde",
        "--by",
        "vrijwilliger.a",
        stdout=out,
    )
    assert "row 2: add 2025 result 1 (Dorpsdiners) 2025-01: 10" in out.getvalue()
    assert "Recorded 3 count(s) for Dorpshuis Smilde: 3 added, 0 corrected." in out.getvalue()
    assert counts(outputs[0]) == {"2025-01": 10, "2025-02": 12, "2025-03": 9}
    assert set(ResultChange.objects.values_list("source", "by")) == {("import", volunteer_a.pk)}

    path.write_bytes(csv_file([["2025", "1", "2025-02", "13", ""]]))
    out = io.StringIO()
    call_command(
        "import_results",
        str(path),
        "--initiative",
        "dorpshuis-smilde",
        "--year",
        "2025",
        stdout=out,
    )
    assert "row 2: correct 2025 result 1 (Dorpsdiners) 2025-02: 12 -> 13" in out.getvalue()


def test_the_command_refuses_and_records_nothing(tmp_path, theory_a, outputs):
    path = tmp_path / "fout.csv"
    path.write_bytes(
        csv_file([["2025", "1", "2025-01", "10", ""], ["2025", "1", "2025-02", "=1+1", ""]])
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 row\\(s\\) refused; nothing was recorded") as error:
        call_command(
            "import_results",
            str(path),
            "--initiative",
            "dorpshuis-smilde",
            stderr=err,
            stdout=io.StringIO(),
        )
    assert error.value.returncode == 1
    assert "row 3: refused: In de kolom aantal begint ‘=1+1’ met =" in err.getvalue()
    assert not ResultEntry.objects.exists()


def test_the_command_dry_run_and_its_errors(tmp_path, theory_a, outputs):
    path = tmp_path / "t.xlsx"
    path.write_bytes(xlsx_file([[2025, 1, "2025-01", 10, None]]))
    out = io.StringIO()
    call_command(
        "import_results", str(path), "--initiative", "dorpshuis-smilde", "--dry-run", stdout=out
    )
    assert "Dry run: nothing was recorded." in out.getvalue()
    assert not ResultEntry.objects.exists()
    with pytest.raises(CommandError, match="No initiative"):
        call_command("import_results", str(path), "--initiative", "bestaat-niet")
    with pytest.raises(CommandError, match="no Verandertheorie of 2019"):
        call_command(
            "import_results", str(path), "--initiative", "dorpshuis-smilde", "--year", "2019"
        )
    with pytest.raises(CommandError, match="No user"):
        call_command(
            "import_results", str(path), "--initiative", "dorpshuis-smilde", "--by", "niemand"
        )
    wrong = tmp_path / "kolommen.csv"
    wrong.write_bytes(csv_file([["2025"]], header=["jaar"]))
    with pytest.raises(CommandError, match="Deze kolommen ontbreken"):
        call_command("import_results", str(wrong), "--initiative", "dorpshuis-smilde")


def test_the_import_never_moves_the_status(theory_a, outputs, volunteer_a):
    status = theory_a.status
    preview = preview_of(csv_file([["2025", "1", "2025-01", "3", ""]]), theory_a)
    bulk.apply(preview=preview, by=volunteer_a)
    theory_a.refresh_from_db()
    assert theory_a.status == status
    assert Indicator.objects.filter(output=outputs[0]).exists()
