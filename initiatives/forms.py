"""Forms for initiatives, invitations and accounts made from an invitation.

Forms only check input; what happens with it is up to `initiatives.services`.
"""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth.forms import SetPasswordMixin, UserCreationForm, UsernameField
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from common.images import check_file_size, prepare_image
from initiatives.models import ROLE_DESCRIPTIONS, Initiative, JoinRequest, Municipality, Role, User

FOUNDED_YEAR_MIN = 1800


class StoredImageField(forms.ImageField):
    """An uploaded image that cleans to what will be stored: checked and re-encoded by
    `prepare_image` (metadata removed, scaled down for its use), never the file as sent."""

    def __init__(self, *, purpose: str, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/*"}))
        super().__init__(**kwargs)
        self.purpose = purpose

    def to_python(self, data):
        # FileField's checks (a name, not empty), not ImageField's: Pillow opens the file
        # once, in prepare_image, after its size in pixels has been checked.
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        check_file_size(upload.size)
        upload.seek(0)
        return prepare_image(upload.read(), purpose=self.purpose)


def validate_founded_year(year: int | None) -> None:
    """A founding year from FOUNDED_YEAR_MIN to this year (the model alone allows 32767);
    the form and an import check the same."""
    this_year = timezone.localdate().year
    if year is not None and not FOUNDED_YEAR_MIN <= year <= this_year:
        raise ValidationError(
            _("Vul een jaar in tussen %(first)s en %(last)s.")
            % {"first": FOUNDED_YEAR_MIN, "last": this_year},
            code="year_out_of_range",
        )


class InitiativeForm(forms.ModelForm):
    """The details a coordinator may change. Slug and primary municipality are left out on
    purpose: links to the initiative must keep working, and the municipality decides who
    may read it. The admin changes those."""

    # Declared to choose https for addresses typed without a scheme ("www.dorpshuis.nl").
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("Bijvoorbeeld www.dorpshuis.nl"),
    )
    logo = StoredImageField(
        purpose="logo",
        label=_("Logo"),
        required=False,
        help_text=_("Een JPG, PNG, WEBP of GIF. Dit komt ook op het feitenblad."),
    )
    photo = StoredImageField(
        purpose="photo",
        label=_("Foto"),
        required=False,
        help_text=_("Een JPG, PNG, WEBP of GIF. Dit komt ook op het feitenblad."),
    )

    class Meta:
        model = Initiative
        fields = [
            "name",
            "kind",
            "place",
            "also_serves",
            "description",
            "founded_year",
            "website",
            "contact_email",
            "logo",
            "photo",
        ]
        widgets = {
            "also_serves": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "founded_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {
            "description": _("Vertel in een paar zinnen wat jullie doen en voor wie."),
            "founded_year": _("Het jaar waarin het initiatief begon, bijvoorbeeld 1998."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The primary municipality is implied; only other municipalities can be added.
        also_serves = self.fields["also_serves"]
        also_serves.queryset = Municipality.objects.exclude(pk=self.instance.municipality_id)
        also_serves.help_text = _(
            "Vink de andere gemeenten aan waar jullie ook actief zijn. "
            "De gemeente %(municipality)s hoort er altijd bij."
        ) % {"municipality": self.instance.municipality}
        self.fields["founded_year"].widget.attrs.update(
            {"min": FOUNDED_YEAR_MIN, "max": timezone.localdate().year}
        )

    def clean_founded_year(self) -> int | None:
        year = self.cleaned_data.get("founded_year")
        validate_founded_year(year)
        return year


def role_choices() -> list[tuple[str, str]]:
    return [
        (role.value, format_lazy("{}: {}", role.label, ROLE_DESCRIPTIONS[role]))
        for role in (Role.EDITOR, Role.READER, Role.COORDINATOR)
    ]


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("Naar dit adres sturen we een persoonlijke link."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Wat mag deze persoon doen?"),
        choices=role_choices,
        initial=Role.EDITOR,
        widget=forms.RadioSelect,
    )


USERNAME_ALLOWED = re.compile(r"[^\w.@+-]")


def username_suggestion(email: str) -> str:
    """A free username made from the part of the e-mail address before the @."""
    base = USERNAME_ALLOWED.sub("", email.split("@", 1)[0].lower())[:140] or "gebruiker"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}{number}"
    return candidate


class AccountFromInvitationForm(UserCreationForm):
    """A new account for someone who was invited. The e-mail address is the invited one and
    cannot be changed here; the password goes through Django's password validators."""

    error_messages = {
        **UserCreationForm.error_messages,
        "password_mismatch": _("De twee wachtwoorden zijn niet hetzelfde."),
    }

    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Kies een wachtwoord"), label2=_("Typ het wachtwoord nog een keer")
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("first_name", "last_name", "email", "username")
        field_classes = {"username": UsernameField}
        labels = {
            "first_name": _("Voornaam"),
            "last_name": _("Achternaam"),
            "email": _("E-mailadres"),
            "username": _("Gebruikersnaam"),
        }
        help_texts = {
            "email": _("De uitnodiging is naar dit adres gestuurd."),
            "username": _("Hiermee log je in. Gebruik letters, cijfers en eventueel . @ + - of _."),
        }

    def __init__(self, *args, invitation_email: str, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"] = {
            "username": username_suggestion(invitation_email),
            **kwargs["initial"],
            "email": invitation_email,
        }
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["email"].disabled = True
        self.fields["email"].required = False
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["first_name"].widget.attrs.update({"autocomplete": "given-name"})
        self.fields["last_name"].widget.attrs.update({"autocomplete": "family-name"})
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password2"].help_text = _("Zo weten we zeker dat je je niet hebt vertypt.")

    def clean(self):
        cleaned = super().clean()
        email = self.initial.get("email")
        if email and User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                _(
                    "Er is al een account met dit e-mailadres. Log in met dat account "
                    "om de uitnodiging te accepteren."
                ),
                code="account_exists",
            )
        return cleaned


class NewInitiativeForm(forms.ModelForm):
    """What an advisor needs to put an initiative on the platform: the rest (description,
    logo, website) its coordinator fills in."""

    coordinator_email = forms.EmailField(
        label=_("E-mailadres van de coördinator"),
        help_text=_(
            "Deze persoon krijgt een uitnodiging om een account te maken. Daarna kan hij of "
            "zij de gegevens aanvullen, anderen uitnodigen en aan de verandertheorie beginnen."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = Initiative
        fields = ["name", "kind", "place", "municipality"]
        help_texts = {
            "name": _("Zoals het initiatief zichzelf noemt, bijvoorbeeld Dorpshuis Smilde."),
            "municipality": _("De gemeente waar het initiatief vooral werkt."),
        }


class JoinRequestForm(forms.ModelForm):
    """An initiative asks to join. `website` is a trap for robots: people never see it."""

    website = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = JoinRequest
        fields = ["name", "kind", "place", "municipality", "contact_name", "email", "message"]
        help_texts = {
            "email": _("Hierheen sturen we de uitnodiging om een account te maken."),
            "message": _("Bijvoorbeeld wat jullie doen, en waarom je mee wilt doen."),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class DeclineForm(forms.Form):
    message = forms.CharField(
        label=_("Waarom niet? (dit staat in de e-mail)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
