"""Stories with consent: where a story may appear, and that withdrawing consent takes it
out of every place at once (sheet PDFs member and public, ZIPs, photo links)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from impact.factsheet.links import share_url
from impact.factsheet.render import A3, A4, cached_pdf
from impact.models import FactSheetBundle
from impact.portal.bundles import bundle_downloadable, forget_bundles_with
from tests.conftest import client_for
from tests.factories import OutcomeFactory
from tests.factsheet.conftest import approve, complete_a, read_pdf  # noqa: F401 (a fixture)
from tests.initiatives.test_images import GPS_IFD, phone_photo, upload
from theory_of_change.models import Consent, Scope, Story, TheoryOfChange
from theory_of_change.stories.selectors import sheet_story
from theory_of_change.stories.services import (
    StoryRefused,
    consent_add,
    consent_withdraw,
    scope_set,
    sheet_story_choose,
    story_save,
)
from theory_of_change.transfer import export_initiative, import_initiative

pytestmark = pytest.mark.django_db

QUOTE = "Hier hoor ik erbij, ook nu het vergeten begint."
SECRET = "Meneer Jansen van de Dorpsstraat 4 vertelde over zijn diagnose."


def url(name: str, theory, **kwargs) -> str:
    return reverse(
        f"theory_of_change:{name}",
        kwargs={"slug": theory.initiative.slug, "year": theory.year, **kwargs},
    )


def new_story(theory, volunteer, *, quote=QUOTE, text=SECRET) -> Story:
    story = Story(theory=theory, text=text, quote=quote, teller_role="carer")
    return story_save(story=story, outcomes=[], impacts=[], by=volunteer)


def give_consent(story, volunteer, scope, *, subject="story", given_by="representative"):
    consent = Consent(
        subject=subject, scope=scope, given_by=given_by, given_on=date.today(), form="verbal"
    )
    return consent_add(story=story, consent=consent, by=volunteer)


@pytest.fixture
def approved(complete_a, advisor):  # noqa: F811
    return approve(complete_a, advisor)


# --- the rules ---------------------------------------------------------------------------------


def test_a_new_story_stays_inside_and_no_scope_above_it_without_consent(theory_a, volunteer_a):
    story = new_story(theory_a, volunteer_a)
    assert story.scope == Scope.INTERNAL
    for scope in (Scope.ADVISOR, Scope.SHEET, Scope.PUBLIC):
        with pytest.raises(StoryRefused):
            scope_set(story=story, scope=scope, by=volunteer_a)
    assert Story.objects.get(pk=story.pk).scope == Scope.INTERNAL


def test_an_internal_story_cannot_be_the_sheets_quote(theory_a, volunteer_a):
    story = new_story(theory_a, volunteer_a)
    with pytest.raises(StoryRefused):
        sheet_story_choose(theory=theory_a, story=story, by=volunteer_a)
    assert TheoryOfChange.objects.get(pk=theory_a.pk).sheet_story is None


def test_consent_sets_how_far_and_lowering_is_always_allowed(theory_a, volunteer_a):
    story = new_story(theory_a, volunteer_a)
    give_consent(story, volunteer_a, Scope.SHEET)
    assert Story.objects.get(pk=story.pk).scope == Scope.SHEET
    with pytest.raises(StoryRefused):
        scope_set(story=story, scope=Scope.PUBLIC, by=volunteer_a)
    scope_set(story=story, scope=Scope.ADVISOR, by=volunteer_a)
    assert Story.objects.get(pk=story.pk).scope == Scope.ADVISOR


def test_a_signed_consent_needs_its_form(theory_a, volunteer_a):
    story = new_story(theory_a, volunteer_a)
    consent = Consent(scope=Scope.SHEET, given_by="person", given_on=date.today(), form="signed")
    with pytest.raises(StoryRefused):
        consent_add(story=story, consent=consent, by=volunteer_a)


# --- the fact sheet: member, public, cached, ZIP -----------------------------------------------


def test_raising_then_withdrawing_consent_puts_the_quote_on_and_off_every_sheet(
    approved, volunteer_a, anonymous_client, django_capture_on_commit_callbacks
):
    story = new_story(approved, volunteer_a)
    give_consent(story, volunteer_a, Scope.SHEET)
    sheet_story_choose(theory=approved, story=story, by=volunteer_a)
    approved.refresh_from_db()

    assert read_pdf(cached_pdf(approved, variant=A4).content).says(QUOTE)
    assert read_pdf(cached_pdf(approved, variant=A3).content).says(QUOTE)
    # "Gemeente en feitenblad" is not the public link.
    public = anonymous_client.get(share_url(approved))
    assert QUOTE not in public.content.decode()
    assert not read_pdf(cached_pdf(approved, variant=A4, public=True).content).says(QUOTE)

    give_consent(story, volunteer_a, Scope.PUBLIC)
    approved.refresh_from_db()
    assert QUOTE in anonymous_client.get(share_url(approved)).content.decode()
    assert read_pdf(cached_pdf(approved, variant=A4, public=True).content).says(QUOTE)
    folder = f"feitenbladen/{approved.initiative.slug}"
    assert default_storage.listdir(folder)[1]  # cached sheets exist

    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(story=story, subject="story", by=volunteer_a)
    approved.refresh_from_db()
    assert default_storage.listdir(folder)[1] == []  # no cached sheet waits on disk
    for public in (False, True):
        for variant in (A4, A3):
            pdf = read_pdf(cached_pdf(approved, variant=variant, public=public).content)
            assert not pdf.says(QUOTE)
    assert QUOTE not in anonymous_client.get(share_url(approved)).content.decode()
    assert sheet_story(approved, public=False) is None
    assert Consent.objects.get(story=story, scope=Scope.PUBLIC).is_withdrawn


def test_withdrawal_removes_zips_that_hold_the_sheet(
    approved, volunteer_a, municipality_user_a, django_capture_on_commit_callbacks
):
    default_storage.save("feitenbladen-zips/abc.zip", io.BytesIO(b"PK zip"))
    bundle = FactSheetBundle.objects.create(
        requested_by=municipality_user_a,
        language="nl",
        year=approved.year,
        theories=[approved.pk],
        stamp="abc",
        status="ready",
        file="feitenbladen-zips/abc.zip",
    )
    with django_capture_on_commit_callbacks(execute=True):
        story = new_story(approved, volunteer_a)
        give_consent(story, volunteer_a, Scope.SHEET)
    assert not default_storage.exists(bundle.file)  # any story change removes it
    assert forget_bundles_with(approved.pk) == 0
    # A ZIP finished after the change (its sheets rendered before it) is refused too.
    default_storage.save(bundle.file, io.BytesIO(b"PK zip"))
    assert not bundle_downloadable(bundle=bundle, user=municipality_user_a)


def test_the_sheet_says_how_many_stories_over_which_year(approved, volunteer_a):
    outcome = approved.outcomes.first() or OutcomeFactory(theory=approved)
    for _n in range(3):
        story = new_story(approved, volunteer_a, quote="")
        story.outcomes.set([outcome])
    approved.refresh_from_db()
    pdf = read_pdf(cached_pdf(approved, variant=A4).content)
    assert pdf.says(f"3 verhalen opgehaald in {approved.year}")
    assert SECRET not in pdf.text  # a count, never the words


# --- who sees what ---------------------------------------------------------------------------


def test_advisors_see_only_stories_with_their_consent_and_never_names(
    theory_a, volunteer_a, advisor
):
    inside = new_story(theory_a, volunteer_a, text="Alleen voor ons.", quote="")
    shared = new_story(theory_a, volunteer_a, text="Ook voor de adviseur.", quote="")
    give_consent(shared, volunteer_a, Scope.ADVISOR)
    Consent.objects.filter(story=shared).update(person_name="Mevrouw De Vries")
    client = client_for(advisor)
    page = client.get(url("stories", theory_a)).content.decode()
    assert "Ook voor de adviseur." in page
    assert client.get(url("story", theory_a, pk=shared.pk)).status_code == 200
    detail = client.get(url("story", theory_a, pk=shared.pk)).content.decode()
    assert "Ook voor de adviseur." in detail and "De Vries" not in detail
    assert client.get(url("story", theory_a, pk=inside.pk)).status_code == 404
    assert "Alleen voor ons." not in page


def test_municipality_staff_and_other_initiatives_get_404(
    approved, volunteer_a, municipality_user_a, volunteer_b
):
    story = new_story(approved, volunteer_a)
    give_consent(story, volunteer_a, Scope.PUBLIC)
    for user in (municipality_user_a, volunteer_b):
        client = client_for(user)
        for name, kwargs in [("stories", {}), ("story", {"pk": story.pk})]:
            assert client.get(url(name, approved, **kwargs)).status_code == 404


def test_readers_read_but_do_not_write(theory_a, volunteer_a, reader_a):
    story = new_story(theory_a, volunteer_a)
    client = client_for(reader_a)
    assert client.get(url("story", theory_a, pk=story.pk)).status_code == 200
    assert client.get(url("story_new", theory_a)).status_code == 403
    response = client.post(url("consent_withdraw", theory_a, pk=story.pk), {"subject": "story"})
    assert response.status_code == 403


# --- the pages ---------------------------------------------------------------------------------


def test_a_volunteer_writes_a_story_and_records_verbal_consent(client_a, theory_a, volunteer_a):
    outcome = OutcomeFactory(theory=theory_a, description="Mantelzorgers zijn ontlast")
    response = client_a.post(
        url("story_new", theory_a),
        {
            "text": "Ze kan weer even op adem komen.",
            "teller_role": "carer",
            "collected_on": "2025-03-12",
            "method": "interview",
            "outcomes": [outcome.pk],
            "quote": "Ik kan weer even op adem komen.",
        },
    )
    story = Story.objects.get(theory=theory_a)
    assert response.status_code == 302 and story.scope == Scope.INTERNAL
    assert list(story.outcomes.all()) == [outcome] and story.created_by == volunteer_a
    response = client_a.post(
        url("consent_new", theory_a, pk=story.pk),
        {
            "subject": "story",
            "scope": Scope.SHEET,
            "given_by": "representative",
            "given_on": "2025-03-12",
            "form": "verbal",
        },
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.scope == Scope.SHEET
    assert story.consents.get().recorded_by == volunteer_a
    response = client_a.post(
        reverse("factsheet:quote", kwargs={"slug": theory_a.initiative.slug, "year": 2025}),
        {"story": story.pk},
    )
    assert TheoryOfChange.objects.get(pk=theory_a.pk).sheet_story == story


def test_a_story_with_a_mistake_keeps_what_was_typed(client_a, theory_a):
    response = client_a.post(
        url("story_new", theory_a),
        {"text": "Wat ik heb getypt blijft staan.", "collected_on": "2999-01-01"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wat ik heb getypt blijft staan." in page
    assert "Deze datum ligt in de toekomst." in page
    assert not Story.objects.exists()


def test_signed_consent_without_its_form_is_refused_with_a_message(client_a, theory_a, volunteer_a):
    story = new_story(theory_a, volunteer_a)
    response = client_a.post(
        url("consent_new", theory_a, pk=story.pk),
        {
            "subject": "story",
            "scope": 2,
            "given_by": "person",
            "given_on": "2025-01-02",
            "form": "signed",
        },
    )
    assert response.status_code == 200
    assert "Voeg het getekende formulier toe" in response.content.decode()
    assert not Consent.objects.exists()


# --- photos -------------------------------------------------------------------------------------


def test_a_story_photo_is_served_without_gps_and_only_within_its_consent(
    client_a, theory_a, volunteer_a, advisor
):
    original = phone_photo()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the premise
    response = client_a.post(
        url("story_new", theory_a),
        {
            "text": "Samen koffie.",
            "teller_role": "volunteer",
            "photo": upload(original),
            "photo_description": "Twee mensen aan de koffietafel",
            "photo_shows_people": "on",
        },
    )
    assert response.status_code == 302
    story = Story.objects.get()
    served = client_a.get(story.photo.url)
    assert served.status_code == 200
    raw = b"".join(served.streaming_content)
    image = Image.open(io.BytesIO(raw))
    assert not image.getexif() and b"Telefoon X" not in raw

    advisor_client = client_for(advisor)
    assert advisor_client.get(story.photo.url).status_code == 404
    give_consent(story, volunteer_a, Scope.ADVISOR)
    assert advisor_client.get(story.photo.url).status_code == 404  # the photo's own consent
    give_consent(story, volunteer_a, Scope.ADVISOR, subject="photo")
    assert advisor_client.get(story.photo.url).status_code == 200
    consent_withdraw(story=story, subject="story", by=volunteer_a)
    assert advisor_client.get(story.photo.url).status_code == 404


# --- export and transfer -------------------------------------------------------------------------


def test_stories_and_consent_travel_and_a_withdrawn_consent_stays_withdrawn(theory_a, volunteer_a):
    kept = new_story(theory_a, volunteer_a, quote="Blijft gedeeld.")
    give_consent(kept, volunteer_a, Scope.SHEET)
    sheet_story_choose(theory=theory_a, story=kept, by=volunteer_a)
    gone = new_story(theory_a, volunteer_a, quote="Ingetrokken.")
    give_consent(gone, volunteer_a, Scope.PUBLIC)
    consent_withdraw(story=gone, subject="story", by=volunteer_a)

    document = export_initiative(initiative=theory_a.initiative)
    copy = import_initiative(data=document, slug="kopie")
    theory = copy.theories.get()
    stories = {story.quote: story for story in Story.objects.filter(theory=theory)}
    assert stories["Blijft gedeeld."].scope == Scope.SHEET
    assert theory.sheet_story == stories["Blijft gedeeld."]
    moved = stories["Ingetrokken."]
    assert moved.scope == Scope.INTERNAL
    assert moved.consents.get().is_withdrawn


def test_a_file_that_claims_more_than_its_consent_is_lowered(theory_a, volunteer_a):
    new_story(theory_a, volunteer_a)
    document = export_initiative(initiative=theory_a.initiative)
    document["theories"][0]["stories"][0]["scope"] = 3  # openbaar, with no consent in the file
    copy = import_initiative(data=document, slug="kopie")
    assert Story.objects.get(theory__initiative=copy).scope == Scope.INTERNAL


def test_an_old_file_with_a_free_quote_gets_a_story_for_the_sheet(theory_a):
    document = export_initiative(initiative=theory_a.initiative)
    theory = document["theories"][0]
    del theory["stories"]
    theory.update(quote="Hier voel ik me thuis.", quote_by="bezoeker")
    copy = import_initiative(data=document, slug="kopie")
    imported = copy.theories.get()
    assert imported.sheet_story.quote == "Hier voel ik me thuis."
    assert imported.sheet_story.scope == Scope.SHEET
    assert imported.sheet_story.consents.get().form == "earlier"


# --- the review and the portal -------------------------------------------------------------------


def test_the_review_shows_advisors_the_stories_their_consent_includes(
    theory_a, volunteer_a, advisor
):
    outcome = OutcomeFactory(theory=theory_a, description="Minder eenzaam")
    inside = new_story(theory_a, volunteer_a, quote="Alleen voor ons initiatief.")
    shared = new_story(theory_a, volunteer_a, quote="Ook de adviseur mag dit lezen.")
    for story in (inside, shared):
        story.outcomes.set([outcome])
    give_consent(shared, volunteer_a, Scope.ADVISOR)
    html = client_for(advisor).get(url("review", theory_a)).content.decode()
    step_6 = html[html.index('id="stap-6"') : html.index('id="stap-7"')]
    assert "Ook de adviseur mag dit lezen." in step_6 and "Minder eenzaam" in step_6
    assert "Alleen voor ons initiatief." not in html
    step_9 = html[html.index('id="stap-9"') : html.index('id="stap-10"')]
    assert "1 verhaal opgehaald in 2025" in step_9


def test_the_portal_counts_every_story_and_shows_words_only_with_consent(
    approved, volunteer_a, municipality_user_a
):
    outcome = approved.outcomes.first() or OutcomeFactory(theory=approved)
    inside = new_story(approved, volunteer_a, text="Intern: mevrouw Bakker en haar schulden.")
    shared = new_story(approved, volunteer_a, text="Voor de gemeente: ik ben minder alleen.")
    for story in (inside, shared):
        story.outcomes.set([outcome])
    give_consent(shared, volunteer_a, Scope.SHEET)
    client = client_for(municipality_user_a)
    page = client.get(reverse("portal:index")).content.decode()
    assert "2 verhalen opgehaald in 2025" in page
    assert "Voor de gemeente: ik ben minder alleen." in page
    assert "mevrouw Bakker" not in page

    consent_withdraw(story=shared, subject="story", by=volunteer_a)
    page = client.get(reverse("portal:index")).content.decode()
    assert "Voor de gemeente: ik ben minder alleen." not in page  # at once, not after a cache
    assert "2 verhalen opgehaald in 2025" in page  # a count holds no one's words
