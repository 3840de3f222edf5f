"""The pages of value in euros: the advisors' price list (the list, a new price, and
changing one, which keeps every earlier version and shows them), and a year's value page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from common.params import int_param
from impact.value import services
from impact.value.forms import OtherCostForm, PriceItemForm, PriceVersionForm, ValuationForm
from impact.value.models import VERSION_FIELDS, PriceItem
from impact.value.selectors import (
    current_prices,
    price_history,
    price_list,
    subject_key,
    value_report,
    waiting_for_approval,
)
from initiatives.access import require
from theory_of_change.access import TheoryAccess, get_theory_for_user
from theory_of_change.models import Outcome, Output

NOT_SAVED = gettext_lazy(
    "Nog niet opgeslagen: kijk bij de meldingen hieronder wat er niet klopt. Je tekst staat er nog."
)


@login_required
@require_http_methods(["GET"])
def price_list_page(request: HttpRequest) -> HttpResponse:
    require(request.user.is_advisor)
    return render(request, "impact/value/price_list.html", {"items": price_list()})


@login_required
@require_http_methods(["GET"])
def approvals(request: HttpRequest) -> HttpResponse:
    """What waits for an advisor's approval: valuations and doorbraak cases, by initiative
    and year, the longest waiting first."""
    require(request.user.is_advisor)
    return render(request, "impact/value/approvals.html", {"waiting": waiting_for_approval()})


@login_required
@require_http_methods(["GET", "POST"])
def price_new(request: HttpRequest) -> HttpResponse:
    require(request.user.is_advisor)
    return _price_form(request, PriceItem())


@login_required
@require_http_methods(["GET", "POST"])
def price_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user.is_advisor)
    return _price_form(request, get_object_or_404(PriceItem, pk=pk))


def _price_form(request: HttpRequest, item: PriceItem) -> HttpResponse:
    history = price_history(item) if item.pk else []
    current = history[0] if history else None
    data = request.POST if request.method == "POST" else None
    item_form = PriceItemForm(data, instance=item, prefix="item")
    # A change is a new version: the form starts from the current one, never edits it.
    initial = model_to_dict(current, fields=VERSION_FIELDS) if current else None
    version_form = PriceVersionForm(data, initial=initial, prefix="prijs")
    if data is not None:
        if item_form.is_valid() and version_form.is_valid():
            services.price_save(
                item=item_form.save(commit=False),
                version=version_form.save(commit=False),
                by=request.user,
            )
            messages.success(request, _("%(name)s is opgeslagen.") % {"name": item_form.instance})
            return redirect("value:price_list")
        messages.error(request, NOT_SAVED)
    return render(
        request,
        "impact/value/price_form.html",
        {
            "item": item,
            "item_form": item_form,
            "version_form": version_form,
            "history": history,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def value_page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """A year's counted outputs and outcomes valued in euros, and its other costs: writers
    value them, advisors approve. Members and advisors only, like the results it is made of."""
    access = get_theory_for_user(request.user, slug, year, content=False)
    if not access.can_see_results:
        raise Http404
    prices = list(current_prices())
    shown_again: ValuationForm | OtherCostForm | None = None  # with what was typed
    if request.method == "POST":
        require(access.can_record_results or access.can_review)
        outcome = _carry_out(request, access, prices)
        if isinstance(outcome, HttpResponse):
            return outcome
        shown_again = outcome
    report = value_report(access.theory)
    forms = {}
    cost_form = None
    if access.can_record_results:
        forms = {
            line.key: ValuationForm.for_subject(line.subject, line.key, line.valuation, prices)
            for line in report.lines
        }
        cost_form = OtherCostForm(prefix="kosten")
        if isinstance(shown_again, ValuationForm):
            forms[shown_again.prefix] = shown_again
        elif shown_again is not None:
            cost_form = shown_again
    return render(
        request,
        "impact/value/value.html",
        {
            "access": access,
            "theory": access.theory,
            "initiative": access.initiative,
            "report": report,
            "forms": forms,
            "cost_form": cost_form,
            "has_prices": bool(prices),
        },
    )


def _subject(access: TheoryAccess, data) -> Output | Outcome | None:
    """The output (`resultaat`) or outcome (`effect`) a button of the page is about."""
    if "effect" in data:
        return access.theory.outcomes.filter(pk=int_param(data.get("effect"))).first()
    return access.theory.outputs.filter(pk=int_param(data.get("resultaat"))).first()


def _carry_out(
    request: HttpRequest, access: TheoryAccess, prices: list
) -> HttpResponse | ValuationForm | OtherCostForm:
    """What a button of the value page asked for: approve a valuation (advisors), remove or
    propose one, add or remove an other cost (writers). Returns where to go next, or the
    form with mistakes to show again."""
    action = request.POST.get("actie")
    if action in ("kosten-toevoegen", "kosten-verwijderen"):
        require(access.can_record_results)
        return _other_costs(request, access, action)
    subject = _subject(access, request.POST)
    if subject is None:
        messages.error(request, _("Dat resultaat staat niet (meer) in deze verandertheorie."))
        return redirect(_value_url(access))
    key = subject_key(subject)
    there = redirect(f"{_value_url(access)}#waarde-{key}")
    if action == "goedkeuren":
        require(access.can_review)
        if services.valuation_approve(subject=subject, by=request.user):
            messages.success(request, _("De waardering is goedgekeurd."))
        return there
    require(access.can_record_results)
    if action == "verwijderen":
        services.valuation_remove(subject=subject)
        messages.success(request, _("De waardering is verwijderd."))
        return there
    form = ValuationForm.for_subject(subject, key, None, prices, data=request.POST)
    if not form.is_valid():
        messages.error(request, NOT_SAVED)
        return form
    services.valuation_save(
        theory=access.theory,
        subject=subject,
        price=form.cleaned_data["price"],
        corrections=form.corrections(),
    )
    messages.success(request, _("De waardering is opgeslagen. Een adviseur kijkt er nog naar."))
    return there


def _other_costs(request: HttpRequest, access: TheoryAccess, action: str):
    there = redirect(f"{_value_url(access)}#andere-kosten")
    if action == "kosten-verwijderen":
        if services.other_cost_remove(
            theory=access.theory, pk=int_param(request.POST.get("kosten"))
        ):
            messages.success(request, _("De kosten zijn verwijderd."))
        return there
    form = OtherCostForm(request.POST, prefix="kosten")
    if not form.is_valid():
        messages.error(request, NOT_SAVED)
        return form
    services.other_cost_add(theory=access.theory, cost=form.save(commit=False), by=request.user)
    messages.success(request, _("De kosten zijn toegevoegd."))
    return there


def _value_url(access: TheoryAccess) -> str:
    return reverse(
        "value:value", kwargs={"slug": access.initiative.slug, "year": access.theory.year}
    )
