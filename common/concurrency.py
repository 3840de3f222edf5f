"""Two people saving the same thing, or one person sending the same form twice.

*Lost updates.* A form that overwrites shared values (the fact sheet's quote, an
initiative's details, ...) carries the version of those values it was opened with, in a
hidden field `base_version`: a hash of the stored values (`content_version`). The service
locks the row, hashes what is stored now and compares. If they differ, someone else saved
in between: nothing is written and `StaleVersion` tells the view to show what is stored now
next to what the user typed. The form then carries the new version, so saving again
overwrites on purpose. The steps of the Verandertheorie do the same with their revisions
(`theory_of_change.services.step_save`).

A hash of exactly the form's values, not a timestamp of the row: a theory's `updated_at`
moves with every step that is saved (a quote would conflict with a step), an initiative
has none, and a hash also notices changes made elsewhere (the admin, an import). A value
that was changed and changed back hashes the same again, which is right: nothing the user
has not seen would be overwritten. Where the value is small and readable, the version is
that value itself: the assigned advisor's id (`workflow.assignment_version`), a thread's
newest comment (`workflow.thread_version`, for resolving).

*Double submissions.* A form that creates something (a comment, an invitation) carries a
random key per rendered form, in a hidden field `submission_key` (`{% submission_key %}`
from `form_keys`). The service stores a digest of that key and of what was submitted
(`submission_digest`) and returns the existing row when the same form arrives again: a
double click or a browser resubmission stores one comment (unique per author; a second
insert at the same moment fails on that and returns the first) and sends one invitation
(under the initiative's row lock). The digest includes the content, so the same rendered
form sent again with other text (back button, new text) is a new one, not a lost one.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Mapping

# The names of the hidden fields, as the templates and views use them.
VERSION_FIELD = "base_version"
SUBMISSION_KEY_FIELD = "submission_key"
SUBMISSION_KEY_MAX_LENGTH = 64


class StaleVersion(Exception):
    """The stored values changed after the form was opened.

    `current` is what is stored now (for the view to show), `version` its version (for the
    form to carry, so the next save overwrites on purpose).
    """

    def __init__(self, *, current: object, version: str):
        super().__init__("saved by someone else after the form was opened")
        self.current = current
        self.version = version


def _sha256(values: object) -> str:
    canonical = json.dumps(values, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def content_version(values: Mapping[str, object]) -> str:
    """A short, stable hash of a form's stored values (JSON-able, or shown with `str`)."""
    return _sha256(values)[:32]


def check_version(
    *, stored: Mapping[str, object], base_version: str | None, current: Callable[[], object]
) -> None:
    """Raise `StaleVersion` unless `base_version` is the version of `stored`; `current`
    gives what the view shows then (called only on a conflict).

    None skips the check: for callers that mean to overwrite (scripts, the demo data). A
    view always passes a string; an empty one (a form without the field) is a conflict.
    """
    if base_version is None:
        return
    version = content_version(stored)
    if version != base_version:
        raise StaleVersion(current=current(), version=version)


def new_submission_key() -> str:
    return secrets.token_urlsafe(18)


def submission_digest(key: str | None, *parts: object) -> str | None:
    """What a service stores to recognise a form sent twice: the form's key together with
    what was submitted. None when the form carried no key (nothing to recognise it by)."""
    key = (key or "").strip()[:SUBMISSION_KEY_MAX_LENGTH]
    if not key:
        return None
    return _sha256({"key": key, "parts": [str(part) for part in parts]})
