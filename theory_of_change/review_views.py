"""The review: submitting, the review screen, advisors' decisions and comments per step.

Views check who may act (`TheoryAccess`), validate a form and call one service of
`theory_of_change.workflow`. A form with a mistake is shown again with what was typed; a
status that changed in the meantime (another advisor was quicker) is explained, not hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from common.concurrency import SUBMISSION_KEY_FIELD, VERSION_FIELD, StaleVersion
from common.navigation import safe_next_url
from initiatives.access import require
from initiatives.models import User
from theory_of_change import workflow
from theory_of_change.access import TheoryAccess, get_theory_for_user, theories_for
from theory_of_change.history import describe_snapshot
from theory_of_change.models import Comment, Status, TheoryOfChange
from theory_of_change.next_action import continue_existing
from theory_of_change.results.glance import results_at_a_glance
from theory_of_change.review_forms import (
    ApproveForm,
    CommentForm,
    ReopenForm,
    RequestChangesForm,
    SubmitForm,
    reply_form,
    step_comment_form,
)
from theory_of_change.selectors import (
    changes_since,
    comment_threads,
    open_thread_count,
    review_baseline,
)
from theory_of_change.services import TheoryExists
from theory_of_change.steps import STEP_COUNT, STEPS, get_step, theory_progress
from theory_of_change.stories.selectors import scope_for, stories_beside_steps


def _review_url(theory: TheoryOfChange) -> str:
    return reverse("theory_of_change:review", args=[theory.initiative.slug, theory.year])


def _status_moved(status: Status) -> str:
    return _(
        "Dat kan niet meer: de status is intussen ‘%(status)s’. Misschien was iemand anders "
        "je net voor. Bekijk hieronder hoe het nu staat."
    ) % {"status": status.label}


# --- the review screen -----------------------------------------------------------------------


# What the review shows of the year's results, and beside which step: the outputs' figures
# at step 5, the outcomes' at step 6 and the questionnaire results at step 9 (the plan for
# measuring them).
RESULTS_BESIDE_STEPS = {5: "outputs", 6: "outcomes", 9: "surveys"}
# And the stories whose consent includes the reader: beside the effects (step 6) and the
# impact (step 7) they illustrate, and at step 9 how many were collected and how.
STORIES_BESIDE_STEPS = {6: "outcomes", 7: "impacts", 9: "method"}


@login_required
def review(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """All ten steps on one page with their comments, what changed, and the timeline."""
    access = get_theory_for_user(request.user, slug, year)
    require(access.can_see_review)
    theory = access.theory
    baseline = review_baseline(theory)
    changes = changes_since(theory, baseline)
    threads = comment_threads(theory)
    missing = {item.step.number: item.missing for item in theory_progress(theory)}
    glance = results_at_a_glance(theory, previous_theories=theories_for(access.initiative_access))
    beside = stories_beside_steps(theory, scope=scope_for(access.initiative_access))
    steps = [
        {
            "step": step,
            "content": describe_snapshot(step, step.snapshot(theory)),
            "missing": missing[step.number],
            "changes": changes.get(step.number, []),
            "threads": threads.get(step.number, []),
            "open_count": sum(not thread.is_resolved for thread in threads.get(step.number, [])),
            "results": RESULTS_BESIDE_STEPS.get(step.number),
            "stories": STORIES_BESIDE_STEPS.get(step.number),
        }
        for step in STEPS
    ]
    advisors = []
    if access.can_assign:
        advisors = User.objects.filter(is_advisor=True, is_active=True).order_by(
            "first_name", "last_name", "username"
        )
    return render(
        request,
        "theory_of_change/review.html",
        {
            "access": access,
            "theory": theory,
            "initiative": access.initiative,
            "steps": steps,
            "step_count": STEP_COUNT,
            "glance": glance,
            "beside": beside,
            "baseline": baseline,
            "changed_count": len(changes),
            "open_count": open_thread_count(threads),
            "transitions": theory.transitions.select_related("by"),
            "advisors": advisors,
            # One page holds several of these forms: each gets ids of its own.
            "request_changes_form": RequestChangesForm(auto_id="id_aanpassen_%s"),
            "approve_form": ApproveForm(auto_id="id_goedkeuren_%s"),
            "reopen_form": ReopenForm(auto_id="id_heropenen_%s"),
        },
    )


# --- advisors' decisions ---------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """An advisor's status change: its form, its service and the words around it."""

    form_class: type
    service: Callable[..., object]
    label: Promise
    done: Promise


DECISIONS = {
    "request_changes": Decision(
        RequestChangesForm,
        workflow.theory_request_changes,
        gettext_lazy("Aanpassingen vragen"),
        gettext_lazy("Je hebt om aanpassingen gevraagd. Het initiatief krijgt een e-mail."),
    ),
    "approve": Decision(
        ApproveForm,
        workflow.theory_approve,
        gettext_lazy("Goedkeuren"),
        gettext_lazy(
            "Goedgekeurd. Het initiatief krijgt een e-mail, en gemeenten kunnen de "
            "verandertheorie nu lezen."
        ),
    ),
    "reopen": Decision(
        ReopenForm,
        workflow.theory_reopen,
        gettext_lazy("Weer openzetten"),
        gettext_lazy(
            "De verandertheorie staat weer open voor aanpassingen. Het initiatief krijgt een "
            "e-mail."
        ),
    ),
}


# The field an approval with open comments is sent again with, once the advisor saw them.
CONFIRM_FIELD, CONFIRMED = "bevestigd", "ja"


def _decide(request: HttpRequest, slug: str, year: int, name: str) -> HttpResponse:
    """Show the decision's form (GET, or POST with a mistake) or carry it out."""
    decision = DECISIONS[name]
    access = get_theory_for_user(request.user, slug, year, content=False)
    require(access.can_review)
    theory = access.theory
    form = decision.form_class(request.POST if request.method == "POST" else None)
    open_threads = []
    if name == "approve":
        threads = comment_threads(theory)
        open_threads = [
            (number, thread)
            for number, step_threads in sorted(threads.items())
            for thread in step_threads
            if not thread.is_resolved
        ]
    # Approving while comments are open asks first: approve anyway, or go back.
    confirmed = not open_threads or request.POST.get(CONFIRM_FIELD) == CONFIRMED
    if request.method == "POST" and form.is_valid() and confirmed:
        try:
            decision.service(theory=theory, by=request.user, message=form.cleaned_data["message"])
        except workflow.TransitionNotAllowed as error:
            messages.warning(request, _status_moved(error.status))
        else:
            messages.success(request, str(decision.done))
        return redirect(_review_url(theory))
    return render(
        request,
        "theory_of_change/decision.html",
        {
            "access": access,
            "theory": theory,
            "initiative": access.initiative,
            "decision": decision,
            "form": form,
            "action": reverse(f"theory_of_change:{name}", args=[slug, year]),
            "open_threads": open_threads,
            "confirm_field": CONFIRM_FIELD,
            "confirmed_value": CONFIRMED,
        },
    )


@login_required
def request_changes(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _decide(request, slug, year, "request_changes")


@login_required
def approve(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _decide(request, slug, year, "approve")


@login_required
def reopen(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _decide(request, slug, year, "reopen")


def _assigned_meanwhile(current: User | None, access: TheoryAccess) -> str:
    names = {"name": access.initiative.name, "year": access.theory.year}
    if current is None:
        return (
            _(
                "Er is niets veranderd: iemand heeft de adviseur van %(name)s %(year)s net "
                "weggehaald. Wil je het toch anders? Kies dan opnieuw."
            )
            % names
        )
    return _(
        "Er is niets veranderd: %(advisor)s beoordeelt %(name)s %(year)s sinds kort. Wil "
        "je het toch anders? Kies dan opnieuw."
    ) % {**names, "advisor": current.display_name}


@login_required
@require_POST
def assign(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Make an advisor (usually oneself) the one who reviews this theory."""
    access = get_theory_for_user(request.user, slug, year, content=False)
    require(access.can_assign)
    advisor = None
    chosen = request.POST.get("advisor", "")
    if chosen:
        advisors = User.objects.filter(is_advisor=True)
        advisor = advisors.filter(pk=chosen).first() if chosen.isdigit() else None
        if advisor is None:
            messages.error(request, _("Die adviseur bestaat niet (meer). Kies iemand anders."))
            return redirect(safe_next_url(request, _review_url(access.theory)))
    try:
        workflow.theory_assign(
            theory=access.theory,
            advisor=advisor,
            by=request.user,
            base_version=request.POST.get(VERSION_FIELD, ""),
        )
    except StaleVersion as conflict:
        # Another advisor was quicker: the page shows who has it now, and choosing again
        # (with that page's version) changes it on purpose.
        messages.warning(request, _assigned_meanwhile(conflict.current, access))
        return redirect(safe_next_url(request, _review_url(access.theory)))
    if advisor is None:
        messages.success(request, _("Er is nu geen adviseur toegewezen."))
    elif advisor == request.user:
        messages.success(
            request,
            _("Je beoordeelt nu %(name)s %(year)s.")
            % {"name": access.initiative.name, "year": year},
        )
    else:
        messages.success(
            request,
            _("%(advisor)s beoordeelt nu %(name)s %(year)s.")
            % {"advisor": advisor.display_name, "name": access.initiative.name, "year": year},
        )
    return redirect(safe_next_url(request, _review_url(access.theory)))


# --- the initiative's side -------------------------------------------------------------------


@login_required
def submit(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Check that all steps are complete and send the theory to the advisors."""
    access = get_theory_for_user(request.user, slug, year)
    require(access.can_submit)
    theory = access.theory
    form = SubmitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.theory_submit(
                theory=theory, by=request.user, message=form.cleaned_data["message"]
            )
        except workflow.Incomplete:
            messages.error(
                request, _("Nog niet ingediend: er ontbreekt nog iets. Kijk hieronder wat.")
            )
        except workflow.TransitionNotAllowed as error:
            messages.warning(request, _status_moved(error.status))
            return redirect(theory.get_absolute_url())
        else:
            messages.success(
                request,
                _(
                    "Ingediend. Een adviseur van CMO STAMM gaat ernaar kijken; je krijgt een "
                    "e-mail als er iets te doen is."
                ),
            )
            return redirect(theory.get_absolute_url())
    progress = theory_progress(theory)
    threads = comment_threads(theory)
    return render(
        request,
        "theory_of_change/submit.html",
        {
            "access": access,
            "theory": theory,
            "initiative": access.initiative,
            "form": form,
            "incomplete": [item for item in progress if not item.is_complete],
            "changes": [
                (get_step(number), lines)
                for number, lines in changes_since(theory, review_baseline(theory)).items()
            ],
            "open_count": open_thread_count(threads),
            "step_count": STEP_COUNT,
        },
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = get_theory_for_user(request.user, slug, year, content=False)
    require(access.can_submit)
    try:
        workflow.theory_withdraw(theory=access.theory, by=request.user)
    except workflow.TransitionNotAllowed as error:
        messages.warning(request, _status_moved(error.status))
    else:
        messages.success(
            request, _("Je hebt de indiening teruggetrokken. Je kunt weer verder schrijven.")
        )
    return redirect(access.theory.get_absolute_url())


@login_required
@require_POST
def start_next_year(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = get_theory_for_user(request.user, slug, year)
    require(access.can_submit)
    next_year = year + 1
    try:
        copy = workflow.theory_start_next_year(theory=access.theory, by=request.user)
    except TheoryExists:
        return continue_existing(request, access.initiative, next_year)
    except workflow.TransitionNotAllowed:
        messages.error(
            request,
            _("Alleen een goedgekeurde verandertheorie kun je meenemen naar een nieuw jaar."),
        )
        return redirect(access.theory.get_absolute_url())
    messages.success(
        request,
        _(
            "De verandertheorie voor %(year)s staat klaar als concept, met alles uit "
            "%(previous)s. Alleen de behaalde aantallen zijn leeg: die vul je in als je ze weet."
        )
        % {"year": next_year, "previous": year},
    )
    return redirect(copy.get_absolute_url())


# --- comments --------------------------------------------------------------------------------


def _commenter(request: HttpRequest, slug: str, year: int) -> TheoryAccess:
    access = get_theory_for_user(request.user, slug, year, content=False)
    require(access.can_comment)
    return access


def _back_to_comment(request: HttpRequest, access: TheoryAccess, comment: Comment) -> str:
    """Back to the page the comment was written on, at the comment."""
    if access.can_review:
        default = _review_url(access.theory)
    else:
        default = reverse(
            "theory_of_change:step",
            args=[access.initiative.slug, access.theory.year, comment.step],
        )
    page = safe_next_url(request, default).split("#")[0]
    return f"{page}#opmerking-{comment.thread_id or comment.pk}"


def _comment_form_page(
    request: HttpRequest, access: TheoryAccess, form: CommentForm, step_number: int, thread=None
) -> HttpResponse:
    """A comment with a mistake (too long, empty): show it again on a page of its own."""
    return render(
        request,
        "theory_of_change/comment_form.html",
        {
            "access": access,
            "theory": access.theory,
            "initiative": access.initiative,
            "form": form,
            "step": get_step(step_number),
            "thread": thread,
            "next": request.POST.get("next", ""),
            # The same form, shown again: sending it twice still makes one comment.
            "submission_key": request.POST.get(SUBMISSION_KEY_FIELD, ""),
        },
    )


@login_required
@require_POST
def comment_add(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = _commenter(request, slug, year)
    try:
        step_number = get_step(int(request.POST.get("step", ""))).number
    except (KeyError, ValueError):
        raise Http404 from None
    form = step_comment_form(step_number, request.POST)
    if not form.is_valid():
        return _comment_form_page(request, access, form, step_number)
    comment = workflow.comment_add(
        theory=access.theory,
        step=step_number,
        body=form.cleaned_data["body"],
        by=request.user,
        submission_key=request.POST.get(SUBMISSION_KEY_FIELD),
    )
    messages.success(
        request, _("Je opmerking bij stap %(number)s is geplaatst.") % {"number": step_number}
    )
    return redirect(_back_to_comment(request, access, comment))


PROCESSED_MESSAGE = gettext_lazy(
    "De opmerking staat nu op ‘verwerkt’. De adviseur kijkt ernaar en sluit hem af."
)


def _thread(access: TheoryAccess, pk: int) -> Comment:
    thread = Comment.objects.filter(theory=access.theory, pk=pk, thread__isnull=True).first()
    if thread is None:
        raise Http404
    return thread


@login_required
@require_POST
def comment_reply(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access = _commenter(request, slug, year)
    thread = _thread(access, pk)
    form = reply_form(thread, request.POST)
    if not form.is_valid():
        return _comment_form_page(request, access, form, thread.step, thread)
    resolve = "resolve" in request.POST
    reply = workflow.comment_add(
        theory=access.theory,
        step=thread.step,
        body=form.cleaned_data["body"],
        by=request.user,
        thread=thread,
        resolve=resolve,
        submission_key=request.POST.get(SUBMISSION_KEY_FIELD),
        base_version=request.POST.get(VERSION_FIELD, ""),
    )
    if resolve and thread.is_resolved:
        messages.success(request, _("Je reactie is geplaatst en de opmerking is afgehandeld."))
    elif resolve and thread.is_processed:
        messages.success(request, PROCESSED_MESSAGE)
    elif resolve:
        messages.warning(
            request,
            _(
                "Je reactie is geplaatst. De opmerking is nog níét afgehandeld: er kwam "
                "intussen een andere reactie bij. Lees die eerst."
            ),
        )
    else:
        messages.success(request, _("Je reactie is geplaatst."))
    return redirect(_back_to_comment(request, access, reply))


@login_required
@require_POST
def comment_resolve(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access = _commenter(request, slug, year)
    thread = _thread(access, pk)
    resolved = request.POST.get("resolved") == "1"
    try:
        workflow.comment_resolve(
            comment=thread,
            by=request.user,
            resolved=resolved,
            base_version=request.POST.get(VERSION_FIELD, ""),
        )
    except StaleVersion:
        messages.warning(
            request,
            _(
                "De opmerking is niet afgehandeld: er kwam intussen een nieuwe reactie bij. "
                "Lees die eerst; daarna kun je de opmerking alsnog afhandelen."
            ),
        )
        return redirect(_back_to_comment(request, access, thread))
    if resolved and thread.is_processed:
        messages.success(request, PROCESSED_MESSAGE)
    elif resolved:
        messages.success(request, _("De opmerking is afgehandeld."))
    else:
        messages.success(request, _("De opmerking staat weer open."))
    return redirect(_back_to_comment(request, access, thread))
