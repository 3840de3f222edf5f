"""Build POST data for the step forms the way a browser would."""

from django.urls import reverse

from theory_of_change.forms import StepForm
from theory_of_change.models import TheoryOfChange
from theory_of_change.selectors import with_content
from theory_of_change.steps import get_step


def step_url(theory: TheoryOfChange, number: int) -> str:
    return reverse(
        "theory_of_change:step",
        kwargs={"slug": theory.initiative.slug, "year": theory.year, "number": number},
    )


def form_data(theory: TheoryOfChange, number: int, *, base_revision: int = 0, **changes) -> dict:
    """The data a browser posts for the step as it stands now, with `changes` applied.

    For list steps, `rows=[{...}, ...]` replaces the rows: existing rows keep their ids
    (give "id"), new rows have none, and `"DELETE": "on"` removes one.
    """
    loaded = with_content(TheoryOfChange.objects.filter(pk=theory.pk)).get()
    step = get_step(number)
    form = StepForm(step, loaded, extra_rows=0)
    data = {"base_revision": str(base_revision), "go": "stay", "extra": "0"}
    if form.text_form is not None:
        for name in step.fields:
            data[name] = getattr(loaded, name)
        data.update(changes)
        return data
    rows = changes.pop("rows", None)
    initial = len(form.formset.forms)
    if rows is None:
        rows = [_row_values(row_form) for row_form in form.formset.forms]
    prefix = form.formset.prefix
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(len(rows)),
            f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    )
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    data.update(changes)
    return data


def _row_values(row_form) -> dict:
    values = {}
    for name, field in row_form.fields.items():
        value = row_form.initial.get(name, field.initial)
        if name == "id":
            value = row_form.instance.pk
        if hasattr(value, "pk"):
            value = value.pk
        if isinstance(value, list | tuple):
            value = [getattr(item, "pk", item) for item in value]
        values[name] = "" if value is None else value
    return values
