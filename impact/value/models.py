"""The price list: what one unit of a result is worth in euros, as a sourced range.

A `PriceItem` names what is priced ("een maaltijd voor een alleenstaande oudere") and who
benefits from it; its amounts and their source live in `PriceVersion` rows that are never
changed once written. Changing a price writes a new version, so a valuation that an advisor
approved keeps pointing at the version it used, and its fact sheet stays as it was.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impact.value.arithmetic import CORRECTION_STEPS, MAX_YEARS, Corrections, Range


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
# The corrections are asked and shown in plain words, in the fixed steps of
# `arithmetic.CORRECTION_STEPS`.
SHARES = list(
    zip(
        CORRECTION_STEPS,
        [_("niets"), _("een kwart"), _("de helft"), _("driekwart"), _("alles")],
        strict=True,
    )
)
PERCENT = {"default": 0, "choices": SHARES}
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


class Recorded(models.Model):
    """When, and by whom, an entry was written (kept when that person leaves)."""

    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    class Meta:
        abstract = True


class PriceVersion(Recorded):
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

    @property
    def range(self) -> Range:
        return Range(self.low, self.central, self.high)

    @property
    def source_label(self) -> str:
        """ "Title (year)": how a source is named under an amount."""
        return f"{self.source_title} ({self.source_year})"


class Approval(models.Model):
    """Approved by an advisor apart from the Verandertheorie (a valuation, a doorbraak
    case); the services make any change a proposal again."""

    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goedgekeurd door"),
    )

    class Meta:
        abstract = True

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None


class Valuation(Approval):
    """A counted output or an outcome of one year's Verandertheorie, valued with a price of
    the list.

    The initiative chooses the price and answers the corrections in plain words; the value is
    worked out from the year's count when shown. An advisor approves it apart from the
    Verandertheorie; any change makes it a proposal again. The price version stays the one
    chosen, so a later change of the price list leaves an approved valuation as it was.
    """

    theory = models.ForeignKey(
        "theory_of_change.TheoryOfChange",
        on_delete=models.CASCADE,
        related_name="valuations",
        verbose_name=_("verandertheorie"),
    )
    # What is valued: a counted output (step 5), or an outcome (step 6) with its count or
    # its questionnaire result ("18 van de 24 deelnemers zeggen …"). Exactly one.
    output = models.OneToOneField(
        "theory_of_change.Output",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="valuation",
        verbose_name=_("resultaat"),
    )
    outcome = models.OneToOneField(
        "theory_of_change.Outcome",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="valuation",
        verbose_name=_("effect"),
    )
    price = models.ForeignKey(
        PriceVersion, on_delete=models.PROTECT, related_name="valuations", verbose_name=_("prijs")
    )
    deadweight = models.PositiveSmallIntegerField(_("was ook zonder jullie gebeurd"), **PERCENT)
    attribution = models.PositiveSmallIntegerField(_("deel dat door anderen komt"), **PERCENT)
    drop_off = models.PositiveSmallIntegerField(_("minder per jaar"), **PERCENT)
    years = models.PositiveSmallIntegerField(
        _("jaren dat het effect duurt"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_YEARS)],
    )
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("waardering")
        verbose_name_plural = _("waarderingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(output__isnull=False, outcome__isnull=True)
                | Q(output__isnull=True, outcome__isnull=False),
                name="valuation_of_an_output_or_an_outcome",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject} × {self.price.item}"

    @property
    @admin.display(description=_("resultaat of effect"))
    def subject(self):
        """The output or outcome valued."""
        return self.output if self.output_id else self.outcome

    @property
    def corrections(self) -> Corrections:
        return Corrections(
            deadweight=self.deadweight,
            attribution=self.attribution,
            drop_off=self.drop_off,
            years=self.years,
        )


class OtherCost(Recorded):
    """A cost of the year beyond the means of step 3 (which already hold the euros the
    initiative has): rent paid by a partner, a subsidised coordinator. It counts in the SROI
    indication's costs, so leaving costs out never makes the ratio look better than it is."""

    theory = models.ForeignKey(
        "theory_of_change.TheoryOfChange",
        on_delete=models.CASCADE,
        related_name="other_costs",
        verbose_name=_("verandertheorie"),
    )
    description = models.CharField(_("wat"), max_length=200)
    amount = models.DecimalField(_("bedrag (€)"), **AMOUNT)

    class Meta:
        ordering = ["theory", "pk"]
        verbose_name = _("andere kosten")
        verbose_name_plural = _("andere kosten")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="other_cost_not_negative")
        ]

    def __str__(self) -> str:
        return self.description
