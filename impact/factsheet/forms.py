from django import forms
from django.utils.translation import gettext_lazy as _

from theory_of_change.stories.models import Story


class SheetStoryForm(forms.Form):
    """Which story gives the sheet its quote: one of the stories whose consent reaches the
    sheet and that have a quote, or none."""

    story = forms.TypedChoiceField(
        label=_("Welk citaat komt op het feitenblad?"),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, stories: list[Story], **kwargs):
        super().__init__(*args, **kwargs)
        self.stories = {story.pk: story for story in stories}
        self.fields["story"].choices = [("", _("Geen citaat"))] + [
            (story.pk, f"“{story.quote}” — {story.get_teller_role_display() or '…'}")
            for story in stories
        ]

    def chosen(self) -> Story | None:
        pk = self.cleaned_data["story"]
        return self.stories.get(pk) if pk else None
