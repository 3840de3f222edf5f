from django.urls import path

from initiatives import views

app_name = "initiatives"

# The list and an initiative's page ("initiatives:list", "initiatives:detail") show its
# Verandertheorieën: they are `theory_of_change.initiative_views`, in the same namespace.

urlpatterns = [
    path("<slug:slug>/bewerken/", views.initiative_edit, name="edit"),
    path("<slug:slug>/leden/", views.members, name="members"),
    path(
        "<slug:slug>/leden/uitnodigingen/<int:pk>/intrekken/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "<slug:slug>/leden/<int:pk>/verwijderen/",
        views.membership_remove,
        name="membership_remove",
    ),
]
