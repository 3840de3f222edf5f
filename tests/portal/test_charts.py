"""The portal's hand-drawn SVG charts: what they draw, what they escape, and that WeasyPrint
draws them too."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
import weasyprint
from django.utils import translation
from django.utils.safestring import SafeString
from pypdf import PdfReader

from impact.portal.charts import WIDTH, Bar, Progress, ProgressGroup, bar_chart, progress_chart

SVG = "{http://www.w3.org/2000/svg}"
EVIL = '<script>alert("x")</script> & Zoon'


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # fails on anything that is not well-formed XML


def texts(root: ET.Element) -> list[str]:
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def rects(root: ET.Element, kind: str) -> list[ET.Element]:
    return [node for node in root.iter(f"{SVG}rect") if node.get("class") == kind]


def themes(*values: int) -> SafeString:
    bars = [Bar(f"Thema {n}", value) for n, value in enumerate(values)]
    return bar_chart(bars, title="Thema's", description="Initiatieven per thema.")


def figures(*items: Progress, name: str = "Dorpshuis Smilde") -> SafeString:
    return progress_chart(
        [ProgressGroup(name, items)], title="Kerncijfers", description="Doel en stand."
    )


def test_empty_input_gives_an_empty_string():
    assert bar_chart([], title="t", description="d") == ""
    assert progress_chart([], title="t", description="d") == ""
    assert progress_chart([ProgressGroup("Leeg", [])], title="t", description="d") == ""


def test_bar_chart_draws_one_row_per_bar_in_order():
    root = parse(themes(3, 0, 7))
    assert texts(root) == ["Thema 0", "3", "Thema 1", "0", "Thema 2", "7"]
    assert len(rects(root, "bar")) == 2  # a zero is an empty bar: only its "0" shows
    assert root.get("viewBox").startswith(f"0 0 {WIDTH} ")


def test_bar_lengths_are_proportional_to_the_largest_value():
    widths = [float(bar.get("width")) for bar in rects(parse(themes(10, 5, 1)), "bar")]
    assert widths[1] == pytest.approx(widths[0] / 2, abs=1)
    assert widths[2] == pytest.approx(widths[0] / 10, abs=1)
    # The largest bar is full length whatever its value (same width of value text).
    other = [float(bar.get("width")) for bar in rects(parse(themes(80, 40)), "bar")]
    assert other[0] == widths[0]
    assert WIDTH / 2 <= widths[0] < WIDTH


def test_value_label_and_dutch_thousands():
    bars = [Bar("Sociale cohesie", 1250), Bar("Gezondheid", 1)]
    svg = bar_chart(bars, title="t", description="d", value_label=lambda v: f"{v} keer")
    assert texts(parse(svg))[1::2] == ["1250 keer", "1 keer"]
    assert "1.250" in texts(parse(themes(1250)))


def test_long_labels_wrap_over_two_lines_at_most_and_are_shortened_with_an_ellipsis():
    label = "Eenzaamheid tegengaan bij ouderen " * 6
    lines = texts(parse(bar_chart([Bar(label, 4)], title="t", description="d")))[:-1]
    assert len(lines) == 2
    assert lines[1].endswith("…")
    assert label.startswith(lines[0])


def test_all_text_is_escaped_and_the_svg_stays_well_formed():
    svg = bar_chart([Bar(EVIL, 2), Bar("null\x00byte", 1)], title=EVIL, description=EVIL + "\x0b")
    assert isinstance(svg, SafeString)
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg and "&amp; Zoon" in svg
    root = parse(svg)
    assert texts(root)[0] == EVIL
    assert root.find(f"{SVG}title").text == EVIL

    svg = figures(Progress(EVIL, 5, 1), name=EVIL)
    assert "<script" not in svg
    assert texts(parse(svg))[:2] == [EVIL, EVIL]


def test_title_and_desc_come_first_and_name_the_chart():
    root = parse(themes(4, 2))
    title, desc = list(root)[:2]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Thema's"
    # role="img" hides the drawn text from screen readers, so desc carries the numbers.
    assert desc.text == "Initiatieven per thema. Thema 0: 4; Thema 1: 2"


def test_output_is_deterministic_and_ids_differ_between_charts():
    assert themes(4, 2) == themes(4, 2)
    first, second = parse(themes(4, 2)), parse(themes(4, 3))
    assert first.find(f"{SVG}title").get("id") != second.find(f"{SVG}title").get("id")
    progress = parse(figures(Progress("diners", 10, 4)))
    assert progress.find(f"{SVG}title").get("id") != first.find(f"{SVG}title").get("id")


def test_progress_shows_true_numbers_but_caps_the_bar_at_the_target():
    root = parse(figures(Progress("dorpsdiners per jaar", 10, 12), Progress("bezoekers", 8, 2)))
    assert texts(root) == [
        "Dorpshuis Smilde",
        "dorpsdiners per jaar",
        "12 van 10 gehaald ✓",  # reached: said in words, not by colour alone
        "bezoekers",
        "2 van 8",
    ]
    tracks, done = rects(root, "track"), rects(root, "done")
    assert len(tracks) == len(done) == 2
    assert float(done[0].get("width")) == float(tracks[0].get("width")) == WIDTH - 1
    assert float(done[1].get("width")) == pytest.approx((WIDTH - 1) / 4, abs=1)
    assert done[0].get("fill") != done[1].get("fill")


def test_progress_not_counted_yet():
    root = parse(figures(Progress("bezoekers", 1250, None), Progress("spreekuren", 40, 0)))
    assert texts(root)[1:] == ["bezoekers", "nog niet geteld, doel 1.250", "spreekuren", "0 van 40"]
    assert len(rects(root, "track")) == 2
    assert rects(root, "done") == []


def test_progress_note_goes_under_the_track_and_into_the_description():
    root = parse(
        figures(
            Progress("dorpsdiners", 52, 48, note="geteld jan–nov 2025 · 2024: 41"),
            Progress("bezoekers", 40, 45, note=""),
        )
    )
    assert texts(root) == [
        "Dorpshuis Smilde",
        "dorpsdiners",
        "48 van 52",
        "geteld jan–nov 2025 · 2024: 41",
        "bezoekers",
        "45 van 40 gehaald ✓",
    ]
    note = [node for node in root.iter(f"{SVG}text") if "geteld" in (node.text or "")][0]
    track = rects(root, "track")[0]
    assert float(note.get("y")) > float(track.get("y"))  # under its track
    assert note.get("fill") == "#4a525b"
    desc = root.find(f"{SVG}desc").text
    assert "dorpsdiners: 48 van 52 (geteld jan–nov 2025 · 2024: 41)" in desc


def test_a_long_note_is_shortened_to_one_line():
    note = "vastgesteld: " + "de telling van het voorjaar is kwijtgeraakt " * 4
    lines = texts(parse(figures(Progress("diners", 10, 4, note=note))))
    assert len(lines) == 4 and lines[-1].endswith("…")


def test_weasyprint_draws_both_charts_on_one_page():
    bars = bar_chart(
        [Bar("Sociale cohesie", 12), Bar(EVIL, 3)], title="Thema's", description="Per thema."
    )
    progress = figures(Progress("dorpsdiners per jaar", 10, 12), Progress("bezoekers", 40, None))
    html = f"<html><body><h1>Samenvatting</h1>{bars}{progress}</body></html>"
    reader = PdfReader(io.BytesIO(weasyprint.HTML(string=html).write_pdf()))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in ("Sociale cohesie", "Zoon", "Dorpshuis Smilde", "12 van 10 gehaald"):
        assert expected in text
    assert "nog niet geteld, doel 40" in text
