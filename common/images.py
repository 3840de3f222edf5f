"""Uploaded logos and photos: checked, re-encoded without metadata, and given a server name.

Why re-encode every upload: a photo from a phone carries EXIF data (where and when it was
taken, the camera's serial number) that would travel with the file to anyone who opens the
fact sheet; a small file can hold an enormous image (a "decompression bomb") that costs
every render and every browser hundreds of megabytes. So nothing the user sent is stored
as it was: the image is opened only after its size in pixels has been read from its header
and found acceptable, turned upright, scaled down to what its use needs, and written anew
with no metadata but its colour profile.
"""

from __future__ import annotations

import io
import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}

# Longest side in pixels of what is stored, per use. The fact sheet prints a logo at about
# 3 cm (350 px at 300 dpi) and scales to 600 px; the initiative page shows a photo at most
# about 1,100 px wide on a large screen.
STORED_SIZE = {"logo": 800, "photo": 1600}

# Formats kept as PNG (sharp edges, transparency); everything else becomes JPEG.
LOSSLESS_FORMATS = {"PNG", "GIF"}
JPEG_QUALITY = 85


def random_image_name(filename: str) -> str:
    """A random name keeps user-chosen names (and paths in them) off the disk."""
    suffix = PurePath(filename).suffix.lower().lstrip(".")
    if suffix == "jpeg":
        suffix = "jpg"
    if suffix not in ALLOWED_IMAGE_FORMATS.values():
        suffix = "img"
    return f"{secrets.token_hex(12)}.{suffix}"


def _refuse_size(width: int, height: int, limit: int) -> ValidationError:
    return ValidationError(
        _(
            "Deze afbeelding is te groot: %(width)s bij %(height)s pixels. Er mogen hoogstens "
            "%(limit)s miljoen pixels in zitten. Maak de afbeelding kleiner (bijvoorbeeld "
            "3000 pixels breed) en probeer het opnieuw."
        )
        % {
            "width": number_format(width, force_grouping=True),
            "height": number_format(height, force_grouping=True),
            "limit": number_format(limit // 1_000_000),
        },
        code="too_many_pixels",
    )


def check_image_header(image: Image.Image) -> None:
    """Refuse an opened (not yet decoded) image of the wrong kind or with too many pixels.

    Pillow reads only the header on `open`, so this is cheap even for a bomb.
    """
    if image.format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError(
            _("Kies een foto of logo als JPG, PNG, WEBP of GIF."), code="invalid_format"
        )
    width, height = image.size
    limit = settings.MAX_IMAGE_PIXELS
    if width * height > limit:
        raise _refuse_size(width, height, limit)


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def check_file_size(size: int) -> None:
    """Refuse a file larger than `MAX_IMAGE_UPLOAD_BYTES`, before it is read."""
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            _("Dit bestand is te groot. Het mag hoogstens %(limit)s zijn.")
            % {"limit": filesizeformat(limit)},
            code="file_too_large",
        )


def prepare_image(content: bytes, *, purpose: str) -> ContentFile:
    """The image to store for `purpose` ("logo" or "photo"), from the bytes a user sent.

    Raises ValidationError, with a message for the user, when the file is too large, not an
    image of an allowed kind, damaged, or has more pixels than `MAX_IMAGE_PIXELS`.
    """
    check_file_size(len(content))
    longest = STORED_SIZE[purpose]
    try:
        with Image.open(io.BytesIO(content)) as image:
            check_image_header(image)
            source_format = image.format
            if source_format == "JPEG":
                # Decode a large photo at a fraction of its size straight away.
                image.draft("RGB", (longest, longest))
            image.seek(0)  # the first frame of an animation
            upright = ImageOps.exif_transpose(image)
            upright.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _(
                "Dit bestand is geen foto of logo, of het is beschadigd. "
                "Kies een JPG, PNG, WEBP of GIF."
            ),
            code="invalid_image",
        ) from error
    icc_profile = image.info.get("icc_profile")
    upright.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    return _encode(
        upright, lossless=source_format in LOSSLESS_FORMATS, icc=icc_profile, purpose=purpose
    )


def _encode(image: Image.Image, *, lossless: bool, icc: bytes | None, purpose: str) -> ContentFile:
    """Write the pixels anew. Only the colour profile is carried over: no EXIF (GPS position,
    camera, time), no XMP, no comments."""
    # Pillow writes some of `info` back (a JPEG comment, say): keep only what draws pixels.
    image.info = {key: image.info[key] for key in ("transparency",) if key in image.info}
    output = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if lossless or _has_transparency(image):
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(output, format="PNG", optimize=True, **extra)
        extension = "png"
    else:
        image.convert("RGB").save(
            output, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, **extra
        )
        extension = "jpg"
    return ContentFile(output.getvalue(), name=f"{purpose}.{extension}")
