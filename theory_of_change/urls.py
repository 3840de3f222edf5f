from django.urls import path

from theory_of_change import review_views, views
from theory_of_change.results import import_views, logbook_views
from theory_of_change.results import views as results_views

app_name = "theory_of_change"

urlpatterns = [
    path("nieuw/", views.theory_create, name="create"),
    path("<int:year>/", views.overview, name="overview"),
    path("<int:year>/stap/<int:number>/", views.step, name="step"),
    path("<int:year>/geschiedenis/", views.history, name="history"),
    # Results through the year: every indicator at a glance, and one page per output
    # (step 5) or effect (step 6) to record counts, settings and questionnaire results.
    path("<int:year>/resultaten/", results_views.results, name="results"),
    path(
        "<int:year>/resultaten/output/<int:pk>/",
        results_views.result_output,
        name="result_output",
    ),
    path(
        "<int:year>/resultaten/effect/<int:pk>/",
        results_views.result_outcome,
        name="result_outcome",
    ),
    # Counts from a file (CSV or XLSX), and the template to fill in.
    path(
        "<int:year>/resultaten/importeren/",
        import_views.results_import,
        name="results_import",
    ),
    path(
        "<int:year>/resultaten/sjabloon.<str:fmt>",
        import_views.results_template,
        name="results_template",
    ),
    # The weekly logbook: the weeks of the year, and one screen per week ("2025-W10").
    path("<int:year>/logboek/", logbook_views.logbook, name="logbook"),
    path("<int:year>/logboek/<str:week>/", logbook_views.logbook_week, name="logbook_week"),
    # The review workflow.
    path("<int:year>/indienen/", review_views.submit, name="submit"),
    path("<int:year>/intrekken/", review_views.withdraw, name="withdraw"),
    path("<int:year>/volgend-jaar/", review_views.start_next_year, name="next_year"),
    path("<int:year>/beoordeling/", review_views.review, name="review"),
    path("<int:year>/beoordeling/aanpassen/", review_views.request_changes, name="request_changes"),
    path("<int:year>/beoordeling/goedkeuren/", review_views.approve, name="approve"),
    path("<int:year>/beoordeling/heropenen/", review_views.reopen, name="reopen"),
    path("<int:year>/beoordeling/toewijzen/", review_views.assign, name="assign"),
    path("<int:year>/opmerkingen/", review_views.comment_add, name="comment_add"),
    path(
        "<int:year>/opmerkingen/<int:pk>/reageren/",
        review_views.comment_reply,
        name="comment_reply",
    ),
    path(
        "<int:year>/opmerkingen/<int:pk>/afhandelen/",
        review_views.comment_resolve,
        name="comment_resolve",
    ),
]
