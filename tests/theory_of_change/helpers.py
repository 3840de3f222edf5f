"""Helpers for the theory-of-change tests.

Build POST data for the step forms the way a browser would, save a step the way the
editor does, and read back what the workflow stored.
"""

from django.urls import reverse

from theory_of_change import services
from theory_of_change.forms import StepForm
from theory_of_change.models import Status, StepRevision, TheoryOfChange, Transition
from theory_of_change.selectors import with_content
from theory_of_change.step_forms import ChoiceCache
from theory_of_change.steps import get_step

# The address links in e-mails start with (the `site_url` fixture sets it).
SITE_URL = "https://waarde.example.org"


def step_url(theory: TheoryOfChange, number: int) -> str:
    return reverse(
        "theory_of_change:step",
        kwargs={"slug": theory.initiative.slug, "year": theory.year, "number": number},
    )


def form_data(theory: TheoryOfChange, number: int, *, base_revision: int = 0, **changes) -> dict:
    """The data a browser posts for the step as it stands now, with `changes` applied.

    For list steps, every row is posted (as if all were open at once, which the server
    accepts: it matches posted rows by id). `rows=[{...}, ...]` replaces them: existing
    rows keep their ids (give "id"), new rows have none, and `"DELETE": "on"` removes one.
    A list step's "kort gezegd" line is posted as `kort-short_<key>`.
    """
    loaded = with_content(TheoryOfChange.objects.filter(pk=theory.pk)).get()
    step = get_step(number)
    form = StepForm(step, loaded)
    data = {"base_revision": str(base_revision), "go": "stay"}
    if form.text_form is not None:
        for name in step.fields:
            data[name] = getattr(loaded, name)
        data.update(changes)
        return data
    rows = changes.pop("rows", None)
    initial = len(form.rows)
    if rows is None:
        choices = ChoiceCache(loaded)
        rows = [
            {**_row_values(step.form(instance=row, theory=loaded, choices=choices)), "id": row.pk}
            for row in form.rows
        ]
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
    if form.short_form is not None:  # steps 3 to 7: their "kort gezegd" line, as it is
        data[f"{form.short_form.prefix}-{step.short_field}"] = getattr(loaded, step.short_field)
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


def refreshed(theory: TheoryOfChange) -> TheoryOfChange:
    return TheoryOfChange.objects.get(pk=theory.pk)


def loaded(theory: TheoryOfChange) -> TheoryOfChange:
    """The theory with all its step content, as the pages load it."""
    return with_content(TheoryOfChange.objects.filter(pk=theory.pk)).get()


def put_in_status(theory: TheoryOfChange, status: Status) -> TheoryOfChange:
    TheoryOfChange.objects.filter(pk=theory.pk).update(status=status)
    theory.status = status
    return theory


def save_step(theory: TheoryOfChange, number: int, by, **changes) -> StepRevision | None:
    """Save a step the way the editor does: a bound StepForm and `services.step_save`."""
    step = get_step(number)
    latest = StepRevision.objects.filter(theory=theory, step=number).order_by("-pk").first()
    base = latest.pk if latest else 0
    current = loaded(theory)
    form = StepForm(step, current, form_data(theory, number, base_revision=base, **changes))
    assert form.is_valid()
    return services.step_save(theory=current, step=step, form=form, by=by, base_revision_id=base)


def assert_recorded(transition: Transition, *, action, from_status, to_status, by, message=""):
    """The transition as stored says what the change was, who made it and why."""
    stored = Transition.objects.get(pk=transition.pk)
    assert stored.theory_id == transition.theory_id
    assert stored.action == action
    assert (stored.from_status, stored.to_status) == (from_status, to_status)
    assert stored.by == by
    assert stored.message == message


def recipients(mailoutbox) -> list[str]:
    """Everyone who got a message; each message goes to exactly one person."""
    assert all(
        len(message.to) == 1 and not message.cc and not message.bcc for message in mailoutbox
    )
    return sorted(message.to[0] for message in mailoutbox)
