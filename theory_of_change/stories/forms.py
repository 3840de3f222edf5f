"""Forms for stories and consent. They only check input; `services` decides what happens."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.forms import StoredImageField
from theory_of_change.models import TheoryOfChange
from theory_of_change.stories.models import (
    STORY_QUOTE_LENGTH,
    STORY_TEXT_LENGTH,
    Consent,
    ConsentForm,
    ConsentSubject,
    GivenBy,
    Scope,
    Story,
)

# A signed consent form (a scan or a photo of it) may be this large.
MAX_CONSENT_DOCUMENT_BYTES = 10 * 1024 * 1024

# The story's questions, one per screen (with JavaScript; one page without it): each is a
# group of fields with its own question as the legend.
QUESTIONS = (
    ("text", _("Wat is het verhaal?"), ("text",)),
    ("teller", _("Wie vertelt het?"), ("teller_role",)),
    ("collected", _("Wanneer en hoe hebben jullie het opgehaald?"), ("collected_on", "method")),
    ("shows", _("Bij welke effecten en welke impact past het?"), ("outcomes", "impacts")),
    ("quote", _("Is er één zin die het goed zegt?"), ("quote",)),
    ("photo", _("Hoort er een foto bij?"), ("photo", "photo_description", "photo_shows_people")),
)


class StoryForm(forms.ModelForm):
    photo = StoredImageField(
        purpose="photo",
        label=_("Foto (mag leeg blijven)"),
        required=False,
        help_text=_(
            "Een JPG, PNG, WEBP of GIF. We halen gegevens zoals de plek waar de foto is "
            "gemaakt er altijd uit."
        ),
    )

    class Meta:
        model = Story
        fields = [
            "text",
            "teller_role",
            "collected_on",
            "method",
            "outcomes",
            "impacts",
            "quote",
            "photo",
            "photo_description",
            "photo_shows_people",
        ]
        labels = {
            "text": _("Het verhaal"),
            "teller_role": _("Rol van de verteller"),
            "collected_on": _("Wanneer hoorden jullie het?"),
            "method": _("Hoe hoorden jullie het?"),
            "outcomes": _("Effecten voor de deelnemers (stap 6)"),
            "impacts": _("Impact voor de samenleving (stap 7)"),
            "quote": _("Citaat uit het verhaal (mag leeg blijven)"),
            "photo_description": _("Wat staat er op de foto?"),
            "photo_shows_people": _("Er staat iemand herkenbaar op de foto"),
        }
        help_texts = {
            "text": _(
                "Schrijf op wat de persoon vertelde, zo veel mogelijk in diens eigen woorden. "
                "Noem geen namen: ook zonder naam is iemand in een dorp snel herkend."
            ),
            "teller_role": _("Kies een rol, geen naam."),
            "collected_on": _("Bijvoorbeeld de dag van het gesprek."),
            "outcomes": _("Vink aan waar het verhaal iets over laat zien. Dat mag ook niets zijn."),
            "impacts": "",
            "quote": _(
                "Eén of twee zinnen uit het verhaal die het goed zeggen. Dit citaat kan op het "
                "feitenblad komen, als er toestemming voor is."
            ),
            "photo_description": _(
                "Voor wie de foto niet kan zien, bijvoorbeeld: twee vrijwilligers aan de "
                "koffietafel."
            ),
            "photo_shows_people": _(
                "Dan is er ook voor de foto toestemming nodig voordat iemand buiten het "
                "initiatief hem ziet."
            ),
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8, "maxlength": STORY_TEXT_LENGTH}),
            "teller_role": forms.RadioSelect,
            "collected_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "method": forms.RadioSelect,
            "outcomes": forms.CheckboxSelectMultiple,
            "impacts": forms.CheckboxSelectMultiple,
            "quote": forms.Textarea(attrs={"rows": 2, "maxlength": STORY_QUOTE_LENGTH}),
        }

    def __init__(self, *args, theory: TheoryOfChange, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teller_role"].required = True
        self.fields["teller_role"].choices = self.fields["teller_role"].choices[1:]
        self.fields["method"].choices = self.fields["method"].choices[1:]
        self.fields["outcomes"].queryset = theory.outcomes.order_by("position", "pk")
        self.fields["impacts"].queryset = theory.impacts.order_by("position", "pk")
        self.fields["collected_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_collected_on(self):
        day = self.cleaned_data.get("collected_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return day

    def clean(self):
        data = super().clean()
        has_photo = bool(data.get("photo")) or (
            data.get("photo") is None and bool(self.instance.photo)
        )
        if has_photo and not data.get("photo_description"):
            self.add_error(
                "photo_description",
                _("Vul in wat er op de foto staat, voor wie hem niet kan zien."),
            )
        if not has_photo:
            data["photo_shows_people"] = False
            data["photo_description"] = ""
        return data

    def questions(self):
        """The groups of fields, in order, as (key, question, bound fields)."""
        return [
            (key, question, [self[name] for name in names]) for key, question, names in QUESTIONS
        ]


class ConsentRecordForm(forms.ModelForm):
    """Who agreed, when, how, and how far the story (or photo) may go."""

    class Meta:
        model = Consent
        fields = ["subject", "scope", "given_by", "person_name", "given_on", "form", "document"]
        labels = {
            "subject": _("Waarvoor is de toestemming?"),
            "scope": _("Waar mag het komen?"),
            "given_by": _("Wie gaf de toestemming?"),
            "person_name": _("Naam (mag leeg blijven, alleen voor jullie)"),
            "given_on": _("Wanneer?"),
            "form": _("Hoe?"),
            "document": _("Getekend formulier"),
        }
        help_texts = {
            "given_by": _(
                "Bij een kind onder de 16 geeft een ouder of voogd toestemming. Bij iemand die "
                "dat zelf niet meer kan (bijvoorbeeld door dementie) een wettelijk "
                "vertegenwoordiger."
            ),
            "person_name": _(
                "Handig om later te weten wie je moet vragen. Deze naam ziet niemand buiten "
                "jullie initiatief."
            ),
            "form": _("Mondeling kan ook: dan leg jij het nu vast, met jouw naam erbij."),
            "document": _("Een PDF, JPG of PNG van het getekende formulier."),
        }
        widgets = {
            "subject": forms.RadioSelect,
            "scope": forms.RadioSelect,
            "given_by": forms.RadioSelect,
            "given_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "form": forms.RadioSelect,
            "document": forms.ClearableFileInput(attrs={"accept": ".pdf,image/jpeg,image/png"}),
        }

    def __init__(self, *args, story: Story, **kwargs):
        kwargs.setdefault("auto_id", "id_toestemming_%s")
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [
            (value, label) for value, label in Scope.choices if value > Scope.INTERNAL
        ]
        self.fields["given_by"].choices = GivenBy.choices
        self.fields["form"].choices = [
            (value, label) for value, label in ConsentForm.choices if value != ConsentForm.EARLIER
        ]
        if not story.photo:
            self.fields["subject"].choices = [
                (ConsentSubject.STORY.value, ConsentSubject.STORY.label)
            ]
            self.fields["subject"].initial = ConsentSubject.STORY
        self.fields["given_on"].initial = timezone.localdate()
        self.fields["given_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_given_on(self):
        day = self.cleaned_data.get("given_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return day

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and getattr(document, "size", 0) > MAX_CONSENT_DOCUMENT_BYTES:
            raise forms.ValidationError(_("Dit bestand is te groot. Het mag hoogstens 10 MB zijn."))
        if document and not str(document.name).lower().endswith((".pdf", ".jpg", ".jpeg", ".png")):
            raise forms.ValidationError(_("Kies een PDF, JPG of PNG."))
        return document

    def clean(self):
        data = super().clean()
        if data.get("form") == ConsentForm.SIGNED and not data.get("document"):
            self.add_error("document", _("Voeg het getekende formulier toe, of kies „mondeling”."))
        return data


class ScopeForm(forms.Form):
    """Where the story (and its photo) may appear now: at most what consent allows."""

    scope = forms.TypedChoiceField(
        label=_("Waar mag het verhaal komen?"),
        coerce=int,
        choices=Scope.choices,
        widget=forms.RadioSelect,
    )
    photo_scope = forms.TypedChoiceField(
        label=_("Waar mag de foto komen?"),
        coerce=int,
        choices=Scope.choices,
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, **kwargs):
        # On the story's page beside the consent form, which has a "scope" of its own.
        kwargs.setdefault("auto_id", "id_bereik_%s")
        super().__init__(*args, **kwargs)
