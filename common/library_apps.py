"""The libraries' apps under Dutch names in the admin (their own names are English).

In a module of their own: `common/apps.py` must hold only the common app's config, or
Django cannot tell which one is the default.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):
    """django-axes: blocks a login after repeated failures."""

    verbose_name = _("Inlogbeveiliging")


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks-db: the ZIPs of fact sheets are made in the background."""

    verbose_name = _("Achtergrondtaken")
