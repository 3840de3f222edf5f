"""The ZIP of fact sheets in the portal: ask for it, watch it being made, download it.

The rules (which sheets, reuse of earlier work, who may see a bundle) live in
`impact.portal.bundles`; these views read the request, call one service and answer.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.files import send_file
from impact.models import FactSheetBundle
from impact.portal import bundles
from impact.portal.selection import read_selection, selection_params


def _portal_url(params: dict[str, str]) -> str:
    query = urlencode(params)
    return f"{reverse('portal:index')}?{query}" if query else reverse("portal:index")


@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    """Ask for the ZIP of the selection posted by the portal page (or "Probeer opnieuw")."""
    _form, selection = read_selection(request.POST, user=request.user)
    try:
        bundle = bundles.bundle_request(
            selection=selection, user=request.user, language=get_language()
        )
    except bundles.NothingToBundle:
        messages.info(
            request,
            _(
                "Er zijn geen goedgekeurde feitenbladen van %(year)s bij deze keuze. "
                "Er is dus nog niets om te downloaden."
            )
            % {"year": selection.year},
        )
        return redirect(_portal_url(selection_params(selection)))
    return redirect("portal:bundle", pk=bundle.pk)


def _progress(bundle: FactSheetBundle, *, downloadable: bool) -> dict:
    """What the page shows and the JSON for polling says, in one place."""
    return {
        "status": bundle.status,
        "status_label": str(bundle.get_status_display()),
        "done": bundle.done,
        "total": bundle.total,
        "text": ngettext(
            "%(done)s van %(total)s feitenblad klaar",
            "%(done)s van %(total)s feitenbladen klaar",
            bundle.total,
        )
        % {"done": bundle.done, "total": bundle.total},
        "ready": downloadable,
        "download_url": (
            reverse("portal:bundle_download", kwargs={"pk": bundle.pk}) if downloadable else ""
        ),
        "size": filesizeformat(bundle.size) if downloadable else "",
    }


@login_required
def detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    bundle = bundles.get_bundle_for_user(request.user, pk)
    downloadable = bundles.bundle_downloadable(bundle=bundle, user=request.user)
    return render(
        request,
        "impact/portal/bundle.html",
        {
            "bundle": bundle,
            "progress": _progress(bundle, downloadable=downloadable),
            "downloadable": downloadable,
            # Ready, but the ZIP is gone or a sheet in it is no longer readable.
            "outdated": bundle.is_ready and not downloadable,
            "query": urlencode(bundle.params),
        },
    )


@login_required
def progress(request: HttpRequest, pk: uuid.UUID) -> JsonResponse:
    """The bundle's progress for the page's script, polled every few seconds."""
    bundle = bundles.get_bundle_for_user(request.user, pk)
    downloadable = bundles.bundle_downloadable(bundle=bundle, user=request.user)
    response = JsonResponse(_progress(bundle, downloadable=downloadable))
    response["Cache-Control"] = "no-store"
    return response


@login_required
def download(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    bundle = bundles.get_bundle_for_user(request.user, pk)
    if not bundles.bundle_downloadable(bundle=bundle, user=request.user):
        raise Http404
    return send_file(
        bundle.file,
        content_type="application/zip",
        download_name=bundle.download_name,
        cache_control="private",
    )
