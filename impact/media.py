"""Uploaded files are served only after an access check, never as public static files.

Why: a draft initiative's logo, a photo of residents, a cached CONCEPT fact sheet or a ZIP
of sheets must stop being reachable when the person who saw it leaves the initiative, the
sheet is reopened or its public link is switched off. So nothing under MEDIA_ROOT is served
by the web server on its own: `/media/<name>` is a view that answers only for the logo and
photo of an initiative the visitor may see (the same rule as the pages that show them), and
cached PDFs and ZIPs are only ever sent by their own views, never under `/media/`.

After the check the bytes take the cheapest road the deployment offers
(`common.files.send_file`).
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from common.files import send_file
from impact.factsheet.links import shared_theories
from initiatives.access import visible_initiatives
from initiatives.models import Initiative, Membership, User
from theory_of_change.stories.models import Scope, Story

# Image names change whenever an image is replaced, so a browser may keep one a while.
IMAGE_MAX_AGE = 3600


def image_owner(name: str) -> Initiative | None:
    """The initiative whose logo or photo is stored under `name`, if any. Matched on the
    stored name alone (random, so unique), not on the folder: an initiative whose slug
    the operator changed keeps its images in the folder of the old one."""
    if not name.startswith("initiatives/") or ".." in name:
        return None
    return Initiative.objects.filter(Q(logo=name) | Q(photo=name)).first()


def may_see_images_of(user: User, initiative: Initiative) -> bool:
    """Whoever may see the initiative's page, and anyone while one of its fact sheets has a
    public link (the public sheet shows the logo or photo)."""
    return (
        visible_initiatives(user).filter(pk=initiative.pk).exists()
        or shared_theories().filter(initiative=initiative).exists()
    )


def may_see_story_photo(user: User, name: str) -> bool:
    """A story's photo: for the members of its initiative, and for advisors while both the
    story's and the photo's consent include them. Nobody else: no other page shows it."""
    if not name.startswith("stories/photos/") or ".." in name or not user.is_authenticated:
        return False
    story = Story.objects.filter(photo=name).select_related("theory").first()
    if story is None:
        return False
    initiative_id = story.theory.initiative_id
    if Membership.objects.filter(user=user, initiative_id=initiative_id).exists():
        return True
    return user.is_advisor and story.visible_photo_scope >= Scope.ADVISOR


@require_safe
def media_file(request: HttpRequest, name: str) -> HttpResponse:
    """`/media/<name>`: an initiative's logo or photo, or a story's photo, for those who may
    see it; 404 for everything else (cached PDFs, ZIPs and consent forms included), so
    nobody learns what exists."""
    if name.startswith("stories/"):
        if not may_see_story_photo(request.user, name):
            raise Http404
        return send_file(name, cache_control="private, no-cache")
    initiative = image_owner(name)
    if initiative is None or not may_see_images_of(request.user, initiative):
        raise Http404
    return send_file(name, cache_control=f"private, max-age={IMAGE_MAX_AGE}")
