"""`python manage.py seed_demo`: the six case studies of the publication as demo data.

The content lives in `impact.demo_data`; this command only loads it. It creates what is
missing and leaves everything that already exists as it is, so running it again changes
nothing and never overwrites what someone typed in the demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction

from impact import demo_data
from initiatives.models import Initiative, Membership, Municipality, Role
from theory_of_change.models import (
    Activity,
    DataCollectionMethod,
    Impact,
    MeasurementLevel,
    MeasurementPlan,
    Outcome,
    Output,
    Resource,
    ResourceKind,
    Status,
    Theme,
    TheoryOfChange,
)
from theory_of_change.services import record_initial_revisions

SITE_HINT = "http://127.0.0.1:8000/"

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
    """Creates the demo initiatives, their 2025 theories and the demo accounts."""

    def __init__(self) -> None:
        self.initiatives = Tally()
        self.theories = Tally()
        self.accounts: list[AccountLine] = []
        self._references: dict[type[models.Model], dict[str, models.Model]] = {}

    # --- lookups ---------------------------------------------------------------------------

    def _reference(self, model: type[models.Model], name: str) -> models.Model:
        if model not in self._references:
            self._references[model] = {item.name: item for item in model.objects.all()}
        try:
            return self._references[model][name]
        except KeyError:
            raise CommandError(
                f"{model._meta.verbose_name} '{name}' does not exist; run `manage.py migrate` "
                "first, or fix impact/demo_data.py."
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
            raise CommandError(
                f"impact/demo_data.py: {where} refers to unknown key '{key}'."
            ) from None

    @staticmethod
    def _save(obj: models.Model) -> models.Model:
        """Validate like a form would (lengths, choices), so the data also fits PostgreSQL."""
        obj.full_clean()
        obj.save()
        return obj

    # --- initiatives and theories ----------------------------------------------------------

    def run(self) -> None:
        demo_initiatives = []
        for data in demo_data.INITIATIVES:
            initiative = self._initiative(data)
            self._theory(initiative, data)
            demo_initiatives.append((initiative, data))
        self._accounts(demo_initiatives)

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
        return initiative

    def _theory(self, initiative: Initiative, data: dict) -> None:
        content = data["theory"]
        exists = TheoryOfChange.objects.filter(initiative=initiative, year=demo_data.YEAR).exists()
        self.theories.count(created=not exists)
        if exists:
            return
        theory = self._save(
            TheoryOfChange(
                initiative=initiative,
                year=demo_data.YEAR,
                status=Status.DRAFT,
                problem=content["problem"],
                goal=content["goal"],
                mission=content["mission"],
            )
        )
        self._fill(theory, content, where=data["slug"])
        record_initial_revisions(theory=theory, by=None)

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
                    achieved=None,  # nothing is achieved yet: the publication gives no results
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

    # --- accounts --------------------------------------------------------------------------

    def _account(self, username: str, *, role: str, sees: str, **attributes):
        """The user with this username, created with password `demo` when missing."""
        User = get_user_model()
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
        self._account(
            demo_data.ADVISOR_ACCOUNT["username"],
            role="advisor (CMO STAMM)",
            sees="all initiatives; reviews submitted theories",
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
        "(chapter 3), each with a complete 2025 Verandertheorie (status: concept), and demo "
        "accounts with password 'demo' (admin, adviseur, vrijwilliger.<initiative>, "
        "gemeente.<municipality>). Creates only what is missing: an initiative, theory or "
        "account that already exists (same slug, year or username) is left exactly as it is "
        "— its content, status, password and links are not touched — so running it again "
        "changes nothing and never overwrites edits made in the demo. To start afresh, "
        "delete the objects (or the database) first. Everything runs in one transaction."
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

        header = ("username", "password", "role", "what they see")
        rows = [
            (
                line.username,
                demo_data.DEMO_PASSWORD if line.created else "(unchanged)",
                line.role,
                line.sees,
            )
            for line in seeder.accounts
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]

        def format_row(row: tuple[str, ...]) -> str:
            cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
            return "  ".join([*cells, row[3]])

        write(format_row(header))
        write(format_row(tuple("-" * width for width in widths) + ("-" * len(header[3]),)))
        for row in rows:
            write(format_row(row))
        write("")
        if created_accounts < len(seeder.accounts):
            write(
                "Accounts marked (unchanged) existed before this run; their password was not "
                f"reset (it is '{demo_data.DEMO_PASSWORD}' if this command created them)."
            )
        write(
            f"Start the server with `python manage.py runserver` and open {SITE_HINT} "
            "— log in with one of the accounts above."
        )
