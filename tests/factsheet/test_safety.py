"""Answers are text, and the renderer fetches nothing but the app's own files.

Two layers: the template escapes answers (so hostile markup is printed as characters),
and `AssetFetcher` refuses every URL outside the app's static and media files (so even
markup that slipped through could not read a file or make the server call out).
"""

from __future__ import annotations

import io
import socket
from pathlib import Path

import pytest
import weasyprint
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.html import escape
from PIL import Image

from impact.factsheet import render, services
from impact.factsheet.render import ASSET_ORIGIN, AssetFetcher, RefusedURL, cached_pdf
from initiatives.models import Initiative
from tests.conftest import client_for
from tests.factories import OutcomeFactory, sheet_story
from tests.factsheet.conftest import read_pdf, set_status
from theory_of_change.models import Status, TheoryOfChange

IMG = '<img src="file:///etc/passwd">'
LINK = '<link rel=stylesheet href="http://127.0.0.1:9/x.css">'
STYLE = "<style>@import url(file:///etc/passwd)</style>"
IFRAME = '<iframe src="https://example.com">'
HOSTILE = [IMG, LINK, STYLE, IFRAME]

PASSWD_SIGNS = ["root:x:0:0", "/bin/bash", "/usr/sbin/nologin", "daemon:"]


def passwd_lines() -> list[str]:
    """Some lines of this machine's /etc/passwd, to look for in the PDF."""
    try:
        lines = Path("/etc/passwd").read_text().splitlines()
    except OSError:
        return []
    return [line for line in lines[:5] if line]


@pytest.fixture
def hostile_a(theory_a):
    """Each hostile snippet in an answer that the sheet prints in full, and all four in
    the problem (which the chain shortens)."""
    TheoryOfChange.objects.filter(pk=theory_a.pk).update(
        problem=" ".join(HOSTILE),
        mission=IMG,
        goal=LINK,
    )
    sheet_story(theory_a, STYLE, scope=3)  # openbaar: on the public page too
    OutcomeFactory(theory=theory_a, description=IFRAME)
    theory_a.refresh_from_db()
    return theory_a


@pytest.fixture
def no_network(monkeypatch):
    """Records (and blocks) every attempt to open a connection or look up a name."""
    attempts = []

    def refuse(name):
        def blocked(*args, **kwargs):
            attempts.append((name, args[1:] if name == "socket.connect" else args))
            raise OSError(f"test: no network ({name})")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


# --- through the whole renderer ----------------------------------------------------------------


@pytest.mark.django_db
def test_hostile_answers_are_printed_as_text_and_nothing_is_fetched(hostile_a, no_network):
    pdf = read_pdf(cached_pdf(hostile_a).content)

    for snippet in HOSTILE:
        assert pdf.says(snippet), snippet
    for sign in PASSWD_SIGNS + passwd_lines():
        assert sign not in pdf.text
    assert no_network == []


@pytest.mark.django_db
def test_hostile_answers_never_reach_the_fetcher(hostile_a, monkeypatch):
    """Escaped text asks for nothing: the fetcher only sees the sheet's own files (its
    fonts, read when the stylesheet is parsed the first time, and the logo)."""
    initiative = hostile_a.initiative
    initiative.logo.save("logo.png", ContentFile(png(300, 200)), save=True)
    asked = []
    real_fetch = AssetFetcher.fetch

    def recording(self, url, *args, **kwargs):
        asked.append(url)
        return real_fetch(self, url, *args, **kwargs)

    monkeypatch.setattr(AssetFetcher, "fetch", recording)
    fresh_renderer()
    try:
        cached_pdf(hostile_a)
    finally:
        fresh_renderer()

    own = (f"{ASSET_ORIGIN}{settings.STATIC_URL}", f"{ASSET_ORIGIN}{settings.MEDIA_URL}")
    assert any(url.endswith(".woff2") for url in asked), asked
    assert f"{ASSET_ORIGIN}{initiative.logo.url}" in asked
    for url in asked:
        assert url.startswith(own), url


def fresh_renderer() -> None:
    """Forget the parsed stylesheet and the fonts it loaded (kept once per process)."""
    render._stylesheet.cache_clear()
    render._font_config.cache_clear()


def test_markup_that_slipped_through_still_fetches_nothing(no_network, tmp_path):
    """The second layer on its own: real hostile markup, rendered with the app's fetcher."""
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM-1234")
    html = f"""
        <p>voor</p>
        {IMG}{LINK}{STYLE}{IFRAME}
        <img src="{secret.as_uri()}">
        <img src="https://example.com/x.png">
        <object data="file:///etc/passwd"></object>
        <embed src="{secret.as_uri()}">
        <div style="background: url(http://127.0.0.1:9/bg.png)">achter</div>
        <link rel="attachment" href="file:///etc/passwd">
        <p>na</p>
    """
    content = weasyprint.HTML(
        string=html, base_url=f"{ASSET_ORIGIN}/", url_fetcher=AssetFetcher(fail_on_errors=False)
    ).write_pdf()
    pdf = read_pdf(content)

    assert pdf.says("voor") and pdf.says("na")
    assert "GEHEIM" not in pdf.text
    assert b"GEHEIM" not in content
    for sign in PASSWD_SIGNS + passwd_lines():
        assert sign not in pdf.text
        assert sign.encode() not in content
    assert no_network == []


@pytest.mark.django_db
def test_hostile_answers_are_escaped_on_the_html_pages(hostile_a, volunteer_a, anonymous_client):
    """The same answers on the page (members) and on the public link (anyone)."""
    services.share_link_enable(theory=set_status(hostile_a, Status.APPROVED), by=volunteer_a)
    pages = [
        client_for(volunteer_a).get(
            reverse("factsheet:page", kwargs={"slug": "dorpshuis-smilde", "year": 2025})
        ),
        anonymous_client.get(reverse("factsheet:shared", kwargs={"token": hostile_a.share_token})),
    ]

    for response in pages:
        assert response.status_code == 200
        html = response.content.decode()
        for snippet in HOSTILE:
            assert snippet not in html, snippet
            assert escape(snippet) in html, snippet


# --- the fetcher -------------------------------------------------------------------------------

REFUSED = [
    "file:///etc/passwd",
    "file://localhost/etc/passwd",
    "http://127.0.0.1:9/",
    "http://localhost:8000/static/css/factsheet.css",
    "https://example.com/x.png",
    "data:text/plain,hi",
    "ftp://example.com/logo.png",
    "//example.com/logo.png",
    "/etc/passwd",
    "static/css/factsheet.css",
    "https://feitenblad.invalid.example.com/static/css/factsheet.css",
    "https://user@feitenblad.invalid/static/css/factsheet.css",
    f"{ASSET_ORIGIN}/",
    f"{ASSET_ORIGIN}/etc/passwd",
    f"{ASSET_ORIGIN}/impact/settings.py",
    f"{ASSET_ORIGIN}/staticfiles/css/factsheet.css",
    f"{ASSET_ORIGIN}/static/../../etc/passwd",
    f"{ASSET_ORIGIN}/static/css/../../../impact/settings.py",
    f"{ASSET_ORIGIN}/static/%2e%2e/%2e%2e/etc/passwd",
    f"{ASSET_ORIGIN}/static/..%2f..%2fimpact/settings.py",
    f"{ASSET_ORIGIN}/static//etc/passwd",
    f"{ASSET_ORIGIN}/static/css/does-not-exist.css",
    f"{ASSET_ORIGIN}/media/../settings.py",
    f"{ASSET_ORIGIN}/media/../../impact/settings.py",
    f"{ASSET_ORIGIN}/media/%2e%2e/impact/settings.py",
    f"{ASSET_ORIGIN}/media/does-not-exist.png",
    f"{ASSET_ORIGIN}//etc/passwd",
]


@pytest.mark.parametrize("url", REFUSED)
def test_the_fetcher_refuses_everything_but_the_apps_own_files(url, no_network):
    with pytest.raises(RefusedURL):
        AssetFetcher().fetch(url)
    assert no_network == []


def test_the_fetcher_serves_the_stylesheet():
    response = AssetFetcher().fetch(f"{ASSET_ORIGIN}/static/css/factsheet.css")

    assert response.read() == Path(settings.BASE_DIR, "static/css/factsheet.css").read_bytes()
    assert response.content_type == "text/css"


def test_the_fetcher_serves_the_fonts():
    folder = Path(settings.BASE_DIR, "static", render.FONTS)
    font = sorted(folder.glob("*.woff2"))[0]

    response = AssetFetcher().fetch(f"{ASSET_ORIGIN}/static/{render.FONTS}/{font.name}")

    assert response.read() == font.read_bytes()


def png(width: int, height: int) -> bytes:
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


@pytest.mark.django_db
def test_the_fetcher_serves_an_uploaded_image_downscaled(initiative_a):
    initiative_a.logo.save("logo.png", ContentFile(png(2000, 1500)), save=True)
    logo = Initiative.objects.get(pk=initiative_a.pk).logo
    assert logo.url.startswith(settings.MEDIA_URL)

    response = AssetFetcher().fetch(f"{ASSET_ORIGIN}{logo.url}")
    image = Image.open(io.BytesIO(response.read()))

    assert max(image.size) <= render.IMAGE_MAX_PIXELS
    assert image.size == (render.IMAGE_MAX_PIXELS, render.IMAGE_MAX_PIXELS * 3 // 4)
    assert response.content_type.startswith("image/")


@pytest.mark.django_db
def test_the_fetcher_refuses_uploaded_files_that_are_not_images(approved_a):
    """Media also holds the cached PDFs (and whatever else is uploaded): only images go."""
    default_storage.save("initiatives/x/notes.png", ContentFile(b"root:x:0:0:root:/root"))
    cached_pdf(approved_a)
    _, pdfs = default_storage.listdir(f"feitenbladen/{approved_a.initiative.slug}")
    assert pdfs

    for name in ["initiatives/x/notes.png", f"feitenbladen/dorpshuis-smilde/{pdfs[0]}"]:
        with pytest.raises(RefusedURL):
            AssetFetcher().fetch(f"{ASSET_ORIGIN}{settings.MEDIA_URL}{name}")
