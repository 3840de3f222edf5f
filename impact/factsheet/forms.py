from django import forms
from django.utils.translation import gettext_lazy as _

from theory_of_change.models import TheoryOfChange

QUOTE_MAX = TheoryOfChange._meta.get_field("quote").max_length
QUOTE_BY_MAX = TheoryOfChange._meta.get_field("quote_by").max_length


class QuoteForm(forms.Form):
    """A sentence from a participant or volunteer that gives the sheet a voice.

    A plain form, not a ModelForm: a rejected quote must not reach the theory object that
    the page goes on to show.
    """

    quote = forms.CharField(
        label=_("Citaat (mag leeg blijven)"),
        max_length=QUOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": QUOTE_MAX}),
        help_text=_(
            "Een zin van een deelnemer of vrijwilliger, bijvoorbeeld over wat het "
            "initiatief voor hem of haar betekent."
        ),
    )
    quote_by = forms.CharField(
        label=_("Van wie is het?"),
        max_length=QUOTE_BY_MAX,
        required=False,
        help_text=_(
            "Bijvoorbeeld: “bezoeker van het dorpsdiner”. Gebruik geen volledige naam "
            "zonder toestemming."
        ),
    )
