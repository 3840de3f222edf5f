from django.urls import path

from initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("<slug:slug>/", views.initiative_detail, name="detail"),
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
