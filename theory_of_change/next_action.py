"""The one thing a writer of an initiative should do next, for the page that leads with it.

In order: answer the advisor's open comments on a theory sent back; go on with the first
unfinished step of a draft ("Verder met stap 6 van 2025"); send in a draft that is
complete; record the results of an approved theory. None when there is nothing to go on
with (the page then offers to begin a new year).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from initiatives.models import Initiative
from theory_of_change.models import Comment, TheoryOfChange
from theory_of_change.selectors import reload_with_content
from theory_of_change.steps import theory_progress


@dataclass(frozen=True)
class NextAction:
    label: str  # the button: "Verder met stap 6 van 2025"
    url: str
    hint: str  # one sentence under it


def _theory_url(theory: TheoryOfChange, name: str, **kwargs) -> str:
    kwargs = {"slug": theory.initiative.slug, "year": theory.year, **kwargs}
    return reverse(f"theory_of_change:{name}", kwargs=kwargs)


def next_actions(theories: list[TheoryOfChange]) -> list[NextAction]:
    """For someone who writes (coordinator or editor), `theories` newest first: the main
    thing to do, and recording the results of the newest approved theory beside it when
    that is not the main thing already. Empty when there is nothing to go on with. At most
    two queries beside the step content of the one theory still being written."""
    actions = []
    editable = next((theory for theory in theories if theory.is_editable), None)
    if editable is not None:
        actions.append(_continue(editable))
    approved = next((theory for theory in theories if theory.is_approved), None)
    if approved is not None:
        actions.append(
            NextAction(
                _("Resultaten %(year)s bijhouden") % {"year": approved.year},
                _theory_url(approved, "results"),
                _("Tel door het jaar heen wat jullie doen: het komt op het feitenblad."),
            )
        )
    return actions


def _continue(theory: TheoryOfChange) -> NextAction:
    if theory.is_sent_back:
        open_comments = list(
            Comment.objects.filter(theory=theory, thread__isnull=True, resolved_at__isnull=True)
            .order_by("step", "created_at", "pk")
            .values_list("pk", "step")
        )
        if open_comments:
            first, step = open_comments[0]
            return NextAction(
                ngettext(
                    "Reageer op %(count)s opmerking",
                    "Reageer op %(count)s opmerkingen",
                    len(open_comments),
                )
                % {"count": len(open_comments)},
                _theory_url(theory, "step", number=step) + f"#opmerking-{first}",
                _("De adviseur vroeg om aanpassingen in de verandertheorie van %(year)s.")
                % {"year": theory.year},
            )
    loaded = reload_with_content(theory)
    unfinished = next((item for item in theory_progress(loaded) if item.missing), None)
    if unfinished is None:
        return NextAction(
            _("Verandertheorie %(year)s indienen") % {"year": theory.year},
            _theory_url(theory, "submit"),
            _("Alle tien stappen zijn af. Stuur hem naar de adviseur van CMO STAMM."),
        )
    return NextAction(
        _("Verder met stap %(number)s van %(year)s")
        % {"number": unfinished.step.number, "year": theory.year},
        _theory_url(theory, "step", number=unfinished.step.number),
        _("Stap %(number)s: %(title)s. %(missing)s")
        % {
            "number": unfinished.step.number,
            "title": unfinished.step.title,
            "missing": unfinished.missing[0],
        },
    )


def continue_url(theory: TheoryOfChange) -> str:
    """Where "Begin aan <jaar>" leads when that year exists already: on with its draft
    (the first unfinished step, or the comments to answer), else its overview."""
    if theory.is_editable:
        return _continue(theory).url
    return theory.get_absolute_url()


def continue_existing(request: HttpRequest, initiative: Initiative, year: int) -> HttpResponse:
    """The response of the views that begin a year, when it exists: go on with it, and
    say so."""
    theory = TheoryOfChange.objects.select_related("initiative").get(
        initiative=initiative, year=year
    )
    messages.info(
        request,
        _("Er is al een verandertheorie voor %(year)s. Je gaat daarmee verder.") % {"year": year},
    )
    return redirect(continue_url(theory))
