"""The step-by-step editor: overview, one page per step, history, and starting a year."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.params import int_param
from initiatives.access import get_initiative_for_user, require
from theory_of_change import services
from theory_of_change.access import TheoryAccess, get_theory_for_user
from theory_of_change.forms import MAX_ROWS, NEW_ROW, StepForm, TheoryCreateForm, row_anchor
from theory_of_change.history import describe_changes, describe_snapshot
from theory_of_change.models import StepRevision, TheoryOfChange
from theory_of_change.next_action import continue_existing
from theory_of_change.selectors import (
    changes_since,
    comment_threads,
    latest_revision,
    open_comment_counts,
    open_thread_count,
    reload_with_content,
    review_baseline,
    step_progress,
    undoable_removal,
)
from theory_of_change.steps import (
    STEP_COUNT,
    STEPS,
    ListStep,
    Step,
    get_step,
    next_step,
    previous_step,
    theory_progress,
)

HISTORY_PAGE_SIZE = 20


def _step_url(access: TheoryAccess, step: Step) -> str:
    return reverse(
        "theory_of_change:step",
        kwargs={"slug": access.initiative.slug, "year": access.theory.year, "number": step.number},
    )


def _row_choice(value) -> int | str | None:
    """A row named in a link or by a button: its id, or `NEW_ROW` for a new one."""
    return NEW_ROW if value == NEW_ROW else int_param(value) or None


def _open_row_url(access: TheoryAccess, step: Step, row: int | str) -> str:
    return f"{_step_url(access, step)}?regel={row}#{row_anchor(row)}"


def _review_state(access: TheoryAccess) -> dict:
    """What the overview says about the review: the last status change, open comment
    threads and what changed since the last submission (for members and advisors only)."""
    theory = access.theory
    if not access.can_see_review:
        return {"threads": {}, "changes": {}, "last_transition": None, "next_year_exists": False}
    return {
        "threads": comment_threads(theory),
        "changes": changes_since(theory, review_baseline(theory)),
        "last_transition": theory.transitions.select_related("by").order_by("-pk").first(),
        "next_year_exists": TheoryOfChange.objects.filter(
            initiative=access.initiative, year=theory.year + 1
        ).exists(),
    }


@login_required
def overview(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = get_theory_for_user(request.user, slug, year)
    theory = access.theory
    progress = theory_progress(theory)
    review_state = _review_state(access)
    steps = [
        {
            "step": item.step,
            "missing": item.missing,
            "is_complete": item.is_complete,
            "content": describe_snapshot(item.step, item.step.snapshot(theory)),
            "open_threads": [
                thread
                for thread in review_state["threads"].get(item.step.number, [])
                if not thread.is_resolved
            ],
            "changed": item.step.number in review_state["changes"],
        }
        for item in progress
    ]
    return render(
        request,
        "theory_of_change/overview.html",
        {
            "access": access,
            "theory": theory,
            "initiative": access.initiative,
            "steps": steps,
            "progress": progress,
            "open_by_step": {
                number: sum(not thread.is_resolved for thread in threads)
                for number, threads in review_state["threads"].items()
            },
            "complete_count": sum(item.is_complete for item in progress),
            "step_count": STEP_COUNT,
            "open_count": open_thread_count(review_state["threads"]),
            "last_transition": review_state["last_transition"],
            "next_year_exists": review_state["next_year_exists"],
        },
    )


@login_required
def step(request: HttpRequest, slug: str, year: int, number: int) -> HttpResponse:
    try:
        current = get_step(number)
    except KeyError:
        raise Http404 from None
    # Only this step's rows: the progress bar of all ten comes from `step_progress`.
    access = get_theory_for_user(request.user, slug, year, step=current)
    theory = access.theory
    conflict: StepRevision | None = None
    undo: StepRevision | None = None  # a removed row that can be put back

    if request.method == "POST":
        require(access.can_edit)
        form = StepForm(current, theory, request.POST)
        base_revision_id = int_param(request.POST.get("base_revision"))
        if form.is_valid():
            try:
                revision = services.step_save(
                    theory=theory,
                    step=current,
                    form=form,
                    by=request.user,
                    base_revision_id=base_revision_id,
                )
            except services.EditConflict as error:
                conflict = error.revision
                base_revision_id = conflict.pk
            except services.NotEditable:
                messages.error(
                    request,
                    _(
                        "Niet opgeslagen: de verandertheorie is net ingediend en kan nu niet "
                        "worden aangepast. Je tekst staat hieronder nog; kopieer wat je wilt "
                        "bewaren."
                    ),
                )
            else:
                return _after_save(request, access, current, revision)
        else:
            messages.error(
                request,
                _(
                    "Nog niet opgeslagen: kijk bij de meldingen hieronder wat er niet klopt. "
                    "Je tekst staat er nog."
                ),
            )
    else:
        form = None
        if access.can_edit:
            form = StepForm(current, theory, open_row=_row_choice(request.GET.get("regel")))
        latest = latest_revision(theory=theory, step_number=current.number)
        base_revision_id = latest.pk if latest else 0
        if form is not None:
            undo = undoable_removal(latest, int_param(request.GET.get("verwijderd")))

    progress = step_progress(theory)
    missing = current.missing_items(theory)
    threads = comment_threads(theory, step=current.number) if access.can_see_review else {}
    return render(
        request,
        "theory_of_change/step.html",
        {
            "access": access,
            "theory": theory,
            "initiative": access.initiative,
            "step": current,
            "form": form,
            "base_revision_id": base_revision_id,
            "conflict": conflict,
            "conflict_content": describe_snapshot(current, conflict.snapshot) if conflict else None,
            "content": describe_snapshot(current, current.snapshot(theory)),
            "missing": missing,
            "missing_rows": {item.row_id for item in missing if item.row_id},
            "step_url": _step_url(access, current),
            "max_rows": MAX_ROWS,
            "undo": undo,
            "progress": progress,
            "open_by_step": open_comment_counts(theory) if access.can_see_review else {},
            "previous_step": previous_step(current),
            "next_step": next_step(current),
            "step_count": STEP_COUNT,
            "threads": threads.get(current.number, []),
        },
    )


def _after_save(
    request: HttpRequest,
    access: TheoryAccess,
    current: Step,
    revision: StepRevision | None,
) -> HttpResponse:
    """Tell what happened (and what the step still needs) and go where the pressed button
    said: another step, the overview, or another row of this step to open or remove."""
    to_remove = int_param(request.POST.get("remove_row"))
    if to_remove and isinstance(current, ListStep):
        return _remove_row(request, access, current, to_remove)
    saved = reload_with_content(access.theory, step=current)
    missing = current.missing_items(saved)
    if missing:
        # Said now, not first at submission, with a link to each field to fix.
        step_url = _step_url(access, current)
        messages.warning(
            request,
            format_html(
                '{} <ul class="mb-0">{}</ul>',
                _("Stap %(number)s is opgeslagen, maar nog niet af:") % {"number": current.number},
                format_html_join(
                    "",
                    '<li><a href="{}{}">{}</a></li>',
                    ((step_url, item.anchor, item.message) for item in missing),
                ),
            ),
        )
    elif revision is not None:
        messages.success(request, _("Stap %(number)s is opgeslagen.") % {"number": current.number})
    to_open = NEW_ROW if "add_row" in request.POST else _row_choice(request.POST.get("open_row"))
    if to_open is not None:
        return redirect(_open_row_url(access, current, to_open))
    go = request.POST.get("go", "")
    target = {"previous": previous_step(current), "next": next_step(current)}.get(go)
    if go == "overview" or (go == "next" and target is None):
        return redirect(access.theory.get_absolute_url())
    return redirect(_step_url(access, target or current))


def _remove_row(
    request: HttpRequest, access: TheoryAccess, current: ListStep, row_id: int
) -> HttpResponse:
    """Remove a row (what was open is saved first) and offer to undo it."""
    step_url = _step_url(access, current)
    try:
        revision = services.row_delete(
            theory=access.theory, step=current, row_id=row_id, by=request.user
        )
    except services.NotEditable:
        messages.error(request, _("Niet verwijderd: de verandertheorie is net ingediend."))
        return redirect(step_url)
    if revision is None:  # already gone (removed in another window)
        return redirect(step_url)
    return redirect(f"{step_url}?verwijderd={revision.pk}#regels")


@login_required
@require_POST
def row_restore(request: HttpRequest, slug: str, year: int, number: int) -> HttpResponse:
    """Undo the removal of a row ("Ongedaan maken" after "Verwijderen")."""
    access = get_theory_for_user(request.user, slug, year, content=False)
    require(access.can_edit)
    try:
        current = get_step(number)
    except KeyError:
        raise Http404 from None
    if not isinstance(current, ListStep):
        raise Http404
    try:
        services.row_restore(
            theory=access.theory,
            step=current,
            revision_id=int_param(request.POST.get("versie")),
            by=request.user,
        )
    except (services.RestoreRefused, services.NotEditable):
        messages.error(
            request,
            _(
                "Deze regel kan niet meer worden teruggezet: de stap is daarna nog aangepast "
                "of ingediend."
            ),
        )
    else:
        messages.success(request, _("De regel staat er weer."))
    return redirect(f"{_step_url(access, current)}#regels")


@login_required
def history(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = get_theory_for_user(request.user, slug, year, content=False)
    # Every saved version, drafts included, with who saved it: like the review's comments,
    # it stays between the initiative and its advisors. Municipalities read the approved text.
    require(access.can_see_review)
    revisions = StepRevision.objects.filter(theory=access.theory).select_related("author")
    step_filter = int_param(request.GET.get("stap"))
    if step_filter:
        revisions = revisions.filter(step=step_filter)
    page = Paginator(revisions, HISTORY_PAGE_SIZE).get_page(request.GET.get("pagina"))
    entries = [
        {
            "revision": revision,
            "step": get_step(revision.step),
            "changes": describe_changes(get_step(revision.step), revision.changes),
        }
        for revision in page
    ]
    return render(
        request,
        "theory_of_change/history.html",
        {
            "access": access,
            "theory": access.theory,
            "initiative": access.initiative,
            "page": page,
            "entries": entries,
            "steps": STEPS,
            "step_filter": step_filter,
            "page_query": f"stap={step_filter}" if step_filter else "",
        },
    )


@login_required
@require_POST
def theory_create(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_initiative_for_user(request.user, slug)
    require(access.can_edit)
    form = TheoryCreateForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("year", []):
            messages.error(request, error)
        return redirect(access.initiative.get_absolute_url())
    year = form.cleaned_data["year"]
    try:
        theory = services.theory_create(initiative=access.initiative, year=year, by=request.user)
    except services.TheoryExists:
        return continue_existing(request, access.initiative, year)
    messages.success(request, _("De verandertheorie voor %(year)s is begonnen.") % {"year": year})
    return redirect(
        "theory_of_change:step", slug=access.initiative.slug, year=theory.year, number=1
    )
