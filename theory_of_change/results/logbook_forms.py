"""The form of one logbook week: a count for each weekly indicator, what went on, and how
busy the volunteers were. One form, one button: what a volunteer fills in on a phone."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from theory_of_change.results.models import Busyness, Indicator
from theory_of_change.results.services import WeekCount

# Far above any week of an initiative; catches a finger that slipped (4444 for 4).
MAX_WEEK_COUNT = 10_000

COUNT_ERRORS = {
    "invalid": _("Vul een heel getal in, bijvoorbeeld 4. Laat het leeg als je niets telde."),
    "min_value": _("Een aantal kan niet negatief zijn. Vul 0 in of laat het leeg."),
    "max_value": _("Zoveel in één week? Vul een aantal in van hoogstens %(limit_value)s."),
}


def count_field_name(indicator: Indicator) -> str:
    return f"count_{indicator.pk}"


class LogbookWeekForm(forms.Form):
    """The week's counts (one number field per weekly indicator, empty for "not counted"),
    the note and the busyness. `indicators` are the theory's weekly indicators, in the
    order the screen shows them."""

    note = forms.CharField(
        label=_("Wat speelde er?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Vragen, ervaringen, wat opviel. Namen van bewoners mogen erin: deze notitie blijft "
            "binnen het initiatief en bij de adviseurs. De gemeente ziet hem nooit."
        ),
    )
    busyness = forms.ChoiceField(
        label=_("Hoe druk was het voor de vrijwilligers?"),
        required=False,
        choices=Busyness.choices,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
        error_messages={"invalid_choice": _("Kies rustig, druk of te druk.")},
    )

    def __init__(self, *args, indicators: list[Indicator], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            row = indicator.row
            self.fields[count_field_name(indicator)] = forms.IntegerField(
                label=row.description,
                help_text=getattr(row, "unit", ""),
                required=False,
                min_value=0,
                max_value=MAX_WEEK_COUNT,
                error_messages=COUNT_ERRORS,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
            )
        self.order_fields([count_field_name(indicator) for indicator in indicators])

    def input_html(self, name: str, css: str = "form-control") -> str:
        """The field's input with Bootstrap's classes, marked invalid when it has errors
        and described by its help text and its error (`<id>_helptext`, `<id>_error`)."""
        bound = self[name]
        described = []
        if bound.help_text:
            described.append(f"{bound.auto_id}_helptext")
        if bound.errors:
            described.append(f"{bound.auto_id}_error")
            css += " is-invalid"
        attrs = {"class": css}
        if described:
            attrs["aria-describedby"] = " ".join(described)
        return bound.as_widget(attrs=attrs)

    def week_counts(self) -> list[WeekCount]:
        """The counts to save; call after `is_valid()`."""
        return [
            WeekCount(indicator, self.cleaned_data[count_field_name(indicator)])
            for indicator in self.indicators
        ]
