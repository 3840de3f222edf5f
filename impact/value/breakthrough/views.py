"""The pages of doorbraak cases: a year's list, a new case, one case (read, or changed by
the initiative's writers), approving (advisors) and removing one (writers)."""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from impact.value.breakthrough import services
from impact.value.breakthrough.forms import AvoidedCostFormSet, CaseForm, price_choices
from impact.value.breakthrough.models import BreakthroughCase
from impact.value.breakthrough.selectors import (
    case_totals,
    get_case,
    get_cases_for_user,
    visible_cases,
)
from impact.value.selectors import current_prices
from initiatives.access import require
from theory_of_change.access import TheoryAccess


@login_required
@require_http_methods(["GET"])
def case_list(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = get_cases_for_user(request.user, slug, year)
    cases = list(visible_cases(access))
    return render(
        request,
        "impact/value/breakthrough_list.html",
        {
            "access": access,
            "theory": access.theory,
            "initiative": access.initiative,
            "cases": cases,
            "approved": case_totals([case for case in cases if case.is_approved]),
            "proposed": case_totals([case for case in cases if not case.is_approved]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = get_cases_for_user(request.user, slug, year)
    require(access.can_record_results)
    return _case_page(request, access, BreakthroughCase(theory=access.theory))


@login_required
@require_http_methods(["GET", "POST"])
def case_page(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """Everyone who may see the case reads it; the initiative's writers change it here."""
    access = get_cases_for_user(request.user, slug, year)
    case = get_case(access, pk)
    if request.method == "POST":
        require(access.can_record_results)
    return _case_page(request, access, case)


def _case_page(request: HttpRequest, access: TheoryAccess, case: BreakthroughCase) -> HttpResponse:
    form = formset = None
    if access.can_record_results:
        data = request.POST if request.method == "POST" else None
        form = CaseForm(data, instance=case, prefix="casus")
        formset = AvoidedCostFormSet(
            data,
            instance=case,
            prefix="vermeden",
            prices=price_choices(list(current_prices()), case),
        )
        if data is not None:
            if form.is_valid() and formset.is_valid():
                saved = services.case_save(
                    theory=access.theory,
                    case=form.save(commit=False),
                    costs=[
                        line.save(commit=False)
                        for line in formset.forms
                        if line.has_changed() and line not in formset.deleted_forms
                    ],
                    removed=[line.instance for line in formset.deleted_forms if line.instance.pk],
                    by=request.user,
                )
                if saved.is_approved:
                    messages.success(request, _("De doorbraakcasus is opgeslagen."))
                else:
                    messages.success(
                        request,
                        _("De doorbraakcasus is opgeslagen. Een adviseur kijkt er nog naar."),
                    )
                return redirect(_case_url(access, saved))
            messages.error(
                request,
                _(
                    "Nog niet opgeslagen: kijk bij de meldingen hieronder wat er niet klopt. "
                    "Je tekst staat er nog."
                ),
            )
    return render(
        request,
        "impact/value/breakthrough_case.html",
        {
            "access": access,
            "theory": access.theory,
            "initiative": access.initiative,
            "case": case,
            "form": form,
            "formset": formset,
        },
    )


@login_required
@require_POST
def case_approve(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access = get_cases_for_user(request.user, slug, year)
    case = get_case(access, pk)
    require(access.can_review)
    seen = _moment(request.POST.get("gelezen"))
    if services.case_approve(case=case, by=request.user, seen=seen):
        messages.success(
            request, _("De doorbraakcasus is goedgekeurd. De gemeente kan hem nu ook lezen.")
        )
    else:
        messages.error(
            request,
            _("De casus is intussen aangepast en nog niet goedgekeurd. Lees hem opnieuw."),
        )
    return redirect(_case_url(access, case))


def _moment(value: str | None) -> datetime | None:
    """The `updated_at` the approve button carries; None when it is missing or garbled
    (then the approval does not wait for it)."""
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
@require_POST
def case_remove(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access = get_cases_for_user(request.user, slug, year)
    case = get_case(access, pk)
    require(access.can_record_results)
    services.case_remove(case=case)
    messages.success(request, _("De doorbraakcasus is verwijderd."))
    return redirect(_list_url(access))


def _list_url(access: TheoryAccess) -> str:
    return reverse(
        "breakthrough:list", kwargs={"slug": access.initiative.slug, "year": access.theory.year}
    )


def _case_url(access: TheoryAccess, case: BreakthroughCase) -> str:
    return reverse(
        "breakthrough:case",
        kwargs={"slug": access.initiative.slug, "year": access.theory.year, "pk": case.pk},
    )
