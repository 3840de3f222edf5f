"""An initiative asks to join the platform at /aanmelden/; an advisor accepts (the
initiative is put on the platform and the person who asked is invited as coordinator) or
declines with a message by e-mail."""

from __future__ import annotations

import pytest
from django.urls import reverse

from initiatives.models import Initiative, Invitation, JoinRequest, JoinRequestStatus, Role
from tests.conftest import client_for
from tests.factories import municipality

pytestmark = pytest.mark.django_db

ASK = {
    "name": "Buurthuis De Linde",
    "kind": "dorpshuis",
    "place": "Beilen",
    "contact_name": "Joke Bakker",
    "email": "joke@example.org",
    "message": "Wij organiseren elke week een koffieochtend.",
}


def ask(client, **changes):
    data = {**ASK, "municipality": municipality("midden-drenthe").pk, **changes}
    return client.post(reverse("join_request"), data)


def test_anyone_asks_to_join_and_the_advisors_hear_of_it(
    client, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client)
    assert response.status_code == 200
    assert "joke@example.org" in response.content.decode()
    join = JoinRequest.objects.get()
    assert join.is_pending and join.name == "Buurthuis De Linde"
    assert [mail.to for mail in mailoutbox] == [[advisor.email]]
    assert "Buurthuis De Linde" in mailoutbox[0].subject


def test_a_mistake_keeps_what_was_typed(client):
    response = ask(client, email="geen-adres")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wij organiseren elke week een koffieochtend." in page
    assert not JoinRequest.objects.exists()


def test_a_robot_filling_the_hidden_field_is_thanked_and_ignored(client):
    response = ask(client, website="http://spam.example")
    assert response.status_code == 200
    assert not JoinRequest.objects.exists()


def test_an_advisor_accepts_and_the_asker_is_invited_as_coordinator(
    client, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    ask(client)
    join = JoinRequest.objects.get()
    advisor_client = client_for(advisor)
    assert (
        "Buurthuis De Linde"
        in advisor_client.get(reverse("workspace:join_requests")).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = advisor_client.post(reverse("workspace:join_request_accept", args=[join.pk]))
    initiative = Initiative.objects.get(name="Buurthuis De Linde")
    assert response["Location"] == initiative.get_absolute_url()
    invitation = Invitation.objects.get(initiative=initiative)
    assert (invitation.email, invitation.role) == ("joke@example.org", Role.COORDINATOR)
    join.refresh_from_db()
    assert (join.status, join.decided_by, join.initiative) == (
        JoinRequestStatus.ACCEPTED,
        advisor,
        initiative,
    )
    assert mailoutbox[-1].to == ["joke@example.org"]  # the invitation is the answer
    # Accepting again (another advisor, a double click) changes nothing.
    advisor_client.post(reverse("workspace:join_request_accept", args=[join.pk]))
    assert Initiative.objects.filter(name="Buurthuis De Linde").count() == 1


def test_an_advisor_declines_with_a_message(
    client, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    ask(client)
    join = JoinRequest.objects.get()
    advisor_client = client_for(advisor)
    decline = reverse("workspace:join_request_decline", args=[join.pk])
    advisor_client.post(decline, {"message": ""})
    assert JoinRequest.objects.get().is_pending  # a reason is needed
    with django_capture_on_commit_callbacks(execute=True):
        advisor_client.post(decline, {"message": "Jullie gemeente doet nog niet mee."})
    join.refresh_from_db()
    assert join.status == JoinRequestStatus.DECLINED
    assert mailoutbox[-1].to == ["joke@example.org"]
    assert "Jullie gemeente doet nog niet mee." in mailoutbox[-1].body
    assert not Initiative.objects.filter(name="Buurthuis De Linde").exists()


def test_only_advisors_answer(client, client_a):
    ask(client)
    join = JoinRequest.objects.get()
    assert client_a.get(reverse("workspace:join_requests")).status_code == 403
    assert (
        client_a.post(reverse("workspace:join_request_accept", args=[join.pk])).status_code == 403
    )
