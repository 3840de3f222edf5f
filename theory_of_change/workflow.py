"""The review workflow: submit, request changes, approve, reopen, comments, next year.

These are the services of the review (the editor's are in `services.py`). Views check who
may act through the access helpers and call one function here. Every status change locks
the theory's row and reads the status *after* the lock, so when two advisors press
"approve" and "request changes" at the same moment, the second one finds the status already
changed and gets `TransitionNotAllowed`: the theory always ends in one consistent state,
with one transition recorded.

    draft ──submit──▶ submitted ──approve──▶ approved ──start next year──▶ (new draft)
      ▲                │    │                   │
      └───withdraw─────┘    └─request changes─▶ changes requested ──submit──▶ submitted
                                                   ▲        │
                            approved ──reopen──────┘        └──withdraw returns here
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from common.concurrency import StaleVersion, submission_digest
from common.emails import send_email
from initiatives.models import Membership, Role, User
from theory_of_change.models import (
    Action,
    Comment,
    Status,
    StepRevision,
    TheoryOfChange,
    Transition,
    new_share_token,
)
from theory_of_change.results.services import indicators_copy
from theory_of_change.selectors import reload_with_content, standing_submissions
from theory_of_change.services import TheoryExists, record_initial_revisions
from theory_of_change.steps import ROW_TABLES, StepProgress, get_step, theory_progress


@dataclass(frozen=True)
class Move:
    """A rule of the review: from which statuses a move may be taken, the status it leads
    to, and whether advisors take it (else the initiative's coordinators and editors).

    `to` is None where the table cannot say: withdrawing returns to the status the theory
    was submitted from, and the moves outside `MOVES` change no status of this theory.
    """

    allowed: tuple[str, ...]
    to: str | None
    by_advisor: bool

    def allows(self, status: str) -> bool:
        return status in self.allowed


# The review's transition table, the one home of its rules. The services check it (the
# status under the row lock, the advisors' side of the role); the access objects build from
# it what a page offers (`theory_of_change.access.TheoryAccess`), so templates never
# compare statuses themselves. Views check the initiative's side of the role (membership).
MOVES: dict[str, Move] = {
    Action.SUBMIT: Move(
        (Status.DRAFT, Status.CHANGES_REQUESTED), to=Status.SUBMITTED, by_advisor=False
    ),
    Action.WITHDRAW: Move((Status.SUBMITTED,), to=None, by_advisor=False),
    Action.REQUEST_CHANGES: Move((Status.SUBMITTED,), to=Status.CHANGES_REQUESTED, by_advisor=True),
    Action.APPROVE: Move((Status.SUBMITTED,), to=Status.APPROVED, by_advisor=True),
    Action.REOPEN: Move((Status.APPROVED,), to=Status.CHANGES_REQUESTED, by_advisor=True),
}
# The review's moves that record no transition. Starting the next year copies an approved
# theory into a new draft (this one stays as it is); assigning names who reviews, whatever
# the status.
# A year's plan carries on into the next, approved or not yet ("Begin aan <jaar>").
START_NEXT_YEAR = Move(tuple(Status), to=None, by_advisor=False)
ASSIGN = Move(tuple(Status), to=None, by_advisor=True)


class TransitionNotAllowed(Exception):
    """The theory is not (or no longer) in a status this change starts from."""

    def __init__(self, status: str):
        super().__init__(f"not allowed from status {status}")
        self.status = Status(status)


class Incomplete(Exception):
    """Submitting needs all ten steps complete; `missing` lists the steps that are not."""

    def __init__(self, missing: list[StepProgress]):
        super().__init__(f"{len(missing)} steps are not complete")
        self.missing = missing


# Whether transitions tell the other side by e-mail; see `without_notifications`.
_notifying: ContextVar[bool] = ContextVar("review_notifications", default=True)


@contextmanager
def without_notifications() -> Iterator[None]:
    """Change statuses without e-mail, e.g. to load demo data that tells a past story.

    The switch is read when a transition queues its mail, not when the mail would go out
    (after the outermost commit), so it also holds inside a caller's transaction.
    """
    token = _notifying.set(False)
    try:
        yield
    finally:
        _notifying.reset(token)


def _notify_after_commit(transition: Transition) -> None:
    if _notifying.get():
        # robust: a mail that cannot be rendered or sent must not turn a saved decision
        # into an error page; it is logged instead.
        transaction.on_commit(lambda: transition_notify(transition=transition), robust=True)


# --- status changes --------------------------------------------------------------------------


def theory_lock(theory: TheoryOfChange) -> TheoryOfChange:
    """Lock the theory's row until the transaction ends, and return the row as stored now.

    Every status change, assigning and the copy into the next year take it before they
    read the status (see the module's docstring). Public as a seam: the concurrency tests
    wrap it to hold the lock a moment longer, so the other request certainly arrives while
    the first one decides.
    """
    return TheoryOfChange.objects.select_for_update().get(pk=theory.pk)


def _move(
    *,
    theory: TheoryOfChange,
    locked: TheoryOfChange,
    action: Action,
    by: User,
    to: str | None = None,
    message: str = "",
    **fields,
) -> Transition:
    """Change the status of a locked theory as `MOVES[action]` says, and record the
    transition.

    `to` is the status for a move whose target the table leaves open (withdrawing).
    `fields` are other columns to set in the same update. The caller's `theory` object is
    updated too, so a view can go on using it.
    """
    move = MOVES[action]
    _require_status(move, locked)
    to = move.to or to
    assert to is not None, f"{action} needs a status to go to"
    transition = Transition.objects.create(
        theory=locked,
        action=action,
        from_status=locked.status,
        to_status=to,
        by=by,
        message=message.strip(),
        revisions=fields.pop("revisions", {}),
    )
    TheoryOfChange.objects.filter(pk=locked.pk).update(status=to, **fields)
    theory.status = to
    for name, value in fields.items():
        setattr(theory, name, value)
    return transition


def _require_status(move: Move, locked: TheoryOfChange) -> None:
    if not move.allows(locked.status):
        raise TransitionNotAllowed(locked.status)


def _require_role(move: Move, user: User) -> None:
    """The advisors' side of the table's roles; the initiative's side (membership) is
    checked by the views, through `TheoryAccess`."""
    if move.by_advisor and not user.is_advisor:
        raise PermissionDenied


def _require_message(message: str) -> None:
    if not message.strip():
        raise ValueError("a message is required")


def submission_revisions(theory: TheoryOfChange) -> dict[str, int]:
    """The newest revision of every step, by step number: what a submission contains.

    Public as a seam: a concurrency test wraps it to wait between reading the revisions
    and recording them, where a step saved at the same moment would slip in if the row
    lock did not keep it out.
    """
    latest = (
        StepRevision.objects.filter(theory=theory)
        .values("step")
        .annotate(latest=Max("pk"))
        .order_by()
    )
    return {str(row["step"]): row["latest"] for row in latest}


def theory_submit(*, theory: TheoryOfChange, by: User, message: str = "") -> Transition:
    """Send a complete theory to the advisors. Raises `Incomplete` listing what is missing."""
    with transaction.atomic():
        locked = theory_lock(theory)
        _require_status(MOVES[Action.SUBMIT], locked)
        # Read the content after the lock: a step saved a moment ago is part of it.
        loaded = reload_with_content(theory)
        missing = [item for item in theory_progress(loaded) if not item.is_complete]
        if missing:
            raise Incomplete(missing)
        transition = _move(
            theory=theory,
            action=Action.SUBMIT,
            locked=locked,
            by=by,
            message=message,
            submitted_at=timezone.now(),
            revisions=submission_revisions(theory),
        )
        _notify_after_commit(transition)
    return transition


def theory_withdraw(*, theory: TheoryOfChange, by: User) -> Transition:
    """Take a submission back before an advisor decided; it returns to where it was."""
    with transaction.atomic():
        locked = theory_lock(theory)
        submission = (
            Transition.objects.filter(theory=locked, action=Action.SUBMIT).order_by("-pk").first()
        )
        transition = _move(
            theory=theory,
            locked=locked,
            action=Action.WITHDRAW,
            to=submission.from_status if submission else Status.DRAFT,
            by=by,
        )
        standing = standing_submissions(theory)
        theory.submitted_at = standing[-1].created_at if standing else None
        TheoryOfChange.objects.filter(pk=theory.pk).update(submitted_at=theory.submitted_at)
    return transition


def _advisor_decides(*, theory: TheoryOfChange, by: User, action: Action, **kw) -> Transition:
    """The shape of every advisor decision: advisors only, under the row lock, mail after."""
    _require_role(MOVES[action], by)
    with transaction.atomic():
        transition = _move(
            theory=theory,
            locked=theory_lock(theory),
            action=action,
            by=by,
            **kw,
        )
        _notify_after_commit(transition)
    return transition


def theory_request_changes(*, theory: TheoryOfChange, by: User, message: str) -> Transition:
    """An advisor sends a submission back, saying what to change."""
    _require_message(message)
    return _advisor_decides(
        theory=theory,
        by=by,
        action=Action.REQUEST_CHANGES,
        message=message,
    )


def theory_approve(*, theory: TheoryOfChange, by: User, message: str = "") -> Transition:
    """An advisor approves a submission: it becomes the official Verandertheorie that
    municipalities see, and its fact sheet gets its public link (unless the initiative
    switched that off), so the QR code on a printed sheet works without a login."""
    transition = _advisor_decides(
        theory=theory,
        by=by,
        action=Action.APPROVE,
        message=message,
        approved_at=timezone.now(),
    )
    share_link_at_approval(theory)
    return transition


def share_link_at_approval(theory: TheoryOfChange) -> None:
    """Give an approved theory its public link, unless it has one or it was switched off
    (one statement: a link someone switched on meanwhile stays as it is)."""
    token = new_share_token()
    given = TheoryOfChange.objects.filter(
        pk=theory.pk, status=Status.APPROVED, share_token__isnull=True, share_link_off=False
    ).update(share_token=token)
    if given:
        theory.share_token = token


def theory_reopen(*, theory: TheoryOfChange, by: User, message: str) -> Transition:
    """An advisor reopens an approved theory so the initiative can correct it; `message`
    gives the reason. Until it is approved again, municipalities no longer see it."""
    _require_message(message)
    return _advisor_decides(
        theory=theory,
        by=by,
        action=Action.REOPEN,
        message=message,
        approved_at=None,
    )


def assignment_version(theory: TheoryOfChange) -> str:
    """The version of the assignment that an assign form carries: the advisor's id, ""
    for nobody. Readable as it is, so templates write it without a hash."""
    return str(theory.assigned_advisor_id or "")


def theory_assign(
    *,
    theory: TheoryOfChange,
    advisor: User | None,
    by: User,
    base_version: str | None = None,
) -> None:
    """Make `advisor` the one who reviews this theory (None: nobody in particular).

    `base_version` is the assignment the page showed (`assignment_version`). If another
    advisor changed it since (two advisors taking the same theory from the workspace),
    nothing changes and `StaleVersion` carries who has it now (None for nobody); None
    assigns without checking. Choosing whoever has it already changes nothing, and is no
    conflict.
    """
    _require_role(ASSIGN, by)
    if advisor is not None and not advisor.is_advisor:
        raise ValueError("only advisors can be assigned")
    with transaction.atomic():
        locked = theory_lock(theory)
        unchanged = locked.assigned_advisor_id == (advisor.pk if advisor else None)
        version = assignment_version(locked)
        if not unchanged and base_version is not None and base_version != version:
            raise StaleVersion(current=locked.assigned_advisor, version=version)
        TheoryOfChange.objects.filter(pk=theory.pk).update(assigned_advisor=advisor)
    theory.assigned_advisor = advisor


# --- comments --------------------------------------------------------------------------------


def comment_add(
    *,
    theory: TheoryOfChange,
    step: int,
    body: str,
    by: User,
    thread: Comment | None = None,
    resolve: bool = False,
    submission_key: str | None = None,
    base_version: str | None = None,
) -> Comment:
    """Start a thread on a step, or reply to one. A reply reopens a resolved thread unless
    the writer resolves it with the same click ("done, see my answer"). The reply is
    always placed, but resolving follows the rule of `comment_resolve`: with a
    `base_version` the thread has moved on from, the thread stays open.

    `submission_key` is the one-time key of the form (see `common.concurrency`): the same
    form sent again with the same text returns the comment it made the first time,
    without making another.
    """
    get_step(step)  # KeyError for a step that does not exist
    _require_message(body)
    body = body.strip()
    with transaction.atomic():
        if thread is not None:
            if thread.theory_id != theory.pk or thread.thread_id is not None:
                raise ValueError("replies go to a thread of the same theory")
            step = thread.step
            _lock_thread(thread)
            seen = base_version is None or base_version == thread_version(thread)
        thread_id = thread.pk if thread else None
        digest = submission_digest(submission_key, theory.pk, step, thread_id, body) or ""
        earlier = comment_sent_before(by=by, digest=digest)
        if earlier is not None:
            return earlier
        try:
            # A savepoint: when the same form arrives twice at the same moment, the second
            # insert waits for the first, then fails on the unique key and returns it.
            with transaction.atomic():
                comment = Comment.objects.create(
                    theory=theory,
                    step=step,
                    thread=thread,
                    author=by,
                    body=body,
                    submission_key=digest,
                )
        except IntegrityError:
            earlier = comment_sent_before(by=by, digest=digest)
            if earlier is None:
                raise
            return earlier
        root = thread or comment
        if resolve and (thread is None or seen):
            comment_resolve(comment=root, by=by, resolved=True)
        elif thread is not None and (thread.is_resolved or (thread.is_processed and by.is_advisor)):
            # A reply reopens a closed thread; the advisor's reply to one marked
            # "verwerkt" says it is not done yet.
            comment_resolve(comment=root, by=by, resolved=False)
    return comment


def comment_sent_before(*, by: User, digest: str) -> Comment | None:
    """The comment this author made with the same form and text, if any.

    Public as a seam: a test makes the first look miss, as when the same form arrives
    twice at the same moment, to see the unique key catch the second insert.
    """
    if not digest:
        return None
    return Comment.objects.filter(author=by, submission_key=digest).first()


def thread_version(thread: Comment) -> str:
    """The version of a thread that its resolve forms carry: the id of its newest comment.
    Only a new reply changes what someone resolving a thread ought to have read."""
    comments = Comment.objects.filter(models.Q(pk=thread.pk) | models.Q(thread_id=thread.pk))
    return str(comments.aggregate(newest=Max("pk"))["newest"])


def _lock_thread(thread: Comment) -> None:
    """Lock a thread's first comment: replies and resolving wait for each other, and the
    resolved state read after the lock is the one stored."""
    locked = (
        Comment.objects.select_for_update().only("resolved_at", "resolved_by").get(pk=thread.pk)
    )
    thread.resolved_at, thread.resolved_by_id = locked.resolved_at, locked.resolved_by_id


def may_resolve(comment: Comment, user: User) -> bool:
    """Advisors close any thread; the initiative's writers close only threads an advisor
    did not start. An advisor's question they mark "verwerkt", and the advisor closes it,
    so the workspace's open comments are the advisor's to count down."""
    return user.is_advisor or not (comment.author is not None and comment.author.is_advisor)


def comment_resolve(
    *, comment: Comment, by: User, resolved: bool, base_version: str | None = None
) -> Comment:
    """Mark a thread as handled, or open it again. Someone who may not close it (see
    `may_resolve`) marks it "verwerkt" instead.

    `base_version` is `thread_version` of the thread as the page showed it. Resolving a
    thread that got a reply since (one that may say "not done yet", and reopened it)
    changes nothing and raises `StaleVersion` with the thread: the reply would vanish
    under "handled" unread. None resolves without checking. Opening again never conflicts.
    """
    if comment.thread_id is not None:
        raise ValueError("only a thread is resolved, not a reply")
    with transaction.atomic():
        _lock_thread(comment)
        if resolved and comment.is_resolved:
            return comment  # keep who resolved it first, and when
        if not resolved and not comment.is_resolved and comment.processed_at is None:
            return comment
        if resolved and base_version is not None:
            version = thread_version(comment)
            if version != base_version:
                raise StaleVersion(current=comment, version=version)
        if resolved and not may_resolve(comment, by):
            comment.processed_at, comment.processed_by = timezone.now(), by
            comment.save(update_fields=["processed_at", "processed_by"])
            return comment
        comment.resolved_at = timezone.now() if resolved else None
        comment.resolved_by = by if resolved else None
        fields = ["resolved_at", "resolved_by"]
        if not resolved:  # open again: "verwerkt" no longer holds either
            comment.processed_at, comment.processed_by = None, None
            fields += ["processed_at", "processed_by"]
        comment.save(update_fields=fields)
    return comment


# --- the next year ---------------------------------------------------------------------------


# Figures of the year itself, which the new year starts without.
def theory_start_next_year(*, theory: TheoryOfChange, by: User) -> TheoryOfChange:
    """Copy a theory (approved or still being written) into a new draft for the year after;
    the original stays as it is. Indicators keep how they are counted; the counts belong to
    the year they were counted in, so the new year starts with none."""
    try:
        with transaction.atomic():
            locked = theory_lock(theory)
            _require_status(START_NEXT_YEAR, locked)
            copy = TheoryOfChange.objects.create(
                initiative=theory.initiative,
                year=theory.year + 1,
                problem=locked.problem,
                goal=locked.goal,
                mission=locked.mission,
                assigned_advisor_id=locked.assigned_advisor_id,
            )
            indicators_copy(target=copy, new_ids=_copy_rows(source=theory, target=copy))
            record_initial_revisions(theory=copy, by=by)
    except IntegrityError as error:
        raise TheoryExists(theory.year + 1) from error
    return copy


def _copy_rows(
    *, source: TheoryOfChange, target: TheoryOfChange
) -> dict[type[models.Model], dict[int, int]]:
    """Copy every step row with its links; links between rows point to the copies. Returns
    the copies' ids by model and original id."""
    new_ids: dict[type[models.Model], dict[int, int]] = {}
    for model in (table.model for table in ROW_TABLES):  # linked rows are copied first
        many_to_many = [field for field in model._meta.many_to_many]
        rows = model.objects.filter(theory=source).prefetch_related(
            *(field.name for field in many_to_many)
        )
        new_ids[model] = {}
        for row in rows:
            values = {}
            for field in model._meta.concrete_fields:
                if field.primary_key or field.name == "theory":
                    continue
                value = getattr(row, field.attname)
                if field.is_relation and field.related_model in new_ids and value is not None:
                    value = new_ids[field.related_model][value]
                values[field.attname] = value
            copy = model.objects.create(theory=target, **values)
            new_ids[model][row.pk] = copy.pk
            for field in many_to_many:
                linked = [item.pk for item in getattr(row, field.name).all()]
                if field.related_model in new_ids:
                    linked = [new_ids[field.related_model][pk] for pk in linked]
                getattr(copy, field.name).set(linked)
    return new_ids


# --- e-mail ----------------------------------------------------------------------------------

EMAIL_BY_STATUS = {
    Status.SUBMITTED: "theory-submitted",
    Status.CHANGES_REQUESTED: "theory-changes-requested",
    Status.APPROVED: "theory-approved",
}


def transition_notify(*, transition: Transition) -> int:
    """Tell the other side: advisors about a submission, the initiative's writers about
    an advisor's decision. Returns how many messages were sent.

    Submitting and the advisors' decisions send it after their commit (withdrawing sends
    nothing). Public so that an operator can send a
    transition's mail again (from `manage.py shell`, after a mail outage), and as the seam
    where a test puts a failing mail to see the decision stand.
    """
    theory = TheoryOfChange.objects.select_related("initiative", "assigned_advisor").get(
        pk=transition.theory_id
    )
    if transition.to_status == Status.SUBMITTED:
        assigned = theory.assigned_advisor
        if assigned and assigned.is_active and assigned.email:
            recipients = [assigned.email]
        else:
            recipients = User.objects.filter(is_advisor=True, is_active=True).values_list(
                "email", flat=True
            )
        path = reverse("theory_of_change:review", args=[theory.initiative.slug, theory.year])
    else:
        recipients = Membership.objects.filter(
            initiative=theory.initiative,
            role__in=(Role.COORDINATOR, Role.EDITOR),
            user__is_active=True,
        ).values_list("user__email", flat=True)
        path = theory.get_absolute_url()
    open_comments = Comment.objects.filter(
        theory=theory, thread__isnull=True, resolved_at__isnull=True
    ).order_by("step", "pk")
    context = {
        "theory": theory,
        "initiative": theory.initiative,
        "transition": transition,
        "reopened": transition.from_status == Status.APPROVED,
        "open_comments": [(get_step(comment.step), comment) for comment in open_comments],
        "link": settings.SITE_URL + path,
    }
    return send_email(EMAIL_BY_STATUS[Status(transition.to_status)], context, recipients)
