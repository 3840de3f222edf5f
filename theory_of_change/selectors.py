"""Reads of theories: loading a theory with all its step content, and the review's history
(submissions, what changed since, comment threads)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import get_language

from theory_of_change.history import ChangeLine, describe_changes, snapshot_changes
from theory_of_change.models import (
    Action,
    Comment,
    Status,
    StepRevision,
    TheoryOfChange,
    Transition,
)
from theory_of_change.steps import ROW_TABLES, STEPS, ListStep, RowTable, Step, StepProgress

# How long the completeness of a theory's steps is kept (per saved version: any save
# changes `updated_at` and with it the key, so this only bounds the cache's size).
PROGRESS_SECONDS = 24 * 60 * 60


def with_content(queryset: QuerySet[TheoryOfChange]) -> QuerySet[TheoryOfChange]:
    """Prefetch every step's rows and links in a fixed number of queries.

    Completeness, snapshots and the step forms read rows through `theory.<list>.all()`,
    which then hits this cache instead of the database: the query count of a page stays the
    same however many rows a step has.
    """
    return queryset.select_related("initiative", "initiative__municipality").prefetch_related(
        *(_rows_prefetch(table) for table in ROW_TABLES)
    )


def reload_with_content(theory: TheoryOfChange, *, step: Step | None = None) -> TheoryOfChange:
    """`theory` as the database holds it now, with the content of every step (only that of
    `step` when given): what a save really stored, or what a check must see after a lock."""
    theories = TheoryOfChange.objects.filter(pk=theory.pk)
    return (with_content(theories) if step is None else with_step_content(theories, step)).get()


def with_step_content(queryset: QuerySet[TheoryOfChange], step: Step) -> QuerySet[TheoryOfChange]:
    """Only the rows of one step (and what they link to): what a step's page shows and
    edits. A text step keeps its content on the theory itself."""
    queryset = queryset.select_related("initiative", "initiative__municipality")
    if not isinstance(step, ListStep):
        return queryset
    (table,) = (table for table in ROW_TABLES if table.related_name == step.related_name)
    return queryset.prefetch_related(_rows_prefetch(table))


def step_progress(theory: TheoryOfChange) -> list[StepProgress]:
    """What every step still misses, for the progress bar of the step pages.

    Kept in the cache per saved version of the theory (`updated_at`, which every save of
    its content moves on) and language: without it, every step page would load the rows of
    all ten steps to show one.
    """

    def missing_by_step() -> dict[int, list[str]]:
        loaded = reload_with_content(theory)
        return {step.number: step.missing(loaded) for step in STEPS}

    key = f"step-progress:{theory.pk}:{theory.updated_at.isoformat()}:{get_language()}"
    missing = cache.get_or_set(key, missing_by_step, PROGRESS_SECONDS)
    return [StepProgress(step=step, missing=missing[step.number]) for step in STEPS]


def _rows_prefetch(table: RowTable) -> Prefetch:
    """A table's rows with what its fields link to: references and rows they point to
    joined in, many-to-many links prefetched (one query each)."""
    linked = [table.model._meta.get_field(name) for name in table.fields]
    rows = table.model.objects.select_related(
        *(field.name for field in linked if field.many_to_one)
    ).prefetch_related(*(field.name for field in linked if field.many_to_many))
    return Prefetch(table.related_name, queryset=rows)


def latest_revision(*, theory: TheoryOfChange, step_number: int) -> StepRevision | None:
    return (
        StepRevision.objects.filter(theory=theory, step=step_number)
        .select_related("author")
        .order_by("-pk")
        .first()
    )


def undoable_removal(latest: StepRevision | None, revision_id: int) -> StepRevision | None:
    """`latest`, a step's latest revision, if it is revision `revision_id` and removed a
    row: only the step's last change can be undone, or putting the row back would undo
    a later save too."""
    if latest is not None and latest.pk == revision_id and latest.removed:
        return latest
    return None


def standing_submissions(theory: TheoryOfChange) -> list[Transition]:
    """The theory's submissions that were not withdrawn, oldest first: each withdrawal
    cancels the submission just before it."""
    standing: list[Transition] = []
    rounds = Transition.objects.filter(
        theory=theory, action__in=(Action.SUBMIT, Action.WITHDRAW)
    ).order_by("pk")
    for transition in rounds:
        if transition.action == Action.SUBMIT:
            standing.append(transition)
        elif standing:
            standing.pop()
    return standing


def review_baseline(theory: TheoryOfChange) -> Transition | None:
    """The submission that "what changed" compares with.

    While a theory is submitted, the advisor compares it with the submission before (what
    changed since they last looked); otherwise the volunteers compare their work with what
    they last submitted. Withdrawn submissions do not count. None before the first
    comparison is possible.
    """
    standing = standing_submissions(theory)
    skip = 2 if theory.status == Status.SUBMITTED else 1
    return standing[-skip] if len(standing) >= skip else None


def changes_since(
    theory: TheoryOfChange, baseline: Transition | None
) -> dict[int, list[ChangeLine]]:
    """Per step number, what changed between a submission and the theory as it is now.

    Compares the revisions the submission recorded with the current content (load the
    theory with `with_content`); steps without changes are left out.
    """
    if baseline is None:
        return {}
    submitted = {
        revision.step: revision.snapshot
        for revision in StepRevision.objects.filter(pk__in=list(baseline.revisions.values()))
    }
    result = {}
    for step in STEPS:
        changes = snapshot_changes(submitted.get(step.number), step.snapshot(theory))
        if changes:
            result[step.number] = describe_changes(step, changes)
    return result


@dataclass
class Thread:
    """A comment thread: the first comment and its replies, oldest first."""

    comment: Comment
    replies: list[Comment] = field(default_factory=list)

    @property
    def is_resolved(self) -> bool:
        return self.comment.is_resolved

    @property
    def version(self) -> str:
        """What the page shows of the thread, for its resolve forms: the id of its newest
        comment (`workflow.thread_version`, from what is loaded here)."""
        return str(max(comment.pk for comment in [self.comment, *self.replies]))


def comment_threads(theory: TheoryOfChange, *, step: int | None = None) -> dict[int, list[Thread]]:
    """The comment threads per step number, open threads before resolved ones, in one query."""
    comments = Comment.objects.filter(theory=theory).select_related(
        "author", "resolved_by", "processed_by"
    )
    if step is not None:
        comments = comments.filter(step=step)
    threads: dict[int, Thread] = {}
    replies: list[Comment] = []
    for comment in comments.order_by("created_at", "pk"):
        if comment.thread_id is None:
            threads[comment.pk] = Thread(comment)
        else:
            replies.append(comment)
    for reply in replies:
        threads[reply.thread_id].replies.append(reply)
    by_step: dict[int, list[Thread]] = defaultdict(list)
    for thread in sorted(threads.values(), key=lambda thread: thread.is_resolved):
        by_step[thread.comment.step].append(thread)
    return dict(by_step)


def open_thread_count(threads: dict[int, list[Thread]]) -> int:
    return sum(not thread.is_resolved for step in threads.values() for thread in step)


def open_comment_counts(theory: TheoryOfChange) -> dict[int, int]:
    """How many comment threads are open per step number (one query): the step tabs show
    where the advisor's questions are."""
    rows = (
        Comment.objects.filter(theory=theory, thread__isnull=True, resolved_at__isnull=True)
        .values("step")
        .annotate(open=Count("pk"))
    )
    return {row["step"]: row["open"] for row in rows}
