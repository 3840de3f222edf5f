"""The municipality portal at /gemeente/: the initiatives that serve a municipality, the
year at a glance, the summary PDF and the exports. Advisors use it over all
municipalities. Who sees what is decided by `selection.read_selection`; the views only
tie the pieces together."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header, urlencode

from impact.portal import tables
from impact.portal.data import initiative_rows
from impact.portal.exports import download
from impact.portal.overview import cached_glance
from impact.portal.selection import download_name, read_selection, selection_params
from impact.portal.summary import render_summary

PAGE_SIZE = 25
FORMATS = ("csv", "xlsx")


@login_required
def index(request: HttpRequest) -> HttpResponse:
    form, selection = read_selection(request.GET, user=request.user)
    initiatives = selection.initiatives().select_related("municipality").order_by("name", "pk")
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("pagina"))
    params = selection_params(selection)
    glance = cached_glance(selection)
    return render(
        request,
        "impact/portal/index.html",
        {
            "form": form,
            "selection": selection,
            "scope": selection.scope,
            "overview": glance.overview,
            "glance_html": glance.html,
            "page": page,
            "rows": initiative_rows(page.object_list, year=selection.year),
            "params": params,
            "filter_query": urlencode(params),
        },
    )


@login_required
def summary_pdf(request: HttpRequest) -> HttpResponse:
    _form, selection = read_selection(request.GET, user=request.user)
    response = HttpResponse(render_summary(selection), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=download_name(selection, "overzicht") + ".pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _export(request: HttpRequest, fmt: str, *, what: str, table) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    _form, selection = read_selection(request.GET, user=request.user)
    return download(table(selection), filename=download_name(selection, what), fmt=fmt)


@login_required
def figures_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """A row per output indicator: initiative, municipality, year, unit, target, achieved."""
    return _export(request, fmt, what="kerncijfers", table=tables.figures_table)


@login_required
def initiatives_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return _export(request, fmt, what="initiatieven", table=tables.initiatives_table)


@login_required
def value_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """A row per approved valuation in euros: count, price range, source, corrections, value."""
    return _export(request, fmt, what="waarde", table=tables.value_table)


@login_required
def breakthrough_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """A row per cost an approved doorbraak case avoided, with its source and likelihood."""
    return _export(request, fmt, what="doorbraak", table=tables.breakthrough_table)
