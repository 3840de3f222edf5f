from django.urls import path

from theory_of_change import workspace

app_name = "workspace"

urlpatterns = [
    path("", workspace.index, name="index"),
]
