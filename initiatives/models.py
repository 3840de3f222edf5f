"""Who is who: users, municipalities, initiatives, memberships and invitations.

Roles are data, not Django groups: a volunteer's role is per initiative (a membership),
an advisor is a CMO STAMM staff member who sees every initiative, and municipality staff
are linked to the municipalities whose initiatives they may read.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Province(models.TextChoices):
    GRONINGEN = "groningen", _("Groningen")
    DRENTHE = "drenthe", _("Drenthe")


class Municipality(models.Model):
    """A gemeente; the 22 of Groningen and Drenthe are loaded by a data migration."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in.

    `is_advisor` marks CMO STAMM staff (they see and review every initiative);
    `municipalities` links municipality staff to the gemeenten whose initiatives they read.
    Volunteers get their rights per initiative through `Membership`.
    """

    is_advisor = models.BooleanField(
        _("adviseur (CMO STAMM)"),
        default=False,
        help_text=_("Adviseurs zien alle initiatieven en beoordelen verandertheorieën."),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="staff",
        verbose_name=_("medewerker van gemeenten"),
        help_text=_("Gemeenten waarvan deze persoon de initiatieven mag inzien."),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class InitiativeKind(models.TextChoices):
    VILLAGE_HALL = "dorpshuis", _("Dorpshuis of buurthuis")
    HELP_DESK = "dorpsloket", _("Dorpsloket of hulpdienst")
    MEETING_PLACE = "ontmoetingsplek", _("Ontmoetingsplek")
    HOUSING = "wonen", _("Woon-initiatief")
    WELFARE = "welzijn", _("Welzijnsorganisatie")
    COMMUNITY_FACILITY = "voorziening", _("Dorpsvoorziening (sport, onderwijs, opvang)")
    OTHER = "overig", _("Anders")


def initiative_image_path(instance: "Initiative", filename: str) -> str:
    """Server-chosen names: the uploaded file name is never used on disk."""
    from common.images import random_image_name

    return f"initiatives/{instance.slug}/{random_image_name(filename)}"


class InitiativeQuerySet(models.QuerySet):
    def serving(self, municipalities) -> "InitiativeQuerySet":
        """Initiatives whose primary municipality or served municipalities include any given.

        `municipalities`: Municipality objects, ids or a queryset of them. The "also serves"
        side is a subquery, not a join: an OR across a join makes PostgreSQL's planner
        multiply the tables when its statistics are off, and needs DISTINCT besides.
        """
        also_serving = Initiative.also_serves.through.objects.filter(
            municipality__in=municipalities
        ).values("initiative_id")
        return self.filter(
            models.Q(municipality__in=municipalities) | models.Q(pk__in=also_serving)
        )


# What an initiative's coordinator writes about it (besides the other municipalities):
# the edit form, its edit-conflict version and the export all cover exactly these.
DETAIL_FIELDS = ("name", "kind", "place", "description", "founded_year", "website", "contact_email")
IMAGE_FIELDS = ("logo", "photo")


class Initiative(models.Model):
    """A resident initiative: a village hall, help desk, meeting place, co-housing group…"""

    name = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(
        _("korte naam in de link"),
        max_length=80,
        unique=True,
        help_text=_("Wordt gebruikt in het webadres, bijvoorbeeld dorpshuis-smilde."),
    )
    kind = models.CharField(_("soort initiatief"), max_length=20, choices=InitiativeKind.choices)
    place = models.CharField(_("dorp of plaats"), max_length=100)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("gemeente"),
    )
    also_serves = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="served_initiatives",
        verbose_name=_("werkt ook in gemeenten"),
        help_text=_("Andere gemeenten waar het initiatief ook actief is."),
    )
    description = models.TextField(_("korte beschrijving"), blank=True, max_length=1000)
    founded_year = models.PositiveSmallIntegerField(_("opgericht in"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("e-mailadres voor contact"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=initiative_image_path, blank=True)
    photo = models.ImageField(_("foto"), upload_to=initiative_image_path, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("initiatives:detail", kwargs={"slug": self.slug})


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coördinator")
    EDITOR = "editor", _("Schrijver")
    READER = "reader", _("Meelezer")


ROLE_DESCRIPTIONS = {
    Role.COORDINATOR: _("Mag alles schrijven en nodigt andere mensen uit."),
    Role.EDITOR: _("Mag de verandertheorie schrijven en aanpassen."),
    Role.READER: _("Mag alles lezen, maar niets aanpassen."),
}


class Membership(models.Model):
    """A volunteer's role in one initiative."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("gebruiker"),
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("initiatief"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("lid sinds"), auto_now_add=True)

    class Meta:
        ordering = ["initiative", "user__username"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "initiative"], name="unique_membership_per_initiative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.initiative} · {self.get_role_display()}"


def hash_token(token: str) -> str:
    """Only a hash of a secret link is stored, so a database leak reveals no working link."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> "InvitationQuerySet":
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A single-use, expiring link that makes someone a member of an initiative."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("initiatief"),
    )
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uitgenodigd door"),
    )
    created_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"))
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geaccepteerd door"),
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    # Recognises the same form sent twice (a double click): a digest of the form's
    # one-time key and what it said (`common.concurrency`). Empty when made without a form.
    submission_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return f"{self.email} → {self.initiative}"

    @property
    def is_usable(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("wacht op een adviseur")
    ACCEPTED = "accepted", _("aangenomen")
    DECLINED = "declined", _("afgewezen")


class JoinRequest(models.Model):
    """An initiative asks to join the platform (`/aanmelden/`); an advisor accepts it, which
    puts the initiative on the platform and invites the person who asked as its
    coordinator, or declines it with a message."""

    name = models.CharField(_("naam van het initiatief"), max_length=150)
    kind = models.CharField(_("soort initiatief"), max_length=20, choices=InitiativeKind.choices)
    place = models.CharField(_("dorp of plaats"), max_length=100)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    contact_name = models.CharField(_("jouw naam"), max_length=150)
    email = models.EmailField(_("jouw e-mailadres"))
    message = models.TextField(_("wat wil je ons vertellen?"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    status = models.CharField(
        _("stand"),
        max_length=10,
        choices=JoinRequestStatus.choices,
        default=JoinRequestStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decision_message = models.TextField(_("toelichting"), blank=True, max_length=2000)
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("initiatief"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")

    def __str__(self) -> str:
        return f"{self.name} ({self.place})"

    @property
    def is_pending(self) -> bool:
        return self.status == JoinRequestStatus.PENDING
