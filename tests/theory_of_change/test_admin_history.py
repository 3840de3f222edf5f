"""Edits made by an operator in Django admin land in the step history like any other save
(with the operator as author), so the history of a Verandertheorie is complete."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import UserFactory, complete_theory
from theory_of_change.models import StepRevision
from theory_of_change.services import record_initial_revisions


class FormValues(HTMLParser):
    """The values a browser would post for the admin's change form."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") == "checkbox":
                if "checked" in attrs:
                    self.values[name] = attrs.get("value", "on")
            else:
                self.values[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


@pytest.fixture
def operator(db):
    return UserFactory(username="beheerder", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_form(client, operator, theory_a, volunteer_a):
    """The admin's change form of a complete theory with a history, as the operator
    would post it: (client, url, values)."""
    complete_theory(theory_a)
    record_initial_revisions(theory=theory_a, by=volunteer_a)
    client.force_login(operator)
    url = reverse("admin:theory_of_change_theoryofchange_change", args=[theory_a.pk])
    form = FormValues()
    form.feed(client.get(url).content.decode())
    return client, url, form.values


def test_an_admin_edit_is_recorded_per_changed_step_with_its_author(
    admin_form, operator, theory_a, volunteer_a
):
    client, url, data = admin_form
    data["problem"] = "Het dorp heeft geen plek meer om elkaar te ontmoeten."
    data["resources-0-description"] = "Twaalf vaste vrijwilligers"

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    newest = StepRevision.objects.filter(theory=theory_a).exclude(author=volunteer_a)
    assert sorted(revision.step for revision in newest) == [1, 3]
    assert {revision.author for revision in newest} == {operator}
    step_1 = newest.get(step=1)
    assert step_1.snapshot["fields"]["problem"].startswith("Het dorp heeft geen plek")
    assert step_1.changes


def test_an_admin_save_without_changes_records_nothing(admin_form, operator, theory_a):
    client, url, data = admin_form
    assert client.post(url, data).status_code == 302
    assert not StepRevision.objects.filter(theory=theory_a, author=operator).exists()
