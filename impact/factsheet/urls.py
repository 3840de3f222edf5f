"""Fact sheet URLs. Public: initiatives print them, link to them and scan their QR codes."""

from django.urls import path

from impact.factsheet import views
from impact.factsheet.render import A3, A4

app_name = "factsheet"

THEORY = "initiatieven/<slug:slug>/verandertheorie/<int:year>/"

urlpatterns = [
    path(f"{THEORY}feitenblad/", views.page, name="page"),
    path(f"{THEORY}feitenblad.pdf", views.pdf, {"variant": A4}, name="pdf"),
    path(f"{THEORY}feitenblad-a3.pdf", views.pdf, {"variant": A3}, name="poster"),
    path(f"{THEORY}feitenblad/delen/", views.share, name="share"),
    path(f"{THEORY}feitenblad/citaat/", views.quote, name="quote"),
    # The whole Verandertheorie, all ten steps, as a document of as many pages as it needs.
    path(f"{THEORY}verandertheorie.pdf", views.theory_document, name="theory_document"),
    path("feitenblad/<str:token>/", views.shared, name="shared"),
    path(
        "feitenblad/<str:token>/feitenblad.pdf",
        views.shared_pdf,
        {"variant": A4},
        name="shared_pdf",
    ),
    path(
        "feitenblad/<str:token>/feitenblad-a3.pdf",
        views.shared_pdf,
        {"variant": A3},
        name="shared_poster",
    ),
]
