"""Uploaded files are served only after an access check, never as public static files.

Why: a draft initiative's logo, a photo of residents, a cached CONCEPT fact sheet or a ZIP
of sheets must stop being reachable when the person who saw it leaves the initiative, the
sheet is reopened or its public link is switched off. So nothing under MEDIA_ROOT is served
by the web server on its own: `/media/<name>` is a view that answers only for the logo and
photo of an initiative the visitor may see (the same rule as the pages that show them), and
cached PDFs and ZIPs are only ever sent by their own views, never under `/media/`.

After the check the bytes take the cheapest road the deployment offers (`send_file`):
nginx sends the file itself when `MEDIA_ACCEL_REDIRECT` names an internal location, object
storage through a short-lived signed link, otherwise the app streams it.
"""

from __future__ import annotations

import mimetypes
import posixpath
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from impact.factsheet.links import shared_theories
from initiatives.access import visible_initiatives
from initiatives.models import Initiative, User

# Image names change whenever an image is replaced, so a browser may keep one a while.
IMAGE_MAX_AGE = 3600


def send_file(
    name: str,
    *,
    storage: Storage = default_storage,
    content_type: str | None = None,
    download_name: str | None = None,
    cache_control: str = "private, no-cache",
) -> HttpResponse:
    """A response with the stored file `name`, for a caller that has checked access."""
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT + quote(name)
    elif hasattr(storage, "signed_url"):
        response = HttpResponseRedirect(storage.signed_url(name))
    else:
        try:
            opened = storage.open(name, "rb")
        except FileNotFoundError as missing:
            raise Http404 from missing
        response = FileResponse(opened, content_type=content_type)
    if download_name:
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=download_name
        )
    response["Cache-Control"] = cache_control
    return response


def image_owner(name: str) -> Initiative | None:
    """The initiative whose logo or photo is stored under `name`, if any."""
    folder, _file = posixpath.split(name)
    if not folder.startswith("initiatives/") or ".." in name:
        return None
    slug = folder.removeprefix("initiatives/")
    for field in ("logo", "photo"):
        found = Initiative.objects.filter(slug=slug, **{field: name}).first()
        if found:
            return found
    return None


def may_see_images_of(user: User, initiative: Initiative) -> bool:
    """Whoever may see the initiative's page, and anyone while one of its fact sheets has a
    public link (the public sheet shows the logo or photo)."""
    return (
        visible_initiatives(user).filter(pk=initiative.pk).exists()
        or shared_theories().filter(initiative=initiative).exists()
    )


@require_safe
def media_file(request: HttpRequest, name: str) -> HttpResponse:
    """`/media/<name>`: an initiative's logo or photo, for those who may see it; 404 for
    everything else (cached PDFs and ZIPs included), so nobody learns what exists."""
    initiative = image_owner(name)
    if initiative is None or not may_see_images_of(request.user, initiative):
        raise Http404
    return send_file(name, cache_control=f"private, max-age={IMAGE_MAX_AGE}")
