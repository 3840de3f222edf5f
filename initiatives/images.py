"""Checks and names for uploaded logos and photos."""

import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ALLOWED_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


def random_image_name(filename: str) -> str:
    """A random name keeps user-chosen names (and paths in them) off the disk."""
    suffix = PurePath(filename).suffix.lower().lstrip(".")
    if suffix == "jpeg":
        suffix = "jpg"
    if suffix not in ALLOWED_IMAGE_FORMATS.values():
        suffix = "img"
    return f"{secrets.token_hex(12)}.{suffix}"


def validate_image_upload(upload) -> None:
    """Refuse files that are too large or that are not really an image of an allowed kind.

    Django's ImageField has already opened the file with Pillow; here we also check the
    format it found, because Pillow opens more formats than a browser can show.
    """
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Dit bestand is te groot. Het mag hoogstens %(limit)s zijn.")
            % {"limit": filesizeformat(limit)}
        )
    image = getattr(upload, "image", None)
    if image is not None and image.format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(_("Kies een foto of logo als JPG, PNG, WEBP of GIF."))
