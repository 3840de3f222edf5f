"""Root URLs. The paths are public: users bookmark them and README.md documents them."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from impact import health, media
from impact import views as impact_views
from initiatives import urls as initiative_urls
from initiatives import views as initiative_views
from initiatives.auth import LoginForm
from theory_of_change import initiative_views as initiative_pages

admin.site.site_header = "Maatschappelijke Waarde"
admin.site.site_title = "Maatschappelijke Waarde"

urlpatterns = [
    path("", impact_views.home, name="home"),
    # An initiative asks to join the platform (no account needed); advisors answer.
    path("aanmelden/", initiative_views.join_request, name="join_request"),
    path("health/", health.health, name="health"),
    path("weergave/", impact_views.display_preferences, name="display_preferences"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Login by user name or e-mail address; the rest of Django's account pages as they are.
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    # Uploads only through an access check (impact.media), in development as in production.
    path("media/<path:name>", media.media_file, name="media"),
    # One namespace for the initiative pages: the list and an initiative's page show its
    # Verandertheorieën (theory_of_change), the rest is the initiative's own (initiatives).
    path(
        "initiatieven/",
        include((initiative_pages.urlpatterns + initiative_urls.urlpatterns, "initiatives")),
    ),
    path(
        "initiatieven/<slug:slug>/verandertheorie/",
        include("theory_of_change.urls"),
    ),
    path("advies/", include("theory_of_change.workspace_urls")),
    path("", include("impact.value.urls")),
    path("", include("impact.value.breakthrough.urls")),
    path("gemeente/", include("impact.portal.urls")),
    path("", include("impact.factsheet.urls")),
    path(
        "uitnodiging/<str:token>/",
        initiative_views.invitation_accept,
        name="invitation_accept",
    ),
]
