"""The forms of an indicator's page: a count for one period, how the indicator is counted,
a stated figure with its reason, and a questionnaire result.

Numbers are typed in a text field with a numeric keyboard, not `type="number"`: a browser
sends an empty value for letters in a number field, and an empty count means "remove".
Here what was typed reaches the server, which says what is wrong with it.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from theory_of_change.results.models import Aggregation, Measure, SurveyMethod
from theory_of_change.results.periods import Period, PeriodKind, Rhythm, periods_in_year

# Far above any count of an initiative in one period; catches a finger that slipped.
MAX_COUNT = 1_000_000
WHOLE_NUMBER = re.compile(r"^\d+$")
NEGATIVE = re.compile(r"^[-\u2212]\s*\d+([.,]\d*)?$")  # also the typographic minus


class WholeNumberField(forms.CharField):
    """A whole number of 0 or more, typed as text; empty is None (when not required)."""

    def __init__(self, *, maximum: int = MAX_COUNT, minimum: int = 0, **kwargs) -> None:
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 10}),
        )
        super().__init__(**kwargs)
        self.maximum, self.minimum = maximum, minimum

    def clean(self, value):
        text = super().clean(value)
        text = (text or "").strip().replace(" ", "")
        if not text:
            return None
        if NEGATIVE.match(text):
            raise forms.ValidationError(
                _("Een aantal kan niet negatief zijn. Vul 0 of meer in."), code="negative"
            )
        if not WHOLE_NUMBER.match(text):
            raise forms.ValidationError(
                _(
                    "Vul een heel getal in met alleen cijfers, zonder punt of komma, "
                    "bijvoorbeeld 12."
                ),
                code="invalid",
            )
        number = int(text)
        if number < self.minimum:
            raise forms.ValidationError(
                _("Vul minstens %(minimum)s in.") % {"minimum": self.minimum}, code="min_value"
            )
        if number > self.maximum:
            raise forms.ValidationError(
                _("Zoveel? Vul een aantal in van hoogstens %(maximum)s.")
                % {"maximum": number_format(self.maximum, force_grouping=True)},
                code="max_value",
            )
        return number


def period_choices(rhythm: str, year: int, counted: dict[str, int]) -> list[tuple[str, str]]:
    """The periods of the rhythm in the year, each saying whether it holds a count."""
    choices = []
    for period in periods_in_year(rhythm, year):
        label = period.label
        if period.code in counted:
            label = _("%(period)s – nu %(value)s") % {
                "period": label,
                "value": counted[period.code],
            }
        choices.append((period.code, label))
    return choices


def survey_period_choices(year: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """The periods a questionnaire can be about: the whole year, a half, a quarter or a
    month of it."""
    return [
        (
            group,
            [(period.code, period.label) for period in periods_in_year(kind, year)],
        )
        for kind, group in (
            (PeriodKind.YEAR, _("Het hele jaar")),
            (PeriodKind.HALF, _("Een half jaar")),
            (PeriodKind.QUARTER, _("Een kwartaal")),
            (PeriodKind.MONTH, _("Een maand")),
        )
    ]


def _period_field(label, choices, year: int, help_text="") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        help_text=help_text,
        error_messages={
            "required": _("Kies een periode."),
            "invalid_choice": _("Kies een periode van %(year)s uit de lijst.") % {"year": year},
        },
    )


class CountForm(forms.Form):
    """The count of one period: new, corrected, or (left empty) removed."""

    def __init__(self, *args, rhythm: str, year: int, counted: dict[str, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"] = _period_field(
            gettext_lazy("Periode"),
            period_choices(rhythm, year, counted),
            year,
            help_text=_(
                "Staat er al een aantal, dan vervang je het. Het oude blijft in de geschiedenis."
            ),
        )
        self.fields["value"] = WholeNumberField(
            label=gettext_lazy("Aantal"),
            required=False,
            help_text=gettext_lazy(
                "Een heel getal, 0 of meer. Laat het leeg om de telling van deze periode weg "
                "te halen."
            ),
        )
        self.fields["note"] = forms.CharField(
            label=gettext_lazy("Notitie (mag leeg blijven)"),
            required=False,
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=gettext_lazy(
                "Blijft binnen het initiatief en bij de adviseurs; de gemeente ziet hem nooit."
            ),
        )

    def period(self) -> Period:
        return Period.parse(self.cleaned_data["period"])


class SettingsForm(forms.Form):
    """How the indicator is counted; for an effect also whether by counting or asking."""

    rhythm = forms.ChoiceField(
        label=gettext_lazy("Hoe vaak tel je?"),
        choices=Rhythm.choices,
        error_messages={
            "invalid_choice": gettext_lazy("Kies per week, per maand of per kwartaal.")
        },
    )
    aggregation = forms.ChoiceField(
        label=gettext_lazy("Hoe tel je het jaar op?"),
        choices=Aggregation.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": gettext_lazy("Kies een van de drie manieren.")},
    )
    measure = forms.ChoiceField(
        label=gettext_lazy("Hoe meet je dit effect?"),
        choices=Measure.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": gettext_lazy("Kies tellen of vragen.")},
    )

    def __init__(self, *args, is_outcome: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not is_outcome:
            del self.fields["measure"]


class OverrideForm(forms.Form):
    """A figure for the year stated instead of the one computed from the counts."""

    value = WholeNumberField(
        label=gettext_lazy("Vastgesteld aantal voor het jaar"),
        required=False,
        help_text=gettext_lazy(
            "Alleen als de tellingen niet kloppen of ontbreken. Het feitenblad en de gemeente "
            "zien dit getal met de reden erbij."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("Waarom dit aantal?"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Bijvoorbeeld: geteld op de presentielijsten van het hele jaar."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("value") is None and "value" not in self.errors:
            self.add_error(
                "value",
                _(
                    "Vul het aantal in. Wil je het vastgestelde aantal weghalen? Kies dan de "
                    "knop daarvoor."
                ),
            )
        elif cleaned.get("value") is not None and not (cleaned.get("reason") or "").strip():
            self.add_error(
                "reason", _("Schrijf op waarom je dit aantal vaststelt; dat staat er straks bij.")
            )
        return cleaned


class SurveyForm(forms.Form):
    """ "x van de n deelnemers zeggen …": one questionnaire result of an effect."""

    def __init__(self, *args, year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"] = _period_field(
            gettext_lazy("Over welke periode?"), survey_period_choices(year), year
        )
        self.order_fields(["period"])

    question = forms.CharField(
        label=gettext_lazy("Wat vroeg je?"),
        max_length=300,
        help_text=gettext_lazy("Bijvoorbeeld: Voelt u zich minder alleen sinds u hier komt?"),
        error_messages={"required": gettext_lazy("Schrijf op wat je de mensen vroeg.")},
    )
    respondents = WholeNumberField(
        label=gettext_lazy("Hoeveel mensen heb je het gevraagd? (n)"),
        minimum=1,
        error_messages={"required": gettext_lazy("Vul in hoeveel mensen je het vroeg.")},
    )
    agreeing = WholeNumberField(
        label=gettext_lazy("Hoeveel van hen zeiden ja? (x)"),
        error_messages={"required": gettext_lazy("Vul in hoeveel mensen ja zeiden (0 mag).")},
    )
    method = forms.ChoiceField(
        label=gettext_lazy("Hoe vroeg je het?"),
        choices=SurveyMethod.choices,
        initial=SurveyMethod.SURVEY,
        error_messages={"invalid_choice": gettext_lazy("Kies enquête, interview of observatie.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Notitie (mag leeg blijven)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        respondents, agreeing = cleaned.get("respondents"), cleaned.get("agreeing")
        if respondents is not None and agreeing is not None and agreeing > respondents:
            self.add_error(
                "agreeing",
                _(
                    "Er kunnen niet meer mensen ja zeggen (%(agreeing)s) dan je hebt gevraagd "
                    "(%(respondents)s)."
                )
                % {"agreeing": agreeing, "respondents": respondents},
            )
        return cleaned

    def period(self) -> Period:
        return Period.parse(self.cleaned_data["period"])
