"""factory_boy factories for the models the tests build."""

from decimal import Decimal

import factory
from django.utils import timezone

from impact.value.models import PriceItem, PriceVersion
from impact.value.services import price_save
from initiatives.models import (
    Initiative,
    InitiativeKind,
    Invitation,
    Membership,
    Municipality,
    Role,
    User,
)
from theory_of_change.models import (
    Activity,
    Comment,
    DataCollectionMethod,
    Impact,
    Measure,
    MeasurementLevel,
    MeasurementPlan,
    Outcome,
    Output,
    Resource,
    ResourceKind,
    SurveyMethod,
    SurveyResult,
    Theme,
    TheoryOfChange,
    Transition,
)
from theory_of_change.results.periods import Period
from theory_of_change.results.services import count_save, indicator_for


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("demo-wachtwoord")


def municipality(slug: str) -> Municipality:
    """Municipalities come from a data migration; tests pick them by slug."""
    return Municipality.objects.get(slug=slug)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    name = factory.Sequence(lambda n: f"Dorpshuis {n}")
    slug = factory.Sequence(lambda n: f"dorpshuis-{n}")
    kind = InitiativeKind.VILLAGE_HALL
    place = "Smilde"
    municipality = factory.LazyFunction(lambda: municipality("midden-drenthe"))


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    initiative = factory.SubFactory(InitiativeFactory)
    role = Role.COORDINATOR


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    initiative = factory.SubFactory(InitiativeFactory)
    email = factory.Sequence(lambda n: f"nieuw{n}@example.org")
    role = Role.EDITOR
    token_hash = factory.Sequence(lambda n: f"{n:064d}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=14))


class TheoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TheoryOfChange

    initiative = factory.SubFactory(InitiativeFactory)
    year = 2025


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    theory = factory.SubFactory(TheoryFactory)
    kind = factory.LazyFunction(lambda: ResourceKind.objects.get(name="Vrijwilligers"))
    description = factory.Sequence(lambda n: f"Middel {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    theory = factory.SubFactory(TheoryFactory)
    name = factory.Sequence(lambda n: f"Activiteit {n}")
    frequency = "elke maand"
    target_group = "inwoners"


class OutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Output
        skip_postgeneration_save = True

    theory = factory.SubFactory(TheoryFactory)
    activity = factory.SubFactory(ActivityFactory, theory=factory.SelfAttribute("..theory"))
    description = factory.Sequence(lambda n: f"Resultaat {n}")
    unit = "keer per jaar"
    target = 12

    @factory.post_generation
    def achieved(output, create, extracted, **kwargs):
        """`achieved=37`: one count of 37 in January of the theory's year, as recorded."""
        if create and extracted is not None:
            count_save(
                indicator=indicator_for(output=output),
                period=Period.of("month", output.theory.year, 1),
                value=extracted,
                by=None,
            )


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome
        skip_postgeneration_save = True

    theory = factory.SubFactory(TheoryFactory)
    description = factory.Sequence(lambda n: f"Effect {n}")
    target_group = "deelnemers"

    @factory.post_generation
    def activities(self, create, extracted, **kwargs):
        if create and extracted:
            self.activities.set(extracted)


class ImpactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Impact
        skip_postgeneration_save = True

    theory = factory.SubFactory(TheoryFactory)
    description = factory.Sequence(lambda n: f"Verandering {n}")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class MeasurementPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasurementPlan

    theory = factory.SubFactory(TheoryFactory)
    level = MeasurementLevel.OUTPUT
    information = factory.Sequence(lambda n: f"Informatie {n}")
    method = factory.LazyFunction(lambda: DataCollectionMethod.objects.get(name="Logboek"))


def complete_theory(theory: TheoryOfChange) -> TheoryOfChange:
    """Fill every step so that the registry counts the theory as complete."""
    theory.problem = "Er is geen ontmoetingsplek in het dorp."
    theory.goal = "Iedereen heeft een plek om anderen te ontmoeten."
    theory.mission = "Erbij horen, meedoen en ertoe doen"
    theory.save()
    ResourceFactory(theory=theory)
    activity = ActivityFactory(theory=theory, name="Dorpsdiner")
    output = OutputFactory(theory=theory, activity=activity)
    outcome = OutcomeFactory(theory=theory, activities=[activity])
    impact = ImpactFactory(theory=theory, themes=[Theme.objects.get(name="Sociale cohesie")])
    for level, links, item in (
        (MeasurementLevel.OUTPUT, "measures_outputs", output),
        (MeasurementLevel.OUTCOME, "measures_outcomes", outcome),
        (MeasurementLevel.IMPACT, "measures_impacts", impact),
    ):
        plan = MeasurementPlanFactory(theory=theory, level=level)
        getattr(plan, links).set([item])
    return theory


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    theory = factory.SubFactory(TheoryFactory)
    step = 5
    author = factory.SubFactory(UserFactory, is_advisor=True)
    body = factory.Sequence(lambda n: f"Opmerking {n}: kun je dit scherper maken?")


class TransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transition

    theory = factory.SubFactory(TheoryFactory)
    action = "submit"
    from_status = "draft"
    to_status = "submitted"


def sheet_story(theory, quote: str, *, scope: int = 2, role: str = "participant", text=""):
    """A story with a consent that reaches `scope` (2: gemeente en feitenblad, 3: openbaar),
    chosen as the sheet's quote, as the initiative would through the pages. Writes past the
    services' `full_clean`, so tests may plant text as long as a field allows."""
    from django.utils import timezone

    from theory_of_change.models import Consent, Story, TheoryOfChange

    story = Story.objects.create(
        theory=theory, text=text or quote, quote=quote, teller_role=role, scope=scope
    )
    Consent.objects.create(
        story=story, scope=scope, given_by="person", given_on=timezone.localdate(), form="verbal"
    )
    TheoryOfChange.objects.filter(pk=theory.pk).update(
        sheet_story=story, stories_changed_at=timezone.now()
    )
    return story


def price(
    name: str = "Een maaltijd",
    *,
    unit: str = "maaltijd",
    beneficiary: str = "inwoner",
    low=4,
    central=6,
    high=9,
    source_title: str = "Kengetallen",
    by=None,
    **version,
):
    """A price on the list, through the service advisors use: its first version, with a
    source (price year 2025, source year 2024 unless given)."""
    return price_save(
        item=PriceItem(name=name, unit=unit, beneficiary=beneficiary),
        version=PriceVersion(
            low=Decimal(low),
            central=Decimal(central),
            high=Decimal(high),
            source_title=source_title,
            **{"price_year": 2025, "source_year": 2024, **version},
        ),
        by=by,
    )


def survey_result(outcome, *, question="Ik voel me hier thuis.", respondents=24, agreeing=18):
    """A questionnaire result of `outcome` in the first half of its theory's year, through
    its indicator (switched to asking people)."""
    indicator = indicator_for(outcome=outcome)
    indicator.measure = Measure.SURVEY
    indicator.save()
    result = SurveyResult(
        indicator=indicator,
        question=question,
        respondents=respondents,
        agreeing=agreeing,
        method=SurveyMethod.SURVEY,
    )
    result.set_period(Period.parse(f"{outcome.theory.year}-H1"))
    result.save()
    return result
