"""Counts from a file: a CSV or XLSX table of counts per period, checked as a whole and
recorded all or nothing, and the template a volunteer fills in.

The file (one header row, then one row per count; header names in any case and order):

- `jaar`: the year of the Verandertheorie the count belongs to;
- `resultaat`: the output (step 5) by its number as the results page shows it (1 is the
  first output of step 5), or by its exact description (case and spaces around it aside);
- `periode`: `2025-W10` (a week), `2025-03` (a month) or `2025-Q1` (a quarter), in the
  output's rhythm; a date (which Excel may make of `2025-03`) means the period of the
  output's rhythm that day falls in;
- `aantal`: a whole number, 0 or more; a row without one is skipped (the template has a row
  for every period, most of them left empty);
- `notitie` (may be left out): a note with the count; an empty note keeps the note a count
  already has;
- `omschrijving` (may be left out): the output's description, which the template shows
  beside the number; never read.

Anything else is refused with a reason per row, and the file as a whole when its columns
are wrong or it is too large. Formulas are refused, never evaluated: an XLSX formula cell,
or a text that starts with `=`, `+`, `-` or `@` and is not a plain number (spreadsheet
formula injection: such a cell would run as a formula when the file is opened again).

`read_table` turns the file into `Line`s (text per column, JSON-able so a page can keep
them between the preview and the confirmation); `plan` checks them against the database in
a fixed number of queries and says what would be added, corrected and refused; `apply`
records a plan without refusals through `count_save` (history with source "import"), in one
transaction.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Generator, Iterable, Sequence
from contextlib import closing
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from common.concurrency import content_version
from initiatives.models import User
from theory_of_change.models import Output, TheoryOfChange
from theory_of_change.results.models import Indicator, ResultEntry
from theory_of_change.results.periods import (
    InvalidPeriod,
    Period,
    Rhythm,
    periods_in_year,
)
from theory_of_change.results.services import (
    ResultRefused,
    check_period,
    count_save,
    entry_version,
    indicator_for,
)

# The columns, as the header row names them.
YEAR, RESULT, PERIOD, COUNT, NOTE, DESCRIPTION = (
    "jaar",
    "resultaat",
    "periode",
    "aantal",
    "notitie",
    "omschrijving",
)
REQUIRED = (YEAR, RESULT, PERIOD, COUNT)
OPTIONAL = (NOTE,)
IGNORED = (DESCRIPTION,)  # in the template for the reader, never read
READ = REQUIRED + OPTIONAL
TEMPLATE_COLUMNS = (YEAR, RESULT, DESCRIPTION, PERIOD, COUNT, NOTE)

MAX_BYTES = 2 * 1024 * 1024  # the file as uploaded
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # an XLSX is a ZIP: what it holds once unpacked
MAX_ROWS = 5000  # rows with something in them, besides the header
MAX_LINES = 20000  # rows read at all, empty ones included (an XLSX formatted far down)
MAX_COLUMNS = 30
MAX_VALUE = 1_000_000_000  # far above any count, well within the column's range
NOTE_MAX_LENGTH = ResultEntry._meta.get_field("note").max_length

FORMULA_START = ("=", "+", "-", "@")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
WHOLE_NUMBER = re.compile(r"^[+-]?\d+$")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary Excel format (.xls)


class FileRefused(ValueError):
    """The file as a whole cannot be read: the message says why, in plain Dutch."""


# --- reading a file ----------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One row of the file: its row number (the header is row 1, as a spreadsheet counts),
    the text of each column read, and the columns that held an XLSX formula."""

    row: int
    cells: dict[str, str]
    formulas: tuple[str, ...] = ()

    def cell(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    @property
    def is_empty(self) -> bool:
        return not self.formulas and not any(self.cell(column) for column in READ)

    def as_json(self) -> dict:
        return {**asdict(self), "formulas": list(self.formulas)}

    @classmethod
    def from_json(cls, data: dict) -> Line:
        return cls(
            row=int(data["row"]),
            cells={str(key): str(value) for key, value in data["cells"].items()},
            formulas=tuple(data.get("formulas", ())),
        )


def expected_columns() -> str:
    """The columns a file needs, for messages and the page."""
    return _(
        "Gebruik de kolommen %(required)s, en als je wilt %(note)s. Een kolom %(ignored)s "
        "mag erbij staan; die slaan we over."
    ) % {
        "required": get_text_list(list(REQUIRED), _("en")),
        "note": NOTE,
        "ignored": DESCRIPTION,
    }


def read_table(data: bytes, *, name: str = "") -> list[Line]:
    """The rows of a CSV or XLSX file, with text per column. `FileRefused` when the file
    is too large, cannot be read or has the wrong columns."""
    if len(data) > MAX_BYTES:
        raise FileRefused(
            _("Het bestand is te groot (meer dan %(size)s MB). Splits het in kleinere delen.")
            % {"size": MAX_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise FileRefused(_("Het bestand is leeg."))
    if data.startswith(OLE_MAGIC) or name.lower().endswith(".xls"):
        raise FileRefused(
            _(
                "Dit is een oud Excel-bestand (.xls). Sla het in Excel op als "
                "‘Excel-werkmap (.xlsx)’ of als ‘CSV UTF-8’ en probeer het opnieuw."
            )
        )
    if data.startswith(ZIP_MAGIC):
        rows = _xlsx_rows(data)
    elif name.lower().endswith(".xlsx"):
        raise FileRefused(_("Dit bestand is geen geldig Excel-bestand (.xlsx)."))
    else:
        rows = _csv_rows(data)
    with closing(rows):  # an XLSX is closed also when reading stops early
        return _lines(rows)


# A row as read: (text per cell, indexes of the cells that held a formula).
RawRow = tuple[list[str], set[int]]


def _csv_rows(data: bytes) -> Generator[RawRow, None, None]:
    try:
        text = data.decode("utf-8-sig")  # with or without the BOM Excel writes
    except UnicodeDecodeError:
        raise FileRefused(
            _(
                "De tekens in dit bestand kunnen we niet lezen. Sla het in Excel op als "
                "‘CSV UTF-8 (door komma's gescheiden)’, of upload het als .xlsx."
            )
        ) from None
    if "\x00" in text:
        raise FileRefused(_("Dit bestand is geen CSV- of Excel-bestand."))
    first_line = text.lstrip().split("\n", 1)[0]
    # Dutch Excel separates with ";" (its decimal separator is the comma); others with ",".
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            yield cells, set()
    except csv.Error as error:
        raise FileRefused(
            _("Dit CSV-bestand kunnen we niet lezen (%(error)s).") % {"error": error}
        ) from None


def _xlsx_rows(data: bytes) -> Generator[RawRow, None, None]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise FileRefused(_("Dit bestand is geen geldig Excel-bestand (.xlsx).")) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRefused(_("Dit Excel-bestand is uitgepakt te groot. Splits het in delen."))
    try:
        # data_only=False: a formula cell reads as its formula, so it can be refused.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # a damaged or foreign file can fail anywhere inside openpyxl
        raise FileRefused(_("Dit bestand is geen geldig Excel-bestand (.xlsx).")) from None
    try:
        if not workbook.worksheets:
            raise FileRefused(_("Dit Excel-bestand heeft geen werkblad."))
        sheet = workbook.worksheets[0]  # the template's first sheet; others are explanation
        try:
            for row in sheet.iter_rows(max_col=MAX_COLUMNS):
                cells, formulas = [], set()
                for index, cell in enumerate(row):
                    if cell.data_type == "f":
                        formulas.add(index)
                        cells.append(str(getattr(cell.value, "text", cell.value) or ""))
                    else:
                        cells.append(_xlsx_text(cell.value))
                yield cells, formulas
        except FileRefused:
            raise
        except Exception:
            raise FileRefused(_("Dit Excel-bestand kunnen we niet helemaal lezen.")) from None
    finally:
        workbook.close()


def _xlsx_text(value: object) -> str:
    """A cell's value as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _lines(rows: Iterable[RawRow]) -> list[Line]:
    rows = iter(rows)
    header, _formulas = next(rows, ([], set()))
    columns = _columns(header)
    lines: list[Line] = []
    for number, (cells, formulas) in enumerate(rows, start=2):
        if number > MAX_LINES:
            raise FileRefused(
                _("Het bestand heeft meer dan %(count)s regels.") % {"count": MAX_LINES}
            )
        values: dict[str, str] = {}
        formula_columns = []
        for index, text in enumerate(cells):
            column = columns[index] if index < len(columns) else ""
            if column == "":  # a column without a name in the header
                if text.strip() or index in formulas:
                    raise FileRefused(
                        _(
                            "In kolom %(column)s staat iets, maar die kolom heeft bovenaan "
                            "geen naam. %(expected)s"
                        )
                        % {"column": get_column_letter(index + 1), "expected": expected_columns()}
                    )
                continue
            if column in IGNORED:
                continue
            values[column] = text
            if index in formulas:
                formula_columns.append(column)
        line = Line(row=number, cells=values, formulas=tuple(formula_columns))
        if line.is_empty:
            continue
        lines.append(line)
        if len(lines) > MAX_ROWS:
            raise FileRefused(
                _(
                    "Het bestand heeft meer dan %(count)s regels met tellingen. Splits het in "
                    "kleinere delen."
                )
                % {"count": MAX_ROWS}
            )
    if not lines:
        raise FileRefused(_("Er staan geen tellingen in het bestand, alleen de kopjes."))
    return lines


def _columns(header: list[str]) -> list[str]:
    """The column each header cell names ("" for an empty one); `FileRefused` when a
    column is unknown, named twice or missing."""
    names = [text.strip().lstrip("\ufeff").strip().casefold() for text in header]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise FileRefused(
            _("De eerste regel moet de namen van de kolommen hebben. %(expected)s")
            % {"expected": expected_columns()}
        )
    known = set(READ) | set(IGNORED)
    problems = []
    unknown = [name for name in names if name and name not in known]
    if unknown:
        problems.append(
            _("Deze kolommen kennen we niet: %(names)s.")
            % {"names": ", ".join(f"‘{name}’" for name in unknown)}
        )
    twice = sorted({name for name in names if name and names.count(name) > 1})
    if twice:
        problems.append(
            _("Deze kolommen staan er twee keer in: %(names)s.")
            % {"names": ", ".join(f"‘{name}’" for name in twice)}
        )
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        problems.append(
            _("Deze kolommen ontbreken: %(names)s.")
            % {"names": ", ".join(f"‘{name}’" for name in missing)}
        )
    if problems:
        raise FileRefused(" ".join([*problems, expected_columns()]))
    return names


# --- checking against the Verandertheorie ----------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A count the file adds or corrects."""

    row: int
    theory: TheoryOfChange
    output: Output
    number: int  # the output's number on the results page
    period: Period
    value: int
    note: str  # the note to store (the count's own note when the file has none)
    current: int | None  # the count stored now; None when the period has none yet
    current_note: str
    version: str  # `entry_version` of the count as it was checked

    @property
    def is_correction(self) -> bool:
        return self.current is not None


@dataclass(frozen=True)
class Refusal:
    row: int
    reasons: tuple[str, ...]


@dataclass
class Preview:
    """What a file would do: counts added, counts corrected, rows that change nothing, rows
    refused (with why) and rows skipped because they have no number."""

    outputs: dict[int, list[NumberedOutput]] = field(default_factory=dict)  # by theory id
    changes: list[Change] = field(default_factory=list)
    unchanged: list[Change] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)

    @property
    def added(self) -> list[Change]:
        return [change for change in self.changes if not change.is_correction]

    @property
    def corrected(self) -> list[Change]:
        return [change for change in self.changes if change.is_correction]

    @property
    def can_apply(self) -> bool:
        return not self.refused and bool(self.changes)

    @property
    def fingerprint(self) -> str:
        """What was checked, to notice that the database changed before the confirmation."""
        return content_version(
            {
                "changes": [
                    [c.row, c.output.pk, c.period.code, c.value, c.note, c.version]
                    for c in self.changes
                ],
                "unchanged": [c.row for c in self.unchanged],
                "refused": [[r.row, list(r.reasons)] for r in self.refused],
            }
        )


@dataclass(frozen=True)
class NumberedOutput:
    """An output as the file names it: its number (its place in step 5, from 1) and its
    indicator's rhythm."""

    number: int
    output: Output

    @property
    def indicator(self) -> Indicator | None:
        return getattr(self.output, "indicator", None)

    @property
    def rhythm(self) -> str:
        return self.indicator.rhythm if self.indicator else Rhythm.MONTH.value

    @property
    def rhythm_label(self) -> str:
        return Rhythm(self.rhythm).label


def numbered_outputs(theories: Iterable[TheoryOfChange]) -> dict[int, list[NumberedOutput]]:
    """The outputs of each theory (by theory id) with their numbers, in step 5's order,
    with their indicators: one query."""
    outputs = (
        Output.objects.filter(theory__in=[theory.pk for theory in theories])
        .select_related("indicator")
        .order_by("theory", "position", "pk")
    )
    numbered: dict[int, list[NumberedOutput]] = {theory.pk: [] for theory in theories}
    for output in outputs:
        rows = numbered[output.theory_id]
        rows.append(NumberedOutput(number=len(rows) + 1, output=output))
    return numbered


def plan(
    lines: Sequence[Line], *, theories: Sequence[TheoryOfChange], year: int | None = None
) -> Preview:
    """Check every line against `theories` (those of one initiative the counts may go to)
    and the counts stored now: two queries (the outputs, the stored counts) however long
    the file is. With `year`, every line must be of that year."""
    by_year = {theory.year: theory for theory in theories}
    numbered = numbered_outputs(theories)
    by_number = {
        (theory_id, row.number): row for theory_id, rows in numbered.items() for row in rows
    }
    by_text: dict[tuple[int, str], list[NumberedOutput]] = {}
    for theory_id, rows in numbered.items():
        for row in rows:
            key = (theory_id, _folded(row.output.description))
            by_text.setdefault(key, []).append(row)

    preview = Preview(outputs=numbered)
    checked: list[tuple[Line, TheoryOfChange, NumberedOutput, Period, int, str | None]] = []
    seen: dict[tuple[int, str], int] = {}  # (output id, period code) → first row
    for line in lines:
        reasons = _formula_reasons(line)
        if reasons:
            preview.refused.append(Refusal(line.row, tuple(reasons)))
            continue
        if not line.cell(COUNT):
            preview.skipped.append(line.row)
            continue
        theory, theory_reason = _theory(line.cell(YEAR), by_year, year)
        row = period = None
        if theory_reason:
            reasons.append(theory_reason)
        else:
            row, reason = _output(line.cell(RESULT), theory, numbered, by_number, by_text)
            if reason:
                reasons.append(reason)
        value, reason = _count(line.cell(COUNT))
        if reason:
            reasons.append(reason)
        note = line.cell(NOTE)
        if len(note) > NOTE_MAX_LENGTH:
            reasons.append(_("De notitie is langer dan %(max)s tekens.") % {"max": NOTE_MAX_LENGTH})
        if row is not None:
            period, reason = _period(line.cell(PERIOD), theory, row)
            if reason:
                reasons.append(reason)
        if not reasons:
            key = (row.output.pk, period.code)
            if key in seen:
                reasons.append(
                    _(
                        "Resultaat %(number)s in %(period)s staat ook al op regel %(row)s. "
                        "Laat één van de twee staan."
                    )
                    % {"number": row.number, "period": period.code, "row": seen[key]}
                )
            else:
                seen[key] = line.row
        if reasons:
            preview.refused.append(Refusal(line.row, tuple(reasons)))
        else:
            checked.append((line, theory, row, period, value, note or None))

    stored = _stored_counts([(row, period) for _line, _theory, row, period, *_rest in checked])
    for line, theory, row, period, value, note in checked:
        entry = stored.get((row.output.pk, period.code))
        current_note = entry.note if entry else ""
        change = Change(
            row=line.row,
            theory=theory,
            output=row.output,
            number=row.number,
            period=period,
            value=value,
            note=note if note is not None else current_note,
            current=entry.value if entry else None,
            current_note=current_note,
            version=entry_version(entry),
        )
        unchanged = entry is not None and (entry.value, entry.note) == (value, change.note)
        (preview.unchanged if unchanged else preview.changes).append(change)
    return preview


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START) and not PLAIN_NUMBER.match(text)


def _formula_reasons(line: Line) -> list[str]:
    reasons = []
    for column in READ:
        if column in line.formulas:
            reasons.append(
                _(
                    "In de kolom %(column)s staat een formule (%(formula)s). Formules nemen "
                    "we niet over: zet er de waarde zelf in."
                )
                % {"column": column, "formula": line.cell(column)[:40]}
            )
        elif _looks_like_formula(line.cell(column)):
            reasons.append(
                _(
                    "In de kolom %(column)s begint ‘%(text)s’ met %(sign)s. Zo begint een "
                    "formule, en die nemen we niet over. Haal het teken weg."
                )
                % {"column": column, "text": line.cell(column)[:40], "sign": line.cell(column)[0]}
            )
    return reasons


def _theory(
    text: str, by_year: dict[int, TheoryOfChange], year: int | None
) -> tuple[TheoryOfChange | None, str]:
    if not text:
        return None, _("Vul het jaar in.")
    if not WHOLE_NUMBER.match(text):
        return None, _("‘%(text)s’ is geen jaar.") % {"text": text[:40]}
    number = int(text)
    if year is not None and number != year:
        return None, _("Deze regel is voor %(row_year)s; je zet nu tellingen in %(year)s.") % {
            "row_year": number,
            "year": year,
        }
    if number not in by_year:
        return None, _("Er is geen verandertheorie van %(year)s.") % {"year": number}
    return by_year[number], ""


def _output(
    text: str,
    theory: TheoryOfChange,
    numbered: dict[int, list[NumberedOutput]],
    by_number: dict[tuple[int, int], NumberedOutput],
    by_text: dict[tuple[int, str], list[NumberedOutput]],
) -> tuple[NumberedOutput | None, str]:
    count = len(numbered[theory.pk])
    if not text:
        return None, _("Vul bij resultaat het nummer of de tekst van het resultaat in.")
    if WHOLE_NUMBER.match(text) and (theory.pk, int(text)) in by_number:
        return by_number[(theory.pk, int(text))], ""
    matches = by_text.get((theory.pk, _folded(text)), [])
    if len(matches) == 1:
        return matches[0], ""
    if len(matches) > 1:
        return None, _(
            "Meer dan één resultaat heeft de tekst ‘%(text)s’. Gebruik het nummer (%(numbers)s)."
        ) % {"text": text[:60], "numbers": ", ".join(str(row.number) for row in matches)}
    if not count:
        return None, _("In stap 5 van %(year)s staan nog geen resultaten.") % {"year": theory.year}
    return None, _(
        "Resultaat ‘%(text)s’ bestaat niet in %(year)s. Gebruik een nummer van 1 tot en met "
        "%(count)s, of de tekst zoals die in stap 5 staat."
    ) % {"text": text[:60], "year": theory.year, "count": count}


def _count(text: str) -> tuple[int | None, str]:
    if not WHOLE_NUMBER.match(text):
        return None, _("Het aantal ‘%(text)s’ is geen heel getal.") % {"text": text[:40]}
    value = int(text)
    if value < 0:
        return None, _("Een aantal kan niet negatief zijn.")
    if value > MAX_VALUE:
        return None, _("Het aantal %(value)s is te groot.") % {"value": text[:40]}
    return value, ""


def _period(text: str, theory: TheoryOfChange, row: NumberedOutput) -> tuple[Period | None, str]:
    if not text:
        return None, _("Vul de periode in, bijvoorbeeld %(example)s.") % {
            "example": example_period(row.rhythm, theory.year).code
        }
    try:
        period = Period.parse(text)
    except InvalidPeriod:
        try:  # a date: the period of the output's rhythm it falls in
            period = Period.containing(row.rhythm, datetime.date.fromisoformat(text))
        except ValueError:
            return None, _(
                "‘%(text)s’ is geen periode. Schrijf een week als %(week)s, een maand als "
                "%(month)s of een kwartaal als %(quarter)s."
            ) % {
                "text": text[:40],
                "week": f"{theory.year}-W10",
                "month": f"{theory.year}-03",
                "quarter": f"{theory.year}-Q1",
            }
    try:
        check_period(theory=theory, period=period, kind=row.rhythm)
    except ResultRefused as refused:
        return None, str(refused)
    return period, ""


def _stored_counts(
    pairs: list[tuple[NumberedOutput, Period]],
) -> dict[tuple[int, str], ResultEntry]:
    """The counts stored now for (output, period) pairs, by (output id, period code): one
    query (none when no output has an indicator yet)."""
    indicators = {row.indicator.pk: row.output.pk for row, _period in pairs if row.indicator}
    if not indicators:
        return {}
    entries = ResultEntry.objects.filter(
        indicator__in=list(indicators), period__in={period.code for _row, period in pairs}
    )
    return {(indicators[entry.indicator_id], entry.period): entry for entry in entries}


# --- recording ---------------------------------------------------------------------------


def apply(*, preview: Preview, by: User | None) -> int:
    """Record every change of a preview without refusals, all or nothing; the number of
    counts recorded. Each count is recorded only if it is still as it was checked (else
    `StaleVersion`, and nothing is recorded); each goes into the history as "import"."""
    if preview.refused:
        raise ResultRefused(_("Er zijn regels afgewezen; er is niets opgeslagen."))
    with transaction.atomic():
        for change in preview.changes:
            indicator = getattr(change.output, "indicator", None) or indicator_for(
                output=change.output
            )
            indicator.theory = change.theory  # already loaded: no query per row
            count_save(
                indicator=indicator,
                period=change.period,
                value=change.value,
                note=change.note,
                by=by,
                base_version=change.version,
                source="import",
            )
    return len(preview.changes)


# --- the template ------------------------------------------------------------------------


def example_period(rhythm: str, year: int) -> Period:
    """This period when it is in `year`, else the year's first."""
    today = timezone.localdate()
    if today.year == year:
        period = Period.containing(rhythm, today)
        if period.year == year:
            return period
    return Period.of(rhythm, year, 1)


def template_rows(
    theory: TheoryOfChange, outputs: list[NumberedOutput] | None = None
) -> list[list[object]]:
    """The template's rows: every period of the year for every output, in its rhythm, with
    the count stored now (two queries; one with `outputs` given). Notes stay out: files
    travel by e-mail, and an empty note keeps the stored one."""
    if outputs is None:
        outputs = numbered_outputs([theory])[theory.pk]
    entries = ResultEntry.objects.filter(indicator__output__theory=theory).values_list(
        "indicator__output", "period", "value"
    )
    stored = {(output_id, period): value for output_id, period, value in entries}
    return [
        [
            theory.year,
            row.number,
            row.output.description,
            period.code,
            stored.get((row.output.pk, period.code)),
            "",
        ]
        for row in outputs
        for period in periods_in_year(row.rhythm, theory.year)
    ]


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    # A description could start like a formula; a leading ' makes a spreadsheet read text.
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_START) else text


def template_csv(theory: TheoryOfChange) -> bytes:
    """Semicolons and a byte order mark, as Dutch Excel reads and writes them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(TEMPLATE_COLUMNS)
    for row in template_rows(theory):
        writer.writerow(_csv_text(value) for value in row)
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(theory: TheoryOfChange) -> bytes:
    """A first sheet to fill in (period and result as text, so Excel does not make a date
    of `2025-03`) and a second that explains it and lists the results."""
    workbook = Workbook()
    workbook.properties.creator = "Maatschappelijke Waarde"
    sheet = workbook.active
    sheet.title = _("Tellingen")
    bold = Font(bold=True)
    widths = {YEAR: 8, RESULT: 11, DESCRIPTION: 45, PERIOD: 12, COUNT: 10, NOTE: 40}
    for index, name in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=name)
        cell.font = bold
        sheet.column_dimensions[get_column_letter(index)].width = widths[name]
    text_columns = {TEMPLATE_COLUMNS.index(name) + 1 for name in (PERIOD, NOTE, DESCRIPTION)}
    outputs = numbered_outputs([theory])[theory.pk]
    rows = template_rows(theory, outputs)
    for row_number, row in enumerate(rows, start=2):
        for index, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=index)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # never a formula, whatever the text starts with
            else:
                cell.value = value
            if index in text_columns:
                cell.number_format = "@"
    sheet.freeze_panes = "A2"

    about = workbook.create_sheet(_("Uitleg"))
    about.column_dimensions["A"].width = 12
    about.column_dimensions["B"].width = 60
    about.column_dimensions["C"].width = 16
    for line in template_explanation(theory, outputs):
        about.append([ILLEGAL_CHARACTERS_RE.sub("", str(value)) for value in line])
    about["A1"].font = bold
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_explanation(
    theory: TheoryOfChange, outputs: list[NumberedOutput]
) -> list[list[object]]:
    """The explanation sheet of the XLSX template."""
    lines: list[list[object]] = [
        [
            _("Tellingen van %(initiative)s, %(year)s")
            % {"initiative": theory.initiative.name, "year": theory.year}
        ],
        [],
        [_("Vul op het eerste werkblad bij elke periode het aantal in.")],
        [_("Regels zonder aantal slaan we over. De kolom omschrijving lezen we niet.")],
        [_("Een lege notitie laat een notitie die er al staat zoals hij is.")],
        [_("Gebruik geen formules: zet er het getal zelf in.")],
        [_("Gemaakt op %(date)s.") % {"date": date_format(timezone.localdate(), "j F Y")}],
        [],
        [_("Resultaat"), _("Omschrijving"), _("Hoe vaak tel je")],
    ]
    for row in outputs:
        lines.append([row.number, row.output.description, row.rhythm_label])
    return lines


def template_filename(theory: TheoryOfChange, fmt: str) -> str:
    return f"tellingen-{theory.initiative.slug}-{theory.year}.{fmt}"
