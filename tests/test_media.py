"""Uploads are served only through an access check (`impact.media`): an initiative's logo
and photo follow the rules of the pages that show them, and cached fact sheet PDFs and ZIPs
are never served as files under /media/ — in the demo (DEBUG) as in production."""

import importlib
import io

import pytest
from django.urls import clear_url_caches, resolve, reverse
from PIL import Image

from common.images import prepare_image
from impact import media
from impact.factsheet.services import share_link_disable, share_link_enable
from initiatives import services as initiative_services
from initiatives.models import Initiative
from tests.conftest import client_for
from tests.factsheet.conftest import approve, complete_a  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def store_logo(initiative: Initiative) -> str:
    """A new logo for `initiative`, stored as an upload is; its URL as pages print it."""
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 80, 20)).save(buffer, "PNG")
    image = prepare_image(buffer.getvalue(), purpose="logo")
    initiative.logo.save(image.name, image)
    return initiative.logo.url


@pytest.fixture
def logo_a(initiative_a) -> str:
    return store_logo(initiative_a)


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_pages_link_uploads_through_the_access_check(client_a, initiative_a, logo_a):
    html = client_a.get(initiative_a.get_absolute_url()).content.decode()
    assert f'src="{logo_a}"' in html
    assert resolve(logo_a).func is media.media_file


def test_a_logo_is_for_those_who_may_see_the_initiative(
    request, initiative_a, logo_a, anonymous_client
):
    for who in ("volunteer_a", "reader_a", "advisor", "municipality_user_a"):
        response = client_for(request.getfixturevalue(who)).get(logo_a)
        assert response.status_code == 200, who
        assert content(response).startswith(b"\x89PNG")
        assert response["Cache-Control"].startswith("private")
    for who in ("volunteer_b", "municipality_user_b"):
        assert client_for(request.getfixturevalue(who)).get(logo_a).status_code == 404, who
    assert anonymous_client.get(logo_a).status_code == 404


def test_a_removed_member_no_longer_sees_the_logo(initiative_a, logo_a, volunteer_a, editor_a):
    editor = client_for(editor_a)
    assert editor.get(logo_a).status_code == 200
    membership = initiative_a.memberships.get(user=editor_a)
    initiative_services.membership_remove(membership=membership, by=volunteer_a)
    assert editor.get(logo_a).status_code == 404


def test_a_public_fact_sheet_shows_the_logo_only_while_its_link_is_on(
    complete_a,  # noqa: F811
    advisor,
    volunteer_a,
    logo_a,
    anonymous_client,
):
    approved = approve(complete_a, advisor)
    token = share_link_enable(theory=approved, by=volunteer_a)
    page = anonymous_client.get(reverse("factsheet:shared", kwargs={"token": token}))
    assert logo_a in page.content.decode()
    assert anonymous_client.get(logo_a).status_code == 200
    share_link_disable(theory=approved, by=volunteer_a)
    assert anonymous_client.get(logo_a).status_code == 404


def test_a_replaced_logo_is_gone(client_a, initiative_a, logo_a):
    assert store_logo(initiative_a) != logo_a
    assert client_a.get(logo_a).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "initiatives/dorpshuis-smilde/../dorpshuis-smilde/x.png",
        "initiatives/dorpshuis-smilde/someone-elses.png",
        "feitenbladen-zips/anything.zip",
        "../settings.py",
    ],
)
def test_anything_else_under_media_is_not_found(client_a, logo_a, name):
    assert client_a.get(f"/media/{name}").status_code == 404


@pytest.fixture
def debug_urls(settings):
    """The URLs as the demo loads them (DEBUG on), restored afterwards."""
    import impact.urls

    settings.DEBUG = True
    clear_url_caches()
    importlib.reload(impact.urls)
    yield
    settings.DEBUG = False
    clear_url_caches()
    importlib.reload(impact.urls)


def test_a_cached_concept_pdf_is_not_served_as_a_file_even_in_the_demo(
    debug_urls, client_a, theory_a, anonymous_client, settings
):
    pdf = client_a.get(
        reverse("factsheet:pdf", kwargs={"slug": theory_a.initiative.slug, "year": theory_a.year})
    )
    assert pdf.status_code == 200
    cached = list((settings.MEDIA_ROOT / "feitenbladen" / theory_a.initiative.slug).iterdir())
    assert len(cached) == 1  # the CONCEPT sheet is in the cache …
    url = f"/media/feitenbladen/{theory_a.initiative.slug}/{cached[0].name}"
    assert anonymous_client.get(url).status_code == 404  # … but not reachable as a file
    assert client_a.get(url).status_code == 404  # not even for members: only by its view


def test_the_demo_serves_no_upload_without_the_check(debug_urls, logo_a, anonymous_client):
    assert anonymous_client.get(logo_a).status_code == 404


def test_nginx_sends_the_file_after_the_check(settings, client_a, logo_a, anonymous_client):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    response = client_a.get(logo_a)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected-media/" + logo_a.removeprefix("/media/")
    assert response.content == b""
    assert anonymous_client.get(logo_a).status_code == 404  # the check comes first


def test_object_storage_links_go_through_the_check_then_expire(
    settings, client_a, initiative_a, anonymous_client
):
    pytest.importorskip("storages.backends.s3")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "impact.storage.GuardedS3Storage",
            "OPTIONS": {
                "bucket_name": "waarde",
                "endpoint_url": "https://s3.example.nl",
                "region_name": "nl-ams",
                "access_key": "test-key",
                "secret_key": "test-secret",
                "querystring_auth": True,
            },
        },
    }
    name = "initiatives/dorpshuis-smilde/0123abcd.png"
    Initiative.objects.filter(pk=initiative_a.pk).update(logo=name)
    initiative_a.refresh_from_db()
    assert initiative_a.logo.url == f"/media/{name}"  # what pages print
    response = client_a.get(initiative_a.logo.url)  # no request reaches S3 here
    assert response.status_code == 302
    signed = response["Location"]
    assert signed.startswith(f"https://s3.example.nl/waarde/{name}?")
    assert "X-Amz-Expires=300" in signed and "X-Amz-Signature=" in signed
    assert anonymous_client.get(initiative_a.logo.url).status_code == 404


def test_a_renamed_initiative_keeps_its_logo(client_a, initiative_a, logo_a):
    """The operator may change a slug in the admin; the logo stays in the old folder."""
    Initiative.objects.filter(pk=initiative_a.pk).update(slug="de-smelte")
    assert client_a.get(logo_a).status_code == 200
