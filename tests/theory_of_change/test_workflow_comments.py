"""Comments on the steps: threads, replies, resolving, and how threads are read back."""

import pytest
from django.utils import timezone

from tests.factories import CommentFactory
from theory_of_change import workflow
from theory_of_change.models import Comment
from theory_of_change.selectors import comment_threads, open_thread_count

pytestmark = pytest.mark.django_db


def test_a_comment_starts_a_thread(theory_a, advisor):
    comment = workflow.comment_add(theory=theory_a, step=5, body="  Wat tel je?\n", by=advisor)
    stored = Comment.objects.get(pk=comment.pk)
    assert (stored.theory, stored.step, stored.thread, stored.author) == (
        theory_a,
        5,
        None,
        advisor,
    )
    assert stored.body == "Wat tel je?"
    assert not stored.is_resolved


def test_a_reply_joins_the_thread_on_its_step(theory_a, advisor, volunteer_a):
    thread = workflow.comment_add(theory=theory_a, step=5, body="Wat tel je?", by=advisor)
    reply = workflow.comment_add(
        theory=theory_a, step=3, body="Diners", by=volunteer_a, thread=thread
    )
    stored = Comment.objects.get(pk=reply.pk)
    assert stored.thread == thread
    assert stored.step == 5


def test_replies_go_to_a_thread_of_the_same_theory(theory_a, theory_b, advisor):
    other = workflow.comment_add(theory=theory_b, step=5, body="Elders", by=advisor)
    thread = workflow.comment_add(theory=theory_a, step=5, body="Hier", by=advisor)
    reply = workflow.comment_add(
        theory=theory_a, step=5, body="Antwoord", by=advisor, thread=thread
    )
    count = Comment.objects.count()
    with pytest.raises(ValueError):
        workflow.comment_add(theory=theory_a, step=5, body="Mis", by=advisor, thread=other)
    with pytest.raises(ValueError):
        workflow.comment_add(theory=theory_a, step=5, body="Mis", by=advisor, thread=reply)
    assert Comment.objects.count() == count


def test_a_reply_reopens_a_resolved_thread(theory_a, advisor, volunteer_a):
    thread = workflow.comment_add(theory=theory_a, step=5, body="Wat tel je?", by=advisor)
    workflow.comment_resolve(comment=thread, by=volunteer_a, resolved=True)
    workflow.comment_add(
        theory=theory_a, step=5, body="Toch nog een vraag", by=advisor, thread=thread
    )
    stored = Comment.objects.get(pk=thread.pk)
    assert stored.resolved_at is None and stored.resolved_by is None


def test_a_reply_can_resolve_its_thread(theory_a, advisor, volunteer_a):
    thread = workflow.comment_add(theory=theory_a, step=5, body="Wat tel je?", by=advisor)
    # The initiative's reply marks an advisor's thread "verwerkt"; it stays open.
    reply = workflow.comment_add(
        theory=theory_a,
        step=5,
        body="Diners, zie stap 5",
        by=volunteer_a,
        thread=thread,
        resolve=True,
    )
    stored = Comment.objects.get(pk=thread.pk)
    assert stored.is_processed and stored.processed_by == volunteer_a
    assert not stored.is_resolved
    assert not Comment.objects.get(pk=reply.pk).is_resolved
    # The advisor's reply with "afhandelen" closes it.
    workflow.comment_add(
        theory=theory_a, step=5, body="Helder.", by=advisor, thread=thread, resolve=True
    )
    stored = Comment.objects.get(pk=thread.pk)
    assert stored.is_resolved and stored.resolved_by == advisor
    # "Done" again on a resolved thread keeps who resolved it first, and when.
    resolved_at = stored.resolved_at
    workflow.comment_add(
        theory=theory_a, step=5, body="Nog een aanvulling", by=advisor, thread=thread, resolve=True
    )
    stored = Comment.objects.get(pk=thread.pk)
    assert (stored.resolved_at, stored.resolved_by) == (resolved_at, advisor)


def test_resolving_and_reopening_a_thread(theory_a, advisor, volunteer_a):
    thread = workflow.comment_add(theory=theory_a, step=5, body="Wat tel je?", by=advisor)
    started = timezone.now()
    workflow.comment_resolve(comment=thread, by=advisor, resolved=True)
    stored = Comment.objects.get(pk=thread.pk)
    assert started <= stored.resolved_at <= timezone.now()
    assert stored.resolved_by == advisor
    workflow.comment_resolve(comment=thread, by=advisor, resolved=False)
    stored = Comment.objects.get(pk=thread.pk)
    assert stored.resolved_at is None and stored.resolved_by is None


def test_only_a_thread_is_resolved(theory_a, advisor):
    thread = workflow.comment_add(theory=theory_a, step=5, body="Wat tel je?", by=advisor)
    reply = workflow.comment_add(theory=theory_a, step=5, body="Diners", by=advisor, thread=thread)
    with pytest.raises(ValueError):
        workflow.comment_resolve(comment=reply, by=advisor, resolved=True)
    assert not Comment.objects.get(pk=reply.pk).is_resolved


@pytest.mark.parametrize(
    "step, body, error",
    [(0, "Vraag", KeyError), (11, "Vraag", KeyError), (5, "", ValueError), (5, " \n ", ValueError)],
)
def test_a_comment_needs_a_step_and_words(step, body, error, theory_a, advisor):
    with pytest.raises(error):
        workflow.comment_add(theory=theory_a, step=step, body=body, by=advisor)
    assert not Comment.objects.exists()


def test_threads_are_grouped_per_step_open_ones_first(
    theory_a, theory_b, advisor, volunteer_a, django_assert_num_queries
):
    done = workflow.comment_add(theory=theory_a, step=5, body="Opgelost", by=advisor)
    open_five = workflow.comment_add(theory=theory_a, step=5, body="Open", by=advisor)
    open_three = workflow.comment_add(theory=theory_a, step=3, body="Middelen?", by=advisor)
    first = workflow.comment_add(
        theory=theory_a, step=5, body="Eerste", by=volunteer_a, thread=open_five
    )
    second = workflow.comment_add(
        theory=theory_a, step=5, body="Tweede", by=advisor, thread=open_five
    )
    resolved_reply = workflow.comment_add(
        theory=theory_a, step=5, body="Klaar", by=advisor, thread=done, resolve=True
    )
    CommentFactory(theory=theory_b, step=5)

    with django_assert_num_queries(1):
        threads = comment_threads(theory_a)

    assert sorted(threads) == [3, 5]
    assert [thread.comment for thread in threads[5]] == [open_five, done]
    assert [thread.is_resolved for thread in threads[5]] == [False, True]
    assert threads[5][0].replies == [first, second]
    assert threads[5][1].replies == [resolved_reply]
    assert [thread.comment for thread in threads[3]] == [open_three]
    assert threads[3][0].replies == []
    assert open_thread_count(threads) == 2
    assert list(comment_threads(theory_a, step=3)) == [3]
    assert comment_threads(theory_a, step=4) == {}
