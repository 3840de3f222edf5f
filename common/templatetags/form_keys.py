"""Template tags for forms: the hidden key that recognises a form sent twice."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from common.concurrency import SUBMISSION_KEY_FIELD, SUBMISSION_KEY_MAX_LENGTH, new_submission_key

register = template.Library()


@register.simple_tag
def submission_key(key: str = "") -> SafeString:
    """A hidden field with a new random key for a form that creates something, or with
    `key` when the form is shown again (after a mistake) and must stay the same form.

    See `common.concurrency`: the service stores each form's key once, so a double click
    or a browser resubmission does not create the same comment twice.
    """
    return format_html(
        '<input type="hidden" name="{}" value="{}">',
        SUBMISSION_KEY_FIELD,
        (key or "")[:SUBMISSION_KEY_MAX_LENGTH] or new_submission_key(),
    )
