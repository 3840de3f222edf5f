"""What makes the way easier for volunteers and advisors: what a step still needs, said at
save time with a link to the field; the errors at the top of the form, each linked to its
field; the initiative page leading with the next thing to do; "begin" going on with an
existing draft; approving with open comments asking first; logging in by e-mail address."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import CommentFactory, OutputFactory, UserFactory
from tests.theory_of_change.helpers import form_data, step_url
from theory_of_change.models import Status, TheoryOfChange

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_row_saved_incomplete_is_reported_at_once_with_a_link_to_its_field(client_a, theory_a):
    data = form_data(
        theory_a,
        5,
        rows=[{"description": "Dorpsdiners", "unit": "", "target": "", "activity": ""}],
    )
    response = client_a.post(step_url(theory_a, 5), {**data, "go": "next"})
    assert response.status_code == 302
    [message] = messages_of(response)
    assert message.startswith("Stap 5 is opgeslagen, maar nog niet af:")
    row = theory_a.outputs.get()
    # Each link opens the row and goes to the field to fill in.
    assert f'href="{step_url(theory_a, 5)}?regel={row.pk}#id_rows-0-unit"' in message
    assert "Zeg bij ‘Dorpsdiners’ wat je telt." in message
    assert "#id_rows-0-target" in message and "#id_rows-0-activity" in message
    # The step's own page lists the same, and marks the row in the list.
    page = client_a.get(step_url(theory_a, 5)).content.decode()
    assert f'href="?regel={row.pk}#id_rows-0-unit"' in page and "nog niet af" in page
    opened = client_a.get(f"{step_url(theory_a, 5)}?regel={row.pk}").content.decode()
    assert 'id="id_rows-0-unit"' in opened


def test_a_complete_step_is_just_saved(client_a, theory_a):
    response = client_a.post(step_url(theory_a, 1), form_data(theory_a, 1, problem="Eenzaam."))
    assert messages_of(response) == ["Stap 1 is opgeslagen."]


def test_errors_are_summed_up_at_the_top_with_a_link_to_each_field(client_a, theory_a):
    data = form_data(
        theory_a, 5, rows=[{"description": "Dorpsdiners", "target": "veel", "unit": "x"}]
    )
    page = client_a.post(step_url(theory_a, 5), data).content.decode()
    summary = page[page.index('id="fouten"') : page.index("</div>", page.index('id="fouten"'))]
    assert 'href="#id_rows-0-target"' in summary
    assert "Nieuwe regel · Streefgetal" in summary
    assert page.index('id="fouten"') < page.index('id="id_rows-0-target"')


def test_the_initiative_page_leads_with_the_unfinished_draft(client_a, theory_a):
    theory_a.problem = "Eenzaamheid."
    theory_a.save()
    page = client_a.get(theory_a.initiative.get_absolute_url()).content.decode()
    action = page[page.index('id="wat-nu"') :]
    assert f'href="{step_url(theory_a, 2)}"' in action[:800]
    assert "Verder met stap 2 van 2025" in action[:800]
    main_buttons = re.findall(r'class="btn btn-primary[^"]*"', page)
    assert len(main_buttons) == 1  # the one solid button; "Beginnen" steps back


def test_with_changes_requested_it_leads_with_the_comments(client_a, theory_a, advisor):
    TheoryOfChange.objects.filter(pk=theory_a.pk).update(status=Status.CHANGES_REQUESTED)
    comment = CommentFactory(theory=theory_a, step=6, author=advisor)
    page = client_a.get(theory_a.initiative.get_absolute_url()).content.decode()
    assert "Reageer op 1 opmerking" in page
    assert f"{step_url(theory_a, 6)}#opmerking-{comment.pk}" in page


def test_beginning_a_year_that_exists_goes_on_with_it(client_a, theory_a):
    response = client_a.post(
        reverse("theory_of_change:create", kwargs={"slug": theory_a.initiative.slug}),
        {"year": theory_a.year},
    )
    assert response["Location"] == step_url(theory_a, 1)
    assert "Je gaat daarmee verder." in messages_of(response)[0]


def test_approving_with_open_comments_asks_first(advisor, volunteer_a, theory_a):
    from tests.factories import complete_theory
    from theory_of_change import workflow

    complete_theory(theory_a)
    OutputFactory(theory=theory_a)
    workflow.theory_submit(theory=theory_a, by=volunteer_a)
    CommentFactory(theory=theory_a, step=5, author=advisor, body="Klopt dit streefgetal?")
    client = client_for(advisor)
    approve = reverse("theory_of_change:approve", args=[theory_a.initiative.slug, 2025])

    first = client.post(approve, {"message": "Mooi werk."})
    assert first.status_code == 200
    page = first.content.decode()
    assert "Er staat nog 1 opmerking open" in page and "Klopt dit streefgetal?" in page
    assert "Toch goedkeuren" in page and "Mooi werk." in page  # the message is kept
    assert TheoryOfChange.objects.get(pk=theory_a.pk).status == Status.SUBMITTED

    second = client.post(approve, {"message": "Mooi werk.", "bevestigd": "ja"})
    assert second.status_code == 302
    assert TheoryOfChange.objects.get(pk=theory_a.pk).status == Status.APPROVED


@pytest.mark.parametrize("login", ["hanna", "Hanna@Example.org"])
def test_log_in_by_user_name_or_e_mail_address(client, login):
    UserFactory(username="hanna", email="hanna@example.org")
    response = client.post(reverse("login"), {"username": login, "password": "demo-wachtwoord"})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_an_address_of_two_accounts_logs_in_neither(client):
    for name in ("jan", "janneke"):
        UserFactory(username=name, email="gedeeld@example.org")
    response = client.post(
        reverse("login"), {"username": "gedeeld@example.org", "password": "demo-wachtwoord"}
    )
    assert response.status_code == 200 and not client.session.get("_auth_user_id")


def test_an_advisor_puts_a_new_initiative_on_the_platform_and_invites_its_coordinator(
    advisor, mailoutbox, django_capture_on_commit_callbacks
):
    from initiatives.models import Initiative, Invitation
    from tests.factories import municipality as municipality_named

    municipality = municipality_named("midden-drenthe")
    data = {
        "name": "Dorpshuis De Wijk",
        "kind": Initiative._meta.get_field("kind").choices[0][0],
        "place": "De Wijk",
        "municipality": municipality.pk,
        "coordinator_email": "coordinator@example.org",
    }
    client = client_for(advisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("workspace:initiative_new"), data)
        again = client.post(reverse("workspace:initiative_new"), data)  # a double click
    initiative = Initiative.objects.get(name="Dorpshuis De Wijk")
    assert response["Location"] == again["Location"] == initiative.get_absolute_url()
    assert initiative.slug == "dorpshuis-de-wijk" and initiative.municipality == municipality
    invitation = Invitation.objects.get(initiative=initiative)
    assert (invitation.email, invitation.role) == ("coordinator@example.org", "coordinator")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["coordinator@example.org"]


def test_only_advisors_put_initiatives_on_the_platform(client_a):
    assert client_a.get(reverse("workspace:initiative_new")).status_code == 403


# --- an advisor's comment: the initiative marks it "verwerkt", the advisor closes it --------


def test_a_volunteer_marks_an_advisors_comment_processed_and_the_advisor_closes_it(
    client_a, theory_a, advisor, volunteer_a
):
    from theory_of_change import workflow
    from theory_of_change.models import Comment

    thread = CommentFactory(theory=theory_a, step=5, author=advisor)
    reply = reverse(
        "theory_of_change:comment_reply", args=[theory_a.initiative.slug, 2025, thread.pk]
    )
    version = workflow.thread_version(thread)
    response = client_a.post(
        reply, {"body": "Aangepast in stap 5.", "resolve": "1", "base_version": version}
    )
    assert "verwerkt" in messages_of(response)[0]
    thread = Comment.objects.get(pk=thread.pk)
    assert thread.is_processed and not thread.is_resolved  # still open for the workspace
    assert thread.processed_by == volunteer_a
    page = client_a.get(step_url(theory_a, 5)).content.decode()
    assert "De adviseur sluit de opmerking af." in page

    workflow.comment_add(
        theory=theory_a, step=5, body="Nog niet helemaal.", by=advisor, thread=thread
    )
    thread = Comment.objects.get(pk=thread.pk)
    assert not thread.is_processed  # the advisor's reply: not done yet

    workflow.comment_resolve(comment=thread, by=advisor, resolved=True)
    assert Comment.objects.get(pk=thread.pk).is_resolved


def test_a_volunteer_still_closes_a_note_of_the_initiative_itself(theory_a, volunteer_a):
    from theory_of_change import workflow

    note = CommentFactory(theory=theory_a, step=3, author=volunteer_a)
    workflow.comment_resolve(comment=note, by=volunteer_a, resolved=True)
    note.refresh_from_db()
    assert note.is_resolved and not note.is_processed


def test_the_step_tabs_and_the_overview_show_where_the_comments_are(client_a, theory_a, advisor):
    TheoryOfChange.objects.filter(pk=theory_a.pk).update(status=Status.CHANGES_REQUESTED)
    comment = CommentFactory(theory=theory_a, step=6, author=advisor, body="Voor wie precies?")
    page = client_a.get(theory_a.get_absolute_url()).content.decode()
    start = page.index('id="review-status-titel"')
    status = page[start : page.index("</section>", start)]
    assert f"{step_url(theory_a, 6)}#opmerking-{comment.pk}" in status
    assert "Voor wie precies?" in status
    tab = page[page.index(f'href="{step_url(theory_a, 6)}"') :][:600]
    assert "1 opmerking" in tab
    step_page = client_a.get(step_url(theory_a, 2)).content.decode()
    assert "1 opmerking" in step_page  # the tabs on another step's page too
