"""The members page and removing members."""

import pytest
from django.urls import reverse

from initiatives.models import Membership, Role
from tests.conftest import client_for
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MEMBERS_URL = reverse("initiatives:members", kwargs={"slug": "dorpshuis-smilde"})


def remove_url(membership: Membership, slug: str = "dorpshuis-smilde") -> str:
    return reverse("initiatives:membership_remove", kwargs={"slug": slug, "pk": membership.pk})


def membership_of(user, initiative) -> Membership:
    return Membership.objects.get(user=user, initiative=initiative)


# Who does not (anonymous, municipality staff, outsiders) is in tests/test_access_matrix.py.
@pytest.mark.parametrize("who", ["volunteer_a", "editor_a", "reader_a", "advisor"])
def test_who_sees_the_members_page(request, initiative_a, who):
    assert client_for(request.getfixturevalue(who)).get(MEMBERS_URL).status_code == 200


def test_coordinator_sees_invite_form_and_role_help(client_a, editor_a, initiative_a):
    html = client_a.get(MEMBERS_URL).content.decode()
    assert "Iemand uitnodigen" in html
    assert "Mag de verandertheorie schrijven en aanpassen." in html
    assert editor_a.display_name in html
    assert remove_url(membership_of(editor_a, initiative_a)) in html


def test_advisor_sees_members_but_cannot_invite(advisor, volunteer_a, initiative_a):
    html = client_for(advisor).get(MEMBERS_URL).content.decode()
    assert volunteer_a.display_name in html
    assert "Iemand uitnodigen" not in html


def test_coordinator_removes_a_member(client_a, editor_a, initiative_a):
    url = remove_url(membership_of(editor_a, initiative_a))
    assert client_a.get(url).status_code == 405
    response = client_a.post(url)
    assert response.status_code == 302
    assert not Membership.objects.filter(user=editor_a).exists()
    assert "is geen lid meer" in client_a.get(response.url).content.decode()


def test_last_coordinator_cannot_be_removed(client_a, volunteer_a, editor_a, initiative_a):
    response = client_a.post(remove_url(membership_of(volunteer_a, initiative_a)))
    assert response.status_code == 302
    assert membership_of(volunteer_a, initiative_a).role == Role.COORDINATOR
    html = client_a.get(response.url).content.decode()
    assert "altijd minstens één coördinator" in html


def test_coordinator_may_leave_when_there_is_another(client_a, volunteer_a, initiative_a):
    MembershipFactory(user=UserFactory(), initiative=initiative_a, role=Role.COORDINATOR)
    response = client_a.post(remove_url(membership_of(volunteer_a, initiative_a)))
    assert response.status_code == 302
    assert response.url == reverse("initiatives:list")
    assert not Membership.objects.filter(user=volunteer_a).exists()


def test_coordinator_removes_another_coordinator(client_a, initiative_a):
    other = MembershipFactory(user=UserFactory(), initiative=initiative_a, role=Role.COORDINATOR)
    client_a.post(remove_url(other))
    assert not Membership.objects.filter(pk=other.pk).exists()


def test_member_may_leave(reader_a, initiative_a):
    response = client_for(reader_a).post(remove_url(membership_of(reader_a, initiative_a)))
    assert response.status_code == 302
    assert not Membership.objects.filter(user=reader_a).exists()


@pytest.mark.parametrize("who, status", [("editor_a", 403), ("reader_a", 403), ("advisor", 403)])
def test_non_coordinators_cannot_remove_others(request, volunteer_a, initiative_a, who, status):
    target = membership_of(volunteer_a, initiative_a)
    assert client_for(request.getfixturevalue(who)).post(remove_url(target)).status_code == status
    assert Membership.objects.filter(pk=target.pk).exists()


def test_outsider_gets_404(client_b, editor_a, initiative_a):
    target = membership_of(editor_a, initiative_a)
    assert client_b.post(remove_url(target)).status_code == 404
    # Nor through their own initiative's URL.
    assert client_b.post(remove_url(target, slug="dorpsloket-middelstum")).status_code == 404
    assert Membership.objects.filter(pk=target.pk).exists()
