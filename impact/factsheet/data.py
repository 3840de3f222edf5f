"""What a fact sheet (feitenblad) says: one data function for the HTML page and the PDF.

`build_factsheet` reads a theory loaded with `with_content` and returns plain, already
shortened values; the template only lays them out. Shortening happens here, at word
boundaries, within a `Budget`: the PDF renderer starts with the most generous budget and
takes a tighter one only when the sheet would not fit on one page.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.text import shorten, shorten_at_sentence
from impact.value.selectors import ValueReport, value_report
from initiatives.models import Initiative
from theory_of_change.models import MeasurementLevel, Outcome, Output, Status, TheoryOfChange
from theory_of_change.results.models import SurveyResult
from theory_of_change.results.periods import Period
from theory_of_change.results.rules import Tally
from theory_of_change.results.selectors import counts_of, latest_surveys, previous_counts
from theory_of_change.steps import STEPS, display_value
from theory_of_change.stories.models import Story, TellerRole
from theory_of_change.stories.selectors import StoryCount, sheet_story, story_count

# The chain Probleem → Doel → Input → Aanpak → Output → Outcome → Impact: steps 1 to 7.
CHAIN_LENGTH = 7


@dataclass(frozen=True)
class Budget:
    """How much of each answer fits: characters per text, items per list.

    Every line costs WeasyPrint time (about half a millisecond), so "few words per block"
    is also what keeps a render fast: the generous budget is what a sheet on a wall needs.
    """

    name: str
    statement: int  # the mission
    chain: int  # a chain link's line, shortened from the answer when it has no short line
    items: int  # outcomes, impacts
    item: int  # characters per outcome or impact
    figures: int  # key figures
    figure_text: int
    measure: int  # characters per line of "how we measure"; 0 leaves it out
    quote: int
    title: int = 80  # the initiative's name and place in the header
    sources: int = 3  # sources named in the value's footnote (the value page has them all)


# From generous to tight; the renderer tries them in this order.
# fmt: off
BUDGETS = (
    #       name        statement chain items item figures figure_text measure quote
    Budget("ruim",      180,      110,  3,    90,  4,      40,         70,     160),
    Budget("normaal",   150,      100,  3,    80,  4,      34,         60,     140),
    Budget("krap",      120,      90,   3,    66,  3,      30,         50,     110, sources=2),
    Budget("minimaal",  90,       80,   2,    55,  3,      26,         30,     70,  sources=1),
)
# fmt: on


@dataclass(frozen=True)
class ChainBlock:
    key: str
    label: str
    summary: str


class FigureKind:
    ACHIEVED = "achieved"  # counted (or stated with a reason): "48 van 52 dorpsdiners"
    SURVEY = "survey"  # a questionnaire: "18 van de 24 deelnemers zeggen: …"
    TARGET = "target"  # nothing counted yet: the target, labelled as such


@dataclass(frozen=True)
class KeyFigure:
    kind: str  # a FigureKind
    number: str  # the large number: achieved, people agreeing, or the target
    of: str  # what it is out of: "van 52", "van de 24", or ""
    unit: str
    description: str
    counted: str  # what the number stands on: "geteld jan–nov 2025", "nog niet geteld", …
    previous: str = ""  # last year's figure: "2024: 41"
    percent: int | None = None  # achieved as a percentage of the target, for a bar


@dataclass(frozen=True)
class ImpactLine:
    description: str
    themes: list[str]


@dataclass(frozen=True)
class MeasurementLine:
    level: str
    methods: list[str]
    what: str


@dataclass(frozen=True)
class SheetValue:
    """The value box: only from valuations an advisor approved, always a range, with what
    it was counted over and, for the footnote, its sources."""

    low: str  # "€ 690", rounded down
    high: str  # "€ 1.300", rounded up
    basis: str  # what was valued: "Dorpsdiners: 9, geteld jan–sep 2025"; of an outcome
    # with a questionnaire: the participants who say it happened
    indication: str  # "€ 1,56 tot € 3,51" for each euro of costs; "" when costs are unknown
    sources: list[str]  # "Gemeente Venray, Hoogte pgb Wmo (2026)"
    more_sources: int  # sources beyond the budget's: the value page names them all

    @property
    def range_is_long(self) -> bool:
        """Amounts of millions take the smallest figure type."""
        return len(self.low) + len(self.high) > 20


SOURCE_LENGTH = 70  # characters of a source's title in the value's footnote


@dataclass(frozen=True)
class FactSheet:
    """Everything the sheet shows, as text: safe to hash, cache and render anywhere."""

    name: str
    kind: str
    place: str
    municipality: str
    year: int
    logo: str  # a media path such as "/media/…/logo.png", or ""
    photo: str
    mission: str  # the goal has its row in the chain
    chain: list[ChainBlock]
    key_figures: list[KeyFigure]
    outcomes: list[str]
    more_outcomes: int
    impacts: list[ImpactLine]
    more_impacts: int
    themes: list[str]
    measurement: list[MeasurementLine]
    quote: str
    quote_by: str  # a role, never a name
    value: SheetValue | None  # None without approved valuations: never "€ 0"
    stories_line: str  # how many stories were collected this year, "" without any
    status: str
    status_label: str
    is_approved: bool
    approved_on: date | None
    organisation: str
    made_on: date
    url: str  # the public address the QR code points to; "" without one (no QR code)
    budget: str
    demo: bool = False  # a demo site: most figures are example figures, the footer says so

    def as_dict(self) -> dict:
        """The content as plain data (for the cache key)."""
        return asdict(self)


# The A3 poster, for the wall: fewer words, in larger type, read from across the room; no
# "how we measure" (`measure=0`). The renderer takes these for A3.
# fmt: off
POSTER_BUDGETS = (
    #       name           statement chain items item figures figure_text measure quote
    Budget("poster",       110,      90,   2,    70,  3,      30,         0,      110, sources=2),
    Budget("poster-krap",  80,       70,   2,    50,  3,      24,         0,      70,  sources=1),
)
# fmt: on


def _image_path(image) -> str:
    return image.url if image else ""


def _join(parts: list[str]) -> str:
    return " · ".join(part for part in parts if part)


def _number(value) -> str:
    return number_format(value, force_grouping=True) if value is not None else ""


def _says_more(description: str, *, than: str) -> bool:
    """False when an output's description only repeats its unit ("Dorpsdiners" beside
    "dorpsdiners per jaar"): the figure then says it once."""
    return description.casefold().strip(" .") not in than.casefold()


def _output_figure(output, count: Tally | None, previous: Tally | None, budget: Budget):
    """An output's figure: achieved against target with what was counted, or the target
    alone, labelled as such, while nothing is counted."""
    achieved, target = (count.value if count else None), output.target
    last_year = ""
    if previous is not None and previous.value is not None:
        last_year = _("%(year)s: %(value)s") % {
            "year": previous.year,
            "value": _number(previous.value),
        }
    unit = shorten(output.unit, budget.figure_text)
    description = ""
    if _says_more(output.description, than=output.unit):
        description = shorten(output.description, budget.figure_text)
    if achieved is None:
        return KeyFigure(
            kind=FigureKind.TARGET,
            number=_number(target),
            of="",
            unit=unit,
            description=description,
            counted=_("nog niet geteld"),
            previous=last_year,
        )
    return KeyFigure(
        kind=FigureKind.ACHIEVED,
        number=_number(achieved),
        of=_("van %(target)s") % {"target": _number(target)} if target else "",
        unit=unit,
        description=description,
        counted=shorten(count.source_label, budget.figure_text),
        previous=last_year,
        percent=min(100, round(100 * achieved / target)) if target else None,
    )


def _survey_figure(survey: SurveyResult, budget: Budget) -> KeyFigure:
    """ "18 van de 24 deelnemers zeggen: „…”": a share always with its n."""
    return KeyFigure(
        kind=FigureKind.SURVEY,
        number=_number(survey.agreeing),
        of=_("van de %(respondents)s") % {"respondents": _number(survey.respondents)},
        unit=_("deelnemers zeggen"),
        description=f"„{shorten(survey.question, budget.figure_text)}”",
        counted=_("%(method)s, %(period)s")
        % {"method": survey.get_method_display(), "period": Period.parse(survey.period).label},
    )


@dataclass(frozen=True)
class SheetResults:
    """What the sheet shows of the year's results: the outputs' figures, last year's
    beside them (from the approved theory of the year before) and the newest questionnaire
    result of each outcome."""

    counts: dict[int, Tally]
    previous: dict[int, Tally]
    surveys: dict[int, SurveyResult]
    story: Story | None = None  # whose quote the sheet shows, cleared for this sheet
    stories: StoryCount | None = None
    value: ValueReport | None = None


def sheet_results(theory: TheoryOfChange, *, public: bool = False) -> SheetResults:
    """Eleven queries: pass the result to `build_factsheet` when building the sheet more
    than once. `public`: for the public link, which shows only a public story's quote."""
    outputs = Output.objects.filter(theory=theory)
    last_year = TheoryOfChange.objects.approved().filter(
        initiative_id=theory.initiative_id, year=theory.year - 1
    )
    counts = counts_of(outputs)
    surveys = latest_surveys(Outcome.objects.filter(theory=theory))
    return SheetResults(
        counts=counts,
        previous=previous_counts(outputs, previous_theories=last_year),
        surveys=surveys,
        story=sheet_story(theory, public=public),
        stories=story_count(theory),
        value=value_report(theory, tallies=counts, surveys=surveys),
    )


def _euros(amount) -> str:
    """ "€ 1.298", with a no-break space: the sign never ends a line without its amount."""
    return f"€\xa0{_number(amount)}"


def _sheet_value(report: ValueReport | None, budget: Budget) -> SheetValue | None:
    """The value box from the approved valuations; None without them."""
    lines = report.approved_lines if report else []
    if not lines:
        return None
    whole = report.approved_shown
    basis = "; ".join(
        f"{line.subject.description}: {line.measured.short}, {line.measured.caption}"
        for line in lines
    )
    indication = ""
    if report.indication:
        indication = _("%(low)s tot %(high)s") % {
            "low": _euros(report.indication.low),
            "high": _euros(report.indication.high),
        }
    sources = list(
        dict.fromkeys(
            f"{shorten(version.source_title, SOURCE_LENGTH)} ({version.source_year})"
            for version in report.sources
        )
    )
    return SheetValue(
        low=_euros(whole.low),
        high=_euros(whole.high),
        basis=shorten(basis, budget.figure_text * 2),
        indication=indication,
        sources=sources[: budget.sources],
        more_sources=max(0, len(sources) - budget.sources),
    )


def _stories_line(stories: StoryCount | None, outcomes: list[Outcome]) -> str:
    """ "7 verhalen opgehaald in 2025, over 3 van de 4 effecten": a count with its period."""
    if not stories or not stories.total:
        return ""
    line = ngettext(
        "%(count)s verhaal opgehaald in %(year)s",
        "%(count)s verhalen opgehaald in %(year)s",
        stories.total,
    ) % {"count": stories.total, "year": stories.year}
    told = len({outcome.pk for outcome in outcomes} & set(stories.by_outcome))
    if told and outcomes:
        line += _(", over %(told)s van de %(total)s effecten") % {
            "told": told,
            "total": len(outcomes),
        }
    return line


def _teller(story: Story | None) -> str:
    """Who tells it, as a role ("een mantelzorger"); never a name."""
    if story is None or not story.teller_role:
        return ""
    return _("een %(role)s") % {"role": TellerRole(story.teller_role).label}


def _key_figures(
    outputs: list[Output],
    outcomes: list[Outcome],
    results: SheetResults,
    budget: Budget,
    *,
    valued: bool,
) -> list[KeyFigure]:
    """Counted results first (a number that was reached says more than one hoped for),
    one questionnaire result when there is one, then targets still to count; `valued`
    keeps the last place for the value in euros."""
    figures = [
        _output_figure(
            output, results.counts.get(output.pk), results.previous.get(output.pk), budget
        )
        for output in outputs
    ]
    figures = [figure for figure in figures if figure.number]  # neither counted nor a target
    counted = [figure for figure in figures if figure.kind == FigureKind.ACHIEVED]
    targets = [figure for figure in figures if figure.kind == FigureKind.TARGET]
    surveys = [
        _survey_figure(results.surveys[outcome.pk], budget)
        for outcome in outcomes
        if outcome.pk in results.surveys
    ]
    room = budget.figures - min(1, len(surveys)) - int(valued)
    return (counted[:room] + surveys[:1] + targets)[: budget.figures - int(valued)]


def _input_summary(theory: TheoryOfChange) -> list[str]:
    """Means in a few words each: "140 vrijwilligers", or the kind when nothing is counted."""
    parts = []
    for resource in theory.resources.all():
        if resource.amount is not None and resource.unit:
            parts.append(f"{display_value(resource.amount)} {resource.unit}")
        else:
            parts.append(resource.kind.localized_name)
    return list(dict.fromkeys(parts))


def _measurement(theory: TheoryOfChange, budget: Budget) -> list[MeasurementLine]:
    lines = []
    for level in MeasurementLevel:
        plans = [plan for plan in theory.measurement_plans.all() if plan.level == level]
        if not plans:
            continue
        methods = list(
            dict.fromkeys(plan.method.localized_name for plan in plans if plan.method is not None)
        )
        lines.append(
            MeasurementLine(
                level=level.label,
                methods=methods,
                what=shorten(_join([plan.information for plan in plans]), budget.measure),
            )
        )
    return lines


def _chain_line(theory: TheoryOfChange, key: str, answer: str, budget: Budget) -> str:
    """The initiative's own "kort gezegd" line, always in full (it is written to fit);
    else the answer, shortened between sentences or words."""
    short = getattr(theory, f"short_{key}").strip()
    return short or shorten_at_sentence(answer, budget.chain)


def chain_labels() -> list[tuple[str, str]]:
    """The seven links of the chain, in order: the visual spine of the sheet. They are the
    registry's steps 1 to 7 (Probleem … Impact), with its keys and titles."""
    return [(step.key, step.title) for step in STEPS[:CHAIN_LENGTH]]


def build_factsheet(
    theory: TheoryOfChange,
    *,
    url: str,
    budget: Budget = BUDGETS[0],
    today: date | None = None,
    results: SheetResults | None = None,
    public: bool = False,
) -> FactSheet:
    """The fact sheet of a theory loaded with `with_content`, shortened to `budget`.

    `url` is the address the QR code leads to (the public link when there is one);
    `results` the year's results (`sheet_results`), read when not given; `public` says
    the sheet is for the public link (only a public story's quote).
    """
    results = sheet_results(theory, public=public) if results is None else results
    initiative: Initiative = theory.initiative
    activities = list(theory.activities.all())
    outputs = list(theory.outputs.all())
    outcomes = list(theory.outcomes.all())
    impacts = list(theory.impacts.all())
    summaries = {
        "problem": theory.problem,
        "goal": theory.goal,
        "input": _join(_input_summary(theory)),
        "activities": _join([activity.name for activity in activities]),
        "output": _join([output.description for output in outputs]),
        "outcome": _join([outcome.description for outcome in outcomes]),
        "impact": _join([impact.description for impact in impacts]),
    }

    themes = [theme.localized_name for impact in impacts for theme in impact.themes.all()]
    value = _sheet_value(results.value, budget)
    return FactSheet(
        name=shorten(initiative.name, budget.title),
        kind=initiative.get_kind_display(),
        place=shorten(initiative.place, budget.title),
        municipality=initiative.municipality.name,
        year=theory.year,
        logo=_image_path(initiative.logo),
        photo=_image_path(initiative.photo),
        mission=shorten(theory.mission, budget.statement),
        chain=[
            ChainBlock(key, str(label), _chain_line(theory, key, summaries[key], budget))
            for key, label in chain_labels()
        ],
        key_figures=_key_figures(outputs, outcomes, results, budget, valued=value is not None),
        outcomes=[shorten(o.description, budget.item) for o in outcomes[: budget.items]],
        more_outcomes=max(0, len(outcomes) - budget.items),
        impacts=[
            ImpactLine(
                shorten(impact.description, budget.item),
                sorted(theme.localized_name for theme in impact.themes.all()),
            )
            for impact in impacts[: budget.items]
        ],
        more_impacts=max(0, len(impacts) - budget.items),
        themes=sorted(set(themes)),
        measurement=_measurement(theory, budget) if budget.measure else [],
        quote=shorten(results.story.quote, budget.quote) if results.story else "",
        quote_by=_teller(results.story),
        value=value,
        stories_line=_stories_line(results.stories, outcomes),
        status=theory.status,
        status_label=str(Status(theory.status).label),
        is_approved=theory.is_approved,
        approved_on=timezone.localdate(theory.approved_at) if theory.approved_at else None,
        organisation=settings.ADVISOR_ORGANISATION,
        made_on=today or timezone.localdate(),
        url=url,
        budget=budget.name,
        demo=settings.DEMO,
    )
