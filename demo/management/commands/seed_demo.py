"""`python manage.py seed_demo`: the six case studies of the publication as demo data.

The content lives in `demo.data`; this command only loads it. It creates what is
missing and leaves everything that already exists as it is, so running it again changes
nothing and never overwrites what someone typed in the demo.

The review story (`demo_data.REVIEWS`: Smilde approved, Middelstum submitted with comments,
Ebbingehof sent back) is played through the review services, only on a theory this run
created: a theory that already existed may have been reviewed for real in the demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone

from common.images import prepare_image
from demo import data as demo_data
from demo.breakthrough import seed_breakthrough_cases
from demo.picture import village_hall_picture
from demo.results import SMILDE, seed_results
from demo.value import seed_price_list, seed_smilde_value
from initiatives.models import Initiative, Membership, Municipality, Role, User
from theory_of_change import workflow
from theory_of_change.models import (
    Activity,
    Comment,
    Consent,
    DataCollectionMethod,
    Impact,
    MeasurementLevel,
    MeasurementPlan,
    Outcome,
    Output,
    Resource,
    ResourceKind,
    Status,
    StepRevision,
    Story,
    Theme,
    TheoryOfChange,
    Transition,
)
from theory_of_change.services import record_initial_revisions

MEASURES_BY_LEVEL = {
    MeasurementLevel.OUTPUT: "measures_outputs",
    MeasurementLevel.OUTCOME: "measures_outcomes",
    MeasurementLevel.IMPACT: "measures_impacts",
}


@dataclass(frozen=True)
class AccountLine:
    username: str
    created: bool
    role: str
    sees: str


@dataclass(frozen=True)
class TheoryLine:
    initiative: str
    status: str
    open_comments: int
    advisor: str
    created: bool


@dataclass
class Tally:
    created: int = 0
    existing: int = 0

    def count(self, created: bool) -> None:
        if created:
            self.created += 1
        else:
            self.existing += 1


class DemoSeeder:
    """Creates the demo initiatives, their 2025 theories and the demo accounts, and plays
    the review story on the theories it created."""

    def __init__(self) -> None:
        self.initiatives = Tally()
        self.theories = Tally()
        self.accounts: list[AccountLine] = []
        self.theory_lines: list[TheoryLine] = []
        self._references: dict[type[models.Model], dict[str, models.Model]] = {}
        self._advisor: User | None = None  # set by _accounts()
        # One "now" for the whole story, so the dates of a run fit together.
        self._now = timezone.now()

    # --- lookups ---------------------------------------------------------------------------

    def _reference(self, model: type[models.Model], name: str) -> models.Model:
        if model not in self._references:
            self._references[model] = {item.name: item for item in model.objects.all()}
        try:
            return self._references[model][name]
        except KeyError:
            raise CommandError(
                f"{model._meta.verbose_name} '{name}' does not exist; run `manage.py migrate` "
                "first, or fix demo/data.py."
            ) from None

    def _municipality(self, slug: str) -> Municipality:
        try:
            return Municipality.objects.get(slug=slug)
        except Municipality.DoesNotExist:
            raise CommandError(
                f"Municipality '{slug}' does not exist; run `manage.py migrate` first."
            ) from None

    @staticmethod
    def _row(rows: dict[str, models.Model], key: str, where: str) -> models.Model:
        try:
            return rows[key]
        except KeyError:
            raise CommandError(f"demo/data.py: {where} refers to unknown key '{key}'.") from None

    @staticmethod
    def _save(obj: models.Model) -> models.Model:
        """Validate like a form would (lengths, choices), so the data also fits PostgreSQL."""
        obj.full_clean()
        obj.save()
        return obj

    # --- initiatives and theories ----------------------------------------------------------

    def run(self) -> None:
        slugs = [data["slug"] for data in demo_data.INITIATIVES]
        for slug in demo_data.REVIEWS:
            if slug not in slugs:
                raise CommandError(f"demo/data.py: REVIEWS names unknown initiative '{slug}'.")
        demo_initiatives = []
        new_theories: dict[str, TheoryOfChange] = {}
        for data in demo_data.INITIATIVES:
            initiative = self._initiative(data)
            theory = self._theory(initiative, data)
            if theory is not None:
                new_theories[data["slug"]] = theory
            demo_initiatives.append((initiative, data))
        # The story needs its actors (the volunteer submits, the advisor decides), so the
        # accounts come first.
        self._accounts(demo_initiatives)
        for slug, theory in new_theories.items():
            if slug in demo_data.REVIEWS:
                self._review(theory, demo_data.REVIEWS[slug], slug=slug)
        volunteers = {
            user.username: user
            for user in User.objects.filter(
                username__in=[demo_data.VOLUNTEER_USERNAME.format(slug=s) for s in new_theories]
            )
        }
        seed_results(
            new_theories,
            volunteers={
                slug: volunteers[demo_data.VOLUNTEER_USERNAME.format(slug=slug)]
                for slug in new_theories
            },
        )
        seed_price_list(by=self._advisor)
        if SMILDE in new_theories:
            seed_smilde_value(new_theories[SMILDE], advisor=self._advisor)
        seed_breakthrough_cases(new_theories)
        for data in demo_data.INITIATIVES:
            if data["slug"] in new_theories:
                self._stories(new_theories[data["slug"]], data["theory"], where=data["slug"])
        self.theory_lines = self._theory_lines(slugs, created=set(new_theories))

    def _initiative(self, data: dict) -> Initiative:
        initiative = Initiative.objects.filter(slug=data["slug"]).first()
        self.initiatives.count(created=initiative is None)
        if initiative is not None:
            return initiative
        initiative = self._save(
            Initiative(
                slug=data["slug"],
                name=data["name"],
                kind=data["kind"],
                place=data["place"],
                municipality=self._municipality(data["municipality"]),
                description=data["description"],
                founded_year=data["founded_year"],
                website=data["website"],
                contact_email=data["contact_email"],
            )
        )
        initiative.also_serves.set([self._municipality(slug) for slug in data["also_serves"]])
        if data.get("picture"):  # through the upload's processing, as a photo would go
            picture = prepare_image(village_hall_picture(), purpose="photo")
            initiative.photo.save("dorpshuis.jpg", picture, save=True)
        return initiative

    def _theory(self, initiative: Initiative, data: dict) -> TheoryOfChange | None:
        """The theory this run created, or None when it already existed."""
        content = data["theory"]
        exists = TheoryOfChange.objects.filter(initiative=initiative, year=demo_data.YEAR).exists()
        self.theories.count(created=not exists)
        if exists:
            return None
        theory = self._save(
            TheoryOfChange(
                initiative=initiative,
                year=demo_data.YEAR,
                status=Status.DRAFT,
                problem=content["problem"],
                goal=content["goal"],
                mission=content["mission"],
                **{
                    f"short_{key}": line
                    for key, line in demo_data.SHORT_LINES[data["slug"]].items()
                },
            )
        )
        self._fill(theory, content, where=data["slug"])
        record_initial_revisions(theory=theory, by=None)
        return theory

    def _stories(self, theory: TheoryOfChange, content: dict, *, where: str) -> None:
        """The demo stories, each with the consent its scope needs (recorded verbally by the
        initiative's demo volunteer), marked as demo stories in their text."""
        outcome_rows = list(theory.outcomes.order_by("position", "pk"))
        impact_rows = list(theory.impacts.order_by("position", "pk"))
        outcomes = {row["key"]: outcome_rows[n] for n, row in enumerate(content["outcomes"])}
        impacts = {row["key"]: impact_rows[n] for n, row in enumerate(content["impacts"])}
        volunteer = User.objects.filter(
            username=demo_data.VOLUNTEER_USERNAME.format(slug=where)
        ).first()
        for data in demo_data.STORIES.get(where, []):
            story = self._save(
                Story(
                    theory=theory,
                    text=f"{data['text']} {demo_data.DEMO_STORY_MARK}",
                    teller_role=data["teller_role"],
                    collected_on=date.fromisoformat(data["collected_on"]),
                    method=data["method"],
                    quote=data["quote"],
                    scope=data["scope"],
                    created_by=volunteer,
                )
            )
            story.outcomes.set([outcomes[key] for key in data["outcomes"]])
            story.impacts.set([impacts[key] for key in data.get("impacts", [])])
            if data["scope"]:
                Consent.objects.create(
                    story=story,
                    scope=data["scope"],
                    given_by=data["given_by"],
                    given_on=story.collected_on,
                    form=data["form"],
                    recorded_by=volunteer,
                )
            if data.get("on_sheet"):
                TheoryOfChange.objects.filter(pk=theory.pk).update(sheet_story=story)
                theory.sheet_story = story

    def _fill(self, theory: TheoryOfChange, content: dict, *, where: str) -> None:
        for position, row in enumerate(content["resources"]):
            amount = row.get("amount")
            self._save(
                Resource(
                    theory=theory,
                    position=position,
                    kind=self._reference(ResourceKind, row["kind"]),
                    description=row["description"],
                    amount=None if amount is None else Decimal(str(amount)),
                    unit=row.get("unit", ""),
                )
            )

        activities: dict[str, models.Model] = {}
        for position, row in enumerate(content["activities"]):
            activities[row["key"]] = self._save(
                Activity(
                    theory=theory,
                    position=position,
                    name=row["name"],
                    description=row["description"],
                    frequency=row["frequency"],
                    target_group=row["target_group"],
                )
            )

        outputs: dict[str, models.Model] = {}
        for position, row in enumerate(content["outputs"]):
            outputs[row["key"]] = self._save(
                Output(
                    theory=theory,
                    position=position,
                    activity=self._row(activities, row["activity"], f"{where} output"),
                    description=row["description"],
                    unit=row["unit"],
                    target=row["target"],
                )
            )

        outcomes: dict[str, models.Model] = {}
        for position, row in enumerate(content["outcomes"]):
            outcome = self._save(
                Outcome(
                    theory=theory,
                    position=position,
                    description=row["description"],
                    target_group=row["target_group"],
                )
            )
            outcome.activities.set(
                [self._row(activities, key, f"{where} outcome") for key in row["activities"]]
            )
            outcomes[row["key"]] = outcome

        impacts: dict[str, models.Model] = {}
        for position, row in enumerate(content["impacts"]):
            impact = self._save(
                Impact(theory=theory, position=position, description=row["description"])
            )
            impact.themes.set([self._reference(Theme, name) for name in row["themes"]])
            impacts[row["key"]] = impact

        targets = {
            MeasurementLevel.OUTPUT: outputs,
            MeasurementLevel.OUTCOME: outcomes,
            MeasurementLevel.IMPACT: impacts,
        }
        for position, row in enumerate(content["measurement_plans"]):
            level = MeasurementLevel(row["level"])
            plan = self._save(
                MeasurementPlan(
                    theory=theory,
                    position=position,
                    level=level,
                    information=row["information"],
                    method=self._reference(DataCollectionMethod, row["method"]),
                    frequency=row["frequency"],
                    collected_by=row["collected_by"],
                )
            )
            getattr(plan, MEASURES_BY_LEVEL[level]).set(
                [
                    self._row(targets[level], key, f"{where} {level} measurement plan")
                    for key in row["measures"]
                ]
            )

    # --- the review story --------------------------------------------------------------------

    def _review(self, theory: TheoryOfChange, story: dict, *, slug: str) -> None:
        """Play `story` (see `demo_data.REVIEWS`) on a theory created in this run.

        It goes through the same services as the screens, so the theory ends up exactly as a
        real review would leave it (transitions, submitted revisions, threads); then the
        records are dated back to their moment in the story.
        """
        advisor = self._advisor
        if not advisor.is_advisor:
            raise CommandError(
                f"The account '{demo_data.ADVISOR_ACCOUNT['username']}' exists but is not an "
                "advisor, so it cannot review the demo theories; make it an advisor or "
                "delete it first."
            )
        volunteer = User.objects.get(username=demo_data.VOLUNTEER_USERNAME.format(slug=slug))
        actors = {demo_data.ADVISOR: advisor, demo_data.VOLUNTEER: volunteer}
        threads: dict[str, Comment] = {}
        self._date_start(theory, self._moment(story["written"]))
        # The story is history, not news: nobody gets e-mail about it.
        with workflow.without_notifications():
            if story["assign_to_advisor"]:
                workflow.theory_assign(theory=theory, advisor=advisor, by=advisor)
            for event in story["events"]:
                self._play(theory, event, by=actors[event["by"]], threads=threads, where=slug)

    def _play(
        self, theory: TheoryOfChange, event: dict, *, by, threads: dict[str, Comment], where: str
    ) -> None:
        action = event["action"]
        when = self._moment(event["when"])
        message = event.get("message", "")
        if action == "submit":
            try:
                transition = workflow.theory_submit(theory=theory, by=by, message=message)
            except workflow.Incomplete as error:
                steps = ", ".join(str(item.step.number) for item in error.missing)
                raise CommandError(
                    f"demo/data.py: {where} cannot be submitted, steps {steps} are not complete."
                ) from None
            self._date_transition(theory, transition, when)
        elif action == "approve":
            transition = workflow.theory_approve(theory=theory, by=by, message=message)
            self._date_transition(theory, transition, when)
        elif action == "request_changes":
            transition = workflow.theory_request_changes(theory=theory, by=by, message=message)
            self._date_transition(theory, transition, when)
        elif action == "comment":
            comment = workflow.comment_add(
                theory=theory, step=event["step"], body=event["body"], by=by
            )
            if "key" in event:
                threads[event["key"]] = comment
            self._date_comment(comment, when)
        elif action == "reply":
            thread = self._row(threads, event["thread"], f"{where} reply")
            resolve = event.get("resolve", False)
            comment = workflow.comment_add(
                theory=theory,
                step=thread.step,
                body=event["body"],
                by=by,
                thread=thread,
                resolve=resolve,
            )
            self._date_comment(comment, when, resolved=resolve)
        elif action == "resolve":
            thread = self._row(threads, event["thread"], f"{where} resolve")
            workflow.comment_resolve(comment=thread, by=by, resolved=True)
            Comment.objects.filter(pk=thread.pk).update(resolved_at=when)
        else:
            raise CommandError(f"demo/data.py: {where} has unknown action '{action}'.")

    # The services stamp what they record with the current time, and the demo should show a
    # review spread over the past weeks. These helpers move those timestamps (and only
    # those) to the story's moment, right after each service call. They write with
    # `update()` so no `auto_now` field or `save()` logic gets in the way.

    def _moment(self, when: tuple[int, str]) -> datetime:
        """(days ago, "HH:MM") as an aware datetime in the site's time zone."""
        days_ago, clock = when
        day = timezone.localdate(self._now) - timedelta(days=days_ago)
        return timezone.make_aware(datetime.combine(day, time.fromisoformat(clock)))

    @staticmethod
    def _date_start(theory: TheoryOfChange, when: datetime) -> None:
        """The content was entered at `when`: the theory and its first revisions."""
        TheoryOfChange.objects.filter(pk=theory.pk).update(created_at=when, updated_at=when)
        StepRevision.objects.filter(theory=theory).update(created_at=when)
        theory.created_at = theory.updated_at = when

    @staticmethod
    def _date_transition(theory: TheoryOfChange, transition: Transition, when: datetime) -> None:
        """A status change happened at `when`; the theory's own date of it follows."""
        Transition.objects.filter(pk=transition.pk).update(created_at=when)
        field = {Status.SUBMITTED: "submitted_at", Status.APPROVED: "approved_at"}.get(
            transition.to_status
        )
        if field is not None:
            TheoryOfChange.objects.filter(pk=theory.pk).update(**{field: when})
            setattr(theory, field, when)

    @staticmethod
    def _date_comment(comment: Comment, when: datetime, *, resolved: bool = False) -> None:
        """A comment was written at `when`; a reply that resolved its thread (or marked it
        "verwerkt") did so then."""
        Comment.objects.filter(pk=comment.pk).update(created_at=when)
        if resolved:
            thread = Comment.objects.filter(pk=comment.thread_id)
            thread.filter(resolved_at__isnull=False).update(resolved_at=when)
            thread.filter(processed_at__isnull=False).update(processed_at=when)

    def _theory_lines(self, slugs: list[str], *, created: set[str]) -> list[TheoryLine]:
        """Where each demo theory stands now, for the report."""
        theories = (
            TheoryOfChange.objects.filter(initiative__slug__in=slugs, year=demo_data.YEAR)
            .select_related("initiative", "assigned_advisor")
            .annotate(
                open_comments=Count(
                    "comments",
                    filter=Q(comments__thread__isnull=True, comments__resolved_at__isnull=True),
                )
            )
        )
        by_slug = {theory.initiative.slug: theory for theory in theories}
        return [
            TheoryLine(
                initiative=by_slug[slug].initiative.name,
                status=str(Status(by_slug[slug].status).label),
                open_comments=by_slug[slug].open_comments,
                advisor=getattr(by_slug[slug].assigned_advisor, "username", ""),
                created=slug in created,
            )
            for slug in slugs
        ]

    # --- accounts --------------------------------------------------------------------------

    def _account(self, username: str, *, role: str, sees: str, **attributes):
        """The user with this username, created with password `demo` when missing."""
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(
                username=username,
                email=demo_data.ACCOUNT_EMAIL.format(username=username),
                **attributes,
            )
            user.set_password(demo_data.DEMO_PASSWORD)
            self._save(user)
        self.accounts.append(AccountLine(username, created, role, sees))
        return user, created

    def _accounts(self, demo_initiatives: list[tuple[Initiative, dict]]) -> None:
        self._account(
            demo_data.ADMIN_ACCOUNT["username"],
            role="admin (superuser)",
            sees="everything, including Django admin at /admin/",
            first_name=demo_data.ADMIN_ACCOUNT["first_name"],
            last_name=demo_data.ADMIN_ACCOUNT["last_name"],
            is_staff=True,
            is_superuser=True,
        )
        self._advisor, _ = self._account(
            demo_data.ADVISOR_ACCOUNT["username"],
            role="advisor (CMO STAMM)",
            sees="all initiatives; reviews submitted theories at /advies/",
            first_name=demo_data.ADVISOR_ACCOUNT["first_name"],
            last_name=demo_data.ADVISOR_ACCOUNT["last_name"],
            is_advisor=True,
        )

        for initiative, data in demo_initiatives:
            user, _ = self._account(
                demo_data.VOLUNTEER_USERNAME.format(slug=data["slug"]),
                role="volunteer (coordinator)",
                sees=f"{initiative.name}: writes its Verandertheorie, invites others",
                first_name=demo_data.VOLUNTEER_FIRST_NAME,
                last_name=initiative.name,
            )
            Membership.objects.get_or_create(
                user=user, initiative=initiative, defaults={"role": Role.COORDINATOR}
            )

        slugs: list[str] = []
        for _, data in demo_initiatives:
            for slug in [data["municipality"], *data["also_serves"]]:
                if slug not in slugs:
                    slugs.append(slug)
        for slug in slugs:
            municipality = self._municipality(slug)
            served = Initiative.objects.serving([municipality]).order_by("name")
            user, created = self._account(
                demo_data.MUNICIPALITY_USERNAME.format(slug=slug),
                role="municipality",
                sees=f"gemeente {municipality.name}: "
                + ", ".join(initiative.name for initiative in served),
                first_name=demo_data.MUNICIPALITY_FIRST_NAME,
                last_name=municipality.name,
            )
            if created:
                user.municipalities.add(municipality)


class Command(BaseCommand):
    help = (
        "Load the demo: the six initiatives of CMO STAMM's publication 'Inwonerskracht' "
        "(chapter 3), each with a complete 2025 Verandertheorie, and demo accounts with "
        "password 'demo' (admin, adviseur, vrijwilliger.<initiative>, "
        "gemeente.<municipality>). Three theories get a review history over the past weeks: "
        "Dorpshuis Smilde approved, Dorpsloket Middelstum submitted with open advisor "
        "comments (not yet assigned), Ebbingehof sent back with changes requested (assigned "
        "to adviseur); the other three stay drafts. No e-mail is sent. Creates only what is "
        "missing: an initiative, theory or account that already exists (same slug, year or "
        "username) is left exactly as it is — its content, status, review, password and "
        "links are not touched — and the review history is only written on a theory created "
        "in the same run, so running it again changes nothing and never overwrites what was "
        "done in the demo. To start afresh, delete the objects (or the database) first. "
        "Everything runs in one transaction."
    )

    def handle(self, *args, **options):
        seeder = DemoSeeder()
        with transaction.atomic():
            seeder.run()
        self._report(seeder)

    def _report(self, seeder: DemoSeeder) -> None:
        write = self.stdout.write
        created_accounts = sum(line.created for line in seeder.accounts)
        write(self.style.SUCCESS("Demo data ready."))
        write(
            f"  Initiatives: {seeder.initiatives.created} created, "
            f"{seeder.initiatives.existing} already there (left unchanged)."
        )
        write(
            f"  Verandertheorieën {demo_data.YEAR}: {seeder.theories.created} created, "
            f"{seeder.theories.existing} already there (left unchanged)."
        )
        write(
            f"  Accounts: {created_accounts} created, "
            f"{len(seeder.accounts) - created_accounts} already there (left unchanged)."
        )
        write("")
        self._table(
            ("initiative", f"Verandertheorie {demo_data.YEAR}", "open comments", "advisor", ""),
            [
                (
                    line.initiative,
                    line.status,
                    str(line.open_comments),
                    line.advisor or "(not assigned)",
                    "created now" if line.created else "(already there, left unchanged)",
                )
                for line in seeder.theory_lines
            ],
        )
        write("")

        self._table(
            ("username", "password", "role", "what they see"),
            [
                (
                    line.username,
                    demo_data.DEMO_PASSWORD if line.created else "(unchanged)",
                    line.role,
                    line.sees,
                )
                for line in seeder.accounts
            ],
        )
        write("")
        if created_accounts < len(seeder.accounts):
            write(
                "Accounts marked (unchanged) existed before this run; their password was not "
                f"reset (it is '{demo_data.DEMO_PASSWORD}' if this command created them)."
            )
        write(
            f"Start the server with `python manage.py runserver` and open {settings.SITE_URL}/ "
            "— log in with one of the accounts above."
        )

    def _table(self, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        """Columns padded to their widest cell; the last one is left as it is."""
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]

        def format_row(row: tuple[str, ...]) -> str:
            cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
            return "  ".join([*cells, row[-1]]).rstrip()

        self.stdout.write(format_row(header))
        self.stdout.write(
            format_row(tuple("-" * width for width in widths) + ("-" * len(header[-1]),))
        )
        for row in rows:
            self.stdout.write(format_row(row))
