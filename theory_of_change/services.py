"""State changes of theories. Views validate a form, call one of these, and redirect."""

from __future__ import annotations

from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone

from common import deletion
from initiatives.models import Initiative, User
from theory_of_change.forms import StepForm
from theory_of_change.history import snapshot_changes
from theory_of_change.models import StepRevision, TheoryOfChange
from theory_of_change.results.services import results_touch
from theory_of_change.selectors import latest_revision, reload_with_content, undoable_removal
from theory_of_change.steps import STEPS, ListStep, Step


class EditConflict(Exception):
    """Someone else saved the step after this editor opened it."""

    def __init__(self, revision: StepRevision):
        super().__init__(f"step {revision.step} was saved by someone else")
        self.revision = revision


class NotEditable(Exception):
    """The theory was submitted or approved while the editor had the step open."""


class RestoreRefused(Exception):
    """A removed row can no longer be put back: the step was saved again since."""


class TheoryExists(Exception):
    """The initiative already has a Verandertheorie for that year."""


def step_save(
    *,
    theory: TheoryOfChange,
    step: Step,
    form: StepForm,
    by: User,
    base_revision_id: int,
) -> StepRevision | None:
    """Save a valid step form and record what changed.

    `base_revision_id` is the newest revision of the step when the editor opened it (0 when
    it had none). If someone saved the step since, nothing is written and `EditConflict`
    tells the view to show both versions; saving again with the newer id overwrites on
    purpose. Returns the new revision, or None when the save changed nothing.
    """
    with transaction.atomic():
        # The row lock makes a second save of the same theory wait for the first to finish,
        # so two simultaneous saves cannot both pass the conflict check, and a save cannot
        # slip in after the theory was submitted.
        _locked_editable(theory)
        latest = latest_revision(theory=theory, step_number=step.number)
        if latest is not None and latest.pk != base_revision_id:
            raise EditConflict(latest)
        before = form.snapshot_before
        form.save()
        return _record_revision(theory=theory, step=step, before=before, by=by)


def _locked_editable(theory: TheoryOfChange) -> TheoryOfChange:
    """The theory, row-locked for the rest of the transaction, if it may still be edited."""
    locked = TheoryOfChange.objects.select_for_update().get(pk=theory.pk)
    if not locked.is_editable:
        raise NotEditable(locked.status)
    return locked


def _record_revision(
    *, theory: TheoryOfChange, step: Step, before: dict, by: User, removed: dict | None = None
) -> StepRevision | None:
    """A revision of the step as the database now holds it, if it differs from `before`."""
    after = step.snapshot(reload_with_content(theory, step=step))
    changes = snapshot_changes(before, after)
    if not changes:
        return None
    TheoryOfChange.objects.filter(pk=theory.pk).update(updated_at=timezone.now())
    return StepRevision.objects.create(
        theory=theory,
        step=step.number,
        author=by,
        snapshot=after,
        changes=changes,
        removed=removed or {},
    )


def _touch_results_if_in(record: dict, theory: TheoryOfChange) -> None:
    """Counted results went or came back with a row: the fact sheets show other figures."""
    models = (apps.get_model(label) for label in deletion.models_in(record))
    if any(model.__module__.startswith("theory_of_change.results.") for model in models):
        results_touch(theory)


def row_delete(
    *, theory: TheoryOfChange, step: ListStep, row_id: int, by: User
) -> StepRevision | None:
    """Remove one row of a list step, keeping what it took with it in the revision so that
    `row_restore` can put it back. Returns None when the row was already gone."""
    with transaction.atomic():
        _locked_editable(theory)
        rows = step.model.objects.filter(theory=theory, pk=row_id)
        if step.level is not None:
            rows = rows.filter(level=step.level)
        row = rows.first()
        if row is None:
            return None
        before = step.snapshot(reload_with_content(theory, step=step))
        record = deletion.delete_with_record(row)
        record["label"] = step.row_label(row)
        _touch_results_if_in(record, theory)
        return _record_revision(theory=theory, step=step, before=before, by=by, removed=record)


def row_restore(
    *, theory: TheoryOfChange, step: ListStep, revision_id: int, by: User
) -> StepRevision:
    """Undo the removal recorded in revision `revision_id`, if nothing was saved since."""
    with transaction.atomic():
        _locked_editable(theory)
        latest = latest_revision(theory=theory, step_number=step.number)
        revision = undoable_removal(latest, revision_id)
        if revision is None:
            raise RestoreRefused(revision_id)
        before = revision.snapshot
        deletion.restore(revision.removed)
        _touch_results_if_in(revision.removed, theory)
        StepRevision.objects.filter(pk=revision.pk).update(removed={})
        restored = _record_revision(theory=theory, step=step, before=before, by=by)
        assert restored is not None  # the row is back, so the step differs
        return restored


def record_initial_revisions(*, theory: TheoryOfChange, by: User | None) -> None:
    """Record the current content of every step as its first revision (used by the demo
    data and by copies, so that history and conflict checks have a starting point)."""
    loaded = reload_with_content(theory)
    revisions = []
    for step in STEPS:
        snapshot = step.snapshot(loaded)
        revisions.append(
            StepRevision(
                theory=theory,
                step=step.number,
                author=by,
                snapshot=snapshot,
                changes=snapshot_changes(None, snapshot),
            )
        )
    StepRevision.objects.bulk_create(revisions)


def step_snapshots(theory: TheoryOfChange) -> dict[int, dict]:
    """Every step's snapshot as the database holds it now, by step number."""
    loaded = reload_with_content(theory)
    return {step.number: step.snapshot(loaded) for step in STEPS}


def record_changed_steps(
    *, theory: TheoryOfChange, before: dict[int, dict], by: User | None
) -> list[StepRevision]:
    """A revision for every step that differs from `before` (from `step_snapshots`): for
    changes made outside the step editor, such as an operator's edit in the admin, so the
    history stays complete."""
    revisions = []
    for number, snapshot in step_snapshots(theory).items():
        changes = snapshot_changes(before.get(number), snapshot)
        if changes:
            revisions.append(
                StepRevision(
                    theory=theory, step=number, author=by, snapshot=snapshot, changes=changes
                )
            )
    if revisions:  # the content changed: so does its version (`selectors.step_progress`)
        TheoryOfChange.objects.filter(pk=theory.pk).update(updated_at=timezone.now())
    return StepRevision.objects.bulk_create(revisions)


def theory_create(*, initiative: Initiative, year: int, by: User) -> TheoryOfChange:
    """Start an empty Verandertheorie for a year."""
    try:
        with transaction.atomic():
            return TheoryOfChange.objects.create(initiative=initiative, year=year)
    except IntegrityError as error:
        raise TheoryExists(year) from error
