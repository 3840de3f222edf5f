"""Counts from a file: upload, preview, confirm; and the template to fill in.

Between the preview and the confirmation the rows read from the file wait in the session,
under a random token (one pending file per session; a newer upload replaces it). The
confirmation checks them again against the database as it is then: what the preview said
may no longer hold (someone counted in between, a result was removed). When anything
differs, the new preview is shown instead and nothing is recorded; otherwise every count is
recorded in one transaction, each only if it is still as checked.
"""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from common.concurrency import StaleVersion
from initiatives.access import require
from theory_of_change.access import TheoryAccess, get_theory_for_user
from theory_of_change.results import bulk
from theory_of_change.results.services import ResultRefused

SESSION_KEY = "results_import"
ACCEPT = ",".join((".csv", ".xlsx", "text/csv", bulk.XLSX_CONTENT_TYPE))
TEMPLATE_FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": bulk.XLSX_CONTENT_TYPE}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bestand met tellingen"),
        help_text=gettext_lazy("Een CSV-bestand of een Excel-bestand (.xlsx), hoogstens 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > bulk.MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is te groot (meer dan %(size)s MB). Splits het in kleinere delen.")
                % {"size": bulk.MAX_BYTES // (1024 * 1024)}
            )
        try:
            return bulk.read_table(upload.read(bulk.MAX_BYTES + 1), name=upload.name or "")
        except bulk.FileRefused as refused:
            raise forms.ValidationError(str(refused)) from None


def _access(request: HttpRequest, slug: str, year: int) -> TheoryAccess:
    """Whoever may record results: 404 for those who may not see them (outsiders, and
    municipality staff, who see totals only), 403 for those who only read them."""
    access = get_theory_for_user(request.user, slug, year, content=False)
    if not access.can_see_results:
        raise Http404
    require(access.can_record_results)
    return access


def _results_url(access: TheoryAccess) -> str:
    """Where the counts are shown: the results page, or the overview until there is one."""
    kwargs = {"slug": access.initiative.slug, "year": access.theory.year}
    try:
        return reverse("theory_of_change:results", kwargs=kwargs)
    except NoReverseMatch:
        return access.theory.get_absolute_url()


@login_required
def results_import(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = _access(request, slug, year)
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, access)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        preview = bulk.plan(form.cleaned_data["file"], theories=[access.theory], year=year)
        return _show_preview(request, access, form.cleaned_data["file"], preview)
    return _page(request, access, form=form)


def _page(request: HttpRequest, access: TheoryAccess, **context) -> HttpResponse:
    theory = access.theory
    context.setdefault("form", ImportForm())
    return render(
        request,
        "theory_of_change/results/import.html",
        {
            "access": access,
            "theory": theory,
            "initiative": access.initiative,
            "outputs": (
                context["preview"].outputs
                if "preview" in context
                else bulk.numbered_outputs([theory])
            )[theory.pk],
            "results_url": _results_url(access),
            "max_rows": bulk.MAX_ROWS,
            "note_column": bulk.NOTE,
            "ignored_column": bulk.DESCRIPTION,
            **context,
        },
    )


def _show_preview(
    request: HttpRequest,
    access: TheoryAccess,
    lines: list[bulk.Line],
    preview: bulk.Preview,
    *,
    changed: bool = False,
) -> HttpResponse:
    """The preview, with the rows kept in the session for the confirmation."""
    token = ""
    if preview.can_apply:
        token = secrets.token_urlsafe(24)
        request.session[SESSION_KEY] = {
            "token": token,
            "theory": access.theory.pk,
            "lines": [line.as_json() for line in lines],
            "fingerprint": preview.fingerprint,
        }
    else:
        request.session.pop(SESSION_KEY, None)
    return _page(request, access, preview=preview, token=token, changed=changed)


def _confirm(request: HttpRequest, access: TheoryAccess) -> HttpResponse:
    pending = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    if (
        not token
        or not secrets.compare_digest(str(pending.get("token", "")), token)
        or pending.get("theory") != access.theory.pk
    ):
        messages.error(
            request,
            _(
                "Dit bestand is al verwerkt, of het overzicht is verlopen. Kijk bij de "
                "resultaten wat er staat, of upload het bestand opnieuw."
            ),
        )
        return redirect(request.path)
    lines = [bulk.Line.from_json(line) for line in pending["lines"]]
    preview = bulk.plan(lines, theories=[access.theory], year=access.theory.year)
    if preview.fingerprint != pending["fingerprint"]:
        return _show_preview(request, access, lines, preview, changed=True)
    try:
        recorded = bulk.apply(preview=preview, by=request.user)
    except (StaleVersion, ResultRefused):
        # Changed in the moment between this check and recording: check once more.
        preview = bulk.plan(lines, theories=[access.theory], year=access.theory.year)
        return _show_preview(request, access, lines, preview, changed=True)
    request.session.pop(SESSION_KEY, None)
    added = len(preview.added)
    messages.success(
        request,
        ngettext(
            "%(count)s telling opgeslagen: %(added)s nieuw en %(corrected)s verbeterd.",
            "%(count)s tellingen opgeslagen: %(added)s nieuw en %(corrected)s verbeterd.",
            recorded,
        )
        % {"count": recorded, "added": added, "corrected": recorded - added},
    )
    return redirect(_results_url(access))


@login_required
@require_GET
def results_template(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    """The file to fill in: every period of the year for each output of step 5."""
    if fmt not in TEMPLATE_FORMATS:
        raise Http404
    access = _access(request, slug, year)
    theory = access.theory
    content = bulk.template_csv(theory) if fmt == "csv" else bulk.template_xlsx(theory)
    response = HttpResponse(content, content_type=TEMPLATE_FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=bulk.template_filename(theory, fmt)
    )
    response["Cache-Control"] = "private, no-store"
    return response
