"""The A3 poster: made for the wall rather than the A4 scaled up — the initiative's photo
large, fewer words (no "how we measure", two items per list) and larger type, on one page
for maximal content with a photo too."""

from __future__ import annotations

import io

import pypdf
import pytest
from django.core.files.base import ContentFile
from PIL import Image

from impact.factsheet import render
from impact.factsheet.data import BUDGETS, POSTER_BUDGETS, build_factsheet
from impact.factsheet.render import A3, A4, cached_pdf
from initiatives.models import Initiative
from tests.factsheet.conftest import A3_SIZE, read_pdf
from tests.factsheet.maximal import make_maximal
from tests.factsheet.test_pdf_content import assert_fits_one_page
from theory_of_change.models import TheoryOfChange
from theory_of_change.selectors import with_content

pytestmark = pytest.mark.django_db


def photo_bytes(width: int = 1600, height: int = 900) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), (120, 160, 90)).save(output, format="JPEG")
    return output.getvalue()


def give_photo(theory: TheoryOfChange) -> None:
    initiative = Initiative.objects.get(pk=theory.initiative_id)
    initiative.photo.save("foto.jpg", ContentFile(photo_bytes()), save=True)


def image_sizes(content: bytes) -> list[tuple[int, int]]:
    """The (width, height) in pixels of every image the PDF's page draws."""
    page = pypdf.PdfReader(io.BytesIO(content)).pages[0]
    objects = page["/Resources"].get("/XObject", {})
    sizes = []
    for reference in objects.values():
        image = reference.get_object()
        if image.get("/Subtype") == "/Image":
            sizes.append((int(image["/Width"]), int(image["/Height"])))
    return sizes


def test_the_poster_carries_the_photo_large(approved_a, media_root, caplog):
    give_photo(approved_a)
    approved_a.refresh_from_db()
    content = cached_pdf(approved_a, variant=A3).content
    assert_fits_one_page(read_pdf(content), A3_SIZE, caplog)
    assert image_sizes(content), "the poster has no photo"


def test_the_poster_says_less_than_the_sheet(approved_a):
    theory = with_content(TheoryOfChange.objects.filter(pk=approved_a.pk)).get()
    for budget in POSTER_BUDGETS:
        poster = build_factsheet(theory, url="https://example.org/x", budget=budget)
        assert poster.measurement == []
        assert budget.items < BUDGETS[0].items
    sheet = build_factsheet(theory, url="https://example.org/x", budget=BUDGETS[0])
    assert sheet.measurement != []
    pdf = read_pdf(cached_pdf(approved_a, variant=A3).content)
    assert not pdf.says("Zo houden we het bij")
    assert read_pdf(cached_pdf(approved_a, variant=A4).content).says("Zo houden we het bij")


def test_a_maximal_poster_with_a_photo_fits_one_page(theory_a, media_root, caplog):
    make_maximal(theory_a)
    give_photo(theory_a)
    theory_a.refresh_from_db()
    content = cached_pdf(theory_a, variant=A3).content
    assert_fits_one_page(read_pdf(content), A3_SIZE, caplog)
    assert image_sizes(content)


def test_a_photo_is_decoded_once_for_all_renders_in_a_thread(approved_a, media_root):
    """The renderer keeps decoded images by URL (uploads get a new name when they change),
    at most `LIMIT` of them."""
    give_photo(approved_a)
    approved_a.refresh_from_db()
    cache = render._image_cache()
    cache.clear()
    cached_pdf(approved_a, variant=A4)
    photo_urls = [url for url in cache if url.endswith(".jpg")]
    assert len(photo_urls) == 1
    for number in range(render._ImageCache.LIMIT + 5):
        cache[f"https://feitenblad.invalid/media/x{number}.jpg"] = None
    assert len(cache) == render._ImageCache.LIMIT
    assert photo_urls[0] not in cache  # the oldest went first
