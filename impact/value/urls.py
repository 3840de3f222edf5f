from django.urls import path

from impact.value import views

app_name = "value"

urlpatterns = [
    # The price list that CMO STAMM's advisors keep (`/advies/prijslijst/`).
    path("", views.price_list_page, name="price_list"),
    path("nieuw/", views.price_new, name="price_new"),
    path("<int:pk>/", views.price_edit, name="price_edit"),
]
