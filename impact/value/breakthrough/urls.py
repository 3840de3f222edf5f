from django.urls import path

from impact.value.breakthrough import views

app_name = "breakthrough"

# Doorbraak cases of a year's Verandertheorie.
PREFIX = "initiatieven/<slug:slug>/verandertheorie/<int:year>/doorbraak/"

urlpatterns = [
    path(PREFIX, views.case_list, name="list"),
    path(f"{PREFIX}nieuw/", views.case_new, name="new"),
    path(f"{PREFIX}<int:pk>/", views.case_page, name="case"),
    path(f"{PREFIX}<int:pk>/goedkeuren/", views.case_approve, name="approve"),
    path(f"{PREFIX}<int:pk>/verwijderen/", views.case_remove, name="remove"),
]
