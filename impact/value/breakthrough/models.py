"""Doorbraak cases (the "doorbraakmethode"): a tailored solution for one household, recorded
anonymously, with what it cost and the costs it avoided.

Each avoided cost is a range, from a price of the list (the version chosen stays, as with a
valuation) or with its own source, weighed by how likely that cost was to come. The case's
value is therefore a range too, never one falsely precise number. An advisor approves a
case; until then nobody outside the initiative and its advisors sees it.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impact.value.arithmetic import Range, total
from impact.value.models import AMOUNT, Approval, Beneficiary, PriceVersion, Recorded


class Likelihood(models.IntegerChoices):
    """How likely it was that the avoided cost would have come, in fixed steps (percent)."""

    SMALL = 25, _("kleine kans")
    EVEN = 50, _("even waarschijnlijk als niet")
    LIKELY = 75, _("waarschijnlijk")
    CERTAIN = 100, _("zeker")


OPTIONAL_AMOUNT = {**AMOUNT, "null": True, "blank": True}


class BreakthroughCaseQuerySet(models.QuerySet):
    def approved(self) -> BreakthroughCaseQuerySet:
        """What may be read outside the initiative and its advisors (municipality staff)."""
        return self.filter(approved_at__isnull=False)


class BreakthroughCase(Approval, Recorded):
    theory = models.ForeignKey(
        "theory_of_change.TheoryOfChange",
        on_delete=models.CASCADE,
        related_name="breakthrough_cases",
        verbose_name=_("verandertheorie"),
    )
    situation = models.TextField(
        _("situatie"),
        max_length=1000,
        help_text=_(
            "Kort en in gewone woorden. Noem geen namen, adressen of andere dingen waaraan "
            "iemand het huishouden kan herkennen."
        ),
    )
    arranged = models.TextField(_("wat is er geregeld"), max_length=2000)
    cost = models.DecimalField(_("kosten van de oplossing (€)"), **AMOUNT)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    objects = BreakthroughCaseQuerySet.as_manager()

    class Meta:
        ordering = ["theory", "pk"]
        verbose_name = _("doorbraakcasus")
        verbose_name_plural = _("doorbraakcasussen")
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=0), name="breakthrough_cost_not_negative")
        ]

    def __str__(self) -> str:
        return self.situation[:60]

    def avoided_value(self) -> Range:
        """The sum of what it avoided, each weighed by its likelihood (uses `avoided.all()`,
        so prefetch it on lists)."""
        return total(cost.value for cost in self.avoided.all())

    @property
    def avoided_shown(self) -> Range:
        """The avoided value in whole euros, rounded outward (low down, high up)."""
        return self.avoided_value().rounded(0)


class AvoidedCost(models.Model):
    """A cost that did not come because of the case: a price of the list times a quantity,
    or an own range with its own source; who would have paid, and how likely it was."""

    case = models.ForeignKey(
        BreakthroughCase,
        on_delete=models.CASCADE,
        related_name="avoided",
        verbose_name=_("doorbraakcasus"),
    )
    description = models.CharField(_("wat is er voorkomen"), max_length=200, blank=True)
    price = models.ForeignKey(
        PriceVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="avoided_costs",
        verbose_name=_("prijs van de prijslijst"),
    )
    quantity = models.DecimalField(
        _("aantal"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    low = models.DecimalField(_("laagste bedrag (€)"), **OPTIONAL_AMOUNT)
    central = models.DecimalField(_("middelste bedrag (€)"), **OPTIONAL_AMOUNT)
    high = models.DecimalField(_("hoogste bedrag (€)"), **OPTIONAL_AMOUNT)
    source_title = models.CharField(_("bron"), max_length=300, blank=True)
    source_year = models.PositiveSmallIntegerField(_("jaar van de bron"), null=True, blank=True)
    source_url = models.URLField(_("link naar de bron"), max_length=500, blank=True)
    note = models.TextField(_("toelichting bij de bron"), max_length=2000, blank=True)
    beneficiary = models.CharField(
        _("wie had het betaald"), max_length=20, choices=Beneficiary.choices
    )
    likelihood = models.PositiveSmallIntegerField(
        _("hoe waarschijnlijk"), choices=Likelihood.choices
    )

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = _("vermeden kosten")
        verbose_name_plural = _("vermeden kosten")
        constraints = [
            # Either a price of the list with a quantity, or an own amount: never both.
            models.CheckConstraint(
                condition=(
                    Q(price__isnull=False, quantity__isnull=False, low__isnull=True)
                    & Q(central__isnull=True, high__isnull=True)
                )
                | Q(price__isnull=True, quantity__isnull=True, low__isnull=False)
                & Q(high__isnull=False)
                & ~Q(description=""),
                name="avoided_cost_price_or_amount",
            ),
            # No figure without a source, whatever path writes it.
            models.CheckConstraint(
                condition=Q(low__isnull=True)
                | (~Q(source_title="") & Q(source_year__isnull=False)),
                name="avoided_cost_amount_has_source",
            ),
            models.CheckConstraint(
                condition=Q(low__isnull=True)
                | Q(low__gte=0, high__gte=models.F("low"))
                & (
                    Q(central__isnull=True)
                    | Q(central__gte=models.F("low"), central__lte=models.F("high"))
                ),
                name="avoided_cost_range_in_order",
            ),
            models.CheckConstraint(
                condition=Q(likelihood__in=Likelihood.values),
                name="avoided_cost_likelihood_step",
            ),
        ]

    def __str__(self) -> str:
        return self.what

    @property
    def what(self) -> str:
        return self.description or (self.price.item.name if self.price_id else "")

    @property
    def own_range(self) -> Range | None:
        """The own amount; with only a low and a high, the middle is halfway."""
        if self.low is None or self.high is None:
            return None
        central = self.central if self.central is not None else (self.low + self.high) / 2
        return Range(self.low, central, self.high)

    @property
    def value(self) -> Range:
        """What it avoided, weighed by its likelihood."""
        chance = Decimal(self.likelihood) / 100
        if self.price_id is not None:
            return self.price.range.scaled(self.quantity * chance)
        return self.own_range.scaled(chance)

    @property
    def value_shown(self) -> Range:
        """In whole euros, rounded outward."""
        return self.value.rounded(0)
