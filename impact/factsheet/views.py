"""The fact sheet pages: the HTML sheet, its PDFs, and the public link.

Members and advisors see the sheet of any year (a draft carries a CONCEPT watermark);
municipalities see the approved sheets of the initiatives that serve them — the same rule
as the Verandertheorie itself, through `get_theory_for_user`. A public link shows one
approved sheet to anyone who has it: it stops working when it is switched off (switching it
on again makes a new link), and shows nothing while the Verandertheorie is reopened — the
village website's link works again once the corrected version is approved.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.concurrency import VERSION_FIELD, StaleVersion
from impact.factsheet import services
from impact.factsheet.data import build_factsheet
from impact.factsheet.document import render_theory_pdf
from impact.factsheet.forms import QuoteForm
from impact.factsheet.links import qr_target, share_url, shared_theories
from impact.factsheet.render import A4, cached_pdf, render_context, sheet_stamp
from initiatives.access import require
from theory_of_change.access import TheoryAccess, get_theory_for_user
from theory_of_change.models import TheoryOfChange
from theory_of_change.selectors import with_content


def _pdf_response(request: HttpRequest, theory: TheoryOfChange, variant: str) -> HttpResponse:
    """The cached PDF, or 304 when the browser already has this version (same ETag).

    `theory` needs only its row and initiative: the steps are read only to render.
    """
    stamp = sheet_stamp(theory, variant=variant)
    etag = f'"{stamp}"'
    cache_control = "public, no-cache" if request.user.is_anonymous else "private, no-cache"
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        rendered = cached_pdf(theory, variant=variant, stamp=stamp)
        response = HttpResponse(rendered.content, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=rendered.filename
        )
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response


def _page(request: HttpRequest, theory: TheoryOfChange, template: str, **context) -> HttpResponse:
    sheet = build_factsheet(theory, url=qr_target(theory))
    return render(
        request,
        template,
        {
            **render_context(sheet, variant=A4, for_print=False),
            "theory": theory,
            "initiative": theory.initiative,
            **context,
        },
    )


# --- for people who are logged in ------------------------------------------------------------


def _member_page(
    request: HttpRequest,
    access: TheoryAccess,
    quote_form: QuoteForm | None = None,
    base_version: str = "",
    conflict: TheoryOfChange | None = None,
) -> HttpResponse:
    """The sheet with what members may do around it: download, share, add a quote.

    A quote form shown again (a mistake, or someone else saved the quote meanwhile) keeps
    what was typed and carries `base_version`; `conflict` is the quote stored now.
    """
    theory = access.theory
    if quote_form is None and access.can_edit:
        quote_form = QuoteForm(initial={"quote": theory.quote, "quote_by": theory.quote_by})
        base_version = services.quote_version(theory)
    return _page(
        request,
        theory,
        "impact/factsheet/page.html",
        access=access,
        share_url=share_url(theory),
        can_share=access.initiative_access.can_manage and theory.is_approved,
        quote_form=quote_form,
        base_version=base_version,
        quote_conflict=conflict,
    )


@login_required
def page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _member_page(request, get_theory_for_user(request.user, slug, year))


@login_required
def pdf(request: HttpRequest, slug: str, year: int, variant: str) -> HttpResponse:
    """The A4 sheet or the A3 poster (the URL says which)."""
    access = get_theory_for_user(request.user, slug, year, content=False)
    return _pdf_response(request, access.theory, variant)


@login_required
def theory_document(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The whole Verandertheorie as a PDF, for whoever may read the theory's overview
    (members and advisors any status; municipality staff an approved one)."""
    access = get_theory_for_user(request.user, slug, year)
    response = HttpResponse(render_theory_pdf(access.theory), content_type="application/pdf")
    filename = f"verandertheorie-{access.initiative.slug}-{access.theory.year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private"
    return response


def _back_to_page(access: TheoryAccess) -> HttpResponse:
    return redirect("factsheet:page", slug=access.initiative.slug, year=access.theory.year)


@login_required
@require_POST
def share(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """Coordinators switch the public link on (a new secret each time) or off."""
    access = get_theory_for_user(request.user, slug, year, content=False)
    require(access.initiative_access.can_manage)
    if request.POST.get("share") == "on":
        try:
            services.share_link_enable(theory=access.theory, by=request.user)
        except services.NotApproved:
            messages.error(request, _("Alleen een goedgekeurd feitenblad kun je openbaar delen."))
        else:
            messages.success(
                request,
                _("De openbare link staat aan. Iedereen met de link kan het feitenblad zien."),
            )
    else:
        services.share_link_disable(theory=access.theory, by=request.user)
        messages.success(request, _("De openbare link staat uit. Oude links werken niet meer."))
    return _back_to_page(access)


@login_required
@require_POST
def quote(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = get_theory_for_user(request.user, slug, year)
    require(access.can_submit)
    form = QuoteForm(request.POST)
    base_version = request.POST.get(VERSION_FIELD, "")
    if not form.is_valid():
        messages.error(
            request, _("Het citaat is niet opgeslagen: kijk bij de melding wat er niet klopt.")
        )
        return _member_page(request, access, quote_form=form, base_version=base_version)
    try:
        services.quote_update(
            theory=access.theory,
            quote=form.cleaned_data["quote"],
            quote_by=form.cleaned_data["quote_by"],
            by=request.user,
            base_version=base_version,
        )
    except StaleVersion as conflict:
        # Nothing was saved: the page shows the stored quote above the form, which keeps
        # what this person typed and now carries the new version (saving again overwrites).
        return _member_page(
            request,
            access,
            quote_form=form,
            base_version=conflict.version,
            conflict=conflict.current,
        )
    except services.NotEditable:
        messages.error(
            request,
            _(
                "Het citaat kan nu niet worden aangepast: de verandertheorie is ingediend of "
                "goedgekeurd."
            ),
        )
    else:
        messages.success(request, _("Het citaat is opgeslagen."))
    return _back_to_page(access)


# --- the public link -------------------------------------------------------------------------


def _shared_theory(token: str, *, content: bool) -> TheoryOfChange:
    theories = shared_theories().filter(share_token=token)
    theories = theories.select_related("initiative__municipality")
    theory = (with_content(theories) if content else theories).first()
    if theory is None:
        raise Http404
    return theory


def shared(request: HttpRequest, token: str) -> HttpResponse:
    theory = _shared_theory(token, content=True)
    return _page(request, theory, "impact/factsheet/public.html", token=token)


def shared_pdf(request: HttpRequest, token: str, variant: str) -> HttpResponse:
    return _pdf_response(request, _shared_theory(token, content=False), variant)
