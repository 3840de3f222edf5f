from django.urls import path

from initiatives.views import (
    initiative_new,
    join_request_accept,
    join_request_decline,
    join_requests,
)
from theory_of_change import workspace

app_name = "workspace"

urlpatterns = [
    path("", workspace.index, name="index"),
    # An advisor puts a new initiative on the platform and invites its coordinator.
    path("nieuw-initiatief/", initiative_new, name="initiative_new"),
    # Initiatives that asked to join (`/aanmelden/`): accept (put on the platform, invite
    # the person who asked as coordinator) or decline with a message.
    path("aanmeldingen/", join_requests, name="join_requests"),
    path("aanmeldingen/<int:pk>/aannemen/", join_request_accept, name="join_request_accept"),
    path("aanmeldingen/<int:pk>/afwijzen/", join_request_decline, name="join_request_decline"),
]
