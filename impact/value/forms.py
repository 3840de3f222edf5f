"""The forms of value in euros: the advisors' price list (what is priced, and its amounts
with their source) and an initiative's valuation of a counted result."""

from __future__ import annotations

from dataclasses import asdict

from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from common.forms import use_cached_choices
from impact.value.arithmetic import Corrections
from impact.value.models import SHARES, VERSION_FIELDS, OtherCost, PriceItem, PriceVersion
from theory_of_change.models import Theme

OLDEST_YEAR = 1990


class PriceItemForm(forms.ModelForm):
    class Meta:
        model = PriceItem
        fields = ["name", "unit", "beneficiary", "theme"]
        help_texts = {
            "name": _("Wat het bedrag waard is, bijvoorbeeld: een maaltijd voor een oudere."),
            "beneficiary": _("Wie er baat bij heeft, of anders zou betalen."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(is_active=True)
        self.fields["theme"].empty_label = _("Geen thema")


class PriceVersionForm(forms.ModelForm):
    """The amounts as a range (low, central, high) and where they come from: a price
    without a source cannot be saved."""

    class Meta:
        model = PriceVersion
        fields = list(VERSION_FIELDS)
        # Advisors write "9,50": accept and show the decimal comma.
        localized_fields = ["low", "central", "high"]
        labels = {
            "low": _("Laagste bedrag (€)"),
            "central": _("Middelste bedrag (€)"),
            "high": _("Hoogste bedrag (€)"),
            "source_title": _("Bron: titel"),
            "source_year": _("Bron: jaar"),
            "source_url": _("Bron: link"),
        }
        help_texts = {
            "low": _("De bron noemt vaak een spreiding: vul de laagste en hoogste waarde in."),
            "price_year": _("Het jaar waarin de bedragen gelden."),
            "source_title": _("Het rapport, de richtlijn of de tabel waar de bedragen uit komen."),
            "note": _("Hoe je de bedragen uit de bron hebt gehaald, als dat niet vanzelf spreekt."),
        }
        error_messages = {
            "source_title": {
                "required": _("Zonder bron kan een prijs niet worden opgeslagen. Noem de bron.")
            },
            "source_year": {"required": _("Vul het jaar van de bron in.")},
        }
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def _check_year(self, name: str) -> int | None:
        year = self.cleaned_data.get(name)
        if year is not None and not OLDEST_YEAR <= year <= timezone.localdate().year + 1:
            raise forms.ValidationError(
                _("Vul een jaar in tussen %(oldest)s en %(newest)s.")
                % {"oldest": OLDEST_YEAR, "newest": timezone.localdate().year + 1}
            )
        return year

    def clean_price_year(self) -> int | None:
        return self._check_year("price_year")

    def clean_source_year(self) -> int | None:
        return self._check_year("source_year")

    def clean(self):
        cleaned = super().clean()
        low, central, high = (cleaned.get(name) for name in ("low", "central", "high"))
        if None not in (low, central, high) and not low <= central <= high:
            raise forms.ValidationError(
                _(
                    "De bedragen lopen op: het laagste is niet meer dan het middelste, en dat "
                    "niet meer dan het hoogste."
                )
            )
        return cleaned


class ValuationForm(forms.Form):
    """A price for one counted output or outcome, and the corrections asked in plain words
    with fixed steps (the arithmetic's CORRECTION_STEPS)."""

    price = forms.ModelChoiceField(
        label=_("Welke prijs past bij dit resultaat?"),
        queryset=PriceVersion.objects.none(),
        empty_label=_("Kies een prijs van de lijst"),
        error_messages={"required": _("Kies een prijs van de prijslijst.")},
    )
    deadweight = forms.TypedChoiceField(
        label=_("Hoeveel hiervan was ook zonder jullie gebeurd?"),
        choices=SHARES,
        coerce=int,
        initial=0,
        widget=forms.RadioSelect,
    )
    attribution = forms.TypedChoiceField(
        label=_("Welk deel komt door anderen, zoals andere organisaties of familie?"),
        choices=SHARES,
        coerce=int,
        initial=0,
        widget=forms.RadioSelect,
    )
    years = forms.TypedChoiceField(
        label=_("Hoe lang houdt het effect aan?"),
        choices=[(1, _("1 jaar"))] + [(n, _("%(n)s jaar") % {"n": n}) for n in range(2, 11)],
        coerce=int,
        initial=1,
    )
    drop_off = forms.TypedChoiceField(
        label=_("Hoeveel minder is het effect elk jaar daarna?"),
        help_text=_("Alleen van belang als het effect langer dan een jaar duurt."),
        choices=SHARES[:-1],
        coerce=int,
        initial=0,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, prices: list[PriceVersion], subject=None, **kwargs) -> None:
        """`prices`: the current prices (`selectors.current_prices`), loaded once for every
        form of the page; `subject`: the output or outcome it values."""
        super().__init__(*args, **kwargs)
        self.subject = subject
        self.fields["price"].queryset = PriceVersion.objects.filter(pk__in=[p.pk for p in prices])
        use_cached_choices(self.fields["price"], prices, blank=True, label=price_label)

    @classmethod
    def for_subject(cls, subject, key: str, valuation, prices, data=None) -> ValuationForm:
        """The form of one output or outcome on the value page (`key`, its line's key, is
        the prefix), starting from its valuation when it has one."""
        initial = (
            {"price": valuation.price_id, **asdict(valuation.corrections)} if valuation else None
        )
        return cls(data, initial=initial, prices=prices, subject=subject, prefix=key)

    def corrections(self) -> Corrections:
        data = self.cleaned_data
        return Corrections(
            deadweight=data["deadweight"],
            attribution=data["attribution"],
            drop_off=data["drop_off"],
            years=data["years"],
        )


class OtherCostForm(forms.ModelForm):
    """A cost of the year beyond the means in euros of step 3."""

    class Meta:
        model = OtherCost
        fields = ["description", "amount"]
        localized_fields = ["amount"]
        labels = {"description": _("Wat kostte het?"), "amount": _("Bedrag over het jaar (€)")}
        help_texts = {
            "description": _("Bijvoorbeeld: huur die de gemeente betaalt, of een coördinator."),
        }
        error_messages = {
            "description": {"required": _("Schrijf op wat het kostte.")},
            "amount": {"required": _("Vul het bedrag in euro's in.")},
        }


def price_label(version: PriceVersion) -> str:
    """ "Een maaltijd: € 4,00 tot € 9,00 per maaltijd"."""
    return _("%(name)s: € %(low)s tot € %(high)s per %(unit)s") % {
        "name": version.item.name,
        "low": number_format(version.low, 2),
        "high": number_format(version.high, 2),
        "unit": version.item.unit,
    }
