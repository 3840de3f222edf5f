"""The ten steps of the Verandertheorie: the one registry everything else walks.

The questions are verbatim from CMO STAMM's publication "Inwonerskracht – het hart van de
samenleving" (chapter 5, Afbeelding 5.1). The editor's navigation and progress bar, the
overview, the completeness check and the history all iterate `STEPS`; nothing else keeps
its own list of steps.

A step either edits text fields on the theory itself (`TextStep`, steps 1 and 2) or a list
of rows in a table of its own (`ListStep`, steps 3 to 10). Both describe their content as a
plain *snapshot* (a dict of readable strings) so that history, conflicts and read-only views
are all rendered from the same data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django import forms
from django.db import models
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from common.text import first_sentence, one_line, shorten
from theory_of_change.models import SHORT_LINE_LENGTH, MeasurementLevel, TheoryOfChange
from theory_of_change.step_forms import (
    ActivityForm,
    GoalForm,
    ImpactForm,
    OutcomeForm,
    OutputForm,
    ProblemForm,
    ResourceForm,
    RowForm,
    measurement_plan_form,
)

Snapshot = dict


def display_value(value) -> str:
    """A field value as the text a reader sees (names for links, no trailing zeros)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = value.normalize()
        if value == value.to_integral():
            value = value.quantize(Decimal(1))
        return number_format(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Iterable) and not isinstance(value, str):
        return ", ".join(sorted(str(item) for item in value))
    return str(value)


@dataclass(frozen=True)
class Step:
    """What every step has: its place in the chain and the words shown to the user."""

    number: int
    key: str
    title: Promise
    question: Promise
    help_text: Promise
    example: Promise
    # Steps 1 to 7 are the chain on the fact sheet: each has a "kort gezegd" line for it.
    short_line: bool = False
    # The step's name in plain words for the editor ("Wat het oplevert"); `title` is the
    # method's own term (Output), which the fact sheet and the review keep.
    plain_title: Promise = ""

    @property
    def editor_title(self) -> str:
        return str(self.plain_title or self.title)

    @property
    def is_text_step(self) -> bool:
        return isinstance(self, TextStep)

    @property
    def short_field(self) -> str:
        """The theory's field holding this link's line for the fact sheet ("" without)."""
        return f"short_{self.key}" if self.short_line else ""

    @property
    def theory_fields(self) -> tuple[str, ...]:
        """The fields on the theory itself that this step writes (its snapshot's "fields")."""
        raise NotImplementedError

    def short_suggestion(self, theory: TheoryOfChange) -> str:
        """A first "kort gezegd" line from the answer, for the volunteer to take or change."""
        raise NotImplementedError

    def missing_items(self, theory: TheoryOfChange) -> list[MissingItem]:
        """What still has to be written before this step counts as complete, each with the
        field on the step's page where it is written."""
        raise NotImplementedError

    def missing(self, theory: TheoryOfChange) -> list[str]:
        return [item.message for item in self.missing_items(theory)]

    def is_complete(self, theory: TheoryOfChange) -> bool:
        return not self.missing(theory)

    def snapshot(self, theory: TheoryOfChange) -> Snapshot:
        raise NotImplementedError

    def field_labels(self) -> dict[str, str]:
        raise NotImplementedError


@dataclass(frozen=True)
class TextStep(Step):
    """A step written as free text in fields of `TheoryOfChange`, with the form `form`."""

    form: type[forms.ModelForm] = forms.ModelForm
    required_messages: dict[str, Promise] = field(default_factory=dict)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.form._meta.fields)

    @property
    def theory_fields(self) -> tuple[str, ...]:
        return self.fields

    def short_suggestion(self, theory: TheoryOfChange) -> str:
        answer = getattr(theory, self.fields[0])
        return shorten(first_sentence(answer), SHORT_LINE_LENGTH)

    def missing_items(self, theory: TheoryOfChange) -> list[MissingItem]:
        return [
            MissingItem(str(message), f"#id_{name}")
            for name, message in self.required_messages.items()
            if not getattr(theory, name).strip()
        ]

    def snapshot(self, theory: TheoryOfChange) -> Snapshot:
        return {"fields": {name: getattr(theory, name) for name in self.fields}}

    def field_labels(self) -> dict[str, str]:
        return {
            name: str(TheoryOfChange._meta.get_field(name).verbose_name).capitalize()
            for name in self.fields
        }


# The prefix of a list step's row forms on its page ("id_rows-0-unit"): `forms.StepForm`.
FORMSET_PREFIX = "rows"
# How much of each value a row's line in the list shows.
ROW_SUMMARY_LENGTH = 45


def row_field_id(name: str) -> str:
    """The id of a field of the row open on a list step's page (one row is open at a time)."""
    return f"id_{FORMSET_PREFIX}-0-{name}"


class RowCheck(NamedTuple):
    """Something a row needs before its step counts as complete: which field, how to see
    it is missing, and what to tell the volunteer (with the row's name as `%(row)s`)."""

    field: str
    is_missing: Callable[[models.Model], bool]
    message: Promise


class MissingItem(NamedTuple):
    """What a step still needs, and where on the step's page to fix it: `anchor` is the
    part of the link after the step's address ("#id_problem", or for a list row
    "?regel=12#id_rows-0-unit", which opens that row). `row_id` names the row, if any."""

    message: str
    anchor: str
    row_id: int | None = None


@dataclass(frozen=True)
class ListStep(Step):
    """A step written as a list of rows (resources, activities, plans, …), each edited with
    the row form `form`, whose model and fields are the step's.

    `related_name` is the theory's name for the rows, `export_key` what a row is called in
    an exported file (`transfer`: "activity-2"; part of the file format, never renamed).
    """

    form: type[RowForm] = RowForm
    related_name: str = ""
    export_key: str = ""
    label_field: str = "description"
    level: str | None = None
    empty_message: Promise = _("Voeg minstens één regel toe.")
    row_checks: tuple[RowCheck, ...] = ()
    add_label: Promise = _("Regel toevoegen")

    @property
    def model(self) -> type[models.Model]:
        return self.form._meta.model

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.form._meta.fields)

    @property
    def theory_fields(self) -> tuple[str, ...]:
        return (self.short_field,) if self.short_line else ()

    def short_suggestion(self, theory: TheoryOfChange) -> str:
        """The rows' names, as many whole ones as fit ("Dorpsdiner · Voedselbank")."""
        labels = [label for row in self.rows(theory) if (label := one_line(self.row_label(row)))]
        line = ""
        for label in labels:
            longer = f"{line} · {label}" if line else label
            if len(longer) > SHORT_LINE_LENGTH:
                break
            line = longer
        return line or shorten(labels[0], SHORT_LINE_LENGTH) if labels else ""

    def rows(self, theory: TheoryOfChange) -> list[models.Model]:
        """The step's rows, from the prefetch cache when the theory was loaded with it."""
        rows = list(getattr(theory, self.related_name).all())
        if self.level is not None:
            rows = [row for row in rows if row.level == self.level]
        return rows

    def row_label(self, row: models.Model) -> str:
        return getattr(row, self.label_field)

    def missing_items(self, theory: TheoryOfChange) -> list[MissingItem]:
        rows = self.rows(theory)
        if not rows:  # the page then opens a new row at once
            return [MissingItem(str(self.empty_message), f"#{row_field_id(self.fields[0])}")]
        return [
            MissingItem(
                str(check.message) % {"row": self.row_label(row)},
                f"?regel={row.pk}#{row_field_id(check.field)}",
                row.pk,
            )
            for row in rows
            for check in self.row_checks
            if check.is_missing(row)
        ]

    def row_summary(self, row: models.Model) -> list[tuple[str, str]]:
        """A row in one line: (label, value) of each filled-in field after its name, each
        value cut short, for the list of a step's rows. The labels are the form's, in the
        plain words the volunteer wrote them under ("Wat tel je hiermee", not "Meet output")."""
        fields = self.form.base_fields
        return [
            (str(fields[name].label).rstrip("?"), shorten(one_line(value), ROW_SUMMARY_LENGTH))
            for name in self.fields
            if name != self.label_field and (value := display_value(self._value(row, name)))
        ]

    def snapshot(self, theory: TheoryOfChange) -> Snapshot:
        snapshot: Snapshot = {
            "rows": [
                {
                    "id": row.pk,
                    "values": {name: display_value(self._value(row, name)) for name in self.fields},
                }
                for row in self.rows(theory)
            ]
        }
        if self.theory_fields:
            snapshot["fields"] = {name: getattr(theory, name) for name in self.theory_fields}
        return snapshot

    def _value(self, row: models.Model, name: str):
        model_field = self.model._meta.get_field(name)
        if model_field.many_to_many:
            return getattr(row, name).all()
        return getattr(row, name)

    def field_labels(self) -> dict[str, str]:
        return {
            **{
                name: str(TheoryOfChange._meta.get_field(name).verbose_name).capitalize()
                for name in self.theory_fields
            },
            **{
                name: str(self.model._meta.get_field(name).verbose_name).capitalize()
                for name in self.fields
            },
        }


def _no_m2m(name: str) -> Callable[[models.Model], bool]:
    return lambda row: not getattr(row, name).all()


def _measurement_step(
    *,
    number: int,
    key: str,
    title,
    plain_title,
    question,
    help_text,
    example,
    level: str,
    measures: str,
    empty_message,
) -> ListStep:
    return ListStep(
        number=number,
        key=key,
        title=title,
        plain_title=plain_title,
        question=question,
        help_text=help_text,
        example=example,
        form=measurement_plan_form(measures),
        related_name="measurement_plans",
        export_key="measurement-plan",
        label_field="information",
        level=level,
        empty_message=empty_message,
        row_checks=(
            RowCheck(
                "method",
                lambda row: row.method_id is None,
                _("Kies bij ‘%(row)s’ hoe je het verzamelt."),
            ),
            RowCheck(measures, _no_m2m(measures), _("Zeg bij ‘%(row)s’ wat je ermee meet.")),
        ),
        add_label=_("Meetplan toevoegen"),
    )


STEPS: Sequence[Step] = (
    TextStep(
        number=1,
        key="problem",
        short_line=True,
        title=_("Probleem"),
        question=_("Wat is de situatie die het initiatief wil verbeteren?"),
        plain_title=_("Het probleem"),
        help_text=_("Vertel wat er in jullie dorp of wijk niet goed gaat. Wie hebben er last van?"),
        example=_(
            "In ons dorp wonen steeds meer ouderen alleen. Er is geen plek meer waar "
            "inwoners elkaar zomaar tegenkomen, sinds de school en de winkel dicht zijn."
        ),
        form=ProblemForm,
        required_messages={"problem": _("Beschrijf de situatie die jullie willen verbeteren.")},
    ),
    TextStep(
        number=2,
        key="goal",
        short_line=True,
        title=_("Doel"),
        plain_title=_("Het doel"),
        question=_("Welke eindsituatie wil het initiatief bereiken?"),
        help_text=_("Vertel hoe het eruitziet als het gelukt is."),
        example=_(
            "Iedereen in het dorp heeft een plek om anderen te ontmoeten en weet waar hij "
            "terecht kan met een vraag. Missie: ‘Erbij horen, meedoen en ertoe doen.’"
        ),
        form=GoalForm,
        required_messages={
            "goal": _("Beschrijf de eindsituatie die jullie willen bereiken."),
            "mission": _("Schrijf in één zin waar jullie voor staan."),
        },
    ),
    ListStep(
        number=3,
        key="input",
        short_line=True,
        title=_("Input"),
        question=_(
            "Welke middelen zijn nodig om de activiteiten van het initiatief te ontplooien?"
        ),
        plain_title=_("Wat je nodig hebt"),
        help_text=_(
            "Wat hebben jullie nodig om de activiteiten te doen? Denk aan vrijwilligers, een "
            "ruimte, geld en spullen."
        ),
        example=_(
            "Vrijwilligers: een vaste groep die de activiteiten draait. Gebouw: een ruimte "
            "in het dorpshuis. Geld: een subsidie van de gemeente."
        ),
        form=ResourceForm,
        related_name="resources",
        export_key="resource",
        empty_message=_("Noem minstens één middel dat jullie nodig hebben."),
        add_label=_("Middel toevoegen"),
    ),
    ListStep(
        number=4,
        key="activities",
        short_line=True,
        title=_("Aanpak"),
        question=_("Welke activiteiten onderneemt het initiatief?"),
        plain_title=_("Wat je doet"),
        help_text=_("Wat doen jullie om het doel te bereiken? Noem elke activiteit apart."),
        example=_("Dorpsdiner: elke maand een maaltijd voor inwoners, voor een kleine bijdrage."),
        form=ActivityForm,
        related_name="activities",
        export_key="activity",
        label_field="name",
        empty_message=_("Noem minstens één activiteit."),
        add_label=_("Activiteit toevoegen"),
    ),
    ListStep(
        number=5,
        key="output",
        short_line=True,
        title=_("Output"),
        question=_("Wat zijn directe en tastbare resultaten van de activiteiten?"),
        plain_title=_("Wat het direct oplevert"),
        help_text=_(
            "Wat levert elke activiteit meteen op? Kies iets wat je kunt tellen, zoals het "
            "aantal maaltijden of bezoekers."
        ),
        example=_("Bij het dorpsdiner: ‘dorpsdiners per jaar’, streefgetal 12 (een voorbeeld)."),
        form=OutputForm,
        related_name="outputs",
        export_key="output",
        empty_message=_("Noem minstens één tastbaar resultaat."),
        row_checks=(
            RowCheck(
                "activity",
                lambda row: row.activity_id is None,
                _("Kies bij ‘%(row)s’ bij welke activiteit het hoort."),
            ),
            RowCheck("unit", lambda row: not row.unit.strip(), _("Zeg bij ‘%(row)s’ wat je telt.")),
            RowCheck(
                "target", lambda row: row.target is None, _("Geef bij ‘%(row)s’ een streefgetal.")
            ),
        ),
        add_label=_("Resultaat toevoegen"),
    ),
    ListStep(
        number=6,
        key="outcome",
        short_line=True,
        title=_("Outcome"),
        question=_("Wat zijn effecten voor de deelnemers?"),
        plain_title=_("Wat het deelnemers brengt"),
        help_text=_(
            "Wat verandert er voor de mensen die meedoen? Bijvoorbeeld: ze voelen zich "
            "minder alleen."
        ),
        example=_("Deelnemers voelen zich minder alleen en kennen meer mensen in het dorp."),
        form=OutcomeForm,
        related_name="outcomes",
        export_key="outcome",
        empty_message=_("Noem minstens één effect voor deelnemers."),
        row_checks=(
            RowCheck(
                "target_group",
                lambda row: not row.target_group.strip(),
                _("Zeg bij ‘%(row)s’ voor wie het effect is."),
            ),
            RowCheck(
                "activities",
                _no_m2m("activities"),
                _("Kies bij ‘%(row)s’ door welke activiteiten het komt."),
            ),
        ),
        add_label=_("Effect toevoegen"),
    ),
    ListStep(
        number=7,
        key="impact",
        short_line=True,
        title=_("Impact"),
        question=_("Wat zijn de bereikte veranderingen in de maatschappij?"),
        plain_title=_("Wat het de samenleving brengt"),
        help_text=_(
            "Wat verandert er in het dorp of de wijk als geheel? Dat merk je vaak pas na een "
            "paar jaar."
        ),
        example=_(
            "Inwoners kijken meer naar elkaar om, waardoor ouderen langer in het dorp "
            "kunnen blijven wonen (thema’s: sociale cohesie, gezondheid en welzijn)."
        ),
        form=ImpactForm,
        related_name="impacts",
        export_key="impact",
        empty_message=_("Noem minstens één verandering in de maatschappij."),
        row_checks=(
            RowCheck("themes", _no_m2m("themes"), _("Kies bij ‘%(row)s’ minstens één thema.")),
        ),
        add_label=_("Verandering toevoegen"),
    ),
    _measurement_step(
        number=8,
        key="output_data",
        title=_("Gegevens output"),
        plain_title=_("Zo tel je wat het direct oplevert"),
        question=_(
            "Welke informatie is nodig om zicht te krijgen op de output? En hoe wordt die "
            "informatie verzameld?"
        ),
        help_text=_(
            "Bedenk welke cijfers laten zien wat jullie activiteiten opleveren, en wie die "
            "bijhoudt. Vaak is tellen genoeg: deelnemers, activiteiten, hulpvragen."
        ),
        example=_("Aantal deelnemers per dorpsdiner: de kok noteert het elke keer in het logboek."),
        level=MeasurementLevel.OUTPUT,
        measures="measures_outputs",
        empty_message=_("Beschrijf minstens één manier om de output bij te houden."),
    ),
    _measurement_step(
        number=9,
        key="outcome_data",
        title=_("Gegevens outcome"),
        plain_title=_("Zo merk je wat het deelnemers brengt"),
        question=_(
            "Welke informatie is nodig om zicht te krijgen op de outcome? En hoe wordt die "
            "informatie verzameld?"
        ),
        help_text=_(
            "Effecten voor deelnemers zie je niet in cijfers alleen. Vraag het de deelnemers "
            "zelf: met een korte vragenlijst, een gesprek of hun verhaal."
        ),
        example=_(
            "Voelen deelnemers zich minder alleen? Eén keer per jaar een korte vragenlijst "
            "na het dorpsdiner, afgenomen door twee vrijwilligers."
        ),
        level=MeasurementLevel.OUTCOME,
        measures="measures_outcomes",
        empty_message=_("Beschrijf minstens één manier om de effecten te volgen."),
    ),
    _measurement_step(
        number=10,
        key="impact_data",
        title=_("Gegevens impact"),
        plain_title=_("Zo merk je wat het de samenleving brengt"),
        question=_(
            "Welke informatie is nodig om zicht te krijgen op de impact en hoe wordt die "
            "informatie verzameld?"
        ),
        help_text=_(
            "Veranderingen in de samenleving merk je op langere termijn. Verhalen van "
            "inwoners, gesprekken met partners en een jaaroverzicht helpen daarbij."
        ),
        example=_(
            "Verhalen van inwoners over wat het dorpshuis voor hen betekent, opgehaald in "
            "een jaarlijkse bijeenkomst met de klankbordgroep."
        ),
        level=MeasurementLevel.IMPACT,
        measures="measures_impacts",
        empty_message=_("Beschrijf minstens één manier om de impact te volgen."),
    ),
)

STEP_COUNT = len(STEPS)
_BY_NUMBER = {step.number: step for step in STEPS}
assert sorted(_BY_NUMBER) == list(range(1, STEP_COUNT + 1)), "steps must be numbered 1…n"


@dataclass(frozen=True)
class RowTable:
    """A table of step rows, as the registry's list steps describe it (the three
    measurement steps share one)."""

    model: type[models.Model]
    related_name: str
    export_key: str
    fields: tuple[str, ...]  # every field its steps write


def _row_tables(steps: Sequence[Step]) -> tuple[RowTable, ...]:
    tables: dict[type[models.Model], RowTable] = {}
    for step in steps:
        if isinstance(step, ListStep):
            known = tables.get(step.model)
            fields = tuple(dict.fromkeys((*known.fields, *step.fields))) if known else step.fields
            tables[step.model] = RowTable(step.model, step.related_name, step.export_key, fields)
    return tuple(tables.values())


# The tables of step rows, once each, in the order of the steps: the order in which rows
# refer to each other (an output to its activity, a plan to outputs…), so whatever copies or
# imports rows in this order finds every row a link points to.
ROW_TABLES: tuple[RowTable, ...] = _row_tables(STEPS)


def get_step(number: int) -> Step:
    """The step with this number; KeyError when there is none (the view turns it into 404)."""
    return _BY_NUMBER[number]


def previous_step(step: Step) -> Step | None:
    return _BY_NUMBER.get(step.number - 1)


def next_step(step: Step) -> Step | None:
    return _BY_NUMBER.get(step.number + 1)


@dataclass(frozen=True)
class StepProgress:
    step: Step
    missing: list[str]

    @property
    def is_complete(self) -> bool:
        return not self.missing


def theory_progress(theory: TheoryOfChange) -> list[StepProgress]:
    """Completeness of every step; load the theory with `with_content()` to keep it cheap."""
    return [StepProgress(step=step, missing=step.missing(theory)) for step in STEPS]
