"""The Verandertheorie (Theory of Change) of an initiative for one year, and its parts.

Steps 1 and 2 are text on `TheoryOfChange` itself; steps 3 to 10 are lists of rows in
their own tables, so the fact sheet and the municipality exports can count and link them.
Which step edits which part is decided in one place: `theory_of_change.steps`.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from initiatives.access import visible_initiatives
from initiatives.models import Initiative, Membership
from theory_of_change.fields import person_field


class ReferenceItem(models.Model):
    """An entry of a reference list that advisors maintain in the admin.

    The Dutch name is the one shown by default; `name_en` is shown when the interface is
    in English (falling back to Dutch when left empty).
    """

    name = models.CharField(_("naam"), max_length=100, unique=True)
    name_en = models.CharField(_("naam in het Engels"), max_length=100, blank=True)
    description = models.CharField(_("uitleg"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(
        _("in gebruik"),
        default=True,
        help_text=_("Haal het vinkje weg om dit niet meer aan te bieden bij nieuwe invoer."),
    )
    # Names appear on cached fact sheets; a renamed entry must make them render again.
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class ResourceKind(ReferenceItem):
    """Kinds of input (step 3): volunteers, money, a building, partners, materials, knowledge."""

    # The municipality portal adds up the volunteers that initiatives record as a means;
    # a flag, not a name, so advisors can rename the entry or add another kind of people.
    counts_volunteers = models.BooleanField(
        _("telt als vrijwilligers"),
        default=False,
        help_text=_(
            "Aantallen bij dit soort middel tellen mee als vrijwilligers in het overzicht "
            "voor gemeenten."
        ),
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("soort middel")
        verbose_name_plural = _("soorten middelen")


class Theme(ReferenceItem):
    """Societal value themes (publication, chapter 2.1) that impact is tagged with."""

    class Meta(ReferenceItem.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class DataCollectionMethod(ReferenceItem):
    """Ways to collect information (chapters 2.3 and 5.1): logbook, questionnaire, …"""

    # An outcome measured this way in step 9 is recorded as questionnaire results ("x van
    # de n deelnemers zeggen …") rather than counts; a flag, so advisors can rename entries.
    asks_people = models.BooleanField(
        _("vraagt deelnemers"),
        default=False,
        help_text=_(
            "Effecten die zo gemeten worden, vul je in als uitkomst van een vragenlijst: "
            "hoeveel van de gevraagde mensen iets zeggen."
        ),
    )

    class Meta(ReferenceItem.Meta):
        verbose_name = _("manier van meten")
        verbose_name_plural = _("manieren van meten")


class Status(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")
    CHANGES_REQUESTED = "changes_requested", _("Aanpassingen gevraagd")
    APPROVED = "approved", _("Goedgekeurd")


EDITABLE_STATUSES = (Status.DRAFT, Status.CHANGES_REQUESTED)

# What needs an advisor first: new submissions, then theories sent back (the initiative may
# need a nudge), then drafts (to offer help), and approved ones last.
REVIEW_ORDER = (Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.DRAFT, Status.APPROVED)


def new_share_token() -> str:
    """The secret of a fact sheet's public link."""
    return secrets.token_urlsafe(24)


# A chain link's "kort gezegd" line: what one row of the fact sheet's chain holds readably.
SHORT_LINE_LENGTH = 90


class TheoryOfChangeQuerySet(models.QuerySet):
    """Who may read which Verandertheorie: the one home of the confidentiality rules.

    Drafts, submissions and sent-back versions stay between an initiative and its advisors;
    everyone else — municipality staff, the portal and its exports and ZIPs, a public link —
    reads approved theories only (`approved`). `readable_by` combines that with who sees
    which initiative (`initiatives.access.visible_initiatives`).
    """

    def approved(self) -> "TheoryOfChangeQuerySet":
        """What may be read outside the initiative and its advisors."""
        return self.filter(status=Status.APPROVED)

    def readable_by(self, user) -> "TheoryOfChangeQuerySet":
        """The theories `user` may read, of every initiative they may see: advisors all,
        members every theory of their own initiatives, anyone else who sees an initiative
        (municipality staff) its approved ones. Nothing for anonymous visitors."""
        if not user.is_authenticated:
            return self.none()
        if user.is_advisor:
            return self.all()
        seen = self.filter(initiative__in=visible_initiatives(user))
        member_of = Membership.objects.filter(user=user).values("initiative")
        return seen.approved() | seen.filter(initiative__in=member_of)


class TheoryOfChange(models.Model):
    """An initiative's Verandertheorie for one year."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="theories",
        verbose_name=_("initiatief"),
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    problem = models.TextField(_("probleem"), blank=True, max_length=4000)
    goal = models.TextField(_("doel"), blank=True, max_length=4000)
    mission = models.CharField(
        _("waar we voor staan (missie in één zin)"), blank=True, max_length=200
    )
    # "Kort gezegd": the line each link of the chain (steps 1 to 7) shows on the fact sheet,
    # written for it by the initiative; the sheet shortens the full answer only without one.
    short_problem = models.CharField(_("kort gezegd"), blank=True, max_length=SHORT_LINE_LENGTH)
    short_goal = models.CharField(_("kort gezegd"), blank=True, max_length=SHORT_LINE_LENGTH)
    short_input = models.CharField(_("kort gezegd"), blank=True, max_length=SHORT_LINE_LENGTH)
    short_activities = models.CharField(_("kort gezegd"), blank=True, max_length=SHORT_LINE_LENGTH)
    short_output = models.CharField(_("kort gezegd"), blank=True, max_length=SHORT_LINE_LENGTH)
    short_outcome = models.CharField(_("kort gezegd"), blank=True, max_length=SHORT_LINE_LENGTH)
    short_impact = models.CharField(_("kort gezegd"), blank=True, max_length=SHORT_LINE_LENGTH)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    # The review: who looks after it, and when it was last submitted and approved. The
    # dates repeat what the transitions say so the workspace can sort and filter on them.
    assigned_advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_theories",
        limit_choices_to={"is_advisor": True},
        verbose_name=_("adviseur"),
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    # The fact sheet: the story whose quote gives it a voice (shown only while its consent
    # reaches the sheet), and the secret of its public link (None while the link is off; a
    # new secret each time it is switched on).
    sheet_story = models.ForeignKey(
        "theory_of_change.Story",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verhaal op het feitenblad"),
    )
    share_token = models.CharField(
        _("deelcode"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # Approval switches the public link on, so a printed sheet's QR code works without a
    # login; unless the coordinator switched it off, which approval then respects.
    share_link_off = models.BooleanField(_("openbare link uitgezet"), default=False)
    # When a result of this year (or of last year, shown beside it) last changed: part of
    # the fact sheet's stamp. Recording results leaves `updated_at` and the status alone.
    results_changed_at = models.DateTimeField(
        _("resultaten laatst gewijzigd"), null=True, blank=True, editable=False
    )

    # When a story of this year, or its consent, last changed: part of the fact sheet's
    # stamp, so a withdrawn consent changes every cached sheet at once.
    stories_changed_at = models.DateTimeField(
        _("verhalen laatst gewijzigd"), null=True, blank=True, editable=False
    )

    # When a valuation in euros of this year was last proposed, changed, approved or
    # removed: part of the fact sheet's stamp, so its value box follows the approvals.
    values_changed_at = models.DateTimeField(
        _("waarderingen laatst gewijzigd"), null=True, blank=True, editable=False
    )

    # The advisor workspace's order, kept by the database (generated columns) so that an
    # index serves it: first the status in `REVIEW_ORDER`, then who has waited longest. A
    # submission waits since it was submitted; for the other statuses the last change is
    # the best measure of waiting (a theory sent back that nobody touched for weeks, or a
    # stale draft, is the one an advisor should ask about first).
    review_rank = models.GeneratedField(
        expression=models.Case(
            *[
                models.When(status=status, then=models.Value(rank))
                for rank, status in enumerate(REVIEW_ORDER)
            ],
            default=models.Value(len(REVIEW_ORDER)),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        verbose_name=_("volgorde in het overzicht voor adviseurs"),
    )
    waiting_since = models.GeneratedField(
        expression=models.Case(
            models.When(
                status=Status.SUBMITTED,
                submitted_at__isnull=False,
                then=models.F("submitted_at"),
            ),
            default=models.F("updated_at"),
        ),
        output_field=models.DateTimeField(),
        db_persist=True,
        verbose_name=_("wacht sinds"),
    )

    objects = TheoryOfChangeQuerySet.as_manager()

    class Meta:
        ordering = ["initiative__name", "-year"]
        verbose_name = _("verandertheorie")
        verbose_name_plural = _("verandertheorieën")
        indexes = [
            models.Index(fields=["review_rank", "waiting_since", "id"], name="theory_review_order"),
            # The portal's content version reads the newest valuation or case change.
            models.Index(fields=["values_changed_at"], name="theory_values_changed_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "year"], name="one_theory_per_initiative_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse(
            "theory_of_change:overview",
            kwargs={"slug": self.initiative.slug, "year": self.year},
        )

    @property
    def is_editable(self) -> bool:
        """Submitted and approved versions are read-only for volunteers."""
        return self.status in EDITABLE_STATUSES

    @property
    def is_approved(self) -> bool:
        """The instance side of `TheoryOfChangeQuerySet.approved`."""
        return self.status == Status.APPROVED

    @property
    def is_submitted(self) -> bool:
        return self.status == Status.SUBMITTED

    @property
    def is_sent_back(self) -> bool:
        """Changes were requested (or an approved version was reopened)."""
        return self.status == Status.CHANGES_REQUESTED


class TheoryRow(models.Model):
    """A row of one of the step lists; rows keep the order in which they were written."""

    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class Resource(TheoryRow):
    """Step 3, input: a means the activities need."""

    theory = models.ForeignKey(TheoryOfChange, on_delete=models.CASCADE, related_name="resources")
    kind = models.ForeignKey(
        ResourceKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("soort")
    )
    description = models.CharField(_("omschrijving"), max_length=300)
    amount = models.DecimalField(
        _("hoeveelheid"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    unit = models.CharField(_("eenheid"), max_length=50, blank=True)
    euro_value = models.DecimalField(
        _("waarde in euro's"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta(TheoryRow.Meta):
        verbose_name = _("middel")
        verbose_name_plural = _("middelen")

    def __str__(self) -> str:
        return self.description


class Activity(TheoryRow):
    """Step 4, the approach (aanpak): something the initiative does."""

    theory = models.ForeignKey(TheoryOfChange, on_delete=models.CASCADE, related_name="activities")
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("omschrijving"), blank=True, max_length=1000)
    frequency = models.CharField(_("hoe vaak"), max_length=100, blank=True)
    target_group = models.CharField(_("voor wie"), max_length=200, blank=True)

    class Meta(TheoryRow.Meta):
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")

    def __str__(self) -> str:
        return self.name


class Output(TheoryRow):
    """Step 5: a direct, tangible result of an activity, with a countable indicator."""

    theory = models.ForeignKey(TheoryOfChange, on_delete=models.CASCADE, related_name="outputs")
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outputs",
        verbose_name=_("bij activiteit"),
    )
    description = models.CharField(_("resultaat"), max_length=300)
    unit = models.CharField(
        _("wat tel je"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld: dorpsdiners per jaar."),
    )
    target = models.PositiveIntegerField(_("streefgetal"), null=True, blank=True)
    # What was achieved is counted through the year in `results`, not written in the plan.

    class Meta(TheoryRow.Meta):
        verbose_name = _("output")
        verbose_name_plural = _("outputs")

    def __str__(self) -> str:
        return self.description


class Outcome(TheoryRow):
    """Step 6: an effect for participants."""

    theory = models.ForeignKey(TheoryOfChange, on_delete=models.CASCADE, related_name="outcomes")
    description = models.CharField(_("effect"), max_length=300)
    target_group = models.CharField(_("voor wie"), max_length=200, blank=True)
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="outcomes", verbose_name=_("door welke activiteiten")
    )

    class Meta(TheoryRow.Meta):
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.description


class Impact(TheoryRow):
    """Step 7: a change in society, tagged with value themes."""

    theory = models.ForeignKey(TheoryOfChange, on_delete=models.CASCADE, related_name="impacts")
    description = models.CharField(_("verandering"), max_length=300)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="impacts", verbose_name=_("thema's")
    )

    class Meta(TheoryRow.Meta):
        verbose_name = _("impact")
        verbose_name_plural = _("impact")

    def __str__(self) -> str:
        return self.description


class MeasurementLevel(models.TextChoices):
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")
    IMPACT = "impact", _("Impact")


class MeasurementPlan(TheoryRow):
    """Steps 8 to 10: how the initiative gathers information on its output, outcome or impact.

    One table for the three steps (they ask the same questions); `level` says which step
    a plan belongs to and which of the three `measures_*` links it uses.
    """

    theory = models.ForeignKey(
        TheoryOfChange, on_delete=models.CASCADE, related_name="measurement_plans"
    )
    level = models.CharField(_("niveau"), max_length=10, choices=MeasurementLevel.choices)
    information = models.CharField(_("welke informatie"), max_length=300)
    method = models.ForeignKey(
        DataCollectionMethod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("manier van verzamelen"),
    )
    frequency = models.CharField(_("hoe vaak"), max_length=100, blank=True)
    collected_by = models.CharField(_("wie verzamelt het"), max_length=150, blank=True)
    measures_outputs = models.ManyToManyField(
        Output, blank=True, related_name="measurement_plans", verbose_name=_("meet output")
    )
    measures_outcomes = models.ManyToManyField(
        Outcome, blank=True, related_name="measurement_plans", verbose_name=_("meet outcome")
    )
    measures_impacts = models.ManyToManyField(
        Impact, blank=True, related_name="measurement_plans", verbose_name=_("meet impact")
    )

    class Meta(TheoryRow.Meta):
        verbose_name = _("meetplan")
        verbose_name_plural = _("meetplannen")

    def __str__(self) -> str:
        return self.information


class StepRevision(models.Model):
    """A saved version of one step: who saved it, when, and what the step then said.

    The snapshot is plain, readable data (names, not ids only), so the history can show
    what changed even after rows or reference entries are gone. The newest revision of a
    step is also what a second editor is compared against to detect a conflicting save.
    """

    theory = models.ForeignKey(TheoryOfChange, on_delete=models.CASCADE, related_name="revisions")
    step = models.PositiveSmallIntegerField(_("stap"))
    author = person_field(_("door"))
    created_at = models.DateTimeField(_("op"), auto_now_add=True)
    snapshot = models.JSONField(_("inhoud"))
    changes = models.JSONField(_("wijzigingen"), default=list)
    # What a row's removal took with it (`common.deletion`), kept until it is undone: the
    # newest revision of a step can give its removed row back.
    removed = models.JSONField(_("verwijderd"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("opgeslagen versie")
        verbose_name_plural = _("opgeslagen versies")
        indexes = [models.Index(fields=["theory", "step", "-id"], name="revision_latest_idx")]

    def __str__(self) -> str:
        return f"{self.theory} · {self.step} · {self.created_at:%Y-%m-%d %H:%M}"


class Action(models.TextChoices):
    """The review's steps, in the words of the timeline."""

    SUBMIT = "submit", _("Ingediend")
    WITHDRAW = "withdraw", _("Teruggetrokken")
    REQUEST_CHANGES = "request_changes", _("Aanpassingen gevraagd")
    APPROVE = "approve", _("Goedgekeurd")
    REOPEN = "reopen", _("Weer opengezet")


class Transition(models.Model):
    """One change of a theory's status: the timeline of its review.

    A submission also remembers which revision of each step was submitted, so the next
    round can show exactly what changed since (with the edit history's own snapshots).
    """

    theory = models.ForeignKey(TheoryOfChange, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("wat"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("van"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("naar"), max_length=20, choices=Status.choices)
    by = person_field(_("door"))
    created_at = models.DateTimeField(_("op"), default=timezone.now)
    message = models.TextField(_("toelichting"), blank=True, max_length=4000)
    revisions = models.JSONField(_("ingediende versies"), default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        indexes = [
            models.Index(fields=["theory", "to_status", "-id"], name="transition_latest_idx")
        ]

    def __str__(self) -> str:
        return f"{self.theory}: {self.from_status} → {self.to_status}"

    @property
    def is_reopening(self) -> bool:
        """An approved version was opened again (not a request for changes)."""
        return self.action == Action.REOPEN


class Comment(models.Model):
    """A comment on one step. The first comment starts a thread; replies point to it.

    Only a thread (its first comment) is resolved or open; replies follow their thread.
    """

    theory = models.ForeignKey(TheoryOfChange, on_delete=models.CASCADE, related_name="comments")
    step = models.PositiveSmallIntegerField(_("stap"))
    thread = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reactie op"),
    )
    author = person_field(_("door"))
    body = models.TextField(_("opmerking"), max_length=4000)
    created_at = models.DateTimeField(_("op"), default=timezone.now)
    resolved_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    resolved_by = person_field(_("afgehandeld door"))
    # A writer of the initiative says an advisor's comment is dealt with; the advisor then
    # closes it (only advisors close their own kind's comments: see `workflow.may_resolve`).
    processed_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    processed_by = person_field(_("verwerkt door"))
    # Recognises the same form sent twice (a double click, a browser resubmission): a
    # digest of the form's one-time key and what it said (`common.concurrency`). Empty for
    # comments made without a form (the demo data, an import).
    submission_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("opmerking")
        verbose_name_plural = _("opmerkingen")
        indexes = [models.Index(fields=["theory", "step"], name="comment_step_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_key"],
                condition=~models.Q(submission_key=""),
                name="one_comment_per_submission",
            )
        ]

    def __str__(self) -> str:
        return f"{self.theory} · {self.step} · {self.body[:40]}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    @property
    def is_processed(self) -> bool:
        """Marked "verwerkt" by the initiative, waiting for the advisor to close it."""
        return self.processed_at is not None and self.resolved_at is None


# The records of results through the year (their own module; tables of this app).
from theory_of_change.results.models import (  # noqa: E402, F401
    Aggregation,
    Busyness,
    Indicator,
    LogbookWeek,
    Measure,
    ResultChange,
    ResultEntry,
    SurveyMethod,
    SurveyResult,
)

# Stories and their consent register (their own module; tables of this app).
from theory_of_change.stories.models import (  # noqa: E402, F401
    CollectionMethod,
    Consent,
    ConsentForm,
    ConsentSubject,
    GivenBy,
    Scope,
    Story,
    TellerRole,
)
