"""The price list pages for advisors: the list, a new price, and changing one (which keeps
every earlier version and shows them)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from impact.value import services
from impact.value.forms import PriceItemForm, PriceVersionForm
from impact.value.models import VERSION_FIELDS, PriceItem
from impact.value.selectors import price_history, price_list
from initiatives.access import require


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
