from django.urls import path

from theory_of_change import views

app_name = "theory_of_change"

urlpatterns = [
    path("nieuw/", views.theory_create, name="create"),
    path("<int:year>/", views.overview, name="overview"),
    path("<int:year>/stap/<int:number>/", views.step, name="step"),
    path("<int:year>/geschiedenis/", views.history, name="history"),
]
