"""Stories and the consent records that decide where they may appear.

Imported by `theory_of_change.models`, so the tables belong to the theory_of_change app.
A story's `scope` and `photo_scope` are kept by `services` within what its current consent
allows; readers go through `selectors`, never through these fields directly.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from theory_of_change.fields import person_field

STORY_TEXT_LENGTH = 4000
STORY_QUOTE_LENGTH = 250


class Scope(models.IntegerChoices):
    """Where a story or photo may appear. Ordered: each scope includes those below it."""

    INTERNAL = 0, _("alleen intern")
    ADVISOR = 1, _("ook de adviseur")
    SHEET = 2, _("ook de gemeente en het feitenblad")
    PUBLIC = 3, _("openbaar (ook via de openbare link)")


class TellerRole(models.TextChoices):
    """Who tells the story: a role, never a name."""

    PARTICIPANT = "participant", _("deelnemer")
    CARER = "carer", _("mantelzorger")
    VOLUNTEER = "volunteer", _("vrijwilliger")
    RESIDENT = "resident", _("buurtbewoner")
    PROFESSIONAL = "professional", _("professional")


class CollectionMethod(models.TextChoices):
    CONVERSATION = "conversation", _("gesprek")
    INTERVIEW = "interview", _("interview")
    SURVEY = "survey", _("enquête")
    OBSERVATION = "observation", _("observatie")


class ConsentSubject(models.TextChoices):
    STORY = "story", _("het verhaal")
    PHOTO = "photo", _("de foto")


class GivenBy(models.TextChoices):
    PERSON = "person", _("de persoon zelf")
    GUARDIAN = "guardian", _("een ouder of voogd (bij een kind onder 16)")
    REPRESENTATIVE = "representative", _("een wettelijk vertegenwoordiger")


class ConsentForm(models.TextChoices):
    SIGNED = "signed", _("met een getekend formulier")
    VERBAL = "verbal", _("mondeling, vastgelegd door een vrijwilliger")
    EARLIER = "earlier", _("eerder gegeven, van vóór het toestemmingsregister")


def story_photo_path(instance: Story, filename: str) -> str:
    """Server-chosen names: the uploaded file name is never used on disk."""
    from common.images import random_image_name

    return f"stories/photos/{random_image_name(filename)}"


def consent_form_path(instance: Consent, filename: str) -> str:
    import secrets
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()
    suffix = suffix if suffix in {".pdf", ".jpg", ".jpeg", ".png"} else ".bin"
    return f"stories/consent/{secrets.token_hex(12)}{suffix}"


class Story(models.Model):
    """A story of one year: what someone told, who (as a role), when and how it was
    collected, and the effects (step 6) and impacts (step 7) it illustrates."""

    theory = models.ForeignKey(
        "theory_of_change.TheoryOfChange", on_delete=models.CASCADE, related_name="stories"
    )
    text = models.TextField(_("het verhaal"), max_length=STORY_TEXT_LENGTH)
    teller_role = models.CharField(
        _("wie vertelt het"), max_length=20, choices=TellerRole.choices, blank=True
    )
    collected_on = models.DateField(_("wanneer opgehaald"), null=True, blank=True)
    method = models.CharField(
        _("hoe opgehaald"), max_length=20, choices=CollectionMethod.choices, blank=True
    )
    outcomes = models.ManyToManyField(
        "theory_of_change.Outcome", blank=True, related_name="stories", verbose_name=_("effecten")
    )
    impacts = models.ManyToManyField(
        "theory_of_change.Impact", blank=True, related_name="stories", verbose_name=_("impact")
    )
    quote = models.CharField(_("citaat"), max_length=STORY_QUOTE_LENGTH, blank=True)
    photo = models.ImageField(_("foto"), upload_to=story_photo_path, blank=True)
    photo_description = models.CharField(_("wat staat er op de foto"), max_length=200, blank=True)
    photo_shows_people = models.BooleanField(_("er staat iemand herkenbaar op"), default=False)
    # Kept by `services` within the current consent; INTERNAL without one.
    scope = models.PositiveSmallIntegerField(
        _("waar mag het verhaal komen"), choices=Scope.choices, default=Scope.INTERNAL
    )
    photo_scope = models.PositiveSmallIntegerField(
        _("waar mag de foto komen"), choices=Scope.choices, default=Scope.INTERNAL
    )
    # Who wrote it down: inside the initiative only.
    created_by = person_field(_("vastgelegd door"))
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        ordering = ["-collected_on", "-pk"]
        verbose_name = _("verhaal")
        verbose_name_plural = _("verhalen")
        indexes = [models.Index(fields=["theory", "scope"], name="story_theory_scope")]

    def __str__(self) -> str:
        return f"{self.theory} · {self.text[:40]}"

    @property
    def visible_photo_scope(self) -> int:
        """Where the photo may appear: never wider than the story, and a photo showing a
        recognisable person no wider than that person's own consent."""
        if not self.photo:
            return Scope.INTERNAL
        if self.photo_shows_people:
            return min(self.scope, self.photo_scope)
        return self.scope


class Consent(models.Model):
    """Permission for a story or its photo to appear beyond the initiative: who gave it,
    when, how, and how far it reaches. Withdrawn, it stays in the register (with when and
    by whom) and no longer counts."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="consents")
    subject = models.CharField(
        _("toestemming voor"),
        max_length=10,
        choices=ConsentSubject.choices,
        default=ConsentSubject.STORY,
    )
    scope = models.PositiveSmallIntegerField(_("waarvoor"), choices=Scope.choices)
    given_by = models.CharField(_("wie gaf toestemming"), max_length=20, choices=GivenBy.choices)
    # Never required, never shown outside the initiative.
    person_name = models.CharField(_("naam (alleen voor jullie)"), max_length=150, blank=True)
    given_on = models.DateField(_("wanneer"))
    form = models.CharField(_("hoe"), max_length=10, choices=ConsentForm.choices)
    document = models.FileField(
        _("getekend formulier"), upload_to=consent_form_path, blank=True, max_length=200
    )
    recorded_by = person_field(_("vastgelegd door"))
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = person_field(_("ingetrokken door"))

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self) -> str:
        return f"{self.story_id} · {self.get_subject_display()} · {self.get_scope_display()}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
