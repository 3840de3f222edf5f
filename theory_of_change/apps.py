from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TheoryOfChangeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "theory_of_change"
    verbose_name = _("Verandertheorie")
