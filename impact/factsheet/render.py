"""The fact sheet as a PDF: rendered safely, always on one page, and cached.

Safety: WeasyPrint fetches only through `AssetFetcher`, which serves the app's own static
files and uploaded images and refuses everything else (`file:`, `http(s):` to anywhere,
`data:`…). Answers reach the template as text and are escaped, so an answer that looks like
`<img src="file:///etc/passwd">` is printed as those characters, and even markup that did
slip through could not make the server read a file or call out.

One page: the sheet is built with the most generous `Budget` first; when WeasyPrint lays
it out on more than one page, it is built again with the next, tighter budget.

Speed: one `FontConfiguration` and one parsed stylesheet per process; finished PDFs are
kept in the default storage under a hash of everything that shapes them (`sheet_stamp`:
what the sheet is made from, the template, the stylesheet, the fonts and WeasyPrint's
version), so a download is a file read until something on the sheet changes.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import logging
import mimetypes
import posixpath
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from PIL import Image
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from impact.factsheet import qr
from impact.factsheet.data import (
    BUDGETS,
    POSTER_BUDGETS,
    FactSheet,
    SheetResults,
    build_factsheet,
    sheet_results,
)
from impact.factsheet.links import qr_target
from impact.factsheet.qr import qr_image, qr_svg
from theory_of_change.models import DataCollectionMethod, ResourceKind, Theme, TheoryOfChange
from theory_of_change.selectors import reload_with_content

logger = logging.getLogger(__name__)

# Relative links in the sheet resolve against this made-up origin; the fetcher maps its
# /static/ and /media/ paths to local files. ".invalid" can never resolve (RFC 6761).
ASSET_ORIGIN = "https://feitenblad.invalid"
TEMPLATE = "impact/factsheet/pdf.html"
STYLESHEET = "css/factsheet.css"
FONTS = "fonts/atkinson-hyperlegible"
DIGITS = "fonts/inter-digits"  # the sheet's digits (factsheet.css)
# Uploaded images are scaled down to this many pixels on their longest side: sharp at the
# printed size (a logo of 3 cm at 300 dpi is about 350 px) and a sheet well under 1 MB.
IMAGE_MAX_PIXELS = 600


# Paper sizes: the A4 sheet, and the A3 poster for framing.
A4 = "a4"
A3 = "a3"
# The A4 sheet shortens its texts step by step to fit; the A3 poster says less from the start.
BUDGETS_BY_VARIANT = {A4: BUDGETS, A3: POSTER_BUDGETS}


class RefusedURL(ValueError):
    """The sheet asked for something outside the app's own files."""


class AssetFetcher(URLFetcher):
    """Serves `<ASSET_ORIGIN>/static/…` and `/media/…` from local files and the QR code's
    image from `qr.IMAGE_PATH`; refuses the rest."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != ASSET_ORIGIN:
            raise RefusedURL(f"the fact sheet does not fetch {url[:80]}")
        path = posixpath.normpath(unquote(parts.path))
        if path.startswith(settings.STATIC_URL):
            content = _static_file(path.removeprefix(settings.STATIC_URL))
        elif path.startswith(settings.MEDIA_URL):
            content = _media_image(path.removeprefix(settings.MEDIA_URL))
        elif path.startswith(qr.IMAGE_PATH) and path.endswith(".png"):
            content = qr.qr_png(path.removeprefix(qr.IMAGE_PATH).removesuffix(".png"))
        else:
            raise RefusedURL(f"the fact sheet does not fetch {path[:80]}")
        mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, content, {"Content-Type": mime_type})


def _static_file(name: str) -> bytes:
    found = finders.find(name) if ".." not in name else None
    if not found and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT, name)
        found = str(candidate) if candidate.is_file() else None
    if not found:
        raise RefusedURL(f"no static file {name[:80]}")
    return Path(found).read_bytes()


def _media_image(name: str) -> bytes:
    """An uploaded image, scaled down for print; anything that is not an image is refused."""
    if ".." in name or not default_storage.exists(name):
        raise RefusedURL(f"no uploaded file {name[:80]}")
    with default_storage.open(name) as upload:
        try:
            image = Image.open(upload)
            image.load()
        except Exception as error:
            raise RefusedURL(f"not an image: {name[:80]}") from error
    image.thumbnail((IMAGE_MAX_PIXELS, IMAGE_MAX_PIXELS))
    output = io.BytesIO()
    if image.mode in ("RGBA", "LA", "P"):
        image.save(output, format="PNG", optimize=True)
    else:
        image.convert("RGB").save(output, format="JPEG", quality=85, optimize=True)
    return output.getvalue()


@functools.cache
def _fetcher() -> AssetFetcher:
    return AssetFetcher(fail_on_errors=False)


class _ImageCache(OrderedDict):
    """WeasyPrint's decoded images by URL, the most recent `LIMIT` kept: a sheet is laid out
    again for each text budget, and a bundle renders many sheets with the same logos, so
    decoding a photo once saves a quarter of a render. Uploaded files get a new, random name
    when they change, so a URL always means the same picture; one cache per thread, as
    WeasyPrint reads and writes it without a lock."""

    LIMIT = 24

    def __setitem__(self, key, value) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > self.LIMIT:
            self.popitem(last=False)


_images = threading.local()


def _image_cache() -> _ImageCache:
    if not hasattr(_images, "cache"):
        _images.cache = _ImageCache()
    return _images.cache


@functools.cache
def _font_config() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def _stylesheet(name: str = STYLESHEET) -> weasyprint.CSS:
    """A print stylesheet from static files, parsed once per process (fonts included)."""
    return weasyprint.CSS(
        filename=finders.find(name),
        base_url=f"{ASSET_ORIGIN}{settings.STATIC_URL}{posixpath.dirname(name)}/",
        url_fetcher=_fetcher(),
        font_config=_font_config(),
    )


WARM_UP_PAGE = '<p class="sheet">Maatschappelijke Waarde</p>'


def warm_up() -> None:
    """Load fonts and parse the stylesheet now, not in the first visitor's request: the
    app server calls this when a worker process starts (gunicorn.conf.py)."""
    render_document(WARM_UP_PAGE).write_pdf()


def is_warm() -> bool:
    return _stylesheet.cache_info().currsize > 0


def render_document(html: str, *, stylesheet: str = STYLESHEET) -> weasyprint.Document:
    """Lay out `html` with the same safe fetcher, fonts and cached stylesheet as the fact
    sheet; other printed pages (the municipality summary) use it too."""
    document = weasyprint.HTML(string=html, base_url=f"{ASSET_ORIGIN}/", url_fetcher=_fetcher())
    return document.render(
        stylesheets=[_stylesheet(stylesheet)], font_config=_font_config(), cache=_image_cache()
    )


@functools.cache
def design_fingerprint() -> str:
    """A hash of what the sheet looks like: template, stylesheet and fonts. Part of the
    cache key, so a new design or WeasyPrint release renders sheets again."""
    digest = hashlib.sha256(weasyprint.__version__.encode())
    template_names = [TEMPLATE, SHEET_HTML_TEMPLATE]
    for name in template_names:
        digest.update(Path(get_template(name).origin.name).read_bytes())
    digest.update(Path(finders.find(STYLESHEET)).read_bytes())
    fonts = [
        font for folder in (FONTS, DIGITS) for font in Path(finders.find(folder)).glob("*.woff2")
    ]
    for font in sorted(fonts):
        digest.update(font.read_bytes())
    return digest.hexdigest()


def render_context(sheet: FactSheet, *, variant: str, for_print: bool) -> dict:
    return {
        "sheet": sheet,
        "variant": variant,
        "for_print": for_print,
        "qr": (qr_image if for_print else qr_svg)(sheet.url) if sheet.url else "",
    }


def _render(sheet: FactSheet, variant: str) -> weasyprint.Document:
    html = render_to_string(TEMPLATE, render_context(sheet, variant=variant, for_print=True))
    return render_document(html)


def render_pdf(
    theory: TheoryOfChange,
    *,
    url: str,
    variant: str = A4,
    public: bool = False,
    results: SheetResults | None = None,
) -> bytes:
    """The sheet as a one-page PDF, shortened only as far as it must be to fit. `public`:
    for the public link, which shows only what is cleared for everyone. `results`: the
    year's results when already loaded (`sheet_results`, with the same `public`)."""
    if results is None:
        results = sheet_results(theory, public=public)
    for budget in BUDGETS_BY_VARIANT[variant]:
        sheet = build_factsheet(theory, url=url, budget=budget, results=results)
        document = _render(sheet, variant)
        if len(document.pages) == 1:
            return document.write_pdf()
    # The tightest budget fits maximal answers (tested); should the design ever change so
    # that it does not, the first page is still a whole, readable sheet.
    logger.error("fact sheet of %s did not fit on one page", theory)
    return document.copy([document.pages[0]]).write_pdf()


# --- the cache -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedPDF:
    content: bytes
    etag: str  # the sheet's stamp: equal for equal sheets
    filename: str  # the download name
    from_cache: bool


def download_name(theory: TheoryOfChange, variant: str) -> str:
    suffix = "" if variant == A4 else f"-{variant}"
    return f"feitenblad-{theory.initiative.slug}-{theory.year}{suffix}.pdf"


def references_version() -> str:
    """How many reference list entries there are (themes, methods, kinds of means) and
    when one last changed: a rename or a deletion changes it. One query."""
    tables = [model._meta.db_table for model in (ResourceKind, Theme, DataCollectionMethod)]
    quote = connection.ops.quote_name
    rows = " UNION ALL ".join(f"SELECT updated_at FROM {quote(table)}" for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX(updated_at) FROM ({rows}) AS entries")  # noqa: S608
        count, latest = cursor.fetchone()
    return f"{count}:{latest}"


def sheet_stamp(
    theory: TheoryOfChange, *, variant: str, references: str = "", public: bool = False
) -> str:
    """A hash of everything a sheet is made from, read without loading its ten steps.

    The steps' content is represented by the theory's last change (every saved step, and
    every admin edit, sets it), the results, the stories (with their consent) and the
    valuations in euros by theirs (a valuation keeps its price version, so a later price
    change leaves an approved sheet as it was); next to it the status and approval date,
    the chosen story, the public link
    and whether the sheet is for it, the initiative's details, the reference
    lists' size and last change, the settings the sheet prints, the language and paper
    size, and the design (template, stylesheet, fonts, WeasyPrint version). Equal stamps
    mean equal PDFs, so the stamp names the cached file and is the download's ETag. Load
    the theory with its initiative and municipality. Stamping many sheets at once, pass
    `references` (`references_version()`) to read the reference lists once.
    """
    initiative = theory.initiative
    parts = [
        theory.pk,
        theory.year,
        theory.updated_at,
        theory.status,
        theory.approved_at,
        theory.results_changed_at,
        theory.stories_changed_at,
        theory.values_changed_at,
        theory.sheet_story_id,
        theory.share_token,
        public,
        initiative.slug,
        initiative.name,
        initiative.kind,
        initiative.place,
        initiative.logo.name,
        initiative.photo.name,
        initiative.municipality.name,
        references or references_version(),
        settings.SITE_URL,
        settings.ADVISOR_ORGANISATION,
        variant,
        translation.get_language(),
        design_fingerprint(),
    ]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


# The sheet in the pages (HTML) is kept in the cache, one entry per theory, language and
# audience, holding the stamp it was made from; a changed stamp makes it anew.
SHEET_HTML_SECONDS = 7 * 24 * 60 * 60
SHEET_HTML_TEMPLATE = "impact/factsheet/_sheet.html"


def _html_key(theory: TheoryOfChange, language: str, public: bool, standalone: bool) -> str:
    return f"feitenblad-html:{theory.pk}:{language}:{int(public)}:{int(standalone)}"


def cached_sheet_html(
    theory: TheoryOfChange, *, public: bool = False, standalone: bool = False
) -> SafeString:
    """The sheet as the fact sheet pages show it, made only when its stamp changed.

    The page around it (downloads, sharing, the choice of quote, the CSRF token) stays live;
    only the sheet, the costly part, comes from the cache. `theory` needs only its row,
    initiative and municipality. `standalone`: for the public page (headings one level up).
    """
    stamp = sheet_stamp(theory, variant="html", public=public)
    key = _html_key(theory, translation.get_language(), public, standalone)
    kept = cache.get(key)
    if kept is not None and kept[0] == stamp:
        return mark_safe(kept[1])  # noqa: S308 - made by our own template, escaped there
    loaded = reload_with_content(theory)
    sheet = build_factsheet(loaded, url=qr_target(loaded), public=public)
    context = {**render_context(sheet, variant=A4, for_print=False), "standalone": standalone}
    html = render_to_string(SHEET_HTML_TEMPLATE, context)
    cache.set(key, (stamp, html), SHEET_HTML_SECONDS)
    return html


def _cache_prefix(theory: TheoryOfChange, variant: str, public: bool) -> str:
    language = translation.get_language()
    audience = "openbaar-" if public else ""
    return f"feitenbladen/{theory.initiative.slug}/{theory.year}-{variant}-{language}-{audience}"


def cached_pdf(
    theory: TheoryOfChange, *, variant: str = A4, stamp: str = "", public: bool = False
) -> RenderedPDF:
    """The PDF from the cache, or rendered and stored there (replacing older versions).

    `theory` needs only its row and initiative: the steps are loaded when it must render.
    Pass `stamp` when the caller already has it. `public`: the public link's sheet, which
    is cached apart (it may show less: only stories cleared for everyone).
    """
    stamp = stamp or sheet_stamp(theory, variant=variant, public=public)
    prefix = _cache_prefix(theory, variant, public)
    name = f"{prefix}{stamp[:32]}.pdf"
    filename = download_name(theory, variant)
    if default_storage.exists(name):
        with default_storage.open(name) as stored:
            return RenderedPDF(stored.read(), stamp, filename, from_cache=True)
    loaded = reload_with_content(theory)
    content = render_pdf(loaded, url=qr_target(loaded), variant=variant, public=public)
    _forget_older(prefix, keep=name)
    default_storage.save(name, ContentFile(content))
    return RenderedPDF(content, stamp, filename, from_cache=False)


def _forget_older(prefix: str, *, keep: str) -> None:
    folder, start = posixpath.split(prefix)
    try:
        _, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for file in files:
        if file.startswith(start) and posixpath.join(folder, file) != keep:
            default_storage.delete(posixpath.join(folder, file))


def forget_sheets(theory: TheoryOfChange) -> None:
    """Remove every cached sheet of the theory (A4 and A3 and the pages' HTML, every
    language, member and public), so nothing that was on it waits on disk or in memory
    after consent is withdrawn."""
    cache.delete_many(
        [
            _html_key(theory, language, public, standalone)
            for language, _name in settings.LANGUAGES
            for public in (False, True)
            for standalone in (False, True)
        ]
    )
    folder = f"feitenbladen/{theory.initiative.slug}"
    try:
        _, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for file in files:
        if file.startswith(f"{theory.year}-"):
            default_storage.delete(posixpath.join(folder, file))
