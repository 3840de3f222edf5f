"""Pages about initiatives: their details, members and invitations. (The list and the
initiative's own page show its Verandertheorieën too, so they live in
`theory_of_change.initiative_views`.)

Every page gets its initiative through `initiatives.access`: outsiders get 404 (they may not
even learn that an initiative exists), people who can see it but not do something get 403.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.concurrency import SUBMISSION_KEY_FIELD, VERSION_FIELD, StaleVersion
from initiatives import services
from initiatives.access import get_initiative_for_user, require
from initiatives.forms import (
    AccountFromInvitationForm,
    DeclineForm,
    InitiativeForm,
    InvitationForm,
    JoinRequestForm,
    NewInitiativeForm,
)
from initiatives.models import (
    ROLE_DESCRIPTIONS,
    Initiative,
    Invitation,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    Role,
)


def _posted(request: HttpRequest) -> QueryDict | None:
    """Form data for a POST (even an empty one), None for a GET: GET never binds a form."""
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_initiative_for_user(request.user, slug)
    require(access.can_manage)
    initiative = access.initiative
    form = InitiativeForm(
        data=_posted(request),
        files=request.FILES if request.method == "POST" else None,
        instance=initiative,
    )
    conflict: Initiative | None = None
    if request.method == "POST":
        base_version = request.POST.get(VERSION_FIELD, "")
    else:
        base_version = services.initiative_version(initiative)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.initiative_update(
                initiative=initiative,
                name=data["name"],
                kind=data["kind"],
                place=data["place"],
                also_serves=data["also_serves"],
                description=data["description"],
                founded_year=data["founded_year"],
                website=data["website"],
                contact_email=data["contact_email"],
                logo=data["logo"],
                photo=data["photo"],
                by=request.user,
                base_version=base_version,
            )
        except StaleVersion as error:
            # Nothing was saved: show what is stored now above the form, which keeps what
            # was typed and carries the new version (saving again overwrites on purpose).
            conflict, base_version = error.current, error.version
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect(initiative)
    if request.method == "POST":
        # A failed POST has changed the instance in memory; show the saved name in titles.
        initiative.refresh_from_db(fields=["name"])
    return render(
        request,
        "initiatives/initiative_form.html",
        {
            "access": access,
            "initiative": initiative,
            "form": form,
            "base_version": base_version,
            "conflict": conflict,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, slug: str) -> HttpResponse:
    """Members and invitations. Members and advisors see who is involved; municipality staff
    may see the initiative but not the people in it (403). Coordinators invite (POST)."""
    access = get_initiative_for_user(request.user, slug)
    require(access.is_member or access.is_advisor)
    initiative = access.initiative

    form = None
    if access.can_manage:
        form = InvitationForm(data=_posted(request))
    if request.method == "POST":
        require(access.can_manage)
        if form.is_valid():
            email = form.cleaned_data["email"]
            try:
                services.invitation_create(
                    initiative=initiative,
                    email=email,
                    role=form.cleaned_data["role"],
                    by=request.user,
                    submission_key=request.POST.get(SUBMISSION_KEY_FIELD),
                )
            except services.AlreadyMember:
                form.add_error(
                    "email",
                    _(
                        "%(email)s is al lid van dit initiatief. "
                        "Je hoeft diegene niet uit te nodigen."
                    )
                    % {"email": email},
                )
            else:
                messages.success(
                    request,
                    _("We hebben een uitnodiging gestuurd naar %(email)s.") % {"email": email},
                )
                return redirect("initiatives:members", slug=initiative.slug)

    memberships = list(
        initiative.memberships.select_related("user").order_by(
            "user__first_name", "user__last_name", "user__username"
        )
    )
    coordinators = [m.pk for m in memberships if m.role == Role.COORDINATOR]
    invitations = None
    if access.can_manage:
        invitations = initiative.invitations.pending().select_related("invited_by")
    return render(
        request,
        "initiatives/members.html",
        {
            "access": access,
            "initiative": initiative,
            "memberships": memberships,
            # The last coordinator gets no remove button (the service refuses it anyway).
            "sole_coordinator_id": coordinators[0] if len(coordinators) == 1 else None,
            "invitations": invitations,
            "form": form,
            "valid_days": settings.INVITATION_VALID_DAYS,
            "role_descriptions": [(role.label, ROLE_DESCRIPTIONS[role]) for role in Role],
        },
    )


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    access = get_initiative_for_user(request.user, slug)
    require(access.can_manage)
    invitation = get_object_or_404(access.initiative.invitations, pk=pk)
    if invitation.accepted_at is not None:
        messages.warning(
            request,
            _("%(email)s had de uitnodiging al geaccepteerd.") % {"email": invitation.email},
        )
    else:
        services.invitation_revoke(invitation=invitation, by=request.user)
        messages.success(
            request,
            _("De uitnodiging voor %(email)s is ingetrokken. De link werkt niet meer.")
            % {"email": invitation.email},
        )
    return redirect("initiatives:members", slug=access.initiative.slug)


@login_required
@require_POST
def membership_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Coordinators remove anyone; every member may leave. The last coordinator stays."""
    access = get_initiative_for_user(request.user, slug)
    require(access.is_member)
    membership = get_object_or_404(access.initiative.memberships.select_related("user"), pk=pk)
    leaving = membership.user_id == request.user.pk
    require(leaving or access.can_manage)
    name = membership.user.display_name
    try:
        services.membership_remove(membership=membership, by=request.user)
    except services.LastCoordinator:
        messages.error(
            request,
            _(
                "Dit kan niet: een initiatief heeft altijd minstens één coördinator nodig. "
                "Maak eerst iemand anders coördinator."
            ),
        )
        return redirect("initiatives:members", slug=access.initiative.slug)
    if leaving:
        messages.success(
            request,
            _("Je bent niet langer lid van %(initiative)s.")
            % {"initiative": access.initiative.name},
        )
        return redirect("initiatives:list")
    messages.success(
        request,
        _("%(name)s is geen lid meer van dit initiatief.") % {"name": name},
    )
    return redirect("initiatives:members", slug=access.initiative.slug)


def _invitation_unusable(request: HttpRequest, reason: str) -> HttpResponse:
    return render(
        request,
        "initiatives/invitation_unusable.html",
        {"reason": reason},
        status=404 if reason == "unknown" else 410,
    )


def _unusable_unless_accepted(
    request: HttpRequest, invitation: Invitation, reason: str
) -> HttpResponse:
    """Why the link does not work; but whoever used it themselves (a double click on
    accept, or the e-mail opened again) is welcomed into the initiative instead."""
    if reason == "used" and request.user.is_authenticated:
        membership = services.invitation_accepted_membership(
            invitation=invitation, user=request.user
        )
        if membership is not None:
            return _welcome(request, membership, created=False)
    return _invitation_unusable(request, reason)


def _welcome(request: HttpRequest, membership: Membership, *, created: bool) -> HttpResponse:
    if created:
        text = _("Welkom bij %(initiative)s! Je bent nu lid als %(role)s.")
    else:
        text = _("Welkom bij %(initiative)s. Je rol is nu: %(role)s.")
    messages.success(
        request,
        text % {"initiative": membership.initiative.name, "role": membership.get_role_display()},
    )
    return redirect(membership.initiative)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the invitation e-mail.

    Logged in: confirm with one button. Not logged in: log in first (and come back here),
    or make an account right on this page.
    """
    invitation = services.invitation_for_token(token)
    reason = services.invitation_unusable_reason(invitation)
    if reason:
        return _unusable_unless_accepted(request, invitation, reason)

    user = request.user
    account_form = None
    existing_membership = None
    if user.is_authenticated:
        existing_membership = Membership.objects.filter(
            user=user, initiative=invitation.initiative
        ).first()
        if request.method == "POST":
            try:
                membership = services.invitation_accept(invitation_token=token, user=user)
            except services.InvitationUnusable as error:
                return _unusable_unless_accepted(request, invitation, error.reason)
            return _welcome(request, membership, created=existing_membership is None)
    else:
        account_form = AccountFromInvitationForm(
            data=_posted(request), invitation_email=invitation.email
        )
        if request.method == "POST" and account_form.is_valid():
            data = account_form.cleaned_data
            try:
                membership = services.account_create_from_invitation(
                    invitation_token=token,
                    username=data["username"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    password=data["password1"],
                )
            except services.InvitationUnusable as error:
                return _invitation_unusable(request, error.reason)
            login(request, membership.user, backend="initiatives.auth.EmailOrUsernameBackend")
            return _welcome(request, membership, created=True)

    return render(
        request,
        "initiatives/invitation_accept.html",
        {
            "invitation": invitation,
            "initiative": invitation.initiative,
            "role_description": ROLE_DESCRIPTIONS[Role(invitation.role)],
            "existing_membership": existing_membership,
            "account_form": account_form,
            "login_url": f"{reverse('login')}?{urlencode({'next': request.path})}",
            "email_differs": user.is_authenticated
            and user.email.lower() != invitation.email.lower(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_new(request: HttpRequest) -> HttpResponse:
    """An advisor puts a new initiative on the platform and invites its first coordinator
    (`/advies/nieuw-initiatief/`): no Django admin needed."""
    require(request.user.is_advisor)
    form = NewInitiativeForm(data=_posted(request))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["coordinator_email"]
        initiative, _invitation = services.initiative_create(
            initiative=form.save(commit=False),
            coordinator_email=email,
            by=request.user,
        )
        messages.success(
            request,
            _(
                "%(name)s staat erop. We hebben %(email)s uitgenodigd als coördinator: met de "
                "link in de e-mail maakt diegene een account."
            )
            % {"name": initiative.name, "email": email},
        )
        return redirect(initiative.get_absolute_url())
    return render(request, "initiatives/initiative_new.html", {"form": form})


# --- asking to join, and the advisors' answer ----------------------------------------------


@require_http_methods(["GET", "POST"])
def join_request(request: HttpRequest) -> HttpResponse:
    """`/aanmelden/`: an initiative asks to join the platform; no account needed."""
    form = JoinRequestForm(data=_posted(request))
    if request.method == "POST" and form.is_valid():
        if not form.is_robot:  # a robot gets the same thanks, and nothing is stored
            services.join_request_create(join_request=form.save(commit=False))
        return render(
            request, "initiatives/join_request_sent.html", {"email": form.cleaned_data["email"]}
        )
    return render(request, "initiatives/join_request.html", {"form": form})


@login_required
@require_http_methods(["GET"])
def join_requests(request: HttpRequest) -> HttpResponse:
    """`/advies/aanmeldingen/`: the requests to join, waiting ones first."""
    require(request.user.is_advisor)
    requests = JoinRequest.objects.select_related("municipality", "decided_by", "initiative")
    pending = list(requests.filter(status=JoinRequestStatus.PENDING).order_by("created_at"))
    decided = list(requests.exclude(status=JoinRequestStatus.PENDING)[:JOIN_REQUESTS_SHOWN])
    return render(
        request,
        "initiatives/join_requests.html",
        {"pending": pending, "decided": decided, "decline_form": DeclineForm()},
    )


JOIN_REQUESTS_SHOWN = 20


def _join_request_for(request: HttpRequest, pk: int) -> JoinRequest:
    require(request.user.is_advisor)
    return get_object_or_404(JoinRequest, pk=pk)


@login_required
@require_POST
def join_request_accept(request: HttpRequest, pk: int) -> HttpResponse:
    join = _join_request_for(request, pk)
    try:
        initiative = services.join_request_accept(join_request=join, by=request.user)
    except services.AlreadyDecided:
        messages.info(request, _("Een andere adviseur heeft deze aanmelding al afgehandeld."))
        return redirect("workspace:join_requests")
    messages.success(
        request,
        _("%(name)s staat erop. %(email)s krijgt een uitnodiging als coördinator.")
        % {"name": initiative.name, "email": join.email},
    )
    return redirect(initiative.get_absolute_url())


@login_required
@require_POST
def join_request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    join = _join_request_for(request, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Schrijf erbij waarom niet: dat staat in de e-mail."))
        return redirect("workspace:join_requests")
    try:
        services.join_request_decline(
            join_request=join, by=request.user, message=form.cleaned_data["message"]
        )
    except services.AlreadyDecided:
        messages.info(request, _("Een andere adviseur heeft deze aanmelding al afgehandeld."))
    else:
        messages.success(request, _("De aanmelding is afgewezen; we hebben een e-mail gestuurd."))
    return redirect("workspace:join_requests")
