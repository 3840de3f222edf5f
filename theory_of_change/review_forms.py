"""Forms of the review: messages that go with a status change, comments and replies.

Each form is one text box. Whether it is required, its label and its hint are what differ:
a change request must say what to change, an approval may say something nice.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from theory_of_change.models import Comment

MESSAGE_MAX_LENGTH = 4000


def _message_field(label, *, required: bool, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=MESSAGE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MESSAGE_MAX_LENGTH}),
        error_messages={"required": _("Schrijf hier eerst iets.")},
    )


class SubmitForm(forms.Form):
    message = _message_field(
        _("Bericht voor de adviseur (mag leeg blijven)"),
        required=False,
        help_text=_("Bijvoorbeeld wat je hebt aangepast, of waar je een vraag over hebt."),
    )


class RequestChangesForm(forms.Form):
    message = _message_field(
        _("Wat moet er nog anders?"),
        required=True,
        help_text=_(
            "Het initiatief krijgt dit bericht per e-mail, samen met de open opmerkingen bij "
            "de stappen."
        ),
    )


class ApproveForm(forms.Form):
    message = _message_field(_("Bericht voor het initiatief (mag leeg blijven)"), required=False)


class ReopenForm(forms.Form):
    message = _message_field(
        _("Waarom open je deze verandertheorie weer?"),
        required=True,
        help_text=_("Tot je hem opnieuw goedkeurt, zien gemeenten deze verandertheorie niet meer."),
    )


class CommentForm(forms.Form):
    """A new comment on a step, or a reply to a thread."""

    body = _message_field(_("Je opmerking"), required=True)

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["body"].label = label
        self.fields["body"].widget.attrs["rows"] = 3


def reply_form(comment: Comment, data=None) -> CommentForm:
    """The reply box under a thread, with ids of its own (a page shows many)."""
    return CommentForm(data, label=_("Je reactie"), auto_id=f"id_reactie_{comment.pk}_%s")


def step_comment_form(step_number: int, data=None) -> CommentForm:
    """The box for a new comment on one step, with ids of its own (the review screen shows
    one per step)."""
    return CommentForm(data, auto_id=f"id_stap_{step_number}_%s")
