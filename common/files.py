"""Sending a stored file after the caller has checked who may have it.

The bytes take the cheapest road the deployment offers: nginx sends the file itself when
`MEDIA_ACCEL_REDIRECT` names an internal location (X-Accel-Redirect), object storage
through a short-lived signed link (a storage with `signed_url`, see
`impact.storage.GuardedS3Storage`), otherwise the app streams it.
"""

from __future__ import annotations

import mimetypes
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header


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
