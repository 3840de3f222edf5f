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

from impact.factsheet import services
from impact.factsheet.document import render_theory_pdf
from impact.factsheet.forms import SheetStoryForm
from impact.factsheet.links import share_url, shared_theories
from impact.factsheet.render import cached_pdf, cached_sheet_html, sheet_stamp
from initiatives.access import require
from theory_of_change.access import TheoryAccess, get_theory_for_user
from theory_of_change.models import TheoryOfChange
from theory_of_change.stories.selectors import cleared_for_sheet
from theory_of_change.stories.services import StoryRefused, sheet_story_choose


def _pdf_response(
    request: HttpRequest, theory: TheoryOfChange, variant: str, *, public: bool = False
) -> HttpResponse:
    """The cached PDF, or 304 when the browser already has this version (same ETag).

    `theory` needs only its row and initiative: the steps are read only to render.
    `public`: the public link's sheet, which shows only stories cleared for everyone.
    """
    stamp = sheet_stamp(theory, variant=variant, public=public)
    etag = f'"{stamp}"'
    cache_control = "public, no-cache" if request.user.is_anonymous else "private, no-cache"
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        rendered = cached_pdf(theory, variant=variant, stamp=stamp, public=public)
        response = HttpResponse(rendered.content, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=rendered.filename
        )
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response


def _page(
    request: HttpRequest,
    theory: TheoryOfChange,
    template: str,
    *,
    public: bool = False,
    **context,
) -> HttpResponse:
    """A fact sheet page: the sheet from the cache (`cached_sheet_html`), the rest live.
    `theory` needs only its row, initiative and municipality."""
    return render(
        request,
        template,
        {
            "sheet_html": cached_sheet_html(theory, public=public, standalone=public),
            "theory": theory,
            "initiative": theory.initiative,
            **context,
        },
    )


# --- for people who are logged in ------------------------------------------------------------


def _member_page(request: HttpRequest, access: TheoryAccess) -> HttpResponse:
    """The sheet with what members may do around it: download, share, choose its quote."""
    theory = access.theory
    story_form = None
    if access.can_record_results:
        stories = list(cleared_for_sheet(theory))
        story_form = SheetStoryForm(stories=stories, initial={"story": theory.sheet_story_id})
    return _page(
        request,
        theory,
        "impact/factsheet/page.html",
        access=access,
        share_url=share_url(theory),
        can_share=access.initiative_access.can_manage and theory.is_approved,
        story_form=story_form,
    )


@login_required
def page(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _member_page(request, get_theory_for_user(request.user, slug, year, content=False))


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
    """Choose the story whose quote the sheet shows (in any status: stories are collected
    through the year, like results)."""
    access = get_theory_for_user(request.user, slug, year, content=False)
    require(access.can_record_results)
    form = SheetStoryForm(request.POST, stories=list(cleared_for_sheet(access.theory)))
    if not form.is_valid():
        messages.error(request, _("Kies een van de verhalen in de lijst."))
        return _back_to_page(access)
    try:
        sheet_story_choose(theory=access.theory, story=form.chosen(), by=request.user)
    except StoryRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Het feitenblad is bijgewerkt."))
    return _back_to_page(access)


# --- the public link -------------------------------------------------------------------------


def _shared_theory(token: str) -> TheoryOfChange:
    theories = shared_theories().filter(share_token=token)
    theory = theories.select_related("initiative__municipality").first()
    if theory is None:
        raise Http404
    return theory


def shared(request: HttpRequest, token: str) -> HttpResponse:
    theory = _shared_theory(token)
    return _page(request, theory, "impact/factsheet/public.html", public=True, token=token)


def shared_pdf(request: HttpRequest, token: str, variant: str) -> HttpResponse:
    return _pdf_response(request, _shared_theory(token), variant, public=True)
