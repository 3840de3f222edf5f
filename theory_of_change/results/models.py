"""The records of results: how an indicator is counted, its counts per period (with their
history), questionnaire results, and the weekly logbook.

Imported by `theory_of_change.models`, so the tables belong to the theory_of_change app.
Notes here can name residents: they stay within the initiative and its advisors (see
`selectors`); the fact sheet, the portal and exports read totals only.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from theory_of_change.fields import person_field
from theory_of_change.results.periods import Period, PeriodKind, Rhythm


class Aggregation(models.TextChoices):
    """How an indicator's periods add up to the year's figure."""

    SUM = "sum", _("optellen (bijvoorbeeld: dorpsdiners)")
    LATEST = "latest", _("laatste stand (bijvoorbeeld: vaste bezoekers nu)")
    MAXIMUM = "max", _("hoogste stand")


class Measure(models.TextChoices):
    """How an outcome is measured: by counting, or by asking people (effectmeting)."""

    COUNT = "count", _("tellen")
    SURVEY = "survey", _("vragen (vragenlijst, interview of observatie)")


class SurveyMethod(models.TextChoices):
    SURVEY = "survey", _("enquête")
    INTERVIEW = "interview", _("interview")
    OBSERVATION = "observation", _("observatie")


class Busyness(models.TextChoices):
    QUIET = "quiet", _("rustig")
    BUSY = "busy", _("druk")
    TOO_BUSY = "too_busy", _("te druk")


class Indicator(models.Model):
    """How one output (step 5) or outcome (step 6) is counted: the rhythm, how the periods
    add up, and an override of the computed figure with its reason.

    Settings for recording, not part of the plan: they can change after approval. A row is
    made when something is first recorded or set; until then the defaults apply.
    """

    theory = models.ForeignKey(
        "theory_of_change.TheoryOfChange", on_delete=models.CASCADE, related_name="indicators"
    )
    output = models.OneToOneField(
        "theory_of_change.Output",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator",
    )
    outcome = models.OneToOneField(
        "theory_of_change.Outcome",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator",
    )
    rhythm = models.CharField(
        _("hoe vaak tel je"), max_length=10, choices=Rhythm.choices, default=Rhythm.MONTH
    )
    aggregation = models.CharField(
        _("hoe tel je het jaar op"),
        max_length=10,
        choices=Aggregation.choices,
        default=Aggregation.SUM,
    )
    measure = models.CharField(
        _("hoe meet je dit effect"), max_length=10, choices=Measure.choices, default=Measure.COUNT
    )
    override = models.PositiveIntegerField(_("vastgesteld aantal"), null=True, blank=True)
    override_reason = models.CharField(_("waarom dit aantal"), max_length=300, blank=True)
    override_by = person_field(_("vastgesteld door"))
    override_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    # Last year's indicator this one continues ("Begin aan <jaar>"), for year over year.
    previous = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next"
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        constraints = [
            models.CheckConstraint(
                condition=Q(output__isnull=False, outcome__isnull=True)
                | Q(output__isnull=True, outcome__isnull=False),
                name="indicator_of_output_or_outcome",
            ),
        ]

    def __str__(self) -> str:
        return str(self.output or self.outcome)

    @property
    def row(self):
        """The output or outcome counted."""
        return self.output or self.outcome

    @property
    def counts(self) -> bool:
        """Counted per period (outputs always; outcomes unless measured by asking)."""
        return self.output_id is not None or self.measure == Measure.COUNT


class PeriodRecord(models.Model):
    """A record about one period of the theory's year."""

    period = models.CharField(_("periode"), max_length=10)  # a Period code, e.g. "2025-W10"
    period_kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    starts_on = models.DateField()
    half = models.PositiveSmallIntegerField(default=0)  # Period.half: for half-year columns

    class Meta:
        abstract = True

    @property
    def period_object(self) -> Period:
        return Period.parse(self.period)

    def set_period(self, period: Period) -> None:
        self.period = period.code
        self.period_kind = period.kind
        self.starts_on = period.starts_on
        self.half = period.half


class ResultEntry(PeriodRecord):
    """What was counted for an indicator in one period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="entries")
    value = models.PositiveIntegerField(_("aantal"))
    note = models.CharField(_("notitie"), max_length=500, blank=True)
    entered_by = person_field(_("ingevoerd door"))
    entered_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)
    changed_by = person_field(_("gewijzigd door"))
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("telling")
        verbose_name_plural = _("tellingen")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="one_count_per_period"),
        ]
        indexes = [models.Index(fields=["indicator", "-starts_on"], name="entry_latest_idx")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}: {self.value}"


class ResultChange(models.Model):
    """The history of an indicator's counts: every new, corrected or removed count."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="changes")
    period = models.CharField(_("periode"), max_length=10)
    old_value = models.PositiveIntegerField(_("was"), null=True, blank=True)
    new_value = models.PositiveIntegerField(_("werd"), null=True, blank=True)  # None: removed
    by = person_field(_("door"))
    at = models.DateTimeField(_("op"), auto_now_add=True)
    source = models.CharField(_("hoe"), max_length=20, default="form")  # form, logbook, import

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("wijziging van een telling")
        verbose_name_plural = _("wijzigingen van tellingen")

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}: {self.old_value} → {self.new_value}"


class SurveyResult(PeriodRecord):
    """A questionnaire result for an outcome: x of the n people asked agree with a statement."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="surveys")
    question = models.CharField(_("wat vroeg je"), max_length=300)
    respondents = models.PositiveIntegerField(_("aantal mensen gevraagd (n)"))
    agreeing = models.PositiveIntegerField(_("aantal mensen dat het zegt (x)"))
    method = models.CharField(
        _("hoe gevraagd"), max_length=20, choices=SurveyMethod.choices, default=SurveyMethod.SURVEY
    )
    note = models.CharField(_("notitie"), max_length=500, blank=True)
    entered_by = person_field(_("ingevoerd door"))
    entered_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("uitkomst van een vragenlijst")
        verbose_name_plural = _("uitkomsten van vragenlijsten")
        constraints = [
            models.CheckConstraint(
                condition=Q(agreeing__lte=models.F("respondents")),
                name="survey_agreeing_at_most_respondents",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreeing}/{self.respondents}: {self.question}"


class LogbookWeek(models.Model):
    """One week of the logbook: what went on, and how busy the volunteers were. The week's
    counts are `ResultEntry` rows of the weekly indicators."""

    theory = models.ForeignKey(
        "theory_of_change.TheoryOfChange", on_delete=models.CASCADE, related_name="logbook"
    )
    week = models.CharField(_("week"), max_length=10)  # a Period code, e.g. "2025-W10"
    starts_on = models.DateField()
    note = models.TextField(_("wat speelde er?"), max_length=4000, blank=True)
    busyness = models.CharField(
        _("hoe druk was het voor de vrijwilligers?"),
        max_length=10,
        choices=Busyness.choices,
        blank=True,
    )
    written_by = person_field(_("geschreven door"))
    written_at = models.DateTimeField(_("geschreven op"), auto_now=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("week in het logboek")
        verbose_name_plural = _("weken in het logboek")
        constraints = [
            models.UniqueConstraint(fields=["theory", "week"], name="one_logbook_page_per_week"),
        ]

    def __str__(self) -> str:
        return f"{self.theory} {self.week}"
