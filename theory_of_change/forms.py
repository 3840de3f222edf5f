"""Forms for the step editor.

`StepForm` gives every step the same face (bound or not, valid or not, save) whether it
edits text on the theory (steps 1 and 2) or a list of rows (steps 3 to 10), with the form
the step owns in the registry (its classes are in `theory_of_change.step_forms`).
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from django import forms
from django.db import models
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from theory_of_change.models import TheoryOfChange
from theory_of_change.step_forms import ChoiceCache, short_line_form
from theory_of_change.steps import FORMSET_PREFIX, ListStep, Step, TextStep

MAX_ROWS = 100
#: `open_row` for a new, empty row at the end of the list ("?regel=nieuw")
NEW_ROW = "nieuw"


def row_anchor(row: int | str) -> str:
    """The id of a row's place in a list step's page: a row's id, or `NEW_ROW`."""
    return "rij-nieuw" if row == NEW_ROW else f"regel-{row}"


class RowFormSet(BaseModelFormSet):
    """A formset over rows that are already loaded (from the theory's prefetch cache)."""

    def __init__(self, *args, rows: list, **kwargs):
        self._rows = rows
        super().__init__(*args, queryset=self.model._default_manager.none(), **kwargs)

    def get_queryset(self):
        return self._rows

    def clean(self):
        super().clean()
        new_rows = [
            form
            for form in self.extra_forms
            if form.has_changed() and not self._should_delete_form(form)
        ]
        if len(self._rows) + len(new_rows) > MAX_ROWS:
            raise forms.ValidationError(
                _("Een stap kan hoogstens %(max)s regels hebben.") % {"max": MAX_ROWS}
            )


class StepForm:
    """The form of one step, bound to a theory.

    A list step is edited one row at a time: `open_row` is the id of the row whose form is
    shown (or `NEW_ROW`); the other rows are lines in a list. When posted, the formset holds
    the rows the browser sent (any of the step's rows, matched by id), so the rows not sent
    stay as they are.
    """

    prefix = FORMSET_PREFIX

    def __init__(
        self,
        step: Step,
        theory: TheoryOfChange,
        data=None,
        *,
        open_row: int | str | None = None,
    ):
        self.step = step
        self.theory = theory
        # Taken before binding: validating a text form writes into `theory` itself.
        self.snapshot_before = step.snapshot(theory)
        self.text_form: forms.ModelForm | None = None
        self.formset: RowFormSet | None = None
        # A list step's "kort gezegd" line (steps 3 to 7), on the theory itself.
        self.short_form: forms.ModelForm | None = None
        self.rows: list = []
        if isinstance(step, TextStep):
            self.text_form = step.form(data, instance=theory)
        else:
            assert isinstance(step, ListStep)
            self.rows = step.rows(theory)
            if data is None and open_row is None and not self.rows:
                open_row = NEW_ROW  # nothing to list yet: start writing the first row
            shown = [row for row in self.rows if row.pk == open_row]
            formset_class = modelformset_factory(
                step.model,
                form=step.form,
                formset=RowFormSet,
                extra=1 if open_row == NEW_ROW else 0,
                can_delete=True,
                max_num=MAX_ROWS,
                validate_max=True,
            )
            self.formset = formset_class(
                data,
                # Bound, the formset finds each posted row by its id among all rows.
                rows=self.rows if data is not None else shown,
                prefix=self.prefix,
                form_kwargs={"theory": theory, "choices": ChoiceCache(theory)},
            )
            if step.short_field:
                self.short_form = short_line_form(step.short_field)(
                    data, instance=theory, prefix="kort"
                )

    @functools.cached_property
    def row_entries(self) -> list[RowEntry]:
        """The list as the page shows it: every row with its place, the open ones with their
        form, and a new row (if one is open) at the end."""
        if self.formset is None:
            return []
        step = self.step
        assert isinstance(step, ListStep)
        open_forms = {form.instance.pk: form for form in self.formset.initial_forms}
        entries = [
            RowEntry(
                number, row, open_forms.get(row.pk), step.row_label(row), step.row_summary(row)
            )
            for number, row in enumerate(self.rows, start=1)
        ]
        return entries + [RowEntry(None, None, form) for form in self.formset.extra_forms]

    @property
    def open_row_count(self) -> int:
        return len(self.formset.forms) if self.formset is not None else 0

    @property
    def short_line(self) -> forms.BoundField | None:
        """The "kort gezegd" field of steps 1 to 7, wherever the step keeps it."""
        if not self.step.short_field:
            return None
        form = self.text_form if self.text_form is not None else self.short_form
        return form[self.step.short_field]

    @property
    def short_suggestion(self) -> str:
        """A line from the saved answer, for the volunteer to take or change."""
        return self.step.short_suggestion(self.theory) if self.step.short_field else ""

    @property
    def text_fields(self) -> list[forms.BoundField]:
        """The text form's fields apart from its short line, which has a box of its own."""
        return [field for field in self.text_form if field.name != self.step.short_field]

    @property
    def forms(self) -> list:
        """The step's text form, or its rows and its short line: what is validated."""
        parts = [self.text_form, self.formset, self.short_form]
        return [part for part in parts if part is not None]

    def error_summary(self) -> list[tuple[str, str]]:
        """Every error of a form shown again, as (field id, "Label: message"), for the list
        at the top of the page that links to each field (a row's errors name its row)."""
        if not self.is_bound:
            return []
        summary = []
        parts: list[tuple[forms.BaseForm, str]] = []
        if self.text_form is not None:
            parts.append((self.text_form, ""))
        for entry in self.row_entries:
            if entry.form is not None:
                parts.append((entry.form, entry.name))
        if self.short_form is not None:
            parts.append((self.short_form, ""))
        for form, row in parts:
            for name, errors in form.errors.items():
                field = form[name] if name in form.fields else None
                label = field.label if field is not None else ""
                where = " · ".join(str(part) for part in (row, label) if part)
                field_id = field.id_for_label if field is not None else ""
                for error in errors:
                    summary.append((field_id, f"{where}: {error}" if where else str(error)))
        if self.formset is not None:
            summary += [("", str(error)) for error in self.formset.non_form_errors()]
        return summary

    @property
    def is_bound(self) -> bool:
        return self.forms[0].is_bound

    def is_valid(self) -> bool:
        return all([part.is_valid() for part in self.forms])  # a list: every form validated

    def has_changed(self) -> bool:
        return any(part.has_changed() for part in self.forms)

    def save(self) -> None:
        """Write the step's content; only call inside the save service's transaction."""
        if self.text_form is not None:
            # Only this step's fields: a stale status or another step's text is never written.
            self.text_form.save(commit=False).save(update_fields=[*self.step.fields, "updated_at"])
            return
        if self.short_form is not None and self.short_form.has_changed():
            self.short_form.save(commit=False).save(
                update_fields=[*self.step.theory_fields, "updated_at"]
            )
        formset = self.formset
        for form in formset.initial_forms:
            # A row another editor removed meanwhile has no instance left: nothing to do.
            if form.instance.pk is not None and form.cleaned_data.get("DELETE"):
                form.instance.delete()
        # A row keeps its place; new rows go to the end of the list.
        next_position = max((row.position for row in self.rows), default=-1) + 1
        for form in formset.forms:
            # Skipped: removed rows, rows nobody changed (the blank new row too), and a row
            # another editor removed meanwhile (no instance left).
            gone = form in formset.initial_forms and form.instance.pk is None
            if form.cleaned_data.get("DELETE") or not form.has_changed() or gone:
                continue
            obj = form.save(commit=False)
            obj.theory = self.theory
            if self.step.level is not None:
                obj.level = self.step.level
            if obj.pk is None:
                obj.position = next_position
                next_position += 1
            obj.save()
            form.save_m2m()


class RowEntry(NamedTuple):
    """One line of a list step's page: its place in the list (None for a new row), the
    saved row, and its form when it is open for editing."""

    number: int | None
    row: models.Model | None
    form: forms.ModelForm | None
    label: str = ""
    details: list[tuple[str, str]] = []  # noqa: RUF012 (a NamedTuple default, never mutated)

    @property
    def anchor(self) -> str:
        return row_anchor(self.row.pk if self.row is not None else NEW_ROW)

    @property
    def name(self) -> str:
        if self.number is None:
            return str(_("Nieuwe regel"))
        return str(_("Regel %(number)s") % {"number": self.number})


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
