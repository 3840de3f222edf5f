from django.urls import path

from initiatives.views import initiative_new
from theory_of_change import workspace

app_name = "workspace"

urlpatterns = [
    path("", workspace.index, name="index"),
    # An advisor puts a new initiative on the platform and invites its coordinator.
    path("nieuw-initiatief/", initiative_new, name="initiative_new"),
]
