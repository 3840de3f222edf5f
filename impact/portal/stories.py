"""Stories in the portal: how many the initiatives collected (per theme and per effect),
and the words of those whose consent includes the municipality.

Counts hold no one's words, so they cover every story of an approved Verandertheorie; a
story's text, quote and role appear only with consent for "ook de gemeente en het
feitenblad" or wider. The portal page keeps them rendered under the version of the
approved content, which every change to a story or its consent moves
(`overview.cached_glance`): a withdrawn consent takes the words out of the very next page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from impact.portal.selection import Selection
from theory_of_change.models import Outcome, Theme
from theory_of_change.stories.models import Scope, Story

# The portal lists this many effects by their stories, and this many stories' words.
SHOWN = 10


@dataclass(frozen=True)
class OutcomeStories:
    initiative: str
    description: str
    stories: int


@dataclass(frozen=True)
class StoryCounts:
    """How many stories the year's approved theories hold: counts only (no words), so
    they may be cached with the portal's overview."""

    year: int
    total: int
    initiatives: int
    by_theme: list[tuple[str, int]]
    by_outcome: list[OutcomeStories]  # the effects with the most stories, at most SHOWN
    outcomes_told: int  # how many effects have a story at all


def _stories(selection: Selection):
    return Story.objects.filter(theory__in=selection.approved_theories())


def story_counts(selection: Selection) -> StoryCounts:
    """Four queries, however many stories."""
    stories = _stories(selection)
    counts = stories.aggregate(
        total=Count("pk"), initiatives=Count("theory__initiative", distinct=True)
    )
    themes = (
        Theme.objects.filter(impacts__stories__in=stories)
        .annotate(stories=Count("impacts__stories", distinct=True))
        .order_by("-stories", "position", "name")
    )
    told = (
        Outcome.objects.filter(stories__in=stories)
        .annotate(told=Count("stories", distinct=True))
        .select_related("theory__initiative")
        .order_by("-told", "theory__initiative__name", "position", "pk")
    )
    return StoryCounts(
        year=selection.year,
        total=counts["total"],
        initiatives=counts["initiatives"],
        by_theme=[(theme.localized_name, theme.stories) for theme in themes],
        by_outcome=[
            OutcomeStories(o.theory.initiative.name, o.description, o.told) for o in told[:SHOWN]
        ],
        outcomes_told=told.count(),
    )


@dataclass(frozen=True)
class SharedStories:
    stories: list[Story]  # cleared for the municipality, newest first, at most SHOWN
    total: int


def shared_stories(selection: Selection) -> SharedStories:
    """The words of the stories whose consent includes the municipality (three queries)."""
    shared = _stories(selection).filter(scope__gte=Scope.SHEET)
    listed = (
        shared.select_related("theory__initiative")
        .prefetch_related("outcomes")
        .order_by("-collected_on", "-pk")[:SHOWN]
    )
    return SharedStories(stories=list(listed), total=shared.count())
