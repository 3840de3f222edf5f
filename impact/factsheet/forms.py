from django import forms
from django.utils.translation import gettext_lazy as _

from theory_of_change.models import TheoryOfChange


class QuoteForm(forms.ModelForm):
    """A sentence from a participant or volunteer that gives the sheet a voice."""

    class Meta:
        model = TheoryOfChange
        fields = ["quote", "quote_by"]
        labels = {
            "quote": _("Citaat (mag leeg blijven)"),
            "quote_by": _("Van wie is het?"),
        }
        help_texts = {
            "quote": _(
                "Een zin van een deelnemer of vrijwilliger, bijvoorbeeld over wat het "
                "initiatief voor hem of haar betekent."
            ),
            "quote_by": _(
                "Bijvoorbeeld: “bezoeker van het dorpsdiner”. Gebruik geen volledige naam "
                "zonder toestemming."
            ),
        }
        widgets = {"quote": forms.Textarea(attrs={"rows": 3, "maxlength": 250})}
