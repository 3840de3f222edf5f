"""What forms of several apps say alike."""

from django.utils.translation import gettext_lazy as _

# A filter whose choice no longer exists (a bookmarked link, a renamed theme): the list
# shows everything and says why, rather than an error.
CHOICE_GONE = {"invalid_choice": _("Deze keuze bestaat niet (meer). Dit filter doet nu niet mee.")}
