"""Changing an initiative's details, including its logo and photo."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from initiatives.models import Initiative
from tests.conftest import client_for
from tests.factories import municipality

pytestmark = pytest.mark.django_db

EDIT_URL = reverse("initiatives:edit", kwargs={"slug": "dorpshuis-smilde"})


def png(name: str = "mijn logo.png", size: tuple[int, int] = (40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 20)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def form_data(**changes) -> dict:
    data = {
        "name": "Dorpshuis De Smelte",
        "kind": "dorpshuis",
        "place": "Smilde",
        "description": "Ontmoeten, eten en meedoen.",
        "founded_year": "1975",
        "website": "https://desmelte.example.org",
        "contact_email": "info@desmelte.example.org",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    "who, status",
    [
        ("volunteer_a", 200),
        ("editor_a", 403),
        ("reader_a", 403),
        ("advisor", 403),
        ("municipality_user_a", 403),
        ("volunteer_b", 404),
        ("municipality_user_b", 404),
    ],
)
def test_who_may_edit(request, initiative_a, who, status):
    client = client_for(request.getfixturevalue(who))
    assert client.get(EDIT_URL).status_code == status
    if status != 200:
        assert client.post(EDIT_URL, form_data()).status_code == status
        initiative_a.refresh_from_db()
        assert initiative_a.name == "Dorpshuis Smilde"


def test_anonymous_is_sent_to_login(anonymous_client, initiative_a):
    response = anonymous_client.get(EDIT_URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_coordinator_saves_details(client_a, initiative_a):
    response = client_a.post(
        EDIT_URL,
        form_data(also_serves=[municipality("assen").pk, municipality("meppel").pk]),
    )
    assert response.status_code == 302
    assert response.url == reverse("initiatives:detail", kwargs={"slug": "dorpshuis-smilde"})
    initiative_a.refresh_from_db()
    assert initiative_a.name == "Dorpshuis De Smelte"
    assert initiative_a.founded_year == 1975
    assert initiative_a.website == "https://desmelte.example.org"
    assert sorted(m.slug for m in initiative_a.also_serves.all()) == ["assen", "meppel"]
    # Links and access stay stable: slug and primary municipality are not in the form.
    assert initiative_a.slug == "dorpshuis-smilde"
    assert initiative_a.municipality.slug == "midden-drenthe"


def test_slug_and_municipality_cannot_be_posted(client_a, initiative_a):
    client_a.post(
        EDIT_URL,
        form_data(slug="gekaapt", municipality=municipality("eemsdelta").pk),
    )
    initiative_a.refresh_from_db()
    assert initiative_a.slug == "dorpshuis-smilde"
    assert initiative_a.municipality.slug == "midden-drenthe"


def test_primary_municipality_is_not_offered_as_also_serves(client_a, initiative_a):
    form = client_a.get(EDIT_URL).context["form"]
    assert municipality("midden-drenthe") not in form.fields["also_serves"].queryset


@pytest.mark.parametrize("year", ["1799", "2999"])
def test_founded_year_out_of_range_is_refused_and_input_kept(client_a, initiative_a, year):
    response = client_a.post(EDIT_URL, form_data(founded_year=year))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul een jaar in tussen 1800 en" in html
    assert "Dorpshuis De Smelte" in html  # what was typed is still there
    initiative_a.refresh_from_db()
    assert initiative_a.name == "Dorpshuis Smilde"


def test_invalid_website_gets_a_dutch_message(client_a, initiative_a):
    response = client_a.post(EDIT_URL, form_data(website="geen adres"))
    assert response.status_code == 200
    assert "Voer een geldige URL in." in response.content.decode()


def test_real_png_is_stored_under_a_random_name(client_a, initiative_a):
    response = client_a.post(
        EDIT_URL, form_data(logo=png("../../mijn logo.png"), photo=png("foto.PNG"))
    )
    assert response.status_code == 302
    initiative_a.refresh_from_db()
    assert re.fullmatch(r"initiatives/dorpshuis-smilde/[0-9a-f]{24}\.png", initiative_a.logo.name)
    assert re.fullmatch(r"initiatives/dorpshuis-smilde/[0-9a-f]{24}\.png", initiative_a.photo.name)
    assert initiative_a.logo.storage.exists(initiative_a.logo.name)
    html = client_a.get(initiative_a.get_absolute_url()).content.decode()
    assert initiative_a.logo.url in html
    assert "Logo van Dorpshuis De Smelte" in html


def test_replacing_a_logo_deletes_the_old_file(
    client_a, initiative_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(EDIT_URL, form_data(logo=png()))
    initiative_a.refresh_from_db()
    old = initiative_a.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(EDIT_URL, form_data(logo=png()))
    initiative_a.refresh_from_db()
    assert initiative_a.logo.name != old
    assert not initiative_a.logo.storage.exists(old)
    assert initiative_a.logo.storage.exists(initiative_a.logo.name)


def test_logo_can_be_removed(client_a, initiative_a, django_capture_on_commit_callbacks):
    client_a.post(EDIT_URL, form_data(logo=png()))
    initiative_a.refresh_from_db()
    old = initiative_a.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(EDIT_URL, form_data(**{"logo-clear": "on"}))
    initiative_a.refresh_from_db()
    assert not initiative_a.logo
    assert not Initiative._meta.get_field("logo").storage.exists(old)


def test_saving_without_new_upload_keeps_the_logo(client_a, initiative_a):
    client_a.post(EDIT_URL, form_data(logo=png()))
    initiative_a.refresh_from_db()
    logo = initiative_a.logo.name
    client_a.post(EDIT_URL, form_data(name="Nieuwe naam"))
    initiative_a.refresh_from_db()
    assert initiative_a.name == "Nieuwe naam"
    assert initiative_a.logo.name == logo


def test_text_file_named_png_is_refused(client_a, initiative_a):
    fake = SimpleUploadedFile("logo.png", b"dit is geen plaatje", content_type="image/png")
    response = client_a.post(EDIT_URL, form_data(logo=fake))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit bestand is geen foto of logo" in html
    assert "Dorpshuis De Smelte" in html
    initiative_a.refresh_from_db()
    assert not initiative_a.logo


def test_unsupported_image_format_is_refused(client_a, initiative_a):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "BMP")
    upload = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")
    response = client_a.post(EDIT_URL, form_data(logo=upload))
    assert response.status_code == 200
    assert "Kies een foto of logo als JPG, PNG, WEBP of GIF." in response.content.decode()


def test_too_large_image_is_refused(client_a, initiative_a, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    upload = png(size=(200, 200))
    assert upload.size > 100
    response = client_a.post(EDIT_URL, form_data(photo=upload))
    assert response.status_code == 200
    assert "Dit bestand is te groot" in response.content.decode()
    initiative_a.refresh_from_db()
    assert not initiative_a.photo
