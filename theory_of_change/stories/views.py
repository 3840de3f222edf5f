"""The stories of a year and their consent register.

Who: coordinators and editors write stories and record consent, in any status (stories are
collected through the year, like results); readers of the initiative read them all.
Advisors read the stories whose consent includes them, without the names in the consent
register. Municipality staff and outsiders get 404 here: they see a story only where its
consent reaches the fact sheet or the portal.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.files import send_file
from initiatives.access import require
from theory_of_change.access import TheoryAccess, get_theory_for_user
from theory_of_change.stories.forms import ConsentRecordForm, ScopeForm, StoryForm
from theory_of_change.stories.models import Consent, ConsentSubject, Scope, Story
from theory_of_change.stories.selectors import scope_for, story_count
from theory_of_change.stories.services import (
    StoryRefused,
    consent_add,
    consent_ceiling,
    consent_withdraw,
    scope_set,
    story_delete,
    story_save,
)


def _access(request: HttpRequest, slug: str, year: int) -> TheoryAccess:
    access = get_theory_for_user(request.user, slug, year, content=False)
    if not access.can_see_results:
        raise Http404
    return access


def _stories(access: TheoryAccess) -> QuerySet[Story]:
    return (
        Story.objects.filter(theory=access.theory, scope__gte=scope_for(access.initiative_access))
        .prefetch_related("outcomes", "impacts")
        .prefetch_related(
            Prefetch(
                "consents", queryset=Consent.objects.select_related("recorded_by", "withdrawn_by")
            )
        )
    )


def _story(access: TheoryAccess, pk: int) -> Story:
    story = _stories(access).filter(pk=pk).first()
    if story is None:
        raise Http404
    story.theory = access.theory
    return story


def _to_story(access: TheoryAccess, story: Story) -> HttpResponse:
    return redirect(
        "theory_of_change:story", slug=access.initiative.slug, year=access.theory.year, pk=story.pk
    )


def _context(access: TheoryAccess, **extra) -> dict:
    return {
        "access": access,
        "theory": access.theory,
        "initiative": access.initiative,
        "is_member": access.initiative_access.is_member,
        **extra,
    }


@login_required
@require_safe
def stories(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    access = _access(request, slug, year)
    listed = list(_stories(access))
    return render(
        request,
        "theory_of_change/stories/stories.html",
        _context(
            access,
            stories=listed,
            count=story_count(access.theory),
            cleared={
                scope: sum(1 for story in listed if story.scope >= scope)
                for scope in (Scope.ADVISOR, Scope.SHEET, Scope.PUBLIC)
            },
        ),
    )


def _story_form_page(
    request: HttpRequest, access: TheoryAccess, story: Story | None
) -> HttpResponse:
    require(access.can_record_results)
    instance = story or Story(theory=access.theory)
    old_photo = instance.photo.name if instance.pk and instance.photo else ""
    form = StoryForm(
        request.POST or None,
        request.FILES or None,
        instance=instance,
        theory=access.theory,
    )
    if request.method == "POST":
        if form.is_valid():
            saved = form.save(commit=False)
            story_save(
                story=saved,
                outcomes=form.cleaned_data["outcomes"],
                impacts=form.cleaned_data["impacts"],
                by=request.user,
                old_photo=old_photo,
            )
            messages.success(request, _("Het verhaal is opgeslagen."))
            return _to_story(access, saved)
        messages.error(
            request, _("Het verhaal is nog niet opgeslagen: kijk bij de meldingen wat er mist.")
        )
    return render(
        request,
        "theory_of_change/stories/story_form.html",
        _context(access, form=form, story=story),
    )


@login_required
@require_http_methods(["GET", "POST"])
def story_new(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _story_form_page(request, _access(request, slug, year), None)


@login_required
@require_http_methods(["GET", "POST"])
def story_edit(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access = _access(request, slug, year)
    return _story_form_page(request, access, _story(access, pk))


def _detail(
    request: HttpRequest,
    access: TheoryAccess,
    story: Story,
    *,
    consent_form: ConsentRecordForm | None = None,
    scope_form: ScopeForm | None = None,
) -> HttpResponse:
    can_write = access.can_record_results
    if can_write and consent_form is None:
        consent_form = ConsentRecordForm(story=story)
    if can_write and scope_form is None:
        scope_form = ScopeForm(initial={"scope": story.scope, "photo_scope": story.photo_scope})
    consents = list(story.consents.all())
    return render(
        request,
        "theory_of_change/stories/story.html",
        _context(
            access,
            story=story,
            consents=consents,
            story_ceiling=consent_ceiling(story),
            photo_ceiling=consent_ceiling(story, ConsentSubject.PHOTO),
            consent_form=consent_form,
            scope_form=scope_form,
            can_write=can_write,
            # (a photo's visible scope is INTERNAL without one, so members see it when present)
            shows_photo=bool(story.photo)
            and story.visible_photo_scope >= scope_for(access.initiative_access),
        ),
    )


@login_required
@require_safe
def story(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access = _access(request, slug, year)
    return _detail(request, access, _story(access, pk))


@login_required
@require_http_methods(["GET", "POST"])
def consent_new(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """Record consent (on the story's page; GET shows that page)."""
    access = _access(request, slug, year)
    story = _story(access, pk)
    if request.method == "GET":
        return _detail(request, access, story)
    require(access.can_record_results)
    form = ConsentRecordForm(request.POST, request.FILES, story=story)
    if form.is_valid():
        try:
            consent_add(story=story, consent=form.save(commit=False), by=request.user)
        except StoryRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                _("De toestemming is vastgelegd. Het verhaal mag nu komen: %(scope)s.")
                % {"scope": Scope(story.scope).label},
            )
            return _to_story(access, story)
    messages.error(request, _("De toestemming is nog niet vastgelegd: kijk bij de meldingen."))
    return _detail(request, access, story, consent_form=form)


@login_required
@require_POST
def story_scope(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access = _access(request, slug, year)
    story = _story(access, pk)  # first: a story beyond this viewer's scope is 404
    require(access.can_record_results)
    form = ScopeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies waar het verhaal mag komen."))
        return _detail(request, access, story, scope_form=form)
    try:
        scope_set(
            story=story,
            scope=form.cleaned_data["scope"],
            photo_scope=form.cleaned_data["photo_scope"] if story.photo else None,
            by=request.user,
        )
    except StoryRefused as refused:
        form.add_error(None, str(refused))
        messages.error(request, str(refused))
        return _detail(request, access, story, scope_form=form)
    messages.success(request, _("Opgeslagen: het verhaal komt nu alleen waar je koos."))
    return _to_story(access, story)


@login_required
@require_POST
def consent_withdraw_view(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access = _access(request, slug, year)
    story = _story(access, pk)
    require(access.can_record_results)
    subject = request.POST.get("subject", ConsentSubject.STORY)
    if subject not in ConsentSubject.values:
        raise Http404
    consent_withdraw(story=story, subject=subject, by=request.user)
    if subject == ConsentSubject.PHOTO:
        message = _("De toestemming voor de foto is ingetrokken. De foto blijft nu intern.")
    else:
        message = _(
            "De toestemming is ingetrokken. Het verhaal staat vanaf nu alleen nog intern: niet "
            "meer op het feitenblad, de openbare link of bij de gemeente."
        )
    messages.success(request, message)
    return _to_story(access, story)


@login_required
@require_safe
def consent_document(request: HttpRequest, slug: str, year: int, pk: int, consent: int):
    """A signed consent form: it names the person, so only the initiative opens it."""
    access = _access(request, slug, year)
    story = _story(access, pk)
    require(access.initiative_access.is_member)
    record = Consent.objects.filter(pk=consent, story=story).exclude(document="")
    record = record.first()
    if record is None:
        raise Http404
    name = record.document.name
    return send_file(name, download_name=f"toestemming-{record.pk}{name[name.rfind('.') :]}")


@login_required
@require_POST
def story_remove(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    access = _access(request, slug, year)
    story = _story(access, pk)
    require(access.can_record_results)
    story_delete(story=story, by=request.user)
    messages.success(request, _("Het verhaal is verwijderd, met de toestemmingen en de foto."))
    return redirect("theory_of_change:stories", slug=slug, year=year)
