"""The forms the step registry (`theory_of_change.steps`) gives its steps: a form on the
theory's own text fields for steps 1 and 2, a row form for each list step.

Each step owns its form here, and reads its model and fields from it, so a field is named
once. Row choices (activities, themes, methods, outputs…) are read once per page and shared
by every row (`ChoiceCache`), so a step with fifty rows costs the same number of queries as
a step with one.
"""

from __future__ import annotations

import functools

from django import forms
from django.db import models
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _

from common.forms import NormalizedTextMixin, use_cached_choices
from theory_of_change.models import (
    Activity,
    DataCollectionMethod,
    Impact,
    MeasurementPlan,
    Outcome,
    Output,
    Resource,
    ResourceKind,
    Theme,
    TheoryOfChange,
)

SHORT_LINE_HELP = _(
    "Eén regel voor het feitenblad, waar de hele keten van probleem tot impact op één "
    "bladzijde staat. Schrijf je niets, dan neemt het feitenblad het begin van je antwoord."
)


def short_line_widget() -> forms.TextInput:
    """A one-line field with a live character counter (static/js/short-line.js)."""
    return forms.TextInput(attrs={"data-short-line": "", "autocomplete": "off"})


class ProblemForm(NormalizedTextMixin, forms.ModelForm):
    class Meta:
        model = TheoryOfChange
        fields = ["problem", "short_problem"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 8}),
            "short_problem": short_line_widget(),
        }
        help_texts = {"short_problem": SHORT_LINE_HELP}


class GoalForm(NormalizedTextMixin, forms.ModelForm):
    class Meta:
        model = TheoryOfChange
        fields = ["goal", "mission", "short_goal"]
        widgets = {"goal": forms.Textarea(attrs={"rows": 8}), "short_goal": short_line_widget()}
        help_texts = {"short_goal": SHORT_LINE_HELP}


class ShortLineForm(NormalizedTextMixin, forms.ModelForm):
    pass


@functools.cache
def short_line_form(field_name: str) -> type[forms.ModelForm]:
    """The "kort gezegd" line of a list step (3 to 7): a form on that one theory field,
    shown above the step's rows."""
    return modelform_factory(
        TheoryOfChange,
        form=ShortLineForm,
        fields=[field_name],
        widgets={field_name: short_line_widget()},
        help_texts={field_name: SHORT_LINE_HELP},
    )


class ChoiceCache:
    """The options a theory's row forms offer, loaded once for all rows of a page."""

    def __init__(self, theory: TheoryOfChange):
        self.theory = theory
        self._cache: dict[str, list] = {}

    def get(self, name: str) -> list:
        if name not in self._cache:
            self._cache[name] = self._load(name)
        return self._cache[name]

    def _load(self, name: str) -> list:
        theory = self.theory
        loaders = {
            "kind": lambda: list(ResourceKind.objects.filter(is_active=True)),
            "theme": lambda: list(Theme.objects.filter(is_active=True)),
            "method": lambda: list(DataCollectionMethod.objects.filter(is_active=True)),
            "activity": lambda: list(theory.activities.all()),
            "output": lambda: list(theory.outputs.all()),
            "outcome": lambda: list(theory.outcomes.all()),
            "impact": lambda: list(theory.impacts.all()),
        }
        return loaders[name]()


class RowForm(NormalizedTextMixin, forms.ModelForm):
    """Base of the row forms: limits links to the theory's own rows and shares choices."""

    #: field name → ChoiceCache key of the options it offers
    linked_fields: dict[str, str] = {}
    #: fields short enough to sit side by side on a wide screen
    #: (not the choices of activities or methods: their names are long, and a narrow
    #: dropdown cut them off, "Zorgvuldige selectie van nieu…")
    short_fields: tuple[str, ...] = (
        "kind",
        "amount",
        "unit",
        "euro_value",
        "target",
        "frequency",
        "target_group",
        "collected_by",
    )

    def __init__(self, *args, theory: TheoryOfChange, choices: ChoiceCache, **kwargs):
        super().__init__(*args, **kwargs)
        self.theory = theory
        for name, cache_key in self.linked_fields.items():
            field = self.fields[name]
            field.queryset = self._queryset_for(cache_key, field)
            objects = choices.get(cache_key)
            # Keep an inactive reference entry selectable on rows that already use it.
            current = getattr(self.instance, f"{name}_id", None) if self.instance.pk else None
            if current and current not in {obj.pk for obj in objects}:
                objects = [*objects, field.queryset.model.objects.get(pk=current)]
            use_cached_choices(
                field, objects, blank=not isinstance(field, forms.ModelMultipleChoiceField)
            )

    def _queryset_for(self, cache_key: str, field: forms.ModelChoiceField) -> models.QuerySet:
        model = field.queryset.model
        if cache_key in {"activity", "output", "outcome", "impact"}:
            return model.objects.filter(theory=self.theory)
        return model.objects.all()


class ResourceForm(RowForm):
    linked_fields = {"kind": "kind"}

    class Meta:
        model = Resource
        fields = ["kind", "description", "amount", "unit", "euro_value"]
        # Dutch volunteers write "250,50": accept and show the decimal comma.
        localized_fields = ["amount", "euro_value"]
        widgets = {"description": forms.TextInput()}
        help_texts = {
            "amount": _("Bijvoorbeeld 16 (vrijwilligers) of 2 (dagdelen per week)."),
            "euro_value": _("Alleen als je het weet, bijvoorbeeld de subsidie per jaar."),
        }


class ActivityForm(RowForm):
    class Meta:
        model = Activity
        fields = ["name", "description", "frequency", "target_group"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"frequency": _("Bijvoorbeeld: elke maand, elke dinsdagochtend.")}


class OutputForm(RowForm):
    linked_fields = {"activity": "activity"}

    class Meta:
        model = Output
        fields = ["activity", "description", "unit", "target"]
        help_texts = {
            "target": _(
                "Hoeveel wil je dit jaar halen? Wat je echt haalt, tel je later bij Resultaten."
            ),
        }


class OutcomeForm(RowForm):
    linked_fields = {"activities": "activity"}

    class Meta:
        model = Outcome
        fields = ["description", "target_group", "activities"]
        widgets = {"activities": forms.CheckboxSelectMultiple}


class ImpactForm(RowForm):
    linked_fields = {"themes": "theme"}

    class Meta:
        model = Impact
        fields = ["description", "themes"]
        widgets = {"themes": forms.CheckboxSelectMultiple}


class MeasurementPlanForm(RowForm):
    linked_fields = {"method": "method"}

    class Meta:
        model = MeasurementPlan
        fields = ["information", "method", "frequency", "collected_by"]
        help_texts = {"frequency": _("Bijvoorbeeld: elke week, na elke activiteit, elk jaar.")}


_MEASURES_CACHE_KEY = {
    "measures_outputs": "output",
    "measures_outcomes": "outcome",
    "measures_impacts": "impact",
}


# What a measurement plan measures, asked in plain words ("Meet outcome" was jargon).
MEASURES_LABELS = {
    "measures_outputs": _("Wat tel je hiermee?"),
    "measures_outcomes": _("Welk effect voor deelnemers volg je hiermee?"),
    "measures_impacts": _("Welke verandering in de samenleving volg je hiermee?"),
}


@functools.cache
def measurement_plan_form(measures: str) -> type[RowForm]:
    """The three measurement steps share a form and differ only in what a plan measures
    (`measures`: the field linking to outputs, outcomes or impacts)."""
    form_class = modelform_factory(
        MeasurementPlan,
        form=MeasurementPlanForm,
        fields=[*MeasurementPlanForm.Meta.fields, measures],
        widgets={measures: forms.CheckboxSelectMultiple},
        labels={measures: MEASURES_LABELS[measures]},
        help_texts={measures: _("Nodig om de stap af te ronden: vink er minstens één aan.")},
    )
    form_class.linked_fields = {
        **MeasurementPlanForm.linked_fields,
        measures: _MEASURES_CACHE_KEY[measures],
    }
    return form_class
