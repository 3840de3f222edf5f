"""What changed between two snapshots of a step.

Changes are stored with each revision as plain data (field names and row ids, old and new
text) and turned into readable lines only when shown, so labels follow the user's language.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from theory_of_change.steps import ListStep, Step


def snapshot_changes(old: dict | None, new: dict) -> list[dict]:
    """A list of changes from `old` to `new`; `old` is None for the first save of a step."""
    if "fields" in new:
        old_fields = (old or {}).get("fields", {})
        return [
            {"action": "changed", "field": name, "old": old_fields.get(name, ""), "new": value}
            for name, value in new["fields"].items()
            if old_fields.get(name, "") != value
        ]

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
            if old_rows[row_id].get(name, "") != value
        }
        if fields:
            changes.append({"action": "changed", "row": row_id, "values": values, "fields": fields})
    for row_id, values in old_rows.items():
        if row_id not in new_rows:
            changes.append({"action": "removed", "row": row_id, "values": values})
    return changes


@dataclass(frozen=True)
class ChangeLine:
    """One readable line of a change, for templates."""

    action: str  # added, removed or changed
    title: str
    details: list[tuple[str, str, str]]  # (label, old, new)

    @property
    def action_label(self) -> str:
        return {"added": _("Toegevoegd"), "removed": _("Verwijderd"), "changed": _("Gewijzigd")}[
            self.action
        ]


def describe_changes(step: Step, changes: list[dict]) -> list[ChangeLine]:
    labels = step.field_labels()
    lines = []
    for change in changes:
        if "field" in change:
            label = labels.get(change["field"], change["field"])
            lines.append(ChangeLine("changed", label, [(label, change["old"], change["new"])]))
            continue
        assert isinstance(step, ListStep)
        title = change["values"].get(step.label_field, "")
        if change["action"] == "changed":
            details = [
                (labels.get(name, name), old, new) for name, (old, new) in change["fields"].items()
            ]
        else:
            details = [
                (labels.get(name, name), "", value)
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
    if "fields" in snapshot:
        values = [snapshot["fields"]]
    else:
        values = [row["values"] for row in snapshot.get("rows", [])]
    blocks = [
        [(labels.get(name, name), value) for name, value in row.items() if value] for row in values
    ]
    return [block for block in blocks if block]
