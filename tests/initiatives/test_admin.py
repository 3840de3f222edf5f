"""Every admin page the operators use opens without errors."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import (
    CommentFactory,
    InvitationFactory,
    TransitionFactory,
    UserFactory,
    complete_theory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(db):
    return client_for(UserFactory(username="beheerder", is_staff=True, is_superuser=True))


def test_all_models_are_registered():
    registered = {model._meta.label for model in admin.site._registry}
    assert {
        "initiatives.Municipality",
        "initiatives.User",
        "initiatives.Initiative",
        "initiatives.Membership",
        "initiatives.Invitation",
        "theory_of_change.ResourceKind",
        "theory_of_change.Theme",
        "theory_of_change.DataCollectionMethod",
        "theory_of_change.TheoryOfChange",
        "theory_of_change.StepRevision",
        "theory_of_change.Transition",
        "theory_of_change.Comment",
    } <= registered


def test_changelists_and_change_pages_open(admin_client_, theory_a, volunteer_a):
    complete_theory(theory_a)
    invitation = InvitationFactory(initiative=theory_a.initiative)
    for model in admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert admin_client_.get(url).status_code == 200, url
    comment = CommentFactory(theory=theory_a)
    transition = TransitionFactory(theory=theory_a)
    for obj in (theory_a, theory_a.initiative, volunteer_a, invitation, comment, transition):
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        response = admin_client_.get(url)
        assert response.status_code == 200, url
    html = admin_client_.get(
        reverse("admin:theory_of_change_theoryofchange_change", args=[theory_a.pk])
    ).content.decode()
    assert "collapse" in html


def test_add_pages_open(admin_client_):
    for name in (
        "initiatives_user_add",
        "initiatives_initiative_add",
        "theory_of_change_theme_add",
    ):
        assert admin_client_.get(reverse(f"admin:{name}")).status_code == 200


def test_invitations_cannot_be_added_in_admin(admin_client_):
    assert admin_client_.get(reverse("admin:initiatives_invitation_add")).status_code == 403


def test_revoke_action(admin_client_, initiative_a):
    invitation = InvitationFactory(initiative=initiative_a)
    admin_client_.post(
        reverse("admin:initiatives_invitation_changelist"),
        {"action": "revoke", "_selected_action": [invitation.pk]},
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
