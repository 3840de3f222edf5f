"""A comment form sent twice (a double click, a browser resubmission) makes one comment.

Every comment form carries a one-time key (`{% submission_key %}`); the service stores a
digest of the key and the text per author and returns the earlier comment when the same
form arrives again (`common.concurrency`).
"""

import re

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import CommentFactory
from tests.theory_of_change.helpers import step_url
from theory_of_change import workflow
from theory_of_change.models import Comment, TheoryOfChange

pytestmark = pytest.mark.django_db

KEY = re.compile(r'name="submission_key" value="([^"]+)"')


def url(name: str, theory: TheoryOfChange, **kwargs) -> str:
    return reverse(
        f"theory_of_change:{name}", args=[theory.initiative.slug, theory.year, *kwargs.values()]
    )


@pytest.fixture
def advisor_client(advisor):
    return client_for(advisor)


def keys_on(html: str) -> list[str]:
    return KEY.findall(html)


def test_every_comment_form_on_the_review_screen_has_a_key_of_its_own(advisor_client, submitted_a):
    CommentFactory(theory=submitted_a, step=5)

    keys = keys_on(advisor_client.get(url("review", submitted_a)).content.decode())

    assert len(keys) == 10 + 1  # a new comment per step, and a reply to the one thread
    assert len(set(keys)) == len(keys)
    assert keys != keys_on(advisor_client.get(url("review", submitted_a)).content.decode())


def test_a_comment_sent_twice_is_stored_once(advisor_client, submitted_a):
    key = keys_on(advisor_client.get(url("review", submitted_a)).content.decode())[4]
    data = {"step": "5", "body": "Hoeveel diners per jaar?", "next": "/x", "submission_key": key}

    first = advisor_client.post(url("comment_add", submitted_a), data)
    second = advisor_client.post(url("comment_add", submitted_a), data)

    comment = Comment.objects.get()
    assert comment.body == "Hoeveel diners per jaar?"
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == f"/x#opmerking-{comment.pk}"


def test_a_reply_sent_twice_is_stored_once_and_resolves_once(client_a, volunteer_a, submitted_a):
    thread = CommentFactory(theory=submitted_a, step=5, author=volunteer_a)  # their own note
    page = client_a.get(step_url(submitted_a, 5)).content.decode()
    data = {
        "body": "Twaalf per jaar.",
        "resolve": "1",
        "submission_key": keys_on(page)[0],
        "base_version": str(thread.pk),  # the thread as the page shows it
    }
    reply_url = url("comment_reply", submitted_a, pk=thread.pk)

    first = client_a.post(reply_url, data)
    thread.refresh_from_db()
    resolved_at = thread.resolved_at
    second = client_a.post(reply_url, data)

    assert thread.replies.count() == 1
    assert first.url == second.url
    thread.refresh_from_db()
    assert thread.resolved_at == resolved_at and thread.resolved_by == volunteer_a
    assert not thread.author.is_advisor  # an advisor's comment is marked "verwerkt" instead


def test_a_form_shown_again_after_a_mistake_keeps_its_key(advisor_client, submitted_a):
    data = {"step": "5", "body": "", "submission_key": "sleutel-van-dit-formulier"}
    response = advisor_client.post(url("comment_add", submitted_a), data)
    assert keys_on(response.content.decode()) == ["sleutel-van-dit-formulier"]

    for _ in range(2):
        advisor_client.post(url("comment_add", submitted_a), {**data, "body": "Nu wel."})

    assert Comment.objects.get().body == "Nu wel."


def test_the_same_form_with_other_text_is_another_comment(advisor_client, submitted_a):
    """Back to the page, new text in the same box: nothing typed is lost."""
    data = {"step": "5", "submission_key": "dezelfde-sleutel"}
    advisor_client.post(url("comment_add", submitted_a), {**data, "body": "Eerste vraag"})
    advisor_client.post(url("comment_add", submitted_a), {**data, "body": "Tweede vraag"})

    assert list(Comment.objects.values_list("body", flat=True)) == ["Eerste vraag", "Tweede vraag"]


def test_a_key_is_per_author_and_a_form_without_one_still_works(
    advisor_client, client_a, submitted_a
):
    data = {"step": "5", "body": "Dezelfde tekst", "submission_key": "zelfde-sleutel"}
    advisor_client.post(url("comment_add", submitted_a), data)
    client_a.post(url("comment_add", submitted_a), data)
    advisor_client.post(url("comment_add", submitted_a), {"step": "5", "body": "Zonder sleutel"})
    advisor_client.post(url("comment_add", submitted_a), {"step": "5", "body": "Zonder sleutel"})

    assert Comment.objects.count() == 4


def test_the_service_returns_the_earlier_comment(advisor, submitted_a):
    first = workflow.comment_add(
        theory=submitted_a, step=3, body=" Vraag ", by=advisor, submission_key="k"
    )
    again = workflow.comment_add(
        theory=submitted_a, step=3, body="Vraag", by=advisor, submission_key="k"
    )

    assert again == first
    assert Comment.objects.count() == 1


def test_two_at_the_same_moment_make_one_comment(advisor, submitted_a, monkeypatch):
    """The second request looked before the first one's comment was there: the unique key
    stops its insert, and it returns the first one's comment."""
    first = workflow.comment_add(
        theory=submitted_a, step=3, body="Vraag", by=advisor, submission_key="k"
    )
    looked_up = workflow.comment_sent_before
    looks = []

    def not_there_yet(**kwargs):
        looks.append(kwargs)
        return None if len(looks) == 1 else looked_up(**kwargs)

    monkeypatch.setattr(workflow, "comment_sent_before", not_there_yet)
    again = workflow.comment_add(
        theory=submitted_a, step=3, body="Vraag", by=advisor, submission_key="k"
    )

    assert again == first
    assert len(looks) == 2
    assert Comment.objects.count() == 1
