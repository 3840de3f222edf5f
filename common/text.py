"""Shortening volunteers' text for places with little room (the fact sheet, charts), so
that it still reads: between sentences where one ends in time, else between words, never
inside a word and never with a hyphen."""

from __future__ import annotations

import re

ELLIPSIS = "…"
# What may not end a shortened text: spaces, and the separators between listed items.
SEPARATORS = " ·,;:.–-"
# The end of a sentence: a full stop, question or exclamation mark before a space or the end.
SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


def one_line(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, width: int) -> str:
    """`text` on one line and at most `width` characters, cut between words with "…".

    A single word longer than the width (a pasted web address, say) is the only thing ever
    cut inside a word: there is no boundary to cut at. A cut never leaves a dangling
    separator ("… vrijwilligers ·…").
    """
    text = one_line(text)
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if text[width - 1] != " " and " " in cut:
        cut = cut[: cut.rfind(" ")]  # the cut fell inside a word: end before that word
    cut = cut.rstrip(SEPARATORS) or text[: width - 1]
    return cut + ELLIPSIS


def shorten_at_sentence(text: str, width: int) -> str:
    """As `shorten`, but whole sentences when the first ones fill at least half the room:
    "Er is geen ontmoetingsplek." reads better than "Er is geen ontmoetingsplek. Sinds de…".
    """
    text = one_line(text)
    if len(text) <= width:
        return text
    ends = [match.end() for match in SENTENCE_END.finditer(text) if match.end() <= width]
    if ends and ends[-1] >= width // 2:
        return text[: ends[-1]]
    return shorten(text, width)


def first_sentence(text: str) -> str:
    """The first sentence of `text`, on one line (all of it when no sentence ends)."""
    text = one_line(text)
    match = SENTENCE_END.search(text)
    return text[: match.end()] if match else text


def normalize_text(text: str) -> str:
    """Text as it is stored and compared: line endings as "\\n" (browsers send "\\r\\n"
    from a textarea), no spaces at the end of a line, none around the whole. Two texts
    that read the same are then equal, so saving an untouched form changes nothing."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()
