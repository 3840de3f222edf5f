"""Changing an initiative's details, including its logo and photo."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from initiatives.models import Initiative
from initiatives.services import initiative_version
from tests.conftest import client_for
from tests.factories import MembershipFactory, UserFactory, municipality

pytestmark = pytest.mark.django_db

EDIT_URL = reverse("initiatives:edit", kwargs={"slug": "dorpshuis-smilde"})


def png(name: str = "mijn logo.png", size: tuple[int, int] = (40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 20)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def opened_version() -> str:
    """The version the details form carries when it is opened now."""
    return initiative_version(Initiative.objects.get(slug="dorpshuis-smilde"))


def form_data(**changes) -> dict:
    """The details form as opened just now (its version) with these values typed in."""
    data = {
        "base_version": opened_version(),
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


# --- two coordinators saving at the same time ----------------------------------------------


@pytest.fixture
def second_coordinator(initiative_a):
    return MembershipFactory(
        user=UserFactory(username="coordinator.twee"), initiative=initiative_a
    ).user


def version_in(html: str) -> str:
    return re.search(r'name="base_version" value="([^"]*)"', html).group(1)


def test_details_saved_by_someone_else_meanwhile_are_not_overwritten(
    client_a, second_coordinator, initiative_a
):
    """Both open the form; the first saves. The second save is refused: the first one's
    details stay, the second sees them and still has what they typed in the form."""
    second = client_for(second_coordinator)
    opened_by_first = version_in(client_a.get(EDIT_URL).content.decode())
    opened_by_second = version_in(second.get(EDIT_URL).content.decode())

    first = client_a.post(
        EDIT_URL, form_data(base_version=opened_by_first, name="Naam van de eerste")
    )
    assert first.status_code == 302
    response = second.post(
        EDIT_URL,
        form_data(
            base_version=opened_by_second,
            name="Naam van de tweede",
            description="Beschrijving van de tweede.",
        ),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Iemand anders heeft de gegevens net opgeslagen" in html
    assert "Naam van de eerste" in html  # theirs, shown above the form
    form = response.context["form"]
    assert form["name"].value() == "Naam van de tweede"  # mine, still in the form
    assert form["description"].value() == "Beschrijving van de tweede."
    initiative_a.refresh_from_db()
    assert initiative_a.name == "Naam van de eerste"
    assert initiative_a.description == "Ontmoeten, eten en meedoen."

    # The form now carries the stored version: saving again overwrites on purpose.
    assert version_in(html) == initiative_version(initiative_a) != opened_by_second
    again = second.post(
        EDIT_URL, form_data(base_version=version_in(html), name="Naam van de tweede")
    )
    assert again.status_code == 302
    initiative_a.refresh_from_db()
    assert initiative_a.name == "Naam van de tweede"


def test_a_change_of_the_other_municipalities_is_a_conflict_too(client_a, initiative_a):
    opened = opened_version()
    initiative_a.also_serves.add(municipality("assen"))

    response = client_a.post(EDIT_URL, form_data(base_version=opened, name="Andere naam"))

    assert response.status_code == 200
    assert list(response.context["conflict"].also_serves.all()) == [municipality("assen")]
    initiative_a.refresh_from_db()
    assert initiative_a.name == "Dorpshuis Smilde"
    assert list(initiative_a.also_serves.all()) == [municipality("assen")]


def test_a_conflict_stores_no_upload_and_asks_to_choose_it_again(client_a, initiative_a):
    opened = opened_version()
    Initiative.objects.filter(pk=initiative_a.pk).update(place="Hijken")

    response = client_a.post(EDIT_URL, form_data(base_version=opened, logo=png()))

    assert response.status_code == 200
    assert "Kies die dan opnieuw" in response.content.decode()
    initiative_a.refresh_from_db()
    assert not initiative_a.logo
    assert initiative_a.place == "Hijken"


def test_a_details_form_without_a_version_does_not_overwrite(client_a, initiative_a):
    response = client_a.post(EDIT_URL, form_data(base_version=""))

    assert response.status_code == 200
    assert response.context["conflict"] is not None
    initiative_a.refresh_from_db()
    assert initiative_a.name == "Dorpshuis Smilde"
