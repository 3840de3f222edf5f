"""The advisors' forms of the price list: what is priced, and its amounts with their source."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impact.value.models import VERSION_FIELDS, PriceItem, PriceVersion
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
