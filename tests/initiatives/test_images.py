"""Uploaded logos and photos are stored re-encoded: no metadata, upright, at a size that
suits their use, and refused when they hold more pixels than `MAX_IMAGE_PIXELS`."""

import importlib
import io
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from common.images import STORED_SIZE, prepare_image
from tests.initiatives.test_edit import EDIT_URL, form_data

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825
ORIENTATION = 0x0112
CAMERA_MODEL = 0x0110


def phone_photo(size=(1200, 900), *, orientation: int = 1) -> bytes:
    """A JPEG as a phone writes it: GPS position, camera model and an orientation tag."""
    image = Image.new("RGB", size, (40, 120, 200))
    image.paste((250, 250, 0), (0, 0, size[0] // 4, size[1] // 4))  # a mark in a corner
    exif = Image.Exif()
    exif[CAMERA_MODEL] = "Telefoon X"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (52.0, 57.0, 0.0), 3: "E", 4: (6.0, 24.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"Opgenomen in Smilde")
    return buffer.getvalue()


def upload(content: bytes, name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


def stored(field) -> Image.Image:
    with field.open("rb") as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
    return image


def test_a_photo_is_stored_without_its_gps_position(client_a, initiative_a):
    original = phone_photo()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the test's premise
    client_a.post(EDIT_URL, form_data(photo=upload(original), logo=upload(original, "l.jpg")))
    initiative_a.refresh_from_db()
    for field in (initiative_a.photo, initiative_a.logo):
        image = stored(field)
        assert not image.getexif(), "no EXIF at all: no position, camera or time"
        assert "exif" not in image.info and "comment" not in image.info
        with field.open("rb") as file:
            raw = file.read()
        assert b"Telefoon X" not in raw and b"Smilde" not in raw


def test_a_photo_taken_sideways_is_stored_upright(client_a, initiative_a):
    # Orientation 6: the camera was turned; viewers rotate the picture 90° clockwise.
    client_a.post(EDIT_URL, form_data(photo=upload(phone_photo((800, 600), orientation=6))))
    initiative_a.refresh_from_db()
    assert stored(initiative_a.photo).size == (600, 800)


def test_images_are_stored_at_the_size_of_their_use(client_a, initiative_a):
    big = phone_photo((4000, 3000))
    client_a.post(EDIT_URL, form_data(photo=upload(big), logo=upload(big, "logo.jpg")))
    initiative_a.refresh_from_db()
    assert stored(initiative_a.photo).size == (STORED_SIZE["photo"], 1200)
    assert stored(initiative_a.logo).size == (STORED_SIZE["logo"], 600)
    assert initiative_a.photo.size < len(big)


def test_a_small_image_is_not_enlarged():
    image = Image.open(io.BytesIO(prepare_image(phone_photo((120, 90)), purpose="photo").read()))
    assert image.size == (120, 90)


def test_a_transparent_logo_keeps_its_transparency():
    buffer = io.BytesIO()
    Image.new("RGBA", (300, 100), (0, 0, 0, 0)).save(buffer, "PNG")
    result = prepare_image(buffer.getvalue(), purpose="logo")
    assert result.name == "logo.png"
    image = Image.open(io.BytesIO(result.read()))
    assert image.format == "PNG" and image.mode == "RGBA"
    assert image.getpixel((10, 10))[3] == 0


def test_a_webp_photo_becomes_a_jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (10, 200, 10)).save(buffer, "WEBP")
    result = prepare_image(buffer.getvalue(), purpose="photo")
    assert result.name == "photo.jpg"
    assert Image.open(io.BytesIO(result.read())).format == "JPEG"


def decompression_bomb() -> bytes:
    """13,000 × 13,000 pixels in about 30 kB: under Pillow's own limit of ~179 Mpx."""
    buffer = io.BytesIO()
    Image.new("1", (13_000, 13_000)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_an_image_with_too_many_pixels_is_refused_with_a_clear_message(client_a, initiative_a):
    bomb = decompression_bomb()
    assert len(bomb) < 600_000
    started = time.perf_counter()
    response = client_a.post(
        EDIT_URL, form_data(name="Dorpshuis De Smelte", logo=upload(bomb, "logo.png"))
    )
    assert time.perf_counter() - started < 5  # refused from the header, never decoded
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze afbeelding is te groot: 13.000 bij 13.000 pixels" in html
    assert "hoogstens 50 miljoen pixels" in html
    assert "Dorpshuis De Smelte" in html  # what was typed stays
    initiative_a.refresh_from_db()
    assert not initiative_a.logo


def test_the_pixel_limit_is_a_setting(settings):
    settings.MAX_IMAGE_PIXELS = 100 * 100
    with pytest.raises(ValidationError) as refused:
        prepare_image(phone_photo((101, 100)), purpose="logo")
    assert refused.value.code == "too_many_pixels"
    prepare_image(phone_photo((100, 100)), purpose="logo")


@pytest.mark.parametrize(
    "content",
    [b"", b"GIF89a not really", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, phone_photo()[:300]],
)
def test_damaged_files_are_refused_not_crashed(content):
    with pytest.raises(ValidationError) as refused:
        prepare_image(content, purpose="photo")
    assert refused.value.code == "invalid_image"


def test_images_stored_before_re_encoding_are_re_encoded_by_a_migration(initiative_a):
    from django.apps import apps
    from django.core.files.base import ContentFile

    migration = importlib.import_module("initiatives.migrations.0003_reencode_stored_images")
    initiative_a.photo.save("foto.jpg", ContentFile(phone_photo((3000, 2000))))
    initiative_a.logo.save("logo.png", ContentFile(b"not an image at all"))
    old_photo, old_logo = initiative_a.photo.name, initiative_a.logo.name
    storage = initiative_a.photo.storage

    migration.reencode_stored_images(apps, None)

    initiative_a.refresh_from_db()
    assert initiative_a.photo.name != old_photo and not storage.exists(old_photo)
    photo = stored(initiative_a.photo)
    assert not photo.getexif() and photo.size == (STORED_SIZE["photo"], 1067)
    assert not initiative_a.logo and not storage.exists(old_logo)  # could not be made safe
