from django.urls import path

from impact.value import views

app_name = "value"

urlpatterns = [
    # The price list that CMO STAMM's advisors keep.
    path("advies/prijslijst/", views.price_list_page, name="price_list"),
    path("advies/prijslijst/nieuw/", views.price_new, name="price_new"),
    path("advies/prijslijst/<int:pk>/", views.price_edit, name="price_edit"),
    # What waits for an advisor's approval: valuations and doorbraak cases.
    path("advies/waarde/", views.approvals, name="approvals"),
    # A year's counted results valued in euros, and the SROI indication.
    path(
        "initiatieven/<slug:slug>/verandertheorie/<int:year>/waarde/",
        views.value_page,
        name="value",
    ),
]
