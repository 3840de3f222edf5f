"""`python manage.py factsheet <slug> --year <year> --output <file.pdf> [--poster]`."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tests.factories import TheoryFactory
from tests.factsheet.conftest import A3_SIZE, A4_SIZE, assert_size, read_pdf

pytestmark = pytest.mark.django_db


def test_writes_a_one_page_a4_pdf(approved_a, tmp_path):
    output = tmp_path / "x.pdf"

    call_command("factsheet", "dorpshuis-smilde", "--year", "2025", "--output", str(output))

    pdf = read_pdf(output.read_bytes())
    assert pdf.pages == 1
    assert_size(pdf, A4_SIZE)
    assert pdf.says("Dorpshuis Smilde")
    assert pdf.says("Goedgekeurd op")


def test_poster_writes_a_one_page_a3_pdf(complete_a, tmp_path):
    output = tmp_path / "poster.pdf"

    call_command(
        "factsheet", "dorpshuis-smilde", "--year", "2025", "--output", str(output), "--poster"
    )

    pdf = read_pdf(output.read_bytes())
    assert pdf.pages == 1
    assert_size(pdf, A3_SIZE)
    assert "CONCEPT" in pdf.compact


@pytest.mark.parametrize(("slug", "year"), [("bestaat-niet", "2025"), ("dorpshuis-smilde", "2019")])
def test_an_unknown_initiative_or_year_is_an_error(theory_a, fake_render, tmp_path, slug, year):
    output = tmp_path / "x.pdf"

    with pytest.raises(CommandError, match=slug):
        call_command("factsheet", slug, "--year", year, "--output", str(output))

    assert not output.exists()
    assert fake_render == []


def test_an_initiative_without_theories_is_an_error(initiative_a, fake_render, tmp_path):
    with pytest.raises(CommandError):
        call_command("factsheet", "dorpshuis-smilde", "--output", str(tmp_path / "x.pdf"))


def test_without_a_year_it_takes_the_newest(theory_a, fake_render, tmp_path, monkeypatch):
    TheoryFactory(initiative=theory_a.initiative, year=2024)
    TheoryFactory(initiative=theory_a.initiative, year=2026)
    monkeypatch.chdir(tmp_path)

    call_command("factsheet", "dorpshuis-smilde")

    assert sorted(path.name for path in tmp_path.glob("*.pdf")) == [
        "feitenblad-dorpshuis-smilde-2026.pdf"
    ]
    assert (
        b"dorpshuis-smilde 2026 a4"
        in (tmp_path / "feitenblad-dorpshuis-smilde-2026.pdf").read_bytes()
    )


def test_language_english(complete_a, tmp_path):
    output = tmp_path / "en.pdf"

    call_command("factsheet", "dorpshuis-smilde", "--language", "en", "--output", str(output))

    pdf = read_pdf(output.read_bytes())
    for label in ["Problem", "Goal", "Input", "Approach", "Output", "Outcome", "Impact"]:
        assert pdf.says(label), label
    assert pdf.says("Social cohesion")  # the theme's English name
    assert not pdf.says("Sociale cohesie")


def test_the_command_uses_the_cache(approved_a, render_calls, tmp_path):
    for name in ("one.pdf", "two.pdf"):
        call_command("factsheet", "dorpshuis-smilde", "--output", str(tmp_path / name))

    assert render_calls == ["a4"]
    assert (tmp_path / "one.pdf").read_bytes() == (tmp_path / "two.pdf").read_bytes()
