"""The review pages: submitting, the review screen, decisions, assigning and comments.

Who may do what through the real URLs, what each page says, that nothing typed is lost and
that the review screen's query count does not grow with its content.
"""

import re

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import (
    ActivityFactory,
    CommentFactory,
    ImpactFactory,
    MembershipFactory,
    OutcomeFactory,
    OutputFactory,
    UserFactory,
    sheet_story,
)
from tests.theory_of_change.helpers import form_data, step_url
from theory_of_change import workflow
from theory_of_change.models import Action, Comment, Status, TheoryOfChange, Transition
from theory_of_change.results.models import Measure, SurveyMethod
from theory_of_change.results.periods import Period
from theory_of_change.results.services import count_save, indicator_for, survey_add
from theory_of_change.steps import STEPS
from theory_of_change.stories.models import Scope

pytestmark = pytest.mark.django_db


def url(name: str, theory: TheoryOfChange, **kwargs) -> str:
    return reverse(
        f"theory_of_change:{name}", args=[theory.initiative.slug, theory.year], kwargs=kwargs
    )


def comment_url(name: str, theory: TheoryOfChange, comment: Comment) -> str:
    return reverse(
        f"theory_of_change:{name}",
        kwargs={"slug": theory.initiative.slug, "year": theory.year, "pk": comment.pk},
    )


def refreshed(theory: TheoryOfChange) -> TheoryOfChange:
    return TheoryOfChange.objects.get(pk=theory.pk)


@pytest.fixture
def advisor_client(advisor):
    return client_for(advisor)


# --- submitting ------------------------------------------------------------------------------


def test_submit_page_lists_what_is_missing_with_links(client_a, theory_a):
    theory_a.problem = "Er is geen plek om elkaar te ontmoeten."
    theory_a.save()
    response = client_a.get(url("submit", theory_a))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er zijn nog 9 stappen niet klaar" in html
    for number in range(2, 11):
        assert f'href="{step_url(theory_a, number)}"' in html
    assert f'href="{step_url(theory_a, 1)}"' not in html
    assert "Indienen bij CMO STAMM" not in html


def test_submitting_an_incomplete_theory_changes_nothing(client_a, theory_a, mailoutbox):
    response = client_a.post(url("submit", theory_a), {"message": "Graag jullie blik."})
    assert response.status_code == 200
    assert "Nog niet ingediend" in response.content.decode()
    assert "Graag jullie blik." in response.content.decode()  # what was typed is kept
    assert refreshed(theory_a).status == Status.DRAFT
    assert not Transition.objects.exists()
    assert mailoutbox == []


def test_editor_submits_a_complete_theory(
    complete_a, editor_a, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(editor_a)
    assert "Indienen bij CMO STAMM" in client.get(url("submit", complete_a)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("submit", complete_a), {"message": "Zie stap 5."})
    assert response.status_code == 302
    assert response.url == url("overview", complete_a)
    theory = refreshed(complete_a)
    assert theory.status == Status.SUBMITTED
    transition = Transition.objects.get()
    assert (transition.action, transition.by, transition.message) == (
        Action.SUBMIT,
        editor_a,
        "Zie stap 5.",
    )
    assert [message.to for message in mailoutbox] == [[advisor.email]]


@pytest.mark.parametrize("who", ["reader_a", "advisor", "municipality_user_a"])
def test_only_writers_of_the_initiative_submit(request, complete_a, who):
    client = client_for(request.getfixturevalue(who))
    expected = 404 if who == "municipality_user_a" else 403  # drafts are not theirs to see
    assert client.post(url("submit", complete_a)).status_code == expected
    assert refreshed(complete_a).status == Status.DRAFT


def test_other_initiatives_get_404_on_every_review_url(client_b, submitted_a):
    thread = CommentFactory(theory=submitted_a)
    for name in ("submit", "withdraw", "next_year", "review", "request_changes", "approve"):
        assert client_b.post(url(name, submitted_a), {"message": "x"}).status_code == 404, name
    for name in ("reopen", "assign", "comment_add"):
        assert client_b.post(url(name, submitted_a), {"step": 5, "body": "x"}).status_code == 404
    for name in ("comment_reply", "comment_resolve"):
        response = client_b.post(comment_url(name, submitted_a, thread), {"body": "x"})
        assert response.status_code == 404
    assert refreshed(submitted_a).status == Status.SUBMITTED
    assert Comment.objects.count() == 1


def test_submitted_theory_is_read_only_for_volunteers(client_a, submitted_a):
    page = client_a.get(step_url(submitted_a, 1)).content.decode()
    assert 'name="base_revision"' not in page
    assert "kan nu niet worden aangepast" in page
    data = form_data(submitted_a, 1, problem="Toch nog iets anders.")
    assert client_a.post(step_url(submitted_a, 1), data).status_code == 403
    assert refreshed(submitted_a).problem != "Toch nog iets anders."


def test_volunteer_withdraws_a_submission(client_a, submitted_a):
    response = client_a.post(url("withdraw", submitted_a))
    assert response.status_code == 302
    assert refreshed(submitted_a).status == Status.DRAFT
    assert Transition.objects.latest("pk").action == Action.WITHDRAW
    # Withdrawing again finds nothing to withdraw and says so.
    response = client_a.post(url("withdraw", submitted_a), follow=True)
    assert "Dat kan niet meer" in response.content.decode()


# --- advisors' decisions ---------------------------------------------------------------------


def test_advisor_requests_changes_with_a_message(
    advisor_client, submitted_a, volunteer_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = advisor_client.post(
            url("request_changes", submitted_a), {"message": "Maak stap 5 concreter."}
        )
    assert response.status_code == 302
    assert response.url == url("review", submitted_a)
    assert refreshed(submitted_a).status == Status.CHANGES_REQUESTED
    assert [message.to for message in mailoutbox] == [[volunteer_a.email]]
    overview = client_for(volunteer_a).get(url("overview", submitted_a)).content.decode()
    assert "De adviseur vraagt om aanpassingen" in overview
    assert "Maak stap 5 concreter." in overview


def test_a_change_request_without_message_keeps_the_page_and_changes_nothing(
    advisor_client, submitted_a
):
    response = advisor_client.post(url("request_changes", submitted_a), {"message": "  "})
    assert response.status_code == 200
    assert "Schrijf hier eerst iets." in response.content.decode()
    assert refreshed(submitted_a).status == Status.SUBMITTED


def test_a_too_long_message_is_shown_again_with_what_was_typed(advisor_client, submitted_a):
    message = "Lang verhaal. " * 400
    response = advisor_client.post(url("request_changes", submitted_a), {"message": message})
    assert response.status_code == 200
    assert message.strip() in response.content.decode()
    assert refreshed(submitted_a).status == Status.SUBMITTED


def test_decision_urls_show_their_form_on_get_and_change_nothing(advisor_client, submitted_a):
    for name in ("request_changes", "approve"):
        response = advisor_client.get(url(name, submitted_a))
        assert response.status_code == 200
        assert 'name="message"' in response.content.decode()
    assert refreshed(submitted_a).status == Status.SUBMITTED


def test_advisor_approves_and_the_municipality_can_read_it(
    advisor_client, submitted_a, municipality_user_a
):
    municipality = client_for(municipality_user_a)
    assert municipality.get(url("overview", submitted_a)).status_code == 404
    response = advisor_client.post(url("approve", submitted_a), {"message": "Mooi gedaan!"})
    assert response.status_code == 302
    theory = refreshed(submitted_a)
    assert theory.status == Status.APPROVED
    assert theory.approved_at is not None
    assert municipality.get(url("overview", submitted_a)).status_code == 200
    # Comments and the timeline stay between the initiative and its advisors.
    assert municipality.get(url("review", submitted_a)).status_code == 403


def test_a_second_advisor_who_was_too_late_is_told(advisor_client, second_advisor, submitted_a):
    client_for(second_advisor).post(url("approve", submitted_a), {"message": ""})
    response = advisor_client.post(
        url("request_changes", submitted_a), {"message": "Nog iets."}, follow=True
    )
    assert "Dat kan niet meer: de status is intussen ‘Goedgekeurd’" in response.content.decode()
    assert refreshed(submitted_a).status == Status.APPROVED
    assert Transition.objects.filter(action=Action.REQUEST_CHANGES).count() == 0


@pytest.mark.parametrize("who", ["volunteer_a", "editor_a", "reader_a"])
@pytest.mark.parametrize("name", ["request_changes", "approve"])
def test_members_cannot_decide(request, submitted_a, who, name):
    client = client_for(request.getfixturevalue(who))
    assert client.post(url(name, submitted_a), {"message": "Zelf goedgekeurd"}).status_code == 403
    assert refreshed(submitted_a).status == Status.SUBMITTED


def test_advisor_reopens_an_approved_theory_with_a_reason(advisor_client, approved_a, client_a):
    assert advisor_client.post(url("reopen", approved_a), {"message": ""}).status_code == 200
    assert refreshed(approved_a).status == Status.APPROVED
    advisor_client.post(url("reopen", approved_a), {"message": "Het jaartal in stap 5 klopt niet."})
    theory = refreshed(approved_a)
    assert theory.status == Status.CHANGES_REQUESTED
    assert theory.approved_at is None
    overview = client_a.get(url("overview", approved_a)).content.decode()
    assert "weer opengezet" in overview
    assert "Het jaartal in stap 5 klopt niet." in overview


def test_approved_theory_cannot_be_approved_again(advisor_client, approved_a):
    response = advisor_client.post(url("approve", approved_a), {"message": ""}, follow=True)
    assert "Dat kan niet meer" in response.content.decode()
    assert Transition.objects.filter(action=Action.APPROVE).count() == 1


# --- assigning -------------------------------------------------------------------------------


def test_assign_to_me_and_back(advisor_client, advisor, second_advisor, submitted_a):
    workspace = reverse("workspace:index") + "?status=submitted"
    response = advisor_client.post(
        url("assign", submitted_a), {"advisor": advisor.pk, "next": workspace}
    )
    assert response.url == workspace
    assert refreshed(submitted_a).assigned_advisor == advisor
    advisor_client.post(
        url("assign", submitted_a), {"advisor": second_advisor.pk, "base_version": advisor.pk}
    )
    assert refreshed(submitted_a).assigned_advisor == second_advisor
    advisor_client.post(
        url("assign", submitted_a), {"advisor": "", "base_version": second_advisor.pk}
    )
    assert refreshed(submitted_a).assigned_advisor is None


def test_an_assignment_changed_by_another_advisor_meanwhile_is_not_overwritten(
    advisor_client, advisor, second_advisor, submitted_a
):
    """Both open the review screen while nobody is assigned; the other advisor takes it
    first. Taking it from the page opened before changes nothing and says who has it;
    choosing again from the page as it is now changes it on purpose."""
    html = advisor_client.get(url("review", submitted_a)).content.decode()
    opened = re.search(r'name="base_version" value="([^"]*)"', html).group(1)
    assert opened == ""
    workflow.theory_assign(theory=submitted_a, advisor=second_advisor, by=second_advisor)

    response = advisor_client.post(
        url("assign", submitted_a), {"advisor": advisor.pk, "base_version": opened}
    )

    assert response.status_code == 302
    assert refreshed(submitted_a).assigned_advisor == second_advisor
    page = advisor_client.get(response.url).content.decode()
    assert f"{second_advisor.display_name} beoordeelt Dorpshuis Smilde 2025 sinds kort" in page
    now = re.search(r'name="base_version" value="([^"]*)"', page).group(1)
    assert now == str(second_advisor.pk)
    advisor_client.post(url("assign", submitted_a), {"advisor": advisor.pk, "base_version": now})
    assert refreshed(submitted_a).assigned_advisor == advisor


def test_choosing_whoever_has_it_already_is_no_conflict(advisor_client, advisor, submitted_a):
    workflow.theory_assign(theory=submitted_a, advisor=advisor, by=advisor)

    response = advisor_client.post(url("assign", submitted_a), {"advisor": advisor.pk})

    assert refreshed(submitted_a).assigned_advisor == advisor
    page = advisor_client.get(response.url).content.decode()
    assert "Er is niets veranderd" not in page


def test_only_advisors_can_be_assigned_and_next_stays_on_this_site(
    advisor_client, volunteer_a, submitted_a
):
    response = advisor_client.post(
        url("assign", submitted_a),
        {"advisor": volunteer_a.pk, "next": "https://example.com/elders"},
    )
    assert response.url == url("review", submitted_a)
    assert refreshed(submitted_a).assigned_advisor is None
    assert advisor_client.post(url("assign", submitted_a), {"advisor": "abc"}).status_code == 302
    assert refreshed(submitted_a).assigned_advisor is None


# --- comments --------------------------------------------------------------------------------


def test_advisor_comment_reaches_the_volunteer_on_the_step_and_the_overview(
    advisor_client, client_a, submitted_a
):
    response = advisor_client.post(
        url("comment_add", submitted_a),
        {"step": "5", "body": "Hoeveel dorpsdiners willen jullie per jaar?", "next": "/x"},
    )
    comment = Comment.objects.get()
    assert response.url == f"/x#opmerking-{comment.pk}"
    assert (comment.step, comment.thread) == (5, None)
    step_page = client_a.get(step_url(submitted_a, 5)).content.decode()
    assert "Hoeveel dorpsdiners willen jullie per jaar?" in step_page
    assert f'id="opmerking-{comment.pk}"' in step_page
    assert "Hoeveel dorpsdiners" not in client_a.get(step_url(submitted_a, 4)).content.decode()
    overview = client_a.get(url("overview", submitted_a)).content.decode()
    assert "1 open opmerking" in overview
    assert f"{step_url(submitted_a, 5)}#opmerking-{comment.pk}" in overview


def test_volunteer_replies_and_marks_processed_in_one_click(client_a, volunteer_a, submitted_a):
    thread = CommentFactory(theory=submitted_a, step=5)  # an advisor's
    response = client_a.post(
        comment_url("comment_reply", submitted_a, thread),
        {"body": "Aangepast: twaalf per jaar.", "resolve": "1", "base_version": thread.pk},
    )
    assert response.url == f"{step_url(submitted_a, 5)}#opmerking-{thread.pk}"
    thread.refresh_from_db()
    assert thread.is_processed and not thread.is_resolved
    assert thread.processed_by == volunteer_a
    assert thread.replies.get().body == "Aangepast: twaalf per jaar."


def test_resolve_and_reopen_a_thread(advisor_client, submitted_a):
    thread = CommentFactory(theory=submitted_a)
    advisor_client.post(
        comment_url("comment_resolve", submitted_a, thread),
        {"resolved": "1", "base_version": thread.pk},
    )
    thread.refresh_from_db()
    assert thread.is_resolved
    advisor_client.post(comment_url("comment_resolve", submitted_a, thread), {"resolved": "0"})
    thread.refresh_from_db()
    assert not thread.is_resolved


def resolve_version_on(client, theory: TheoryOfChange, step: int) -> str:
    """The version that the thread's forms carry on the step's page (the only thread)."""
    html = client.get(step_url(theory, step)).content.decode()
    return re.search(r'name="base_version" value="([^"]*)"', html).group(1)


def test_a_thread_with_a_reply_since_the_page_was_opened_is_not_resolved_unread(
    advisor_client, client_a, submitted_a
):
    """The advisor's page shows the thread without the volunteer's new reply: "handled"
    from that page leaves the thread open and says why; from the page as it is now, it
    resolves."""
    thread = CommentFactory(theory=submitted_a, step=5)
    opened = resolve_version_on(advisor_client, submitted_a, 5)
    assert opened == str(thread.pk)
    client_a.post(comment_url("comment_reply", submitted_a, thread), {"body": "Nog niet klaar."})

    response = advisor_client.post(
        comment_url("comment_resolve", submitted_a, thread),
        {"resolved": "1", "base_version": opened},
    )

    thread.refresh_from_db()
    assert not thread.is_resolved
    page = advisor_client.get(response.url).content.decode()
    assert "De opmerking is niet afgehandeld: er kwam intussen een nieuwe reactie bij." in page
    assert "Nog niet klaar." in page
    now = resolve_version_on(advisor_client, submitted_a, 5)
    advisor_client.post(
        comment_url("comment_resolve", submitted_a, thread), {"resolved": "1", "base_version": now}
    )
    thread.refresh_from_db()
    assert thread.is_resolved


def test_reply_and_resolve_from_an_old_page_places_the_reply_and_leaves_it_open(
    advisor_client, client_a, submitted_a
):
    thread = CommentFactory(theory=submitted_a, step=5)
    opened = resolve_version_on(client_a, submitted_a, 5)
    advisor_client.post(comment_url("comment_reply", submitted_a, thread), {"body": "En nu?"})

    response = client_a.post(
        comment_url("comment_reply", submitted_a, thread),
        {"body": "Aangepast.", "resolve": "1", "base_version": opened},
    )

    thread.refresh_from_db()
    assert not thread.is_resolved
    assert list(thread.replies.values_list("body", flat=True)) == ["En nu?", "Aangepast."]
    page = client_a.get(response.url).content.decode()
    assert "De opmerking is nog níét afgehandeld" in page


def test_an_empty_comment_is_refused_in_dutch_and_a_long_one_kept(advisor_client, submitted_a):
    response = advisor_client.post(url("comment_add", submitted_a), {"step": "5", "body": ""})
    assert response.status_code == 200
    assert "Schrijf hier eerst iets." in response.content.decode()
    long_text = "Woord " * 900
    response = advisor_client.post(
        url("comment_add", submitted_a), {"step": "5", "body": long_text}
    )
    assert response.status_code == 200
    assert long_text.strip() in response.content.decode()
    assert not Comment.objects.exists()


def test_comment_on_an_unknown_step_is_404(advisor_client, submitted_a):
    for step in ("11", "0", "x", ""):
        response = advisor_client.post(url("comment_add", submitted_a), {"step": step, "body": "a"})
        assert response.status_code == 404


def test_readers_read_comments_but_do_not_write_them(reader_a, submitted_a):
    thread = CommentFactory(theory=submitted_a, step=3, body="Welke ruimte gebruiken jullie?")
    client = client_for(reader_a)
    page = client.get(url("review", submitted_a)).content.decode()
    assert "Welke ruimte gebruiken jullie?" in page
    assert "Je reactie" not in page
    assert client.post(url("comment_add", submitted_a), {"step": 3, "body": "a"}).status_code == 403
    reply = comment_url("comment_reply", submitted_a, thread)
    assert client.post(reply, {"body": "a"}).status_code == 403


def test_reply_to_a_reply_or_another_theory_is_404(advisor_client, submitted_a, theory_b):
    thread = CommentFactory(theory=submitted_a)
    reply = CommentFactory(theory=submitted_a, thread=thread)
    other = CommentFactory(theory=theory_b)
    for target in (reply, other):
        response = advisor_client.post(
            comment_url("comment_reply", submitted_a, target), {"body": "a"}
        )
        assert response.status_code == 404


# --- the review screen -----------------------------------------------------------------------


def test_review_screen_shows_every_step_with_question_answer_and_comments(
    advisor_client, submitted_a
):
    CommentFactory(theory=submitted_a, step=7, body="Welk thema past hier het best?")
    html = advisor_client.get(url("review", submitted_a)).content.decode()
    for step in STEPS:
        assert f'id="stap-{step.number}"' in html
        assert str(step.question) in html
        assert f'id="opmerking-nieuw-{step.number}"' in html
    assert submitted_a.problem in html
    assert "Welk thema past hier het best?" in html
    assert "Aanpassingen vragen" in html and "Goedkeuren" in html
    assert 'id="verloop"' in html


def test_timeline_shows_every_transition(advisor_client, advisor, volunteer_a, submitted_a):
    workflow.theory_request_changes(theory=submitted_a, by=advisor, message="Stap 5 graag.")
    workflow.theory_submit(theory=submitted_a, by=volunteer_a, message="Gedaan.")
    workflow.theory_approve(theory=submitted_a, by=advisor, message="Top.")
    html = advisor_client.get(url("review", submitted_a)).content.decode()
    timeline = html[html.index('id="verloop"') :]
    for text in ("Ingediend", "Aanpassingen gevraagd", "Goedgekeurd", "Stap 5 graag.", "Top."):
        assert text in timeline
    assert timeline.index("Stap 5 graag.") < timeline.index("Gedaan.") < timeline.index("Top.")
    assert "van ‘Ingediend’ naar ‘Aanpassingen gevraagd’" in timeline


def test_resubmission_shows_the_advisor_what_changed(
    advisor_client, advisor, client_a, volunteer_a, submitted_a
):
    workflow.theory_request_changes(theory=submitted_a, by=advisor, message="Stap 1 scherper.")
    latest = submitted_a.revisions.filter(step=1).latest("pk")
    data = form_data(
        submitted_a, 1, base_revision=latest.pk, problem="Ouderen in Smilde zijn vaak alleen."
    )
    assert client_a.post(step_url(submitted_a, 1), data).status_code == 302
    # The volunteer sees the change before submitting again…
    submit_page = client_a.get(url("submit", submitted_a)).content.decode()
    assert "Wat je hebt veranderd sinds de vorige keer" in submit_page
    assert "Ouderen in Smilde zijn vaak alleen." in submit_page
    client_a.post(url("submit", submitted_a), {"message": ""})
    # …and the advisor sees it on the review screen, at step 1 only.
    html = advisor_client.get(url("review", submitted_a)).content.decode()
    assert "is 1 stap veranderd" in html
    step_1 = html[html.index('id="stap-1"') : html.index('id="stap-2"')]
    step_2 = html[html.index('id="stap-2"') : html.index('id="stap-3"')]
    assert "<ins>" in step_1 and "Ouderen in Smilde zijn vaak alleen." in step_1
    assert "Wat is er veranderd" not in step_2


#: The user (1), initiative access (2), theory with all step content (12), the
#: baseline submission (1), its revisions (1), comment threads (1), transitions (1), the
#: advisors to assign (1), the results beside steps 5, 6 and 9 (5) and the stories the
#: advisor may read beside steps 6, 7 and 9 with their effects and impacts (3).
REVIEW_QUERIES = 28


def advisor_story(theory) -> None:
    """A story cleared for advisors, illustrating an effect and an impact."""
    story = sheet_story(theory, "Hier hoor ik erbij.", scope=Scope.ADVISOR)
    story.outcomes.set([OutcomeFactory(theory=theory)])
    story.impacts.set([ImpactFactory(theory=theory)])


def test_review_screen_query_count_does_not_grow(
    advisor_client, advisor, volunteer_a, submitted_a, django_assert_num_queries
):
    workflow.theory_request_changes(theory=submitted_a, by=advisor, message="Meer graag.")
    workflow.theory_submit(theory=submitted_a, by=volunteer_a)
    CommentFactory(theory=submitted_a, step=3)
    advisor_story(submitted_a)
    advisor_client.get(url("review", submitted_a))  # warm up
    with django_assert_num_queries(REVIEW_QUERIES):
        assert advisor_client.get(url("review", submitted_a)).status_code == 200
    for number in range(10):
        activity = ActivityFactory(theory=submitted_a)
        output = OutputFactory(theory=submitted_a, activity=activity)
        indicator = indicator_for(output=output)
        for month in range(1, 4):
            count_save(
                indicator=indicator, period=Period.parse(f"2025-{month:02}"), value=3, by=None
            )
        thread = CommentFactory(theory=submitted_a, step=number + 1)
        CommentFactory(theory=submitted_a, step=number + 1, thread=thread)
        UserFactory(is_advisor=True)
        advisor_story(submitted_a)
    with django_assert_num_queries(REVIEW_QUERIES):
        assert advisor_client.get(url("review", submitted_a)).status_code == 200


def results_section(html: str, step: int) -> str:
    section = html[html.index(f'id="stap-{step}"') : html.index(f'id="stap-{step + 1}"')]
    return section[section.index("review-results") :] if "review-results" in section else ""


def test_review_shows_the_results_beside_steps_5_6_and_9(
    advisor_client, advisor, volunteer_a, submitted_a
):
    output = submitted_a.outputs.first()
    outcome = submitted_a.outcomes.first()
    counted = indicator_for(output=output)
    for month, value in ((1, 4), (2, 6), (3, 5)):
        count_save(
            indicator=counted,
            period=Period.parse(f"2025-{month:02}"),
            value=value,
            note="Mevrouw Jansen kwam weer",
            by=volunteer_a,
        )
    surveyed = indicator_for(outcome=outcome)
    surveyed.measure = Measure.SURVEY
    surveyed.save()
    survey_add(
        indicator=surveyed,
        period=Period.parse("2025-Q2"),
        question="Ik voel me minder alleen",
        respondents=24,
        agreeing=18,
        method=SurveyMethod.INTERVIEW,
        by=volunteer_a,
    )
    html = advisor_client.get(url("review", submitted_a)).content.decode()
    step_5 = results_section(html, 5)
    assert output.description in step_5
    assert "<strong>15</strong>" in step_5
    assert "opgeteld over jan–mrt 2025" in step_5 and "geteld in 3 van 12 maanden" in step_5
    step_6 = results_section(html, 6)
    assert "18 van de 24 deelnemers (75%) zeggen: „Ik voel me minder alleen”" in step_6
    step_9 = results_section(html, 9)
    assert "Ik voel me minder alleen" in step_9 and "interview" in step_9.lower()
    # Beside the other steps nothing; and the notes stay on the results pages.
    assert all(not results_section(html, step) for step in (1, 2, 3, 4, 7, 8))
    assert "Mevrouw Jansen" not in html


def test_review_without_results_says_nothing_was_counted(advisor_client, submitted_a):
    html = advisor_client.get(url("review", submitted_a)).content.decode()
    assert "Er is nog niets geteld." in results_section(html, 5)
    assert "Er zijn nog geen uitkomsten van vragenlijsten ingevuld." in results_section(html, 9)


# --- the overview and the next year ----------------------------------------------------------


def test_overview_tells_each_status(client_a, advisor, volunteer_a, complete_a):
    assert "Alle stappen zijn klaar." in client_a.get(url("overview", complete_a)).content.decode()
    workflow.theory_submit(theory=complete_a, by=volunteer_a)
    page = client_a.get(url("overview", complete_a)).content.decode()
    assert "Ingediend: een adviseur kijkt ernaar" in page
    assert "Indiening terugtrekken" in page
    workflow.theory_approve(theory=complete_a, by=advisor, message="Prachtig werk.")
    page = client_a.get(url("overview", complete_a)).content.decode()
    assert "Goedgekeurd op" in page and "Prachtig werk." in page
    assert f"Begin aan {complete_a.year + 1}" in page


def test_start_next_year_from_the_overview(client_a, approved_a):
    response = client_a.post(url("next_year", approved_a))
    copy = TheoryOfChange.objects.get(initiative=approved_a.initiative, year=approved_a.year + 1)
    assert response.url == url("overview", copy)
    assert copy.status == Status.DRAFT
    assert refreshed(approved_a).status == Status.APPROVED
    page = client_a.get(url("overview", approved_a)).content.decode()
    assert f"Naar {approved_a.year + 1}" in page
    # A second click finds the year already there and goes on with it: the copy of a
    # complete theory is complete, so its next step is sending it in.
    response = client_a.post(url("next_year", approved_a))
    assert response.url == url("submit", copy)
    assert TheoryOfChange.objects.filter(initiative=approved_a.initiative).count() == 2


def test_next_year_continues_a_submitted_theory_and_needs_a_writer(client_a, reader_a, submitted_a):
    assert client_for(reader_a).post(url("next_year", submitted_a)).status_code == 403
    assert TheoryOfChange.objects.count() == 1
    assert client_a.post(url("next_year", submitted_a)).status_code == 302
    copy = TheoryOfChange.objects.get(year=submitted_a.year + 1)
    assert copy.status == Status.DRAFT
    assert refreshed(submitted_a).status == Status.SUBMITTED


def test_advisors_start_at_the_workspace_and_volunteers_at_their_initiatives(
    advisor_client, client_a, volunteer_a, initiative_b
):
    assert advisor_client.get(reverse("home")).url == reverse("workspace:index")
    # One initiative: straight to its page, which leads with what to do next.
    assert (
        client_a.get(reverse("home")).url
        == volunteer_a.memberships.get().initiative.get_absolute_url()
    )
    # More than one: the list of them.
    MembershipFactory(user=volunteer_a, initiative=initiative_b)
    assert client_a.get(reverse("home")).url == reverse("initiatives:list")
