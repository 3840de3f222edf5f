"""The municipality portal at /gemeente/. The paths are public: README.md lists them."""

from django.urls import path

from impact.portal import bundle_views, views

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("overzicht.pdf", views.summary_pdf, name="summary_pdf"),
    path("kerncijfers.<str:fmt>", views.figures_export, name="figures_export"),
    path("initiatieven.<str:fmt>", views.initiatives_export, name="initiatives_export"),
    path("waarde.<str:fmt>", views.value_export, name="value_export"),
    path("doorbraak.<str:fmt>", views.breakthrough_export, name="breakthrough_export"),
    path("feitenbladen/", bundle_views.create, name="bundle_create"),
    path("feitenbladen/<uuid:pk>/", bundle_views.detail, name="bundle"),
    path("feitenbladen/<uuid:pk>/voortgang/", bundle_views.progress, name="bundle_progress"),
    path("feitenbladen/<uuid:pk>/feitenbladen.zip", bundle_views.download, name="bundle_download"),
]
