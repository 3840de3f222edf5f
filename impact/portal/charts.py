"""The portal's two charts, drawn by hand as inline SVG.

Why by hand: a chart library would be a dependency (and usually JavaScript or a CDN) for two
simple pictures; the same SVG string works in the browser and in WeasyPrint's PDF; and the
escaping stays under our control, which matters because every label is a volunteer's answer.
WeasyPrint knows no CSS variables or `foreignObject`, so colours, fonts and sizes are plain
attributes and all text is `<text>`.

Layout: a fixed viewBox width and a computed height; the page scales the chart to its
container. `max-width` in em keeps chart text at most as large as the text around it, and
lets the chart grow along with the text when a reader zooms text to 200%.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from common.text import shorten

# viewBox units: on a 390px phone, 16 units are still 13.5px. The stylesheets (site.css,
# portal-summary.css) size the chart: full width up to 420 / 16 = 26.25em, so its text is
# never larger than the text around it (a style attribute would need CSP's 'unsafe-inline').
WIDTH = 420
TEXT = 16  # labels and numbers
HEADING = 19  # an initiative's name above its key figures
LINE = 21  # from one baseline to the next
CHAR = 0.5  # a generous average character width (Atkinson: 0.44), share of the font size
BAR = 18  # thickness of a bar
TRACK = 14  # thickness of a progress track
FONT = "Atkinson Hyperlegible, Arial, sans-serif"
# WCAG AA on white: text at least 4.5:1, bars and outlines at least 3:1.
INK, SOFT, PRIMARY, SUCCESS = "#1b1f23", "#4a525b", "#0a5570", "#1e6b3a"
TRACK_FILL, TRACK_LINE = "#eef0f2", "#5a6470"
# Characters XML forbids; a pasted answer may hold them, and one would break the PDF.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


@dataclass(frozen=True)
class Progress:
    label: str
    target: int  # > 0
    achieved: int | None  # None: not counted yet
    note: str = ""  # under the track: how it was counted, last year ("geteld jan–nov 2025")


@dataclass(frozen=True)
class ProgressGroup:
    title: str
    items: Sequence[Progress]


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    value_label: Callable[[int], str] | None = None,
) -> SafeString:
    """One horizontal bar per item, in the given order: the label above its bar, the value
    right of it. The largest value fills the width left over by the widest value text."""
    if not bars:
        return mark_safe("")  # the template says "nothing yet" in words
    values = [max(bar.value, 0) for bar in bars]
    texts = [_clean(value_label(v) if value_label else _number(v)) for v in values]
    text_room = max(_width(text) for text in texts) + 8
    length = max(WIDTH - text_room, WIDTH / 2)
    largest = max(values) or 1
    parts, y = [], 0.0
    for bar, value, text in zip(bars, values, texts, strict=True):
        for line in _lines(bar.label):
            y += LINE
            parts.append(_text(0, y - 5, line))
        top, width = y + 2, length * value / largest
        parts.append(_line(top - 2, top + BAR + 2))
        if width:
            parts.append(
                f'<rect class="bar" x="0" y="{top:g}" width="{width:.1f}" '
                f'height="{BAR}" fill="{PRIMARY}"/>'
            )
        chars = int((WIDTH - width - 6) / (TEXT * CHAR))
        parts.append(_text(width + 6, top + BAR - 4, shorten(text, chars), font_weight="bold"))
        y = top + BAR + 14
    summary = "; ".join(f"{_clean(b.label)}: {t}" for b, t in zip(bars, texts, strict=True))
    return _svg("bar", title, description, summary, parts, y)


def progress_chart(groups: Sequence[ProgressGroup], *, title: str, description: str) -> SafeString:
    """Key figures per initiative: its name, then per figure the label with the numbers at
    the right, under it a track whose filled part is achieved / target (at most full), and
    under that the figure's note in a softer colour."""
    groups = [group for group in groups if group.items]
    if not groups:
        return mark_safe("")
    parts, summary, y = [], [], 0.0
    for group in groups:
        y += 8 if parts else 0
        for line in _lines(group.title, HEADING * 0.56):  # bold is wider
            y += LINE + 3
            parts.append(_text(0, y - 5, line, font_size=HEADING, font_weight="bold"))
        y += 6
        for item in group.items:
            status, reached = _status(item)
            note = f" ({_clean(item.note)})" if _clean(item.note) else ""
            summary.append(f"{_clean(group.title)}, {_clean(item.label)}: {status}{note}")
            colour = SUCCESS if reached else INK
            lines = _lines(item.label)
            for line in lines:
                y += LINE
                parts.append(_text(0, y - 5, line))
            # The numbers go right above the end of the track: beside the label, if they fit.
            if _width(lines[-1], CHAR) + _width(status) + 12 > WIDTH:
                y += LINE
            bold = {"font_weight": "bold", "text_anchor": "end"}
            parts.append(_text(WIDTH, y - 5, status, fill=colour, **bold))
            parts.append(
                f'<rect class="track" x="0.5" y="{y:g}" width="{WIDTH - 1}" '
                f'height="{TRACK}" fill="{TRACK_FILL}" stroke="{TRACK_LINE}"/>'
            )
            share = min((item.achieved or 0) / max(item.target, 1), 1)
            if share > 0:
                parts.append(
                    f'<rect class="done" x="0.5" y="{y:g}" '
                    f'width="{(WIDTH - 1) * share:.1f}" height="{TRACK}" '
                    f'fill="{SUCCESS if reached else PRIMARY}"/>'
                )
            y += TRACK
            if _clean(item.note):
                y += LINE
                chars = int(WIDTH / (TEXT * CHAR))
                parts.append(_text(0, y - 4, shorten(_clean(item.note), chars), fill=SOFT))
            y += 14
    return _svg("progress", title, description, "; ".join(summary), parts, y)


def _status(item: Progress) -> tuple[str, bool]:
    """The numbers as text, and whether the target is reached (the text says so too)."""
    target = _number(item.target)
    if item.achieved is None:
        return _("nog niet geteld, doel %(target)s") % {"target": target}, False
    values = {"achieved": _number(item.achieved), "target": target}
    if item.achieved >= item.target:
        return _("%(achieved)s van %(target)s gehaald ✓") % values, True
    return _("%(achieved)s van %(target)s") % values, False


def _svg(
    kind: str, title: str, description: str, summary: str, parts: list[str], height: float
) -> SafeString:
    """The root element; `<desc>` adds the numbers, since role="img" hides the drawn text."""
    body = "".join(parts)
    desc = " ".join(filter(None, [_clean(description), summary]))
    digest = hashlib.sha256(f"{kind}\n{title}\n{desc}\n{body}".encode()).hexdigest()
    uid = f"chart-{digest[:10]}"  # unique per chart on a page, and the same every time
    # Safe: every text in `parts`, the title and the description are escaped.
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height - 10:g}" '
        f'role="img" aria-labelledby="{uid}-title {uid}-desc" class="portal-chart" '
        f'font-family="{FONT}">'
        f'<title id="{uid}-title">{escape(_clean(title))}</title>'
        f'<desc id="{uid}-desc">{escape(desc)}</desc>'
        # The font size sits on a group: on the root it would fix the em of max-width.
        f'<g font-size="{TEXT}">{body}</g></svg>'
    )


def _lines(text: str, char: float = TEXT * CHAR) -> list[str]:
    """`text` over at most two lines as wide as the chart, shortened at a word with "…".

    `char` is the width of an average character in viewBox units.
    """
    chars = int(WIDTH / char)
    lines = textwrap.wrap(_clean(text), chars, break_long_words=False, break_on_hyphens=False)
    if len(lines) > 2:
        lines[1:] = [" ".join(lines[1:])]
    return [shorten(line, chars) for line in lines] or [""]


def _text(x: float, y: float, text: str, *, fill: str = INK, **attributes: object) -> str:
    """One line of text; `attributes` such as font_weight become font-weight="…"."""
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attributes.items())
    return f'<text x="{x:.1f}" y="{y:g}" fill="{fill}"{extra}>{escape(text)}</text>'


def _line(top: float, bottom: float) -> str:
    """The baseline every bar starts from, so a zero still shows where its bar would be."""
    return f'<line x1="0.5" y1="{top:g}" x2="0.5" y2="{bottom:g}" stroke="{SOFT}"/>'


def _width(text: str, char: float = 0.52) -> float:
    """How wide `text` is at the TEXT size, estimated: digits and capitals are wider."""
    return TEXT * sum(0.66 if c.isdigit() or c.isupper() else char for c in text)


def _clean(text: str) -> str:
    return " ".join(CONTROL.sub(" ", str(text)).split())


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)  # 1.250 in Dutch
