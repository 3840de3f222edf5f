"""`shorten`: answers on one line, within a width, cut only between words."""

import pytest

from common.text import ELLIPSIS, first_sentence, shorten, shorten_at_sentence


def test_short_text_is_unchanged():
    assert shorten("Samen eten in het dorpshuis", 40) == "Samen eten in het dorpshuis"


def test_text_of_exactly_the_width_is_unchanged():
    text = "Samen eten in het dorpshuis"
    assert shorten(text, len(text)) == text


def test_whitespace_is_collapsed_to_single_spaces():
    assert shorten("  Samen\teten\n\nin het   dorpshuis \n", 40) == "Samen eten in het dorpshuis"


def test_long_text_is_cut_at_a_word_boundary_with_an_ellipsis():
    text = "Elke donderdag koken vrijwilligers een maaltijd voor ouderen uit het dorp"
    short = shorten(text, 30)
    assert short == "Elke donderdag koken…"
    assert short.endswith(ELLIPSIS)
    kept = short.removesuffix(ELLIPSIS)
    # What is kept is the start of the text, followed there by a space: a whole word.
    assert text.startswith(kept)
    assert text[len(kept)] == " "


@pytest.mark.parametrize("width", range(8, 80))
def test_never_longer_than_the_width_and_never_mid_word(width):
    text = (
        "Het dorpshuis organiseert ontmoetingsbijeenkomsten voor alleenstaanden en "
        "mantelzorgers uit Smilde en omgeving"
    )
    short = shorten(text, width)
    assert len(short) <= width
    if short != text:
        kept = short.removesuffix(ELLIPSIS)
        assert short.endswith(ELLIPSIS)
        assert text.startswith(kept)
        assert text[len(kept)] == " ", f"cut inside a word: {short!r}"


def test_a_single_overlong_word_is_cut_to_the_width():
    """A pasted web address has no boundary to cut at: the one exception."""
    word = "https://www.dorpshuissmilde.nl/" + "a" * 300
    short = shorten(word, 55)
    assert len(short) == 55
    assert short == word[:54] + ELLIPSIS


def test_an_overlong_first_word_keeps_as_much_as_fits():
    short = shorten("Ontmoetingsbijeenkomstenprogramma voor iedereen", 20)
    assert len(short) <= 20
    assert short.endswith(ELLIPSIS)
    assert short.removesuffix(ELLIPSIS) != ""


def test_the_cut_never_leaves_a_dangling_space_before_the_ellipsis():
    short = shorten("een twee drie vier vijf zes zeven acht", 20)
    assert not short.removesuffix(ELLIPSIS).endswith(" ")


def test_a_hyphenated_word_is_not_cut_at_its_hyphen():
    text = "Gemeente Midden-Drenthe steunt het dorpshuis"
    short = shorten(text, 24)
    kept = short.removesuffix(ELLIPSIS)
    assert text[len(kept)] == " ", f"cut inside a word: {short!r}"


def test_a_joined_list_is_not_cut_right_after_its_separator():
    short = shorten("Vrijwilligers · Geld · Gebouw of ruimte", 17)
    assert not short.removesuffix(ELLIPSIS).endswith("·"), short


def test_whole_sentences_when_they_fill_half_the_room():
    text = (
        "Er is geen plek om elkaar te ontmoeten. Sinds de school dicht is, zien we elkaar minder."
    )
    assert shorten_at_sentence(text, 60) == "Er is geen plek om elkaar te ontmoeten."


def test_a_short_first_sentence_gives_way_to_words():
    text = "Kort. Daarna volgt een lange zin over het dorpshuis en alles wat daar gebeurt."
    short = shorten_at_sentence(text, 40)
    assert short.endswith(ELLIPSIS) and short.startswith("Kort. Daarna")
    assert len(short) <= 40


def test_text_that_fits_is_left_whole():
    assert shorten_at_sentence("  Samen   eten. ", 40) == "Samen eten."


def test_first_sentence():
    assert first_sentence("Eerst dit. Dan dat.") == "Eerst dit."
    assert first_sentence("Zonder punt aan het eind") == "Zonder punt aan het eind"
    assert first_sentence("Versie 2.0 is er. Klaar.") == "Versie 2.0 is er."
