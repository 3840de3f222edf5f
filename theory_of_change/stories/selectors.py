"""Reading stories for a place: each place sees only the stories whose scope reaches it.

The places, from narrow to wide: the initiative itself (every story), its advisors, the
municipality and the fact sheet, and the public link. `scope_for` is the one rule that
maps a place to the lowest scope it may show.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet

from initiatives.access import InitiativeAccess
from theory_of_change.models import TheoryOfChange
from theory_of_change.stories.models import Scope, Story


def stories_within(theory: TheoryOfChange, scope: int) -> QuerySet[Story]:
    """The year's stories that may appear where `scope` is needed (INTERNAL: all)."""
    return Story.objects.filter(theory=theory, scope__gte=scope)


def scope_for(access: InitiativeAccess) -> int:
    """The lowest scope a viewer of the initiative may see: members everything, advisors
    from "ook de adviseur", anyone else (municipality staff) from "ook de gemeente en het
    feitenblad"."""
    if access.is_member:
        return Scope.INTERNAL
    if access.is_advisor:
        return Scope.ADVISOR
    return Scope.SHEET


def sheet_scope(*, public: bool) -> int:
    """The scope a fact sheet needs: the public link's sheet shows only public stories."""
    return Scope.PUBLIC if public else Scope.SHEET


def sheet_story(theory: TheoryOfChange, *, public: bool) -> Story | None:
    """The story whose quote the sheet shows: the one the initiative chose, while its
    consent reaches this sheet and it has a quote. One query (none without a choice)."""
    if theory.sheet_story_id is None:
        return None
    return (
        Story.objects.filter(pk=theory.sheet_story_id, scope__gte=sheet_scope(public=public))
        .exclude(quote="")
        .first()
    )


@dataclass(frozen=True)
class StoryCount:
    """How many stories a year holds, and how many illustrate each effect (by outcome
    id). Counts hold no one's words, so they cover stories of every scope."""

    year: int
    total: int
    by_outcome: Counter

    @property
    def outcomes_told(self) -> int:
        return len(self.by_outcome)


def story_count(theory: TheoryOfChange) -> StoryCount:
    """One query, however many stories: a row per (story, effect it illustrates)."""
    pairs = list(Story.objects.filter(theory=theory).values_list("pk", "outcomes"))
    by_outcome = Counter(outcome for _story, outcome in pairs if outcome is not None)
    total = len({story for story, _outcome in pairs})
    return StoryCount(year=theory.year, total=total, by_outcome=by_outcome)


def cleared_for_sheet(theory: TheoryOfChange) -> QuerySet[Story]:
    """The stories the initiative may choose the sheet's quote from."""
    return stories_within(theory, Scope.SHEET).exclude(quote="")


@dataclass(frozen=True)
class StoriesBeside:
    """The stories a reader of the review may see, beside the steps they illustrate: step
    6 (effects), step 7 (impact) and step 9 (measuring effects: the narrative method)."""

    stories: list[Story]

    def for_outcome(self, outcome_id: int) -> list[Story]:
        return [s for s in self.stories if outcome_id in {o.pk for o in s.outcomes.all()}]

    @property
    def by_outcome(self) -> list[tuple[object, list[Story]]]:
        """(outcome, its stories) for each effect that has any, in the order of step 6."""
        outcomes = {o.pk: o for s in self.stories for o in s.outcomes.all()}
        ordered = sorted(outcomes.values(), key=lambda o: (o.position, o.pk))
        return [(outcome, self.for_outcome(outcome.pk)) for outcome in ordered]

    @property
    def by_impact(self) -> list[tuple[object, list[Story]]]:
        impacts = {i.pk: i for s in self.stories for i in s.impacts.all()}
        ordered = sorted(impacts.values(), key=lambda i: (i.position, i.pk))
        return [
            (impact, [s for s in self.stories if impact.pk in {i.pk for i in s.impacts.all()}])
            for impact in ordered
        ]

    @property
    def methods(self) -> list[tuple[str, int]]:
        """How the stories were collected, with how many each way."""
        counted = Counter(s.get_method_display() for s in self.stories if s.method)
        return sorted(counted.items(), key=lambda item: (-item[1], item[0]))


def stories_beside_steps(theory: TheoryOfChange, *, scope: int) -> StoriesBeside:
    """Three queries, however many stories."""
    stories = stories_within(theory, scope).prefetch_related("outcomes", "impacts")
    return StoriesBeside(stories=list(stories))
