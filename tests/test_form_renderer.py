"""The faster form renderer draws the same HTML as Django's own, only sooner."""

from __future__ import annotations

import re

import pytest
from django.forms.renderers import DjangoTemplates

from common.form_renderer import FastWidgetRenderer
from tests.factories import complete_theory
from theory_of_change.forms import NEW_ROW, StepForm
from theory_of_change.models import TheoryOfChange
from theory_of_change.selectors import with_content
from theory_of_change.steps import STEPS

pytestmark = pytest.mark.django_db


def html_of(form, renderer) -> str:
    """The form's fields as HTML, with the white space between tags left out (the two
    template languages keep different amounts of it; it does not show)."""
    form.renderer = renderer
    html = "".join(str(field) for field in form)
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("step", STEPS, ids=lambda step: f"stap-{step.number}")
def test_every_step_form_looks_the_same(step, theory_a):
    complete_theory(theory_a)
    theory = with_content(TheoryOfChange.objects.filter(pk=theory_a.pk)).get()
    form = StepForm(step, theory, open_row=NEW_ROW)
    forms = [form.text_form] if form.text_form else [*form.formset.forms, form.short_form]
    for part in filter(None, forms):
        assert html_of(part, FastWidgetRenderer()) == html_of(part, DjangoTemplates())


def test_the_site_uses_it(settings):
    from django.forms.renderers import get_default_renderer

    get_default_renderer.cache_clear()
    assert isinstance(get_default_renderer(), FastWidgetRenderer)


def test_widgets_come_from_jinja2_and_the_rest_from_django():
    renderer = FastWidgetRenderer()
    widget = renderer.get_template("django/forms/widgets/select.html")
    admin = renderer.get_template("admin/widgets/related_widget_wrapper.html")
    assert type(widget).__module__ == "django.template.backends.jinja2"
    assert type(admin).__module__ == "django.template.backends.django"
