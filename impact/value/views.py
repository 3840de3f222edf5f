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
from django.views.decorators.http import require_http_methods

from common.params import int_param
from impact.value import services
from impact.value.forms import PriceItemForm, PriceVersionForm, ValuationForm
from impact.value.models import VERSION_FIELDS, PriceItem
from impact.value.selectors import current_prices, price_history, price_list, value_report
from initiatives.access import require
from theory_of_change.access import TheoryAccess, get_theory_for_user
from theory_of_change.models import Output


@login_required
@require_http_methods(["GET"])
def price_list_page(request: HttpRequest) -> HttpResponse:
    require(request.user.is_advisor)
    return render(request, "impact/value/price_list.html", {"items": price_list()})


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
        messages.error(
            request,
            _(
                "Nog niet opgeslagen: kijk bij de meldingen hieronder wat er niet klopt. "
                "Je tekst staat er nog."
            ),
        )
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
    """A year's counted outputs valued in euros: writers value them, advisors approve.
    Members and advisors only, like the results it is made of."""
    access = get_theory_for_user(request.user, slug, year, content=False)
    if not access.can_see_results:
        raise Http404
    prices = list(current_prices())
    shown_again: ValuationForm | None = None  # a proposal with mistakes, with what was typed
    if request.method == "POST":
        require(access.can_record_results or access.can_review)
        output = access.theory.outputs.filter(pk=int_param(request.POST.get("resultaat"))).first()
        if output is None:
            messages.error(request, _("Dat resultaat staat niet (meer) in deze verandertheorie."))
            return redirect(_value_url(access))
        outcome = _carry_out(request, access, output, prices)
        if isinstance(outcome, HttpResponse):
            return outcome
        shown_again = outcome
    report = value_report(access.theory)
    forms = {}
    if access.can_record_results:
        forms = {
            line.output.pk: ValuationForm.for_output(line.output, line.valuation, prices)
            for line in report.lines
        }
        if shown_again is not None:
            forms[shown_again.output.pk] = shown_again
    return render(
        request,
        "impact/value/value.html",
        {
            "access": access,
            "theory": access.theory,
            "initiative": access.initiative,
            "report": report,
            "forms": forms,
            "has_prices": bool(prices),
        },
    )


def _carry_out(
    request: HttpRequest, access: TheoryAccess, output: Output, prices: list
) -> HttpResponse | ValuationForm:
    """What a button of the value page asked for: approve (advisors), remove or propose
    (writers). Returns where to go next, or the proposal's form when it has mistakes."""
    there = redirect(f"{_value_url(access)}#resultaat-{output.pk}")
    action = request.POST.get("actie")
    if action == "goedkeuren":
        require(access.can_review)
        if services.valuation_approve(output=output, by=request.user):
            messages.success(request, _("De waardering is goedgekeurd."))
        return there
    require(access.can_record_results)
    if action == "verwijderen":
        services.valuation_remove(output=output)
        messages.success(request, _("De waardering is verwijderd."))
        return there
    form = ValuationForm.for_output(output, None, prices, data=request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _(
                "Nog niet opgeslagen: kijk bij de meldingen hieronder wat er niet klopt. "
                "Je tekst staat er nog."
            ),
        )
        return form
    services.valuation_save(
        theory=access.theory,
        output=output,
        price=form.cleaned_data["price"],
        corrections=form.corrections(),
    )
    messages.success(request, _("De waardering is opgeslagen. Een adviseur kijkt er nog naar."))
    return there


def _value_url(access: TheoryAccess) -> str:
    return reverse(
        "value:value", kwargs={"slug": access.initiative.slug, "year": access.theory.year}
    )
