"""CSV and XLSX exports: what Dutch Excel needs, and no formula injection from volunteer text."""

import csv
import datetime
import io

import openpyxl
import pytest

from impact.portal.exports import Column, Table, download, table_csv, table_xlsx

ABOUT = [("Gemeente", "Midden-Drenthe"), ("Jaar", "2025"), ("Gemaakt op", "23-11-2026 15:40")]
COLUMNS = [
    Column("Initiatief", width=30),
    Column("Aantal", kind="int", width=10),
    Column("Website", kind="url", width=40),
    Column("Goedgekeurd op", kind="date", width=15),
]
ROWS = [
    ["Coöperatie Zuidbroek é", 1250, "https://example.org/smilde", datetime.date(2025, 3, 7)],
    ["Dorpshuis Smilde", -5, "javascript:alert(1)", None],
    ['=HYPERLINK("http://evil.example","klik")', None, None, None],
    ["+1", 0, None, None],
    ["-2+3", 7, None, None],
    ["@SUM(A1:A2)", 8, None, None],
]


def make_table(**overrides) -> Table:
    fields = {"title": "Kerncijfers", "columns": COLUMNS, "rows": ROWS, "about": ABOUT}
    return Table(**{**fields, **overrides})


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


# CSV


def test_csv_is_utf8_with_bom_semicolons_and_crlf():
    data = table_csv(make_table())
    assert data.startswith(b"\xef\xbb\xbf")
    first_line = data[3:].split(b"\r\n")[0]
    assert first_line == b"Initiatief;Aantal;Website;Goedgekeurd op"
    assert data.count(b"\r\n") == len(ROWS) + 1
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_csv_values_and_no_about_rows():
    rows = read_csv(table_csv(make_table()))
    assert rows[0] == ["Initiatief", "Aantal", "Website", "Goedgekeurd op"]
    assert rows[1] == ["Coöperatie Zuidbroek é", "1250", "https://example.org/smilde", "2025-03-07"]
    assert rows[2] == ["Dorpshuis Smilde", "-5", "javascript:alert(1)", ""]
    assert len(rows) == len(ROWS) + 1
    assert not any("Midden-Drenthe" in value for row in rows for value in row)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://evil.example","klik")', '\'=HYPERLINK("http://evil.example","klik")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Gewoon 1 + 1 = 2", "Gewoon 1 + 1 = 2"),
    ],
)
def test_csv_neutralises_formula_looking_text(text, expected):
    table = make_table(columns=[Column("Tekst"), Column("Link", kind="url")], rows=[[text, text]])
    assert read_csv(table_csv(table))[1] == [expected, expected]


def test_csv_keeps_real_negative_ints():
    table = make_table(columns=[Column("Aantal", kind="int")], rows=[[-5]])
    assert read_csv(table_csv(table))[1] == ["-5"]


# XLSX


def test_xlsx_sheets_header_and_layout():
    workbook = read_xlsx(table_xlsx(make_table()))
    assert workbook.sheetnames == ["Kerncijfers", "Over deze export"]
    sheet = workbook["Kerncijfers"]
    assert [cell.value for cell in sheet[1]] == [column.header for column in COLUMNS]
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:D{len(ROWS) + 1}"
    widths = [sheet.column_dimensions[letter].width for letter in "ABCD"]
    assert widths == [30, 10, 40, 15]
    assert workbook.properties.creator == "Maatschappelijke Waarde"
    assert workbook.properties.title == "Kerncijfers"


def test_xlsx_values_are_typed():
    sheet = read_xlsx(table_xlsx(make_table()))["Kerncijfers"]
    assert sheet["A2"].value == "Coöperatie Zuidbroek é"
    assert sheet["B2"].value == 1250 and isinstance(sheet["B2"].value, int)
    assert sheet["B2"].data_type == "n"
    assert sheet["B3"].value == -5
    assert sheet["D2"].value == datetime.datetime(2025, 3, 7)
    assert sheet["D2"].number_format == "dd-mm-yyyy"
    assert sheet["D3"].value is None
    assert sheet["B4"].value is None


def test_xlsx_links_only_http_urls():
    sheet = read_xlsx(table_xlsx(make_table()))["Kerncijfers"]
    assert sheet["C2"].hyperlink.target == "https://example.org/smilde"
    assert sheet["C2"].style == "Hyperlink"
    assert sheet["C3"].value == "javascript:alert(1)"
    assert sheet["C3"].hyperlink is None
    assert sheet["A2"].hyperlink is None  # a text column is never a link


@pytest.mark.parametrize("row", [4, 5, 6, 7])
def test_xlsx_formula_looking_text_is_a_string_cell(row):
    cell = read_xlsx(table_xlsx(make_table()))["Kerncijfers"].cell(row=row, column=1)
    assert cell.data_type == "s"
    assert cell.value == ROWS[row - 2][0]


def test_xlsx_formula_looking_url_is_neither_formula_nor_link():
    table = make_table(columns=[Column("Link", kind="url")], rows=[["=1+1"]])
    cell = read_xlsx(table_xlsx(table))["Kerncijfers"]["A2"]
    assert (cell.data_type, cell.value, cell.hyperlink) == ("s", "=1+1", None)


def test_xlsx_drops_control_characters_xml_cannot_hold():
    table = make_table(columns=[Column("Tekst")], rows=[["Uit\x0bWord\tmet tab"]])
    assert read_xlsx(table_xlsx(table))["Kerncijfers"]["A2"].value == "UitWord\tmet tab"


def test_xlsx_about_sheet():
    sheet = read_xlsx(table_xlsx(make_table()))["Over deze export"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [list(p) for p in ABOUT]
    assert all(sheet.cell(row=r, column=1).font.bold for r in range(1, len(ABOUT) + 1))
    assert not sheet["B1"].font.bold


def test_xlsx_without_about_has_one_sheet():
    assert read_xlsx(table_xlsx(make_table(about=()))).sheetnames == ["Kerncijfers"]


def test_xlsx_sanitises_sheet_title():
    table = make_table(title="Kerncijfers [2025/2026]: alle initiatieven*?")
    workbook = read_xlsx(table_xlsx(table))
    assert workbook.sheetnames[0] == "Kerncijfers -2025-2026-- alle i"
    assert workbook.properties.title == "Kerncijfers [2025/2026]: alle initiatieven*?"


def test_xlsx_empty_table_has_header_and_filter():
    sheet = read_xlsx(table_xlsx(make_table(rows=[])))["Kerncijfers"]
    assert sheet.max_row == 1
    assert sheet.auto_filter.ref == "A1:D1"


def test_row_with_wrong_length_is_an_error():
    with pytest.raises(ValueError):
        table_xlsx(make_table(rows=[["Alleen een naam"]]))


def test_unknown_column_kind_is_an_error():
    with pytest.raises(ValueError):
        Column("Bedrag", kind="money")


# download()


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_download_headers(fmt, content_type):
    response = download(make_table(), filename="kerncijfers-midden-drenthe-2025", fmt=fmt)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="kerncijfers-midden-drenthe-2025.{fmt}"'
    )
    assert response["Cache-Control"] == "private, no-store"


def test_download_body_matches_writers():
    assert download(make_table(), filename="k", fmt="csv").content == table_csv(make_table())
    workbook = read_xlsx(download(make_table(), filename="k", fmt="xlsx").content)
    assert workbook.sheetnames == ["Kerncijfers", "Over deze export"]


def test_download_unknown_format():
    with pytest.raises(ValueError):
        download(make_table(), filename="kerncijfers", fmt="pdf")
