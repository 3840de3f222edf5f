"""What forms of several apps say alike."""

from collections.abc import Callable

from django import forms
from django.utils.translation import gettext_lazy as _

from common.text import normalize_text

# A filter whose choice no longer exists (a bookmarked link, a renamed theme): the list
# shows everything and says why, rather than an error.
CHOICE_GONE = {"invalid_choice": _("Deze keuze bestaat niet (meer). Dit filter doet nu niet mee.")}


class NormalizedTextMixin:
    """A form whose text values are stored as `common.text.normalize_text` makes them, so
    an unchanged text saved again is the same text (no "change" that nobody made)."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = normalize_text(value)
        return cleaned


def use_cached_choices(
    field: forms.ModelChoiceField,
    objects: list,
    *,
    blank: bool,
    label: Callable[[object], str] = str,
) -> None:
    """Render a choice field from a list loaded once for every form of a page, rather than
    one query per form; validation still goes through the field's queryset."""
    choices = [(obj.pk, label(obj)) for obj in objects]
    if blank:
        choices.insert(0, ("", field.empty_label or "---------"))
    field.choices = choices
