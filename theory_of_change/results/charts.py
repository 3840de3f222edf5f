"""Small charts of an indicator's year, drawn on the server as inline SVG.

Why by hand, as the portal's charts (`impact/portal/charts.py`, which this layer may not
import): no JavaScript or chart library for a few simple pictures, and the escaping stays
under our control, which matters because labels and questions are volunteers' text.

Every chart is `role="img"` with an `aria-label` that says what it shows in words; the
page puts the numbers beside it as a table, so the picture is never the only way to read
them. Colours pass WCAG AA on white (text 4.5:1, bars 3:1). The SVG has a fixed viewBox
width and scales to its box (the stylesheet's `.portal-chart` sizes it, so no style
attribute is needed under the Content-Security-Policy).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 420  # viewBox units; the page scales the chart to its box
TEXT = 16  # axis labels and numbers, as the portal's charts
PLOT = 120  # the height of the tallest bar
TOP = 24  # room above the tallest bar for its number
AXIS = 24  # room below the baseline for the period labels
LABEL_WIDTH = 35  # room one axis label needs (for "mrt" or "w10" and a gap)
FONT = "Atkinson Hyperlegible, Arial, sans-serif"
INK, SOFT, PRIMARY, TRACK_FILL, TRACK_LINE = "#1b1f23", "#4a525b", "#0a5570", "#eef0f2", "#5a6470"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class Column:
    """One period of the year: its axis label ("mrt", "w10") and its count (None: not
    counted, which the chart leaves empty; 0 is drawn as a thin line)."""

    short_label: str
    value: int | None


@dataclass(frozen=True)
class Share:
    """A questionnaire result: `agreeing` of `respondents` people, with what it was about."""

    label: str
    agreeing: int
    respondents: int  # > 0


def number(value: int) -> str:
    return number_format(value, force_grouping=True)  # 1.250 in Dutch


def percentage(agreeing: int, respondents: int) -> int:
    """The share in whole percents, rounded half up (18 of 24: 75)."""
    return math.floor(100 * agreeing / respondents + 0.5) if respondents else 0


def column_chart(columns: Sequence[Column], *, label: str) -> SafeString:
    """One column per period of the year, in order, under a common scale: the chart of an
    indicator's counts. `label` is the chart's accessible name (what it shows and over
    which periods); the numbers go in a table beside it."""
    if not columns:
        return mark_safe("")
    counted = [column.value for column in columns if column.value is not None]
    largest = max(counted, default=0) or 1
    slot = WIDTH / len(columns)
    bar = max(slot * 0.7, 1.5)
    baseline = TOP + PLOT
    few = len(columns) <= 13  # months, quarters: every number fits above its bar
    step = max(1, math.ceil(len(columns) * LABEL_WIDTH / WIDTH))
    parts = [
        f'<line x1="0" y1="{baseline + 0.5:g}" x2="{WIDTH}" y2="{baseline + 0.5:g}" '
        f'stroke="{SOFT}"/>'
    ]
    for index, column in enumerate(columns):
        x = index * slot + (slot - bar) / 2
        middle = index * slot + slot / 2
        if column.value is not None:
            height = max(PLOT * column.value / largest, 1.5)
            parts.append(
                f'<rect x="{x:.1f}" y="{baseline - height:.1f}" width="{bar:.1f}" '
                f'height="{height:.1f}" fill="{PRIMARY}"/>'
            )
            if few:
                parts.append(_text(middle, baseline - height - 5, number(column.value), bold=True))
        if index % step == 0:
            parts.append(_text(middle, baseline + AXIS - 4, column.short_label, fill=SOFT))
    if not few and counted:
        # Many narrow columns: the scale in words at the top instead of a number per column.
        scale = _("hoogste: %(value)s") % {"value": number(max(counted))}
        parts.append(_text(0, TOP - 8, scale, anchor="start", fill=SOFT))
    return _svg(label, parts, baseline + AXIS)


def share_chart(shares: Sequence[Share], *, label: str) -> SafeString:
    """A track per questionnaire result, filled for the share of people who said it, with
    "18 van 24 (75%)" beside its label: the share is never shown without its n."""
    if not shares:
        return mark_safe("")
    parts, y = [], 0.0
    track = 12
    for share in shares:
        status = _("%(agreeing)s van %(respondents)s (%(percent)s%%)") % {
            "agreeing": number(share.agreeing),
            "respondents": number(share.respondents),
            "percent": percentage(share.agreeing, share.respondents),
        }
        # The label over the whole width; under it the track, with the numbers beside it.
        y += TEXT + 4
        parts.append(_text(0, y, _shorten(share.label, int(WIDTH / (TEXT * 0.5))), anchor="start"))
        y += 6
        length = WIDTH - len(status) * TEXT * 0.6 - 8
        parts.append(
            f'<rect x="0.5" y="{y:g}" width="{length:.1f}" height="{track}" '
            f'fill="{TRACK_FILL}" stroke="{TRACK_LINE}"/>'
        )
        filled = length * share.agreeing / share.respondents
        if filled > 0:
            parts.append(
                f'<rect x="0.5" y="{y:g}" width="{filled:.1f}" height="{track}" fill="{PRIMARY}"/>'
            )
        parts.append(_text(WIDTH, y + track - 1, status, anchor="end", bold=True))
        y += track + 10
    return _svg(label, parts, y)


def _svg(label: str, parts: list[str], height: float) -> SafeString:
    # Safe: every text in `parts` and the label are escaped.
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:g}" '
        f'role="img" aria-label="{escape(_clean(label))}" class="portal-chart results-chart" '
        f'font-family="{FONT}"><g font-size="{TEXT}">{"".join(parts)}</g></svg>'
    )


def _text(
    x: float, y: float, text: str, *, anchor: str = "middle", fill: str = INK, bold: bool = False
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}"{weight}>'
        f"{escape(_clean(text))}</text>"
    )


def _shorten(text: str, chars: int) -> str:
    text = _clean(text)
    if len(text) <= chars:
        return text
    cut = text[: max(chars - 1, 1)].rsplit(" ", 1)[0]
    return f"{cut}…"


def _clean(text: str) -> str:
    return " ".join(CONTROL.sub(" ", str(text)).split())
