"""What changed between two snapshots of a step.

Changes are stored with each revision as plain data (field names and row ids, old and new
text) and turned into readable lines only when shown, so labels follow the user's language.
`check_snapshot` and `check_changes` say whether data from elsewhere (an imported file) has
the shape this module writes and the history pages read.
"""

import difflib
import re
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.translation import gettext as _

from common.text import normalize_text
from theory_of_change.steps import ListStep, Step, TextStep


def _same(old, new) -> bool:
    """Equal as a reader sees them: texts compared after `normalize_text`, so a line ending
    the browser wrote differently is no change."""
    if isinstance(old, str) and isinstance(new, str):
        return normalize_text(old) == normalize_text(new)
    return old == new


def snapshot_changes(old: dict | None, new: dict) -> list[dict]:
    """A list of changes from `old` to `new`; `old` is None for the first save of a step.

    A snapshot holds the step's fields on the theory ("fields": the text of steps 1 and 2,
    the "kort gezegd" line of steps 3 to 7), its rows ("rows", steps 3 to 10), or both. A
    field missing from an older snapshot was empty then.
    """
    old_fields = (old or {}).get("fields", {})
    changes = [
        {"action": "changed", "field": name, "old": old_fields.get(name, ""), "new": value}
        for name, value in new.get("fields", {}).items()
        if not _same(old_fields.get(name, ""), value)
    ]
    if "rows" in new:
        changes.extend(_row_changes(old, new))
    return changes


def _row_changes(old: dict | None, new: dict) -> list[dict]:
    old_rows = {row["id"]: row["values"] for row in (old or {}).get("rows", [])}
    new_rows = {row["id"]: row["values"] for row in new.get("rows", [])}
    changes: list[dict] = []
    for row_id, values in new_rows.items():
        if row_id not in old_rows:
            changes.append({"action": "added", "row": row_id, "values": values})
            continue
        fields = {
            name: [old_rows[row_id].get(name, ""), value]
            for name, value in values.items()
            if not _same(old_rows[row_id].get(name, ""), value)
        }
        if fields:
            changes.append({"action": "changed", "row": row_id, "values": values, "fields": fields})
    for row_id, values in old_rows.items():
        if row_id not in new_rows:
            changes.append({"action": "removed", "row": row_id, "values": values})
    return changes


# Words and the spaces between them, so a text can be compared word by word.
WORDS = re.compile(r"\s+|[^\s]+")
# Below this share of unchanged characters, a word-by-word comparison is more confusing
# than the old and the new text one after the other.
WORD_DIFF_MINIMUM = 0.4


class Segment(NamedTuple):
    kind: str  # "same", "removed" or "added"
    text: str


def word_diff(old: str, new: str) -> list[Segment] | None:
    """What changed between two texts, word by word; None when they differ so much that
    showing the old and the new text whole reads better."""
    old_words, new_words = WORDS.findall(str(old)), WORDS.findall(str(new))
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    segments: list[Segment] = []
    same = 0
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            text = "".join(old_words[a1:a2])
            same += len(text)
            segments.append(Segment("same", text))
            continue
        if a2 > a1:
            segments.append(Segment("removed", "".join(old_words[a1:a2])))
        if b2 > b1:
            segments.append(Segment("added", "".join(new_words[b1:b2])))
    longest = max(len(str(old)), len(str(new)), 1)
    return segments if same / longest >= WORD_DIFF_MINIMUM else None


class Detail(NamedTuple):
    """One field of a change: its label, the old and the new value."""

    label: str
    old: str
    new: str

    @property
    def segments(self) -> list[Segment] | None:
        """Word by word, for a text that was edited (not emptied or filled in)."""
        if not (isinstance(self.old, str) and isinstance(self.new, str)):
            return None
        if not self.old or not self.new or " " not in f"{self.old} {self.new}".strip():
            return None
        return word_diff(self.old, self.new)


@dataclass(frozen=True)
class ChangeLine:
    """One readable line of a change, for templates."""

    action: str  # added, removed or changed
    title: str
    details: list[Detail]

    @property
    def action_label(self) -> str:
        return {"added": _("Toegevoegd"), "removed": _("Verwijderd"), "changed": _("Gewijzigd")}[
            self.action
        ]

    @property
    def shows_old_and_new(self) -> bool:
        """A change lists each field's old and new value; an added or removed row is told
        by its title alone."""
        return self.action == "changed" and bool(self.details)


def describe_changes(step: Step, changes: list[dict]) -> list[ChangeLine]:
    labels = step.field_labels()
    lines = []
    for change in changes:
        if "field" in change:
            label = labels.get(change["field"], change["field"])
            lines.append(
                ChangeLine("changed", label, [Detail(label, change["old"], change["new"])])
            )
            continue
        assert isinstance(step, ListStep)
        title = change["values"].get(step.label_field, "")
        if change["action"] == "changed":
            details = [
                Detail(labels.get(name, name), old, new)
                for name, (old, new) in change["fields"].items()
            ]
        else:
            details = [
                Detail(labels.get(name, name), "", value)
                for name, value in change["values"].items()
                if value
            ]
        lines.append(ChangeLine(change["action"], title, details))
    return lines


def describe_snapshot(step: Step, snapshot: dict) -> list[list[tuple[str, str]]]:
    """A snapshot as blocks of (label, value) pairs: one block per row, or one for text.

    Empty values are left out, and so are blocks with nothing in them.
    """
    labels = step.field_labels()
    values = [snapshot.get("fields", {})] + [row["values"] for row in snapshot.get("rows", [])]
    blocks = [
        [(labels.get(name, name), value) for name, value in row.items() if value] for row in values
    ]
    return [block for block in blocks if block]


# --- checking history from elsewhere ---------------------------------------------------------


class MalformedHistory(ValueError):
    """A snapshot or changes of a shape the history pages cannot show.

    `where` is the place inside the checked value ("rows[2].values.name", "[0].action");
    `problem` says what is wrong, in words for people.
    """

    def __init__(self, where: str, problem: str):
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


def _at(where: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


def _mapping(value, where: str, keys: set[str], *, optional: set[str] = frozenset()) -> dict:
    """A dict with exactly these keys (and perhaps the optional ones)."""
    if not isinstance(value, dict):
        raise MalformedHistory(where, _("hier hoort een object ({…}) te staan."))
    missing = sorted(keys - value.keys())
    if missing:
        raise MalformedHistory(_at(where, missing[0]), _("dit ontbreekt."))
    unknown = sorted(value.keys() - keys - optional)
    if unknown:
        raise MalformedHistory(_at(where, unknown[0]), _("dit hoort hier niet."))
    return value


def _sequence(value, where: str) -> list:
    if not isinstance(value, list):
        raise MalformedHistory(where, _("hier hoort een lijst ([…]) te staan."))
    return value


def _text(value, where: str) -> None:
    if not isinstance(value, str):
        raise MalformedHistory(where, _("hier hoort tekst te staan."))


def _field_name(step: Step, name, where: str, *, names: tuple[str, ...] | None = None) -> None:
    if name not in (step.fields if names is None else names):
        raise MalformedHistory(
            where,
            _("stap %(number)s heeft geen veld ‘%(name)s’.")
            % {"number": step.number, "name": name},
        )


def _values(step: Step, values, where: str, *, names: tuple[str, ...] | None = None) -> None:
    """Field name -> the text a reader saw, for fields of this step (its row fields, or
    `names`)."""
    if not isinstance(values, dict):
        raise MalformedHistory(where, _("hier hoort een object ({…}) te staan."))
    for name, value in values.items():
        _field_name(step, name, _at(where, name), names=names)
        _text(value, _at(where, name))


def _fields(step: Step, values, where: str) -> None:
    """The step's fields on the theory itself."""
    _values(step, values, where, names=step.theory_fields)


def _row_id(value, where: str, id_type: type) -> None:
    if type(value) is not id_type:  # not isinstance: True is an int
        raise MalformedHistory(where, _("dit is geen verwijzing naar een regel."))


def check_snapshot(step: Step, snapshot, *, id_type: type = int) -> None:
    """Raise `MalformedHistory` unless `snapshot` has the shape `step.snapshot()` gives.

    Row ids are of `id_type` (int in the database; an export names rows with str keys).
    Fields the step does not have are refused; a field it gained since may be missing.
    """
    if isinstance(step, TextStep):
        _fields(step, _mapping(snapshot, "", {"fields"})["fields"], "fields")
        return
    optional = {"fields"} if step.theory_fields else set()
    _mapping(snapshot, "", {"rows"}, optional=optional)
    if "fields" in snapshot:
        _fields(step, snapshot["fields"], "fields")
    rows = _sequence(snapshot["rows"], "rows")
    seen = set()
    for index, row in enumerate(rows):
        where = _at("rows", index)
        _mapping(row, where, {"id", "values"})
        _row_id(row["id"], _at(where, "id"), id_type)
        if row["id"] in seen:
            raise MalformedHistory(_at(where, "id"), _("deze regel staat er twee keer in."))
        seen.add(row["id"])
        _values(step, row["values"], _at(where, "values"))


def check_changes(step: Step, changes, *, id_type: type = int) -> None:
    """Raise `MalformedHistory` unless `changes` has the shape `snapshot_changes` gives."""
    for index, change in enumerate(_sequence(changes, "")):
        where = _at("", index)
        if not isinstance(change, dict):
            raise MalformedHistory(where, _("hier hoort een object ({…}) te staan."))
        action = change.get("action")
        if isinstance(step, TextStep) or "field" in change:
            _mapping(change, where, {"action", "field", "old", "new"})
            if action != "changed":
                raise MalformedHistory(_at(where, "action"), _("hier hoort ‘changed’ te staan."))
            _field_name(step, change["field"], _at(where, "field"), names=step.theory_fields)
            _text(change["old"], _at(where, "old"))
            _text(change["new"], _at(where, "new"))
            continue
        if action not in ("added", "removed", "changed"):
            raise MalformedHistory(
                _at(where, "action"), _("hier hoort ‘added’, ‘removed’ of ‘changed’ te staan.")
            )
        keys = {"action", "row", "values"} | ({"fields"} if action == "changed" else set())
        _mapping(change, where, keys)
        _row_id(change["row"], _at(where, "row"), id_type)
        _values(step, change["values"], _at(where, "values"))
        if action == "changed":
            _changed_fields(step, change["fields"], _at(where, "fields"))


def _changed_fields(step: Step, fields, where: str) -> None:
    """Field name -> [old text, new text]."""
    if not isinstance(fields, dict):
        raise MalformedHistory(where, _("hier hoort een object ({…}) te staan."))
    for name, pair in fields.items():
        _field_name(step, name, _at(where, name))
        if not (isinstance(pair, list) and len(pair) == 2):
            raise MalformedHistory(
                _at(where, name), _("hier hoort een lijst met de oude en de nieuwe tekst te staan.")
            )
        for position, text in enumerate(pair):
            _text(text, _at(_at(where, name), position))
