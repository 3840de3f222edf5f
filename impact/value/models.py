"""The price list: what one unit of a result is worth in euros, as a sourced range.

A `PriceItem` names what is priced ("een maaltijd voor een alleenstaande oudere") and who
benefits from it; its amounts and their source live in `PriceVersion` rows that are never
changed once written. Changing a price writes a new version, so a valuation that an advisor
approved keeps pointing at the version it used, and its fact sheet stays as it was.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Beneficiary(models.TextChoices):
    """Who gains when the result happens (and who would otherwise pay)."""

    MUNICIPALITY = "gemeente", _("Gemeente")
    HEALTH_INSURER = "zorgverzekeraar", _("Zorgverzekeraar")
    CARE_PROVIDER = "zorgaanbieder", _("Zorgaanbieder")
    HOUSING = "woningcorporatie", _("Woningcorporatie")
    STATE = "rijk", _("Rijksoverheid")
    RESIDENT = "inwoner", _("Inwoner")


#: What a version holds: the amounts and their source (the rest belongs to the item).
VERSION_FIELDS = (
    "low",
    "central",
    "high",
    "price_year",
    "source_title",
    "source_year",
    "source_url",
    "note",
)
AMOUNT = {"max_digits": 10, "decimal_places": 2, "validators": [MinValueValidator(0)]}


class PriceItem(models.Model):
    name = models.CharField(_("wat"), max_length=200, unique=True)
    unit = models.CharField(
        _("per"), max_length=100, help_text=_("Waar het bedrag voor staat, bijvoorbeeld: maaltijd.")
    )
    beneficiary = models.CharField(
        _("wie heeft er baat bij"), max_length=20, choices=Beneficiary.choices
    )
    theme = models.ForeignKey(
        "theory_of_change.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="price_items",
        verbose_name=_("thema"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("prijs")
        verbose_name_plural = _("prijslijst")

    def __str__(self) -> str:
        return self.name


class PriceVersion(models.Model):
    """The amounts of a price item from one moment on, with their source. Never changed:
    a new price is a new version."""

    item = models.ForeignKey(
        PriceItem, on_delete=models.PROTECT, related_name="versions", verbose_name=_("prijs")
    )
    low = models.DecimalField(_("laag"), **AMOUNT)
    central = models.DecimalField(_("midden"), **AMOUNT)
    high = models.DecimalField(_("hoog"), **AMOUNT)
    price_year = models.PositiveSmallIntegerField(_("prijspeil (jaar)"))
    source_title = models.CharField(_("bron"), max_length=300)
    source_year = models.PositiveSmallIntegerField(_("jaar van de bron"))
    source_url = models.URLField(_("link naar de bron"), max_length=500, blank=True)
    note = models.TextField(
        _("toelichting"), max_length=2000, blank=True
    )  # how the range was read from the source
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    class Meta:
        ordering = ["item", "-pk"]
        verbose_name = _("prijsversie")
        verbose_name_plural = _("prijsversies")
        constraints = [
            # No figure without a source, whatever path writes it.
            models.CheckConstraint(condition=~Q(source_title=""), name="price_version_has_source"),
            models.CheckConstraint(
                condition=Q(
                    low__gte=0, central__gte=models.F("low"), high__gte=models.F("central")
                ),
                name="price_version_range_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item}: € {self.low}–{self.high} ({self.price_year})"
