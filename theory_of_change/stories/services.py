"""Writes of stories and consent. Every write that can change what a place shows marks the
year's `stories_changed_at`, which is part of the fact sheet's stamp: cached PDFs (A4 and
A3, member and public) and ZIPs made before it are never handed out again.

The rules of consent live here, under the story's row lock: a story or photo reaches no
further than its current consent ("alleen intern" without one), and withdrawing consent
takes it back to "alleen intern" at once.
"""

from __future__ import annotations

import logging

from django.core.files.storage import default_storage
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import User
from theory_of_change.models import TheoryOfChange
from theory_of_change.stories.models import Consent, ConsentForm, ConsentSubject, Scope, Story

logger = logging.getLogger(__name__)


class StoryRefused(ValueError):
    """A change the consent rules do not allow; the message says why, in plain Dutch."""


# Sent after a change to a year's stories or consent is committed (keyword `theory_id`).
# The fact sheet removes its cached PDFs and ZIPs of that year: a withdrawn story must not
# wait on disk for a stamp that no longer names it.
stories_changed = Signal()


def stories_touch(theory_id: int) -> None:
    TheoryOfChange.objects.filter(pk=theory_id).update(stories_changed_at=timezone.now())
    transaction.on_commit(
        lambda: stories_changed.send(sender=Story, theory_id=theory_id), robust=True
    )


def _active(story: Story, subject: str):
    return story.consents.filter(subject=subject, withdrawn_at__isnull=True)


def consent_ceiling(story: Story, subject: str = ConsentSubject.STORY) -> int:
    """How far the current consent reaches: the newest one not withdrawn, or
    "alleen intern" without one."""
    latest = _active(story, subject).order_by("-recorded_at", "-pk").first()
    return latest.scope if latest else Scope.INTERNAL


def _locked(story: Story) -> Story:
    return Story.objects.select_for_update().get(pk=story.pk)


def story_save(*, story: Story, outcomes, impacts, by: User, old_photo: str = "") -> Story:
    """Save a new or edited story with the effects and impacts it illustrates.

    `old_photo` is the stored photo's name before this edit: a replaced or removed photo
    loses its consent (it was for that picture) and its file.
    """
    with transaction.atomic():
        if story.pk is None:
            story.created_by = by
            story.scope = Scope.INTERNAL
            story.photo_scope = Scope.INTERNAL
        photo_changed = old_photo != (story.photo.name or "")
        if photo_changed and old_photo:
            story.photo_scope = Scope.INTERNAL
        story.save()
        story.outcomes.set(outcomes)
        story.impacts.set(impacts)
        if photo_changed and old_photo:
            _active(story, ConsentSubject.PHOTO).update(
                withdrawn_at=timezone.now(), withdrawn_by=by
            )
            transaction.on_commit(lambda: default_storage.delete(old_photo))
        stories_touch(story.theory_id)
    return story


def scope_set(*, story: Story, scope: int, photo_scope: int | None = None, by: User) -> None:
    """Choose where the story (and its photo) may appear, within the current consent."""
    with transaction.atomic():
        locked = _locked(story)
        if scope > consent_ceiling(locked):
            raise StoryRefused(
                _(
                    "Dit kan alleen met toestemming. Leg eerst vast wie toestemming gaf voor "
                    "„%(scope)s”."
                )
                % {"scope": Scope(scope).label}
            )
        changes = {"scope": scope}
        if photo_scope is not None:
            if photo_scope > consent_ceiling(locked, ConsentSubject.PHOTO):
                raise StoryRefused(
                    _("Voor de foto is nog geen toestemming vastgelegd voor „%(scope)s”.")
                    % {"scope": Scope(photo_scope).label}
                )
            changes["photo_scope"] = photo_scope
        Story.objects.filter(pk=story.pk).update(**changes, updated_at=timezone.now())
        stories_touch(story.theory_id)
    for field, value in changes.items():
        setattr(story, field, value)
    logger.info("story %s scope set to %s by %s", story.pk, changes, by.pk)


def consent_add(*, story: Story, consent: Consent, by: User) -> Consent:
    """Record consent and let the story (or photo) reach as far as it says."""
    if consent.scope <= Scope.INTERNAL:
        raise StoryRefused(_("Voor „alleen intern” is geen toestemming nodig."))
    if consent.form == ConsentForm.SIGNED and not consent.document:
        raise StoryRefused(_("Voeg het getekende formulier toe, of kies „mondeling”."))
    with transaction.atomic():
        _locked(story)
        consent.story = story
        consent.recorded_by = by
        consent.save()
        field = "photo_scope" if consent.subject == ConsentSubject.PHOTO else "scope"
        Story.objects.filter(pk=story.pk).update(
            **{field: consent.scope}, updated_at=timezone.now()
        )
        setattr(story, field, consent.scope)
        stories_touch(story.theory_id)
    logger.info("consent %s for story %s recorded by %s", consent.pk, story.pk, by.pk)
    return consent


def consent_withdraw(*, story: Story, subject: str, by: User) -> int:
    """Withdraw every current consent for the story or its photo; it is "alleen intern"
    from this moment on. Returns how many records were withdrawn."""
    field = "photo_scope" if subject == ConsentSubject.PHOTO else "scope"
    with transaction.atomic():
        _locked(story)
        withdrawn = _active(story, subject).update(withdrawn_at=timezone.now(), withdrawn_by=by)
        Story.objects.filter(pk=story.pk).update(
            **{field: Scope.INTERNAL}, updated_at=timezone.now()
        )
        setattr(story, field, Scope.INTERNAL)
        stories_touch(story.theory_id)
    logger.info("consent for %s of story %s withdrawn by %s", subject, story.pk, by.pk)
    return withdrawn


def sheet_story_choose(*, theory: TheoryOfChange, story: Story | None, by: User) -> None:
    """Choose the story whose quote the fact sheet shows (None: no quote)."""
    if story is not None:
        if story.theory_id != theory.pk:
            raise StoryRefused(_("Dit verhaal hoort bij een ander jaar."))
        if not story.quote:
            raise StoryRefused(_("Dit verhaal heeft nog geen citaat."))
        if story.scope < Scope.SHEET:
            raise StoryRefused(
                _(
                    "Dit verhaal mag nog niet op het feitenblad: daarvoor is toestemming "
                    "nodig voor „%(scope)s”."
                )
                % {"scope": Scope.SHEET.label}
            )
    with transaction.atomic():
        TheoryOfChange.objects.filter(pk=theory.pk).update(sheet_story=story)
        stories_touch(theory.pk)
    theory.sheet_story = story


def story_delete(*, story: Story, by: User) -> None:
    """Delete a story with its consent register and files (a withdrawn story that must go)."""
    files = [story.photo.name] if story.photo else []
    files += [c.document.name for c in story.consents.all() if c.document]
    with transaction.atomic():
        theory_id = story.theory_id
        story.delete()
        stories_touch(theory_id)
        transaction.on_commit(lambda: [default_storage.delete(name) for name in files])
    logger.info("story deleted by %s", by.pk)
