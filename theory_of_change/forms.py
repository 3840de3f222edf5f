"""Forms for the step editor.

`StepForm` gives every step the same face (bound or not, valid or not, save) whether it
edits text on the theory (steps 1 and 2) or a list of rows (steps 3 to 10). Row choices
(activities, themes, methods, outputs…) are read once per page and shared by every row, so
a step with fifty rows costs the same number of queries as a step with one.
"""

from __future__ import annotations

import functools

from django import forms
from django.db import models
from django.forms import BaseModelFormSet, modelform_factory, modelformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
from theory_of_change.steps import ListStep, Step, TextStep

MAX_ROWS = 100
MAX_EXTRA_ROWS = 20


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


def _use_cached_choices(field: forms.ModelChoiceField, objects: list, *, blank: bool) -> None:
    """Render from the shared list; validation still goes through the field's queryset."""
    choices = [(obj.pk, str(obj)) for obj in objects]
    if blank:
        choices.insert(0, ("", field.empty_label or "---------"))
    field.choices = choices


class RowForm(forms.ModelForm):
    """Base of the row forms: limits links to the theory's own rows and shares choices."""

    #: field name → ChoiceCache key of the options it offers
    linked_fields: dict[str, str] = {}
    #: fields short enough to sit side by side on a wide screen
    short_fields: tuple[str, ...] = (
        "kind",
        "amount",
        "unit",
        "euro_value",
        "activity",
        "target",
        "achieved",
        "frequency",
        "target_group",
        "method",
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
            _use_cached_choices(
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
        fields = ["activity", "description", "unit", "target", "achieved"]
        help_texts = {
            "target": _("Hoeveel wil je dit jaar halen?"),
            "achieved": _("Hoeveel is het tot nu toe? Laat leeg als je het nog niet weet."),
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


@functools.cache
def _measurement_form_class(measures: str) -> type[RowForm]:
    """The three measurement steps share a form and differ only in what a plan measures."""
    form_class = modelform_factory(
        MeasurementPlan,
        form=MeasurementPlanForm,
        fields=[*MeasurementPlanForm.Meta.fields, measures],
        widgets={measures: forms.CheckboxSelectMultiple},
    )
    form_class.linked_fields = {
        **MeasurementPlanForm.linked_fields,
        measures: _MEASURES_CACHE_KEY[measures],
    }
    return form_class


def _row_form_class(step: ListStep) -> type[RowForm]:
    if step.model is MeasurementPlan:
        return _measurement_form_class(step.fields[-1])
    return ROW_FORMS[step.model]


ROW_FORMS: dict[type[models.Model], type[RowForm]] = {
    Resource: ResourceForm,
    Activity: ActivityForm,
    Output: OutputForm,
    Outcome: OutcomeForm,
    Impact: ImpactForm,
}


class RowFormSet(BaseModelFormSet):
    """A formset over rows that are already loaded (from the theory's prefetch cache)."""

    def __init__(self, *args, rows: list, **kwargs):
        self._rows = rows
        super().__init__(*args, queryset=self.model._default_manager.none(), **kwargs)

    def get_queryset(self):
        return self._rows


class StepForm:
    """The form of one step, bound to a theory."""

    prefix = "rows"

    def __init__(
        self,
        step: Step,
        theory: TheoryOfChange,
        data=None,
        *,
        extra_rows: int = 1,
    ):
        self.step = step
        self.theory = theory
        # Taken before binding: validating a text form writes into `theory` itself.
        self.snapshot_before = step.snapshot(theory)
        self.text_form: forms.ModelForm | None = None
        self.formset: RowFormSet | None = None
        if isinstance(step, TextStep):
            form_class = modelform_factory(
                TheoryOfChange,
                fields=list(step.fields),
                widgets={
                    "problem": forms.Textarea(attrs={"rows": 8}),
                    "goal": forms.Textarea(attrs={"rows": 8}),
                },
            )
            self.text_form = form_class(data, instance=theory)
        else:
            assert isinstance(step, ListStep)
            formset_class = modelformset_factory(
                step.model,
                form=_row_form_class(step),
                formset=RowFormSet,
                extra=max(0, min(extra_rows, MAX_EXTRA_ROWS)),
                can_delete=True,
                max_num=MAX_ROWS,
                validate_max=True,
            )
            self.formset = formset_class(
                data,
                rows=step.rows(theory),
                prefix=self.prefix,
                form_kwargs={"theory": theory, "choices": ChoiceCache(theory)},
            )

    def is_valid(self) -> bool:
        if self.text_form is not None:
            return self.text_form.is_valid()
        return self.formset.is_valid()

    def has_changed(self) -> bool:
        if self.text_form is not None:
            return self.text_form.has_changed()
        return self.formset.has_changed()

    def save(self) -> None:
        """Write the step's content; only call inside the save service's transaction."""
        if self.text_form is not None:
            # Only this step's fields: a stale status or another step's text is never written.
            self.text_form.save(commit=False).save(update_fields=[*self.step.fields, "updated_at"])
            return
        formset = self.formset
        for form in formset.initial_forms:
            # A row another editor removed meanwhile has no instance left: nothing to do.
            if form.instance.pk is not None and form.cleaned_data.get("DELETE"):
                form.instance.delete()
        kept = [
            form
            for form in formset.forms
            if not form.cleaned_data.get("DELETE")
            and (
                form.instance.pk is not None
                if form in formset.initial_forms
                else form.has_changed()
            )
        ]
        for position, form in enumerate(kept):
            moved = form.instance.position != position
            obj = form.save(commit=False)
            obj.theory = self.theory
            if self.step.level is not None:
                obj.level = self.step.level
            obj.position = position
            if obj.pk is None or moved or form.has_changed():
                obj.save()
                form.save_m2m()


class TheoryCreateForm(forms.Form):
    """Start a Verandertheorie for a year (shown on the initiative page)."""

    year = forms.IntegerField(
        label=_("Voor welk jaar?"), widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if not 2000 <= year <= this_year + 5:
            raise forms.ValidationError(
                _("Kies een jaar tussen 2000 en %(last)s.") % {"last": this_year + 5}
            )
        return year
