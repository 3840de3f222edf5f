"""The form of a doorbraak case and its avoided costs (a formset: one line per avoided cost,
an empty line for the next one, and a box to remove a line; no JavaScript needed)."""

from __future__ import annotations

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import use_cached_choices
from impact.value.breakthrough.models import AvoidedCost, BreakthroughCase, Likelihood
from impact.value.forms import OLDEST_YEAR, price_label
from impact.value.models import PriceVersion

AMOUNTS = ("low", "central", "high")
OWN_SOURCE = ("source_title", "source_year", "source_url", "note")


class CaseForm(forms.ModelForm):
    class Meta:
        model = BreakthroughCase
        fields = ["situation", "arranged", "cost"]
        localized_fields = ["cost"]  # "1250,50", with a decimal comma
        labels = {
            "situation": _("Wat was de situatie?"),
            "arranged": _("Wat is er geregeld?"),
            "cost": _("Wat kostte de oplossing? (€)"),
        }
        help_texts = {
            "arranged": _("De oplossing op maat: wat er is gedaan, en door wie (geen namen)."),
            "cost": _("Alles bij elkaar, in euro's. Kostte het niets, vul dan 0 in."),
        }
        error_messages = {
            "situation": {"required": _("Beschrijf kort de situatie, zonder namen.")},
            "arranged": {"required": _("Beschrijf wat er is geregeld.")},
            "cost": {
                "required": _(
                    "Vul in wat de oplossing kostte, in euro's (0 als het niets kostte)."
                ),
                "invalid": _("Vul een bedrag in, bijvoorbeeld 250 of 250,50."),
                "min_value": _("Het bedrag kan niet kleiner zijn dan 0."),
            },
        }
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 3}),
            "arranged": forms.Textarea(attrs={"rows": 3}),
        }


class AvoidedCostForm(forms.ModelForm):
    """One avoided cost: EITHER a price of the list with a quantity, OR an own amount with
    its own source. Who would have paid follows the price when left open."""

    class Meta:
        model = AvoidedCost
        fields = [
            "description",
            "price",
            "quantity",
            *AMOUNTS,
            *OWN_SOURCE,
            "beneficiary",
            "likelihood",
        ]
        localized_fields = ["quantity", *AMOUNTS]
        labels = {
            "description": _("Wat is er voorkomen?"),
            "price": _("Een prijs van de prijslijst"),
            "quantity": _("Hoe vaak (aantal)"),
            "low": _("Laagste bedrag (€)"),
            "central": _("Middelste bedrag (€)"),
            "high": _("Hoogste bedrag (€)"),
            "source_title": _("Bron: titel"),
            "source_year": _("Bron: jaar"),
            "source_url": _("Bron: link"),
            "note": _("Hoe je het bedrag uit de bron haalt"),
            "beneficiary": _("Wie had dit anders betaald?"),
            "likelihood": _("Hoe waarschijnlijk was het dat deze kosten er zouden komen?"),
        }
        help_texts = {
            "description": _(
                "Bijvoorbeeld: een opname in een verpleeghuis. Kies je een prijs van de lijst, "
                "dan mag dit leeg blijven."
            ),
            "quantity": _("Bijvoorbeeld: 3 voor drie maanden, als de prijs per maand is."),
            "central": _("Mag leeg blijven: dan rekenen we met het midden."),
            "source_title": _("Het rapport, de tabel of de webpagina waar het bedrag uit komt."),
            "beneficiary": _(
                "Bij een prijs van de lijst mag dit leeg blijven: dan geldt wie bij de prijs hoort."
            ),
        }
        error_messages = {
            "quantity": {"invalid": _("Vul een aantal in, bijvoorbeeld 3 of 2,5.")},
            "low": {"invalid": _("Vul een bedrag in, bijvoorbeeld 250 of 250,50.")},
            "central": {"invalid": _("Vul een bedrag in, bijvoorbeeld 250 of 250,50.")},
            "high": {"invalid": _("Vul een bedrag in, bijvoorbeeld 250 of 250,50.")},
            "source_url": {"invalid": _("Vul een volledige link in, die begint met https://.")},
            "likelihood": {"required": _("Kies hoe waarschijnlijk het was.")},
        }
        widgets = {
            "likelihood": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, prices: list[PriceVersion], **kwargs) -> None:
        """`prices`: the prices to choose from, loaded once for every line of the form."""
        super().__init__(*args, **kwargs)
        price = self.fields["price"]
        price.queryset = PriceVersion.objects.filter(pk__in=[p.pk for p in prices])
        price.empty_label = _("Geen prijs van de lijst: ik vul zelf een bedrag in")
        use_cached_choices(price, prices, blank=True, label=price_label)
        self.fields["beneficiary"].required = False
        self.fields["beneficiary"].choices = [
            ("", _("Kies wie")),
            *self.fields["beneficiary"].choices[1:],
        ]
        self.fields["likelihood"].choices = Likelihood.choices  # no empty radio button

    def clean_source_year(self) -> int | None:
        year = self.cleaned_data.get("source_year")
        newest = timezone.localdate().year + 1
        if year is not None and not OLDEST_YEAR <= year <= newest:
            raise forms.ValidationError(
                _("Vul een jaar in tussen %(oldest)s en %(newest)s.")
                % {"oldest": OLDEST_YEAR, "newest": newest}
            )
        return year

    def clean(self):
        cleaned = super().clean()
        from_list = self._given(cleaned, "price") or self._given(cleaned, "quantity")
        own = any(self._given(cleaned, name) for name in AMOUNTS)
        if from_list and own:
            raise forms.ValidationError(
                _(
                    "Kies óf een prijs van de prijslijst met een aantal, óf vul een eigen bedrag "
                    "in. Allebei kan niet: maak een van de twee leeg."
                )
            )
        if not from_list and not own:
            raise forms.ValidationError(
                _(
                    "Kies een prijs van de prijslijst met een aantal, of vul een eigen bedrag "
                    "met een bron in."
                )
            )
        if from_list:
            self._clean_from_list(cleaned)
        else:
            self._clean_own_amount(cleaned)
        return cleaned

    def _given(self, cleaned: dict, name: str) -> bool:
        """Typed in: a value, or something that was not valid (it was still typed)."""
        return name in self.errors or cleaned.get(name) not in (None, "")

    def _require(self, cleaned: dict, name: str, message: str) -> None:
        if name not in self.errors and cleaned.get(name) in (None, ""):
            self.add_error(name, message)

    def _clean_from_list(self, cleaned: dict) -> None:
        self._require(cleaned, "price", _("Kies de prijs van de prijslijst die hierbij hoort."))
        self._require(cleaned, "quantity", _("Vul in hoe vaak dit nodig was geweest (aantal)."))
        price = cleaned.get("price")
        if price is not None and not cleaned.get("beneficiary"):
            cleaned["beneficiary"] = price.item.beneficiary
        # The price brings its own source; an own source typed here would mislead.
        for name in OWN_SOURCE:
            cleaned[name] = None if name == "source_year" else ""

    def _clean_own_amount(self, cleaned: dict) -> None:
        self._require(cleaned, "description", _("Schrijf op wat er is voorkomen."))
        self._require(cleaned, "low", _("Vul het laagste bedrag in."))
        self._require(
            cleaned, "high", _("Vul het hoogste bedrag in (mag gelijk zijn aan het laagste).")
        )
        self._require(
            cleaned,
            "source_title",
            _("Zonder bron kan een bedrag niet worden opgeslagen. Noem de bron."),
        )
        self._require(cleaned, "source_year", _("Vul het jaar van de bron in."))
        self._require(cleaned, "beneficiary", _("Kies wie dit anders had betaald."))
        low, central, high = (cleaned.get(name) for name in AMOUNTS)
        if low is not None and high is not None:
            in_order = low <= high and (central is None or low <= central <= high)
            if not in_order:
                self.add_error(
                    None,
                    _(
                        "De bedragen lopen op: het laagste is niet meer dan het middelste, en "
                        "dat niet meer dan het hoogste."
                    ),
                )


class BaseAvoidedCostFormSet(BaseInlineFormSet):
    def __init__(self, *args, prices: list[PriceVersion], **kwargs) -> None:
        self.prices = prices
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "prices": self.prices}

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Deze regel verwijderen")


AvoidedCostFormSet = inlineformset_factory(
    BreakthroughCase,
    AvoidedCost,
    form=AvoidedCostForm,
    formset=BaseAvoidedCostFormSet,
    extra=1,
    can_delete=True,
    max_num=20,
)


def price_choices(current: list[PriceVersion], case: BreakthroughCase) -> list[PriceVersion]:
    """The prices now, and the (older) versions this case's lines already use: a line keeps
    the version it chose, as a valuation does."""
    known = {version.pk for version in current}
    kept = [
        cost.price
        for cost in (case.avoided.all() if case.pk else [])
        if cost.price_id and cost.price_id not in known
    ]
    return [*current, *kept]
