"""What the reporting side keeps: ZIPs of fact sheets that someone asked for.

A `FactSheetBundle` is one person's request for the approved fact sheets of a year, made in
the municipality portal and built by a background task (`build_bundle` in
`impact.portal.bundles`). Which sheets it holds is decided once, when it is requested, by
the portal's selection; the ZIP itself is shared between bundles with the same stamp (equal
stamp, equal ZIP).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# A bundle still queued or running after this long has lost its worker (a restart, a
# crash): it is not reused for a new request, and its page offers to try again.
BUNDLE_STALE_AFTER = timedelta(minutes=30)


class BundleStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    READY = "ready", _("Klaar")
    FAILED = "failed", _("Mislukt")


class FactSheetBundle(models.Model):
    """A ZIP of approved fact sheets, asked for by one user; personal, like a download."""

    # Random, so the URL of someone else's bundle cannot be guessed.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="fact_sheet_bundles",
        verbose_name=_("aangevraagd door"),
    )
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    language = models.CharField(_("taal"), max_length=10)
    year = models.PositiveSmallIntegerField(_("jaar"))
    label = models.CharField(_("gemeente"), max_length=300)  # "Midden-Drenthe"
    file_label = models.CharField(_("naam in de bestandsnaam"), max_length=300)
    # The portal's selection as query parameters: "back to the portal" and "try again".
    params = models.JSONField(_("selectie"), default=dict, blank=True)
    # The ids of the sheets: the approved theories the selection showed at request time,
    # narrowed by the task to those that are still approved when it builds the ZIP.
    theories = models.JSONField(_("verandertheorieën"), default=list)
    stamp = models.CharField(_("kenmerk"), max_length=64, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BundleStatus.choices, default=BundleStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("aantal feitenbladen"), default=0)
    done = models.PositiveIntegerField(_("klaar"), default=0)
    skipped = models.PositiveIntegerField(
        _("weggelaten"),
        default=0,
        help_text=_("Feitenbladen die na de aanvraag niet meer goedgekeurd waren."),
    )
    file = models.CharField(_("bestand"), max_length=255, blank=True)  # in default_storage
    size = models.PositiveBigIntegerField(_("grootte in bytes"), default=0)
    error = models.TextField(_("foutmelding"), blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ZIP met feitenbladen")
        verbose_name_plural = _("ZIP's met feitenbladen")

    def __str__(self) -> str:
        return f"{self.label} {self.year} ({self.get_status_display()})"

    @property
    def is_ready(self) -> bool:
        return self.status == BundleStatus.READY

    @property
    def is_failed(self) -> bool:
        return self.status == BundleStatus.FAILED

    @property
    def is_busy(self) -> bool:
        return self.status in (BundleStatus.QUEUED, BundleStatus.RUNNING)

    @property
    def seems_stuck(self) -> bool:
        """Still waiting long after it should have finished: its worker is gone."""
        return self.is_busy and self.created_at < timezone.now() - BUNDLE_STALE_AFTER

    @property
    def download_name(self) -> str:
        """e.g. "feitenbladen-midden-drenthe-2025.zip"."""
        return f"{slugify(f'feitenbladen-{self.file_label}-{self.year}')}.zip"


# The price list, in its own module (`impact.value`): registered with this app.
from impact.value.breakthrough.models import AvoidedCost, BreakthroughCase  # noqa: E402, F401
from impact.value.models import (  # noqa: E402, F401
    Beneficiary,
    OtherCost,
    PriceItem,
    PriceVersion,
    Valuation,
)
