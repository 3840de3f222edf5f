"""Tables as CSV and XLSX downloads for civil servants and advisors.

Municipalities paste these figures into their own reports, mostly with Dutch Excel, so:

- CSV uses a semicolon as delimiter: Dutch Excel's list separator is `;` (the comma is the
  decimal separator), and a comma-separated file opens there as one column per line.
- Amounts in euros (Decimal) get a decimal comma in CSV, for the same reason; in XLSX they
  are numbers shown as euros.
- CSV starts with a UTF-8 byte order mark; without it Excel reads the file as Windows-1252
  and shows "CoÃ¶peratie" for "Coöperatie".
- Text is written by volunteers, so a cell can start with `=`, `+`, `-` or `@` and be run
  as a formula when the file is opened (CSV/spreadsheet injection, see OWASP). In CSV such
  text gets a leading `'`, which spreadsheets read as "this is text"; in XLSX it is written
  as an explicit string cell, which no spreadsheet evaluates. Real numbers stay numbers.

The CSV is a clean table (header row, then data) that scripts can read; what the export is
about (municipality, year, moment) is only in the XLSX, on a second sheet.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

KINDS = ("text", "int", "decimal", "url", "date", "euro")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    header: str  # Dutch column header, e.g. "Initiatief"
    kind: str = "text"  # "text" | "int" | "decimal" | "url" | "date" | "euro" (Decimal)
    width: int = 20  # XLSX column width in characters

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown column kind {self.kind!r}; expected one of {KINDS}.")


@dataclass(frozen=True)
class Table:
    title: str  # XLSX sheet title, e.g. "Kerncijfers"
    columns: Sequence[Column]
    rows: Sequence[Sequence[object]]  # str, int, None or datetime.date; None is an empty cell
    about: Sequence[tuple[str, str]] = ()  # e.g. [("Gemeente", "Midden-Drenthe"), ...]


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        # A decimal comma, like the ";" delimiter: what Dutch Excel reads as a number.
        return str(value).replace(".", ",")
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_PREFIXES) else value
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def table_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    # ";" because Dutch Excel splits on its list separator, which is ";" (see module docstring).
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_csv_value(column.header) for column in table.columns)
    for row in table.rows:
        writer.writerow(_csv_value(value) for value in row)
    return buffer.getvalue().encode("utf-8-sig")


def _write_cell(sheet, row: int, col: int, value: object, kind: str = "text"):
    cell = sheet.cell(row=row, column=col)
    if isinstance(value, str):
        # Control characters (pasted from Word) are not allowed in XML; drop them.
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if kind == "url" and re.match(r"https?://", value, re.IGNORECASE):
            cell.hyperlink = cell.value
            cell.style = "Hyperlink"
    elif value is not None:
        cell.value = value
        if isinstance(value, datetime.date):
            cell.number_format = "dd-mm-yyyy"
        elif isinstance(value, int) and not isinstance(value, bool):
            cell.number_format = "#,##0"
        elif isinstance(value, Decimal):
            cell.number_format = '"€ "#,##0.00' if kind == "euro" else "#,##0.##"
    return cell


def _sheet_title(title: str) -> str:
    return SHEET_TITLE_FORBIDDEN.sub("-", title)[:31].strip(" '") or "Export"


def table_xlsx(table: Table) -> bytes:
    workbook = Workbook()
    workbook.properties.creator = "Maatschappelijke Waarde"
    workbook.properties.title = table.title
    sheet = workbook.active
    sheet.title = _sheet_title(table.title)
    bold = Font(bold=True)
    for col, column in enumerate(table.columns, start=1):
        _write_cell(sheet, 1, col, column.header).font = bold
        sheet.column_dimensions[get_column_letter(col)].width = column.width
    for row_number, row in enumerate(table.rows, start=2):
        for col, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            _write_cell(sheet, row_number, col, value, column.kind)
    sheet.freeze_panes = "A2"
    if table.columns:
        last = f"{get_column_letter(len(table.columns))}{len(table.rows) + 1}"
        sheet.auto_filter.ref = f"A1:{last}"

    if table.about:
        about = workbook.create_sheet(_("Over deze export"))
        for row_number, (key, value) in enumerate(table.about, start=1):
            _write_cell(about, row_number, 1, key).font = bold
            _write_cell(about, row_number, 2, value)
        about.column_dimensions["A"].width = 20
        about.column_dimensions["B"].width = 50

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


FORMATS = {
    "csv": (table_csv, "text/csv; charset=utf-8"),
    "xlsx": (table_xlsx, XLSX_CONTENT_TYPE),
}


def download(table: Table, *, filename: str, fmt: str) -> HttpResponse:
    """The table as an attachment; `filename` comes without extension."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; expected 'csv' or 'xlsx'.")
    render, content_type = FORMATS[fmt]
    response = HttpResponse(render(table), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{filename}.{fmt}"
    )
    response["Cache-Control"] = "private, no-store"  # figures per municipality, not public
    return response
