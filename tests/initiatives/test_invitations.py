"""Inviting people by e-mail and accepting an invitation (with or without an account)."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from initiatives import services
from initiatives.models import Invitation, Membership, Role, User, hash_token
from tests.conftest import client_for
from tests.factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db

MEMBERS_URL = reverse("initiatives:members", kwargs={"slug": "dorpshuis-smilde"})
DETAIL_URL = reverse("initiatives:detail", kwargs={"slug": "dorpshuis-smilde"})


@pytest.fixture(autouse=True)
def locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://waarde.example.org"


def accept_url(token: str) -> str:
    return reverse("invitation_accept", kwargs={"token": token})


def invite(initiative, by, email="nieuw@example.org", role=Role.EDITOR):
    return services.invitation_create(initiative=initiative, email=email, role=role, by=by)


def link_in(message) -> str:
    match = re.search(r"https://waarde\.example\.org(/uitnodiging/[\w-]+/)", message.body)
    assert match, message.body
    return match.group(1)


# --- creating -------------------------------------------------------------------------


def test_coordinator_invites_and_one_mail_with_working_link_is_sent(
    client_a, volunteer_a, initiative_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(MEMBERS_URL, {"email": "Jan@Example.org", "role": "reader"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Jan@example.org"]
    assert "Dorpshuis Smilde" in message.subject
    assert "Meelezer" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    path = link_in(message)
    assert path in html

    invitation = Invitation.objects.get()
    assert invitation.role == Role.READER
    assert invitation.invited_by == volunteer_a
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash == hash_token(token)
    assert token not in invitation.token_hash
    # The link works: the page shows the initiative and the role.
    page = client_for(None).get(path)
    assert page.status_code == 200
    assert "Dorpshuis Smilde" in page.content.decode()


def test_mail_waits_for_the_commit(volunteer_a, initiative_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite(initiative_a, volunteer_a)
    assert len(mail.outbox) == 0
    assert len(callbacks) == 1


def test_invitation_expires_after_configured_days(settings, volunteer_a, initiative_a):
    settings.INVITATION_VALID_DAYS = 3
    invitation, _ = invite(initiative_a, volunteer_a)
    remaining = invitation.expires_at - timezone.now()
    assert timedelta(days=2, hours=23) < remaining <= timedelta(days=3)


def test_reinvite_revokes_the_earlier_invitation(volunteer_a, initiative_a):
    first, first_token = invite(initiative_a, volunteer_a, email="jan@example.org")
    second, second_token = invite(initiative_a, volunteer_a, email="JAN@example.org")
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.is_usable
    assert client_for(None).get(accept_url(first_token)).status_code == 410
    assert client_for(None).get(accept_url(second_token)).status_code == 200


def test_inviting_a_member_is_refused_with_a_clear_message(client_a, editor_a, initiative_a):
    response = client_a.post(MEMBERS_URL, {"email": editor_a.email.upper(), "role": "editor"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "is al lid van dit initiatief" in html
    assert editor_a.email.upper() in html  # the typed address is still in the form
    assert not Invitation.objects.exists()


def test_invalid_email_is_refused_and_kept(client_a, initiative_a):
    response = client_a.post(MEMBERS_URL, {"email": "jan-at-example", "role": "editor"})
    assert response.status_code == 200
    assert 'value="jan-at-example"' in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    "who, status",
    [
        ("editor_a", 403),
        ("reader_a", 403),
        ("advisor", 403),
        ("municipality_user_a", 403),
        ("volunteer_b", 404),
        ("municipality_user_b", 404),
    ],
)
def test_only_coordinators_invite(request, initiative_a, who, status):
    client = client_for(request.getfixturevalue(who))
    response = client.post(MEMBERS_URL, {"email": "jan@example.org", "role": "coordinator"})
    assert response.status_code == status
    assert not Invitation.objects.exists()


def test_anonymous_cannot_invite(anonymous_client, initiative_a):
    response = anonymous_client.post(MEMBERS_URL, {"email": "jan@example.org", "role": "editor"})
    assert response.status_code == 302
    assert not Invitation.objects.exists()


def test_coordinator_revokes_an_invitation(client_a, volunteer_a, initiative_a):
    invitation, token = invite(initiative_a, volunteer_a)
    url = reverse(
        "initiatives:invitation_revoke", kwargs={"slug": "dorpshuis-smilde", "pk": invitation.pk}
    )
    assert client_a.get(url).status_code == 405  # no state change on GET
    assert client_a.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    response = client_for(None).get(accept_url(token))
    assert response.status_code == 410
    assert "ingetrokken" in response.content.decode()


def test_revoke_permissions(client_b, editor_a, volunteer_a, initiative_a):
    invitation, _ = invite(initiative_a, volunteer_a)
    url = reverse(
        "initiatives:invitation_revoke", kwargs={"slug": "dorpshuis-smilde", "pk": invitation.pk}
    )
    assert client_for(editor_a).post(url).status_code == 403
    assert client_b.post(url).status_code == 404
    # An invitation of another initiative cannot be reached through this one.
    other_url = reverse(
        "initiatives:invitation_revoke",
        kwargs={"slug": "dorpsloket-middelstum", "pk": invitation.pk},
    )
    assert client_b.post(other_url).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


# --- accepting ------------------------------------------------------------------------


def account_data(**changes) -> dict:
    data = {
        "first_name": "Jan",
        "last_name": "de Vries",
        "username": "jan",
        "email": "iets-anders@example.org",  # ignored: the invited address is used
        "password1": "Dorpshuis-Smilde-2025!",
        "password2": "Dorpshuis-Smilde-2025!",
    }
    data.update(changes)
    return data


def test_new_user_creates_account_and_becomes_member(volunteer_a, initiative_a):
    _, token = invite(initiative_a, volunteer_a, email="jan.de.vries@example.org", role=Role.EDITOR)
    client = client_for(None)
    page = client.get(accept_url(token))
    assert page.status_code == 200
    html = page.content.decode()
    assert "jan.de.vries@example.org" in html
    assert page.context["account_form"].initial["username"] == "jan.de.vries"
    assert "?next=" + accept_url(token) in html.replace("%2F", "/")

    response = client.post(accept_url(token), account_data())
    assert response.status_code == 302
    assert response.url == DETAIL_URL
    user = User.objects.get(username="jan")
    assert user.email == "jan.de.vries@example.org"
    assert user.check_password("Dorpshuis-Smilde-2025!")
    assert Membership.objects.get(user=user, initiative=initiative_a).role == Role.EDITOR
    assert get_user(client) == user  # logged in
    follow = client.get(response.url)
    assert "Welkom bij Dorpshuis Smilde" in follow.content.decode()
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user and invitation.accepted_at is not None


def test_weak_password_gets_dutch_messages_and_keeps_input(volunteer_a, initiative_a):
    _, token = invite(initiative_a, volunteer_a)
    response = client_for(None).post(
        accept_url(token), account_data(password1="12345678", password2="12345678")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit wachtwoord is te algemeen." in html
    assert "Dit wachtwoord bevat alleen cijfers." in html
    assert 'value="de Vries"' in html
    assert not User.objects.filter(username="jan").exists()
    assert Invitation.objects.get().is_usable


def test_mismatching_passwords_are_refused(volunteer_a, initiative_a):
    _, token = invite(initiative_a, volunteer_a)
    response = client_for(None).post(accept_url(token), account_data(password2="iets anders"))
    assert "De twee wachtwoorden zijn niet hetzelfde." in response.content.decode()
    assert not User.objects.filter(username="jan").exists()


def test_taken_username_is_refused(volunteer_a, initiative_a):
    _, token = invite(initiative_a, volunteer_a)
    response = client_for(None).post(accept_url(token), account_data(username=volunteer_a.username))
    assert response.status_code == 200
    assert response.context["account_form"].errors["username"]


def test_existing_account_for_email_is_asked_to_log_in(volunteer_a, initiative_a):
    UserFactory(username="bestaat", email="jan@example.org")
    _, token = invite(initiative_a, volunteer_a, email="jan@example.org")
    response = client_for(None).post(accept_url(token), account_data())
    assert "Er is al een account met dit e-mailadres" in response.content.decode()
    assert not User.objects.filter(username="jan").exists()


def test_logged_in_user_accepts_with_a_button(volunteer_a, initiative_a):
    jan = UserFactory(username="jan", email="jan@example.org")
    _, token = invite(initiative_a, volunteer_a, email="jan@example.org", role=Role.READER)
    client = client_for(jan)
    page = client.get(accept_url(token))
    assert page.status_code == 200
    assert "Accepteren" in page.content.decode()
    assert not Membership.objects.filter(user=jan).exists()  # GET changes nothing
    response = client.post(accept_url(token))
    assert response.status_code == 302
    assert response.url == DETAIL_URL
    assert Membership.objects.get(user=jan, initiative=initiative_a).role == Role.READER


def test_token_is_single_use(volunteer_a, initiative_a):
    jan, piet = UserFactory(username="jan"), UserFactory(username="piet")
    _, token = invite(initiative_a, volunteer_a, email=jan.email)
    assert client_for(jan).post(accept_url(token)).status_code == 302
    response = client_for(piet).post(accept_url(token))
    assert response.status_code == 410
    assert "al gebruikt" in response.content.decode()
    assert not Membership.objects.filter(user=piet).exists()
    with pytest.raises(services.InvitationUnusable) as error:
        services.invitation_accept(invitation_token=token, user=piet)
    assert error.value.reason == "used"


def test_second_account_cannot_be_made_with_a_used_link(volunteer_a, initiative_a):
    _, token = invite(initiative_a, volunteer_a)
    client_for(None).post(accept_url(token), account_data())
    response = client_for(None).post(accept_url(token), account_data(username="jan2"))
    assert response.status_code == 410
    assert not User.objects.filter(username="jan2").exists()


def test_expired_invitation_is_refused(volunteer_a, initiative_a):
    invitation, token = invite(initiative_a, volunteer_a)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client_for(None).get(accept_url(token))
    assert response.status_code == 410
    html = response.content.decode()
    assert "Deze link werkt niet meer" in html
    assert "verlopen" in html
    assert "nieuwe uitnodiging" in html
    assert client_for(None).post(accept_url(token), account_data()).status_code == 410
    assert not User.objects.filter(username="jan").exists()


def test_revoked_invitation_is_refused_for_logged_in_user(volunteer_a, initiative_a):
    jan = UserFactory(username="jan")
    invitation, token = invite(initiative_a, volunteer_a, email=jan.email)
    services.invitation_revoke(invitation=invitation, by=volunteer_a)
    assert client_for(jan).post(accept_url(token)).status_code == 410
    assert not Membership.objects.filter(user=jan).exists()


def test_unknown_token_is_404_with_friendly_page(anonymous_client):
    InvitationFactory()  # something else exists
    response = anonymous_client.get(accept_url("onbekend-token"))
    assert response.status_code == 404
    assert "Deze link werkt niet meer" in response.content.decode()


def test_accepting_never_lowers_a_role(volunteer_a, editor_a, initiative_a):
    _, token = invite(initiative_a, volunteer_a, email="ander@example.org", role=Role.READER)
    membership = services.invitation_accept(invitation_token=token, user=editor_a)
    assert membership.role == Role.EDITOR


def test_accepting_raises_a_role(volunteer_a, reader_a, initiative_a):
    _, token = invite(initiative_a, volunteer_a, email="ander@example.org", role=Role.COORDINATOR)
    membership = services.invitation_accept(invitation_token=token, user=reader_a)
    assert membership.role == Role.COORDINATOR
    assert Membership.objects.filter(user=reader_a).count() == 1


def test_member_of_another_initiative_joins_this_one(volunteer_a, volunteer_b, initiative_a):
    _, token = invite(initiative_a, volunteer_a, email=volunteer_b.email)
    client_for(volunteer_b).post(accept_url(token))
    assert Membership.objects.get(user=volunteer_b, initiative=initiative_a).role == Role.EDITOR
    assert client_for(volunteer_b).get(DETAIL_URL).status_code == 200


def test_invitation_of_other_initiative_member_shows_warning_for_other_email(
    volunteer_a, initiative_a
):
    piet = UserFactory(username="piet", email="piet@example.org")
    _, token = invite(initiative_a, volunteer_a, email="jan@example.org")
    html = client_for(piet).get(accept_url(token)).content.decode()
    assert "Deze uitnodiging is gestuurd naar jan@example.org" in html


def test_pending_invitations_are_listed_for_coordinators_only(
    client_a, editor_a, volunteer_a, initiative_a
):
    invite(initiative_a, volunteer_a, email="jan@example.org")
    assert "jan@example.org" in client_a.get(MEMBERS_URL).content.decode()
    html = client_for(editor_a).get(MEMBERS_URL).content.decode()
    assert "jan@example.org" not in html
    assert "Iemand uitnodigen" not in html


def test_other_members_roles_are_untouched_by_invitation_of_other_initiative(
    volunteer_a, volunteer_b, initiative_b
):
    _, token = invite(initiative_b, volunteer_b, email=volunteer_a.email, role=Role.READER)
    services.invitation_accept(invitation_token=token, user=volunteer_a)
    roles = dict(
        Membership.objects.filter(user=volunteer_a).values_list("initiative__slug", "role")
    )
    assert roles == {"dorpshuis-smilde": Role.COORDINATOR, "dorpsloket-middelstum": Role.READER}


def test_account_form_works_with_csrf_checks(volunteer_a, initiative_a):
    from django.test import Client

    _, token = invite(initiative_a, volunteer_a)
    client = Client(enforce_csrf_checks=True)
    page = client.get(accept_url(token))
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    assert client.post(accept_url(token), account_data()).status_code == 403  # no token
    response = client.post(accept_url(token), {**account_data(), "csrfmiddlewaretoken": csrf})
    assert response.status_code == 302
    assert Membership.objects.filter(user__username="jan", initiative=initiative_a).exists()


# --- the same form sent twice ---------------------------------------------------------------


def submission_key_on(client) -> str:
    html = client.get(MEMBERS_URL).content.decode()
    return re.search(r'name="submission_key" value="([^"]+)"', html).group(1)


def test_an_invitation_sent_twice_is_one_invitation_with_one_working_mail(
    client_a, initiative_a, django_capture_on_commit_callbacks
):
    """A double click: the first link must keep working, and only one mail goes out."""
    data = {
        "email": "jan@example.org",
        "role": "editor",
        "submission_key": submission_key_on(client_a),
    }
    with django_capture_on_commit_callbacks(execute=True):
        first = client_a.post(MEMBERS_URL, data)
    with django_capture_on_commit_callbacks(execute=True):
        second = client_a.post(MEMBERS_URL, data)

    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    invitation = Invitation.objects.get()
    assert invitation.is_usable
    assert len(mail.outbox) == 1
    assert client_for(None).get(link_in(mail.outbox[0])).status_code == 200


def test_the_same_form_for_another_address_or_after_revoking_is_a_new_invitation(
    client_a, volunteer_a, initiative_a
):
    key = submission_key_on(client_a)
    client_a.post(
        MEMBERS_URL, {"email": "jan@example.org", "role": "editor", "submission_key": key}
    )
    client_a.post(
        MEMBERS_URL, {"email": "piet@example.org", "role": "editor", "submission_key": key}
    )
    jan = Invitation.objects.get(email="jan@example.org")
    services.invitation_revoke(invitation=jan, by=volunteer_a)
    client_a.post(
        MEMBERS_URL, {"email": "jan@example.org", "role": "editor", "submission_key": key}
    )

    assert Invitation.objects.count() == 3
    assert Invitation.objects.pending().count() == 2


def test_a_form_shown_again_after_a_mistake_keeps_its_key(client_a, initiative_a):
    response = client_a.post(
        MEMBERS_URL, {"email": "jan-at-example", "role": "editor", "submission_key": "mijn-sleutel"}
    )
    assert 'name="submission_key" value="mijn-sleutel"' in response.content.decode()


def test_accepting_twice_leads_into_the_initiative(volunteer_a, initiative_a):
    """A double click on accept: the second click finds the link used by this same person
    and welcomes them, instead of saying the link was already used."""
    jan = UserFactory(username="jan", email="jan@example.org")
    _, token = invite(initiative_a, volunteer_a, email=jan.email, role=Role.READER)
    client = client_for(jan)

    first = client.post(accept_url(token))
    second = client.post(accept_url(token))

    assert first.status_code == second.status_code == 302
    assert first.url == second.url == DETAIL_URL
    assert Membership.objects.get(user=jan, initiative=initiative_a).role == Role.READER
    # Someone else with the same link still gets the page that says it was used.
    response = client_for(UserFactory(username="piet")).post(accept_url(token))
    assert response.status_code == 410


def test_accepting_at_the_same_moment_twice_leads_into_the_initiative(
    volunteer_a, initiative_a, monkeypatch
):
    """The second click passed the first check before the first one was done; the
    service then finds the link used, by this same person."""
    jan = UserFactory(username="jan", email="jan@example.org")
    _, token = invite(initiative_a, volunteer_a, email=jan.email)
    services.invitation_accept(invitation_token=token, user=jan)
    monkeypatch.setattr(services, "invitation_unusable_reason", lambda invitation: None)

    response = client_for(jan).post(accept_url(token))

    assert response.status_code == 302
    assert response.url == DETAIL_URL
