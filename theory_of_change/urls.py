from django.urls import path

from theory_of_change import review_views, views
from theory_of_change.results import import_views, logbook_views
from theory_of_change.results import views as results_views
from theory_of_change.stories import views as story_views

app_name = "theory_of_change"

urlpatterns = [
    path("nieuw/", views.theory_create, name="create"),
    path("<int:year>/", views.overview, name="overview"),
    path("<int:year>/stap/<int:number>/", views.step, name="step"),
    path("<int:year>/stap/<int:number>/terugzetten/", views.row_restore, name="row_restore"),
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
    # Stories with consent: the year's stories, one story with its consent register.
    path("<int:year>/verhalen/", story_views.stories, name="stories"),
    path("<int:year>/verhalen/nieuw/", story_views.story_new, name="story_new"),
    path("<int:year>/verhalen/<int:pk>/", story_views.story, name="story"),
    path("<int:year>/verhalen/<int:pk>/bewerken/", story_views.story_edit, name="story_edit"),
    path("<int:year>/verhalen/<int:pk>/bereik/", story_views.story_scope, name="story_scope"),
    path(
        "<int:year>/verhalen/<int:pk>/toestemming/",
        story_views.consent_new,
        name="consent_new",
    ),
    path(
        "<int:year>/verhalen/<int:pk>/toestemming/intrekken/",
        story_views.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path(
        "<int:year>/verhalen/<int:pk>/toestemming/<int:consent>/formulier/",
        story_views.consent_document,
        name="consent_document",
    ),
    path(
        "<int:year>/verhalen/<int:pk>/verwijderen/", story_views.story_remove, name="story_delete"
    ),
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
