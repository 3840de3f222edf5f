from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _

# Set at login: whether the menu shows "Gemeente". Remembered in the session so that no
# page pays a query for a menu link; the portal itself always checks access anew.
PORTAL_LINK_SESSION_KEY = "portal_link"


def remember_portal_link(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        from impact.portal.selection import may_use_portal  # models load after apps.py

        request.session[PORTAL_LINK_SESSION_KEY] = may_use_portal(user)


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = _("Rapportage")

    def ready(self) -> None:
        from impact import checks  # noqa: F401 - registers the system checks

        user_logged_in.connect(remember_portal_link, dispatch_uid="impact.portal_link")

        from impact.factsheet.withdrawal import on_stories_changed
        from theory_of_change.stories.services import stories_changed

        stories_changed.connect(on_stories_changed, dispatch_uid="impact.stories_changed")
