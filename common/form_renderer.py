"""A form renderer that draws Django's own widgets with Jinja2.

A page with a few long selects (the advisors' filters, a row's choice of activity) spent a
third of its time rendering widgets through the Django template engine, one included
template per option. Django ships the same widget templates for Jinja2, which renders them
several times faster into the same HTML. Every other template a form asks for (the admin's
widgets, which include Django's, and crispy-forms' Bootstrap 5 layouts) stays a Django
template.
"""

from __future__ import annotations

import functools

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2

DJANGO_WIDGETS = "django/forms/"


class FastWidgetRenderer(BaseRenderer):
    @functools.cached_property
    def _jinja2(self) -> Jinja2:
        return Jinja2()

    @functools.cached_property
    def _django(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name: str):
        if template_name.startswith(DJANGO_WIDGETS):
            return self._jinja2.get_template(template_name)
        return self._django.get_template(template_name)
