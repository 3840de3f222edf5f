"""The access-control matrix: every URL × every role of the cast × GET and POST.

The list of URLs comes from Django's URL resolver, so a new URL without an entry in
`EXPECTED` fails `test_every_url_has_an_entry` ("add <name> to EXPECTED"): whoever adds a
URL decides, cell by cell, who may use it.

Outcomes: "ok" (the role may do it: a 2xx, a 304, or a redirect that is not to the login
page; for a POST a 200 with form errors counts too, the role was allowed to try), "login"
(a redirect to the login page that asks to come back, `?next=…`), 403, 404 and 405. Logout's
redirect to the plain login page is "ok".

The rules (README, DESIGN, `initiatives/access.py`): outsiders of an initiative get 404,
people who can see something but not change it get 403, municipalities read the approved
content of the initiatives that serve them, advisors see all, the portal is for municipality
staff and advisors (403 for others), a ZIP of fact sheets is personal (404 for everyone
else, advisors too), and a view that takes only POST (or only GET) answers the other
method with 405.

Besides the status code, an "ok" page must not show an outsider anything of A's, nor
municipality A (or anyone outside A and its advisors) A's drafts, its advisor's comments
or its people: the world plants words for that (`A_MARKERS`, `DRAFT_MISSION`, ...).

The world every cell starts from (`build_world`; built once, and every cell runs in a
savepoint that is rolled back, so each cell starts from exactly this state):

- Initiative A (Dorpshuis Smilde, Midden-Drenthe) with volunteer_a (coordinator),
  editor_a (editor; the membership `membership_remove` points at) and reader_a (reader).
- A's 2025 Verandertheorie is complete and approved through the real workflow, with its
  public link on, an open advisor comment thread on step 5 and, in its history, a first
  version of step 1 typed in the draft and replaced before submission, and a count of its
  output in March with a note (`COUNT_NOTE`). Approved makes the most cells meaningful:
  municipality A reads it (overview, steps, fact sheet) while nobody may edit its steps,
  and an advisor may reopen it.
- A's 2026 Verandertheorie is an empty draft: the `@draft` rows use it for what only an
  editable theory shows (saving a step, submitting) and for what a draft hides from
  municipality A (404).
- A pending invitation to A (its token for `invitation_accept`), a password reset link for
  editor_a (editor_a never logs in here, so the link stays valid), and a ready ZIP of
  fact sheets that municipality A asked for (its id for the `portal:bundle*` URLs).
- Initiative B (Dorpsloket Middelstum, Eemsdelta) with volunteer_b; an advisor; staff of
  Midden-Drenthe (municipality_a) and of Eemsdelta (municipality_b). The same cast as
  tests/conftest.py, made once here (that file's fixtures are made per test).

PDFs are not rendered: `fake_render` stands in for the fact sheet renderer and a stub for
the portal's summary PDF. What the matrix checks is who gets in, not what the PDF says.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import NamedTuple
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from impact.factsheet.services import share_link_enable
from impact.models import Beneficiary, BundleStatus, FactSheetBundle, PriceItem, PriceVersion
from impact.portal import views as portal_views
from impact.value.breakthrough.models import BreakthroughCase
from initiatives import services as initiative_services
from initiatives.models import Initiative, Invitation, JoinRequest, Membership, Role, User
from tests.conftest import client_for
from tests.factories import (
    CommentFactory,
    InitiativeFactory,
    MembershipFactory,
    TheoryFactory,
    UserFactory,
    complete_theory,
    municipality,
)
from tests.factsheet.conftest import approve, fake_render  # noqa: F401 (a fixture)
from theory_of_change.models import Comment, StepRevision, TheoryOfChange, Transition
from theory_of_change.results.models import Busyness, LogbookWeek
from theory_of_change.results.periods import Period
from theory_of_change.results.services import count_save, indicator_for
from theory_of_change.selectors import with_content
from theory_of_change.steps import get_step
from theory_of_change.stories.models import Consent, Scope, Story

# --- outcomes, roles and the shapes of a row ------------------------------------------------

OK = "ok"
LOGIN = "login"
Outcome = str | int  # OK, LOGIN, 403, 404 or 405

ROLES = (
    "anonymous",
    "volunteer_a",
    "volunteer_b",
    "reader_a",
    "advisor",
    "municipality_a",
    "municipality_b",
)
METHODS = ("GET", "POST")


class Cells(NamedTuple):
    """One outcome per role, in the order of `ROLES`."""

    anonymous: Outcome
    volunteer_a: Outcome
    volunteer_b: Outcome
    reader_a: Outcome
    advisor: Outcome
    municipality_a: Outcome
    municipality_b: Outcome


@dataclass(frozen=True)
class Row:
    get: Cells
    post: Cells
    # True when an allowed POST changes something; False when the view ignores the method
    # (a POST reads the page like a GET) or when it only ever reads.
    writes: bool

    def expected(self, role: str, method: str) -> Outcome:
        return getattr(self.get if method == "GET" else self.post, role)


def _refused(cells: Cells) -> Cells:
    """The other method: 405 for everyone, except that a view behind a login first sends
    anonymous visitors to log in."""
    return Cells(*(LOGIN if outcome == LOGIN else 405 for outcome in cells))


def read(cells: Cells) -> Row:
    """A page whose view ignores the method: POST reads it like GET, nothing changes."""
    return Row(get=cells, post=cells, writes=False)


def page(cells: Cells) -> Row:
    """A page that answers GET only (POST: 405)."""
    return Row(get=cells, post=_refused(cells), writes=False)


def form(*, get: Cells, post: Cells) -> Row:
    """A form: GET shows it, POST carries it out (an empty POST is shown again with errors,
    or is refused with a message: either way the role was allowed to try)."""
    return Row(get=get, post=post, writes=True)


def action(post: Cells) -> Row:
    """A state change that takes POST only (GET: 405)."""
    return Row(get=_refused(post), post=post, writes=True)


# --- the named patterns of cells -------------------------------------------------------------

#                 anonymous  vol_a vol_b reader_a advisor muni_a muni_b
EVERYONE = Cells(OK, OK, OK, OK, OK, OK, OK)
LOGGED_IN = Cells(LOGIN, OK, OK, OK, OK, OK, OK)
ADVISORS = Cells(LOGIN, 403, 403, 403, OK, 403, 403)
# The municipality portal: municipality staff (their own municipalities) and advisors.
PORTAL = Cells(LOGIN, 403, 403, 403, OK, OK, OK)
# The portal narrowed to Midden-Drenthe (`?gemeente=midden-drenthe`): not Eemsdelta's staff.
PORTAL_OF_A = Cells(LOGIN, 403, 403, 403, OK, OK, 404)
# A ZIP of fact sheets is personal: only municipality_a, who asked for it.
BUNDLE_OWNER = Cells(LOGIN, 404, 404, 404, 404, OK, 404)
# Uploads (`/media/…`) answer 404, not a login page, to whoever may not see them.
NOBODY = Cells(404, 404, 404, 404, 404, 404, 404)
# B's logo (B shares no fact sheet): whoever may see B's page.
B_IMAGE = Cells(404, 404, OK, 404, OK, 404, OK)


def on_a(*, volunteer_a: Outcome, reader_a: Outcome, advisor: Outcome, municipality_a: Outcome):
    """Something of initiative A: anonymous visitors log in first; volunteer_b and
    municipality_b are outsiders and get 404, as if it did not exist."""
    return Cells(LOGIN, volunteer_a, 404, reader_a, advisor, municipality_a, 404)


# The approved 2025 theory and the initiative itself.
A_READERS = on_a(volunteer_a=OK, reader_a=OK, advisor=OK, municipality_a=OK)
# Members and advisors; municipality A sees the initiative but not this (403).
A_INSIDERS = on_a(volunteer_a=OK, reader_a=OK, advisor=OK, municipality_a=403)
# Who writes the Verandertheorie (coordinators and editors); submit, withdraw, next year.
A_WRITERS = on_a(volunteer_a=OK, reader_a=403, advisor=403, municipality_a=403)
# Coordinators only: the initiative's details, members and invitations, the public link.
A_COORDINATORS = on_a(volunteer_a=OK, reader_a=403, advisor=403, municipality_a=403)
# Advisors' decisions.
A_ADVISORS = on_a(volunteer_a=403, reader_a=403, advisor=OK, municipality_a=403)
# Comments: advisors and the initiative's writers.
A_COMMENTERS = on_a(volunteer_a=OK, reader_a=403, advisor=OK, municipality_a=403)
# Saving a step of an approved theory: read-only for everyone who can see it.
A_NOBODY = on_a(volunteer_a=403, reader_a=403, advisor=403, municipality_a=403)
# The 2026 draft: members and advisors; a draft does not exist for municipality A (404).
A_DRAFT_READERS = on_a(volunteer_a=OK, reader_a=OK, advisor=OK, municipality_a=404)
A_DRAFT_WRITERS = on_a(volunteer_a=OK, reader_a=403, advisor=403, municipality_a=404)
# Who records results (coordinators and editors, in any status); municipality A sees only
# totals, so results pages do not exist for it (404), as for outsiders.
A_RESULT_WRITERS = on_a(volunteer_a=OK, reader_a=403, advisor=403, municipality_a=404)
# Who reads the logbook (its notes can name residents): members and advisors, in any status;
# municipality A sees only totals, so these pages do not exist for it (404).
A_LOGBOOK_READERS = on_a(volunteer_a=OK, reader_a=OK, advisor=OK, municipality_a=404)
# Who reads the results pages (counts with their notes and who entered them): the same.
A_RESULT_READERS = A_LOGBOOK_READERS
# A's stories: members read them all, advisors those their consent includes (the list
# shows those; the "alleen intern" story of the world is 404 to them), municipality A none.
A_STORY_READERS = A_LOGBOOK_READERS
A_INTERNAL_STORY_READERS = on_a(volunteer_a=OK, reader_a=OK, advisor=404, municipality_a=404)
A_INTERNAL_STORY_WRITERS = on_a(volunteer_a=OK, reader_a=403, advisor=404, municipality_a=404)

# --- the table -------------------------------------------------------------------------------

# Keys are URL names; "name@variant" checks a URL again in another state (see `VARIANTS`).
EXPECTED: dict[str, Row] = {
    # Site-wide.
    "home": read(EVERYONE),  # logged-in users are redirected to their own start page
    "health": page(EVERYONE),  # for load balancers: says only whether checks pass
    # Uploads: A's logo is on its public fact sheet, so anyone may see it; B's only those
    # who may see B; a cached fact sheet PDF is never served as a file (`@pdf`).
    "media": page(EVERYONE),
    "media@b": page(B_IMAGE),
    "media@pdf": page(NOBODY),
    # The photo of A's "alleen intern" story: A's members only.
    "media@story": page(Cells(404, OK, 404, OK, 404, 404, 404)),
    "display_preferences": action(EVERYONE),  # text size cookie, no login needed
    "set_language": form(get=EVERYONE, post=EVERYONE),  # Django's; GET only redirects back
    # Accounts (Django's auth views).
    "login": form(get=EVERYONE, post=EVERYONE),
    "logout": action(EVERYONE),  # POST only since Django 5
    "password_change": form(get=LOGGED_IN, post=LOGGED_IN),
    "password_change_done": page(LOGGED_IN),
    "password_reset": form(get=EVERYONE, post=EVERYONE),
    "password_reset_done": page(EVERYONE),
    "password_reset_confirm": form(get=EVERYONE, post=EVERYONE),  # the link is the key
    "password_reset_complete": page(EVERYONE),
    # Initiatives, members and invitations.
    "initiatives:list": read(LOGGED_IN),  # each sees their own initiatives only
    "initiatives:detail": read(A_READERS),
    "initiatives:edit": form(get=A_COORDINATORS, post=A_COORDINATORS),
    "initiatives:members": form(get=A_INSIDERS, post=A_COORDINATORS),
    "initiatives:invitation_revoke": action(A_COORDINATORS),
    # editor_a's membership: coordinators remove others (a member may only leave).
    "initiatives:membership_remove": action(A_COORDINATORS),
    "invitation_accept": form(get=EVERYONE, post=EVERYONE),  # the link is the key
    # The Verandertheorie: 2025 approved, `@draft` the 2026 draft.
    "theory_of_change:create": action(A_WRITERS),
    "theory_of_change:overview": read(A_READERS),
    "theory_of_change:overview@draft": read(A_DRAFT_READERS),
    "theory_of_change:step": form(get=A_READERS, post=A_NOBODY),
    "theory_of_change:step@draft": form(get=A_DRAFT_READERS, post=A_DRAFT_WRITERS),
    # Undoing a row's removal: only where the step can be written.
    "theory_of_change:row_restore": action(A_NOBODY),
    "theory_of_change:row_restore@draft": action(A_DRAFT_WRITERS),
    # The history holds every saved version, drafts included, and who wrote it: like the
    # review, it stays between the initiative and its advisors.
    "theory_of_change:history": read(A_INSIDERS),
    "theory_of_change:history@draft": read(A_DRAFT_READERS),
    # Counts from a file: the upload, its preview and confirmation, and the template.
    "theory_of_change:results_import": form(get=A_RESULT_WRITERS, post=A_RESULT_WRITERS),
    "theory_of_change:results_template": page(A_RESULT_WRITERS),
    # The results of a year and an indicator's page (its counts, settings, stated figure
    # and questionnaires; an empty POST is the count form shown again with its errors).
    # There is no output in the 2026 draft: the results page only.
    "theory_of_change:results": page(A_RESULT_READERS),
    "theory_of_change:results@draft": page(A_RESULT_READERS),
    "theory_of_change:result_output": form(get=A_RESULT_READERS, post=A_RESULT_WRITERS),
    "theory_of_change:result_outcome": form(get=A_RESULT_READERS, post=A_RESULT_WRITERS),
    # The weekly logbook: the weeks of the year and one week (`2025-W10`); its writers record
    # in any status, approved included (an empty POST is shown again as a conflict).
    "theory_of_change:logbook": page(A_LOGBOOK_READERS),
    "theory_of_change:logbook@draft": page(A_LOGBOOK_READERS),
    "theory_of_change:logbook_week": form(get=A_LOGBOOK_READERS, post=A_RESULT_WRITERS),
    "theory_of_change:logbook_week@draft": form(get=A_LOGBOOK_READERS, post=A_RESULT_WRITERS),
    # Stories: the year's list and a new story; then A's "alleen intern" story
    # (`STORY_TEXT`) with a withdrawn consent whose signed form names the person.
    "theory_of_change:stories": page(A_STORY_READERS),
    "theory_of_change:story_new": form(get=A_RESULT_WRITERS, post=A_RESULT_WRITERS),
    "theory_of_change:story": page(A_INTERNAL_STORY_READERS),
    "theory_of_change:story_edit": form(
        get=A_INTERNAL_STORY_WRITERS, post=A_INTERNAL_STORY_WRITERS
    ),
    "theory_of_change:story_scope": action(A_INTERNAL_STORY_WRITERS),
    "theory_of_change:consent_new": form(
        get=A_INTERNAL_STORY_READERS, post=A_INTERNAL_STORY_WRITERS
    ),
    "theory_of_change:consent_withdraw": action(A_INTERNAL_STORY_WRITERS),
    "theory_of_change:consent_document": page(A_INTERNAL_STORY_READERS),
    "theory_of_change:story_delete": action(A_INTERNAL_STORY_WRITERS),
    # Approved: the POST is allowed and told it is approved already.
    "theory_of_change:submit": form(get=A_WRITERS, post=A_WRITERS),
    "theory_of_change:submit@draft": form(get=A_DRAFT_WRITERS, post=A_DRAFT_WRITERS),
    "theory_of_change:withdraw": action(A_WRITERS),
    "theory_of_change:next_year": action(A_WRITERS),
    # The review: comments and the timeline stay between the initiative and its advisors.
    "theory_of_change:review": read(A_INSIDERS),
    "theory_of_change:review@draft": read(A_DRAFT_READERS),
    "theory_of_change:request_changes": form(get=A_ADVISORS, post=A_ADVISORS),
    "theory_of_change:approve": form(get=A_ADVISORS, post=A_ADVISORS),
    "theory_of_change:reopen": form(get=A_ADVISORS, post=A_ADVISORS),
    "theory_of_change:assign": action(A_ADVISORS),
    "theory_of_change:comment_add": action(A_COMMENTERS),
    "theory_of_change:comment_reply": action(A_COMMENTERS),
    "theory_of_change:comment_resolve": action(A_COMMENTERS),
    "workspace:index": read(ADVISORS),
    # An advisor puts a new initiative on the platform (an empty POST shows the form again).
    "workspace:initiative_new": form(get=ADVISORS, post=ADVISORS),
    # Initiatives asking to join: anyone asks (an empty POST shows the form again); advisors
    # answer (an empty decline is refused with a message).
    "join_request": form(get=EVERYONE, post=EVERYONE),
    "workspace:join_requests": page(ADVISORS),
    "workspace:join_request_accept": action(ADVISORS),
    "workspace:join_request_decline": action(ADVISORS),
    # The price list that advisors keep (an empty POST shows the form again).
    "value:price_list": page(ADVISORS),
    "value:approvals": page(ADVISORS),
    "value:price_new": form(get=ADVISORS, post=ADVISORS),
    "value:price_edit": form(get=ADVISORS, post=ADVISORS),
    # A year's value in euros: read like the results; writers value, advisors approve (an
    # empty POST names no result and is sent back with a message).
    "value:value": form(
        get=A_RESULT_READERS,
        post=on_a(volunteer_a=OK, reader_a=403, advisor=OK, municipality_a=404),
    ),
    "value:value@draft": form(
        get=A_RESULT_READERS,
        post=on_a(volunteer_a=OK, reader_a=403, advisor=OK, municipality_a=404),
    ),
    # Doorbraak cases: members and advisors read them all, municipality A an approved year's
    # list and approved cases only (the world's case is a proposal: 404 to it, as is the
    # draft year without an approved case); writers record, change and remove (an empty
    # POST is shown again with errors), advisors approve.
    "breakthrough:list": page(A_READERS),
    "breakthrough:list@draft": page(A_DRAFT_READERS),
    "breakthrough:new": form(get=A_WRITERS, post=A_WRITERS),
    "breakthrough:case": form(get=A_RESULT_READERS, post=A_RESULT_WRITERS),
    "breakthrough:approve": action(
        on_a(volunteer_a=403, reader_a=403, advisor=OK, municipality_a=404)
    ),
    "breakthrough:remove": action(A_RESULT_WRITERS),
    # The municipality portal; `@gemeente-a` narrows it to Midden-Drenthe.
    "portal:index": read(PORTAL),
    "portal:index@gemeente-a": read(PORTAL_OF_A),
    "portal:summary_pdf": read(PORTAL),
    "portal:figures_export": read(PORTAL),
    "portal:figures_export@gemeente-a": read(PORTAL_OF_A),
    "portal:initiatives_export": read(PORTAL),
    "portal:value_export": read(PORTAL),
    "portal:value_export@gemeente-a": read(PORTAL_OF_A),
    "portal:breakthrough_export": read(PORTAL),
    "portal:bundle_create": action(PORTAL),
    "portal:bundle_create@gemeente-a": action(PORTAL_OF_A),
    "portal:bundle": read(BUNDLE_OWNER),
    "portal:bundle_progress": read(BUNDLE_OWNER),
    "portal:bundle_download": read(BUNDLE_OWNER),
    # The fact sheet: the Verandertheorie's own rule; the public link needs no login.
    "factsheet:page": read(A_READERS),
    "factsheet:page@draft": read(A_DRAFT_READERS),
    "factsheet:pdf": read(A_READERS),
    "factsheet:pdf@draft": read(A_DRAFT_READERS),
    "factsheet:poster": read(A_READERS),
    # The whole Verandertheorie as a document: the overview's rule.
    "factsheet:theory_document": read(A_READERS),
    "factsheet:theory_document@draft": read(A_DRAFT_READERS),
    "factsheet:share": action(A_COORDINATORS),
    "factsheet:quote": action(A_WRITERS),
    "factsheet:shared": read(EVERYONE),  # the link is the key
    "factsheet:shared_pdf": read(EVERYONE),
    "factsheet:shared_poster": read(EVERYONE),
}

# Cells where the app is known to do something else than the table says, with why. Each
# becomes a strict xfail: the suite stays green, and the fix makes it fail until the entry
# is removed here.
KNOWN_WRONG: dict[tuple[str, str, str], str] = {}

# URLs whose secret token in the path is the permission (nobody needs to be logged in).
BY_TOKEN = {
    "factsheet:shared",
    "factsheet:shared_pdf",
    "factsheet:shared_poster",
    "invitation_accept",
    "password_reset_confirm",
}

# Variants: the 2026 draft instead of the approved 2025 theory; the portal narrowed to A's
# municipality (in the query string, and for a POST in its data, as the portal form sends it).
DRAFT_YEAR, APPROVED_YEAR = 2026, 2025
VARIANTS = {"draft", "gemeente-a", "b", "pdf", "story"}
GEMEENTE_A = {"gemeente": "midden-drenthe"}

# POST data beyond nothing at all: a comment names its step (without one it is a 404).
POST_DATA = {"theory_of_change:comment_add": {"step": "5"}}

# Words that only initiative A's pages contain: an outsider must never read them.
A_MARKERS = ("Dorpshuis Smilde", "dorpshuis-smilde")
# In the 2026 draft, in a version of step 1 that was typed in the draft of 2025 and
# replaced before submission, and in the advisor's comment: never for municipality A either.
DRAFT_MISSION = "Geheime conceptmissie voor 2026"
DRAFT_VERSION = "Een eerste versie die niemand buiten het initiatief leest"
# The people in A (here its coordinator): municipality staff see the initiative, not them.
PERSON = "Aaltje Kolthof"
COMMENT_BODY = "Interne opmerking van de adviseur"
# A logbook note of A's 2025 week 10 (`LOGBOOK_WEEK`): notes can name residents, so nobody
# outside A and its advisors reads it (no municipality page, export or PDF).
LOGBOOK_NOTE = "Logboeknotitie: mevrouw Jansen belde drie keer"
# The note with a count of A's first output (March 2025): the same rule as a logbook note.
COUNT_NOTE = "Telnotitie: meneer De Vries kwam met de buurtbus"
# A story of A's 2025 theory that stays "alleen intern": nobody outside A reads it, not
# even the advisor (no page, PDF, ZIP or export); its consent form names the person.
STORY_TEXT = "Intern verhaal: mevrouw Bakker vertelde over haar schulden"
CONSENT_NAME = "Geertje Bakker"
# The situation of A's doorbraak case, a proposal: nobody outside A and its advisors reads it.
CASE_SITUATION = "Doorbraakvoorstel: een gezin met schulden kreeg hulp op maat"
LOGBOOK_WEEK = 10
ZIP_CONTENT = b"PK stand-in for a ZIP of fact sheets"
IMAGE_CONTENT = b"\x89PNG stand-in for an uploaded logo"


# --- the URLs, from the resolver -------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    path: str
    params: tuple[str, ...]


def _params(pattern) -> tuple[str, ...]:
    converters = getattr(pattern, "converters", None)
    if converters is not None:
        return tuple(converters)
    return tuple(re.compile(str(pattern)).groupindex)


def walk(resolver=None, prefix: str = "", namespace: str = "", params=()) -> Iterator[Route]:
    """Every URL pattern under `resolver`, named with its namespaces (unnamed: name "")."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        here = params + _params(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, prefix + str(entry.pattern), inner, here)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else ""
            yield Route(name, prefix + str(entry.pattern), here)


@cache
def routes() -> dict[str, Route]:
    """The routes under test: all but Django admin's (see `test_admin_*`)."""
    return {
        route.name or route.path: route for route in walk() if not route.path.startswith("admin/")
    }


def split(key: str) -> tuple[str, str]:
    name, _, variant = key.partition("@")
    return name, variant


# --- the world -------------------------------------------------------------------------------


@dataclass(frozen=True)
class World:
    """Who plays each role and the ids and secrets the URLs need; every cell reads the
    objects themselves fresh from the database."""

    user_ids: dict[str, int | None]
    slug: str
    share_token: str
    thread_id: int
    invitation_id: int
    invitation_token: str
    membership_id: int  # editor_a's
    output_id: int  # of the approved 2025 theory (step 5), with a count in March
    outcome_id: int  # of the approved 2025 theory (step 6), measured in step 9
    join_request_id: int  # an initiative asking to join
    price_item_id: int  # a price on the advisors' price list
    case_id: int  # A's doorbraak case of 2025, not approved (`CASE_SITUATION`)
    story_id: int  # A's "alleen intern" story
    consent_id: int  # its withdrawn consent, with a signed form
    bundle_id: uuid.UUID
    bundle_file: str
    reset_uid: str
    reset_token: str
    files: dict[str, str]  # stored file per `media` variant ("": A's logo, "b", "pdf")
    rows: dict[str, list[dict]]  # `snapshot()` of the world as built

    def client(self, role: str) -> Client:
        user_id = self.user_ids[role]
        return client_for(User.objects.get(pk=user_id) if user_id else None)

    def url(self, key: str) -> str:
        name, variant = split(key)
        values = {
            "slug": self.slug,
            "year": DRAFT_YEAR if variant == "draft" else APPROVED_YEAR,
            "number": 5,
            "fmt": "csv",
            "week": f"{DRAFT_YEAR if variant == 'draft' else APPROVED_YEAR}-W{LOGBOOK_WEEK}",
            "name": self.files.get(variant, ""),
            "uidb64": self.reset_uid,
            "pk": {
                "initiatives:invitation_revoke": self.invitation_id,
                "initiatives:membership_remove": self.membership_id,
                "theory_of_change:result_output": self.output_id,
                "theory_of_change:result_outcome": self.outcome_id,
                "theory_of_change:comment_reply": self.thread_id,
                "theory_of_change:comment_resolve": self.thread_id,
                "workspace:join_request_accept": self.join_request_id,
                "workspace:join_request_decline": self.join_request_id,
                "value:price_edit": self.price_item_id,
                "breakthrough:case": self.case_id,
                "breakthrough:approve": self.case_id,
                "breakthrough:remove": self.case_id,
            }.get(name, self.story_id if "story" in name or "consent" in name else self.bundle_id),
            "consent": self.consent_id,
            "token": {
                "invitation_accept": self.invitation_token,
                "password_reset_confirm": self.reset_token,
            }.get(name, self.share_token),
        }
        url = reverse(name, kwargs={param: values[param] for param in routes()[name].params})
        if variant == "gemeente-a":
            url += "?" + urlencode(GEMEENTE_A)
        return url

    def post_data(self, key: str) -> dict[str, str]:
        name, variant = split(key)
        return {**POST_DATA.get(name, {}), **(GEMEENTE_A if variant == "gemeente-a" else {})}


def build_world() -> World:
    """The cast of tests/conftest.py (same names, municipalities and roles) and what the
    URLs point at; see the module's docstring."""
    initiative_a = InitiativeFactory(
        name="Dorpshuis Smilde",
        slug="dorpshuis-smilde",
        place="Smilde",
        municipality=municipality("midden-drenthe"),
    )
    initiative_b = InitiativeFactory(
        name="Dorpsloket Middelstum",
        slug="dorpsloket-middelstum",
        kind="dorpsloket",
        place="Middelstum",
        municipality=municipality("eemsdelta"),
    )

    def member(username: str, initiative: Initiative, role: str, **names: str) -> Membership:
        return MembershipFactory(
            user=UserFactory(username=username, **names), initiative=initiative, role=role
        )

    def civil_servant(slug: str) -> User:
        user = UserFactory(username=f"gemeente.{slug}")
        user.municipalities.add(municipality(slug))
        return user

    first_name, last_name = PERSON.split()
    volunteer_a = member(
        "vrijwilliger.a", initiative_a, Role.COORDINATOR, first_name=first_name, last_name=last_name
    ).user
    editor = member("schrijver.a", initiative_a, Role.EDITOR)
    reader_a = member("meelezer.a", initiative_a, Role.READER).user
    volunteer_b = member("vrijwilliger.b", initiative_b, Role.COORDINATOR).user
    advisor = UserFactory(username="adviseur", is_advisor=True)
    municipality_a = civil_servant("midden-drenthe")
    municipality_b = civil_servant("eemsdelta")

    approved = approve(complete_theory(TheoryFactory(initiative=initiative_a, year=2025)), advisor)
    share_token = share_link_enable(theory=approved, by=volunteer_a)
    thread = CommentFactory(theory=approved, step=5, author=advisor, body=COMMENT_BODY)
    # Step 1 as the history shows it: the draft's first version, then the one submitted.
    step = get_step(1)
    StepRevision.objects.create(
        theory=approved,
        step=step.number,
        author=volunteer_a,
        snapshot=step.snapshot(with_content(TheoryOfChange.objects.filter(pk=approved.pk)).get()),
        changes=[{"field": "problem", "old": DRAFT_VERSION, "new": approved.problem}],
    )
    TheoryFactory(initiative=initiative_a, year=DRAFT_YEAR, mission=DRAFT_MISSION)
    output = approved.outputs.get()
    count_save(
        indicator=indicator_for(output=output),
        period=Period.parse(f"{APPROVED_YEAR}-03"),
        value=4,
        note=COUNT_NOTE,
        by=volunteer_a,
    )
    LogbookWeek.objects.create(
        theory=approved,
        week=f"{APPROVED_YEAR}-W{LOGBOOK_WEEK}",
        starts_on=date.fromisocalendar(APPROVED_YEAR, LOGBOOK_WEEK, 1),
        note=LOGBOOK_NOTE,
        busyness=Busyness.TOO_BUSY,
        written_by=volunteer_a,
    )
    story = Story.objects.create(
        theory=approved, text=STORY_TEXT, quote=STORY_TEXT, teller_role="participant"
    )
    consent = Consent.objects.create(
        story=story,
        scope=Scope.PUBLIC,
        given_by="person",
        person_name=CONSENT_NAME,
        given_on=date(APPROVED_YEAR, 3, 1),
        form="signed",
        document="stories/consent/matrix.pdf",
        withdrawn_at=timezone.now(),
    )
    invitation, invitation_token = initiative_services.invitation_create(
        initiative=initiative_a, email="nieuw@example.org", role=Role.EDITOR, by=volunteer_a
    )
    # A ready ZIP, made directly (tests/portal/test_bundles.py covers how one is built);
    # its file is written for each cell, into that cell's MEDIA_ROOT.
    bundle = FactSheetBundle.objects.create(
        requested_by=municipality_a,
        language="nl",
        year=APPROVED_YEAR,
        label="Midden-Drenthe",
        file_label="midden-drenthe",
        params={"jaar": str(APPROVED_YEAR)},
        theories=[approved.pk],
        stamp="0" * 64,
        status=BundleStatus.READY,
        total=1,
        done=1,
        file="feitenbladen-zips/matrix.zip",
        size=len(ZIP_CONTENT),
        finished_at=timezone.now(),
    )
    files = {
        "": "initiatives/dorpshuis-smilde/a1b2.png",
        "b": "initiatives/dorpsloket-middelstum/c3d4.png",
    }
    files["pdf"] = f"feitenbladen/{initiative_a.slug}/2026-a4-nl-{'0' * 32}.pdf"
    files["story"] = "stories/photos/e5f6.png"
    files["consent"] = consent.document.name
    Story.objects.filter(pk=story.pk).update(
        photo=files["story"], photo_description="Mevrouw Bakker aan tafel"
    )
    Initiative.objects.filter(pk=initiative_a.pk).update(logo=files[""])
    Initiative.objects.filter(pk=initiative_b.pk).update(photo=files["b"])
    users = {
        "anonymous": None,
        "volunteer_a": volunteer_a,
        "volunteer_b": volunteer_b,
        "reader_a": reader_a,
        "advisor": advisor,
        "municipality_a": municipality_a,
        "municipality_b": municipality_b,
    }
    return World(
        user_ids={role: user.pk if user else None for role, user in users.items()},
        slug=initiative_a.slug,
        share_token=share_token,
        thread_id=thread.pk,
        invitation_id=invitation.pk,
        invitation_token=invitation_token,
        membership_id=editor.pk,
        output_id=output.pk,
        outcome_id=approved.outcomes.get().pk,
        join_request_id=JoinRequest.objects.create(
            name="Buurthuis De Linde",
            kind="dorpshuis",
            place="Beilen",
            municipality=municipality("midden-drenthe"),
            contact_name="Joke",
            email="joke@example.org",
        ).pk,
        price_item_id=PriceVersion.objects.create(
            item=PriceItem.objects.create(
                name="Een maaltijd", unit="maaltijd", beneficiary=Beneficiary.RESIDENT
            ),
            low=4,
            central=6,
            high=9,
            price_year=2025,
            source_title="Een bron",
            source_year=2025,
        ).item_id,
        case_id=BreakthroughCase.objects.create(
            theory=approved, situation=CASE_SITUATION, arranged="Hulp op maat", cost=0
        ).pk,
        story_id=story.pk,
        consent_id=consent.pk,
        bundle_id=bundle.pk,
        bundle_file=bundle.file,
        # editor_a never logs in here, so the link stays valid in every cell.
        reset_uid=urlsafe_base64_encode(force_bytes(editor.user.pk)),
        reset_token=default_token_generator.make_token(editor.user),
        files=files,
        rows=snapshot(),
    )


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """The world, built once for this module inside a transaction that is rolled back at
    its end. Each cell runs inside it in a savepoint of its own (pytest-django's `db`)
    that is rolled back after the cell, so every cell starts from exactly this world, as
    with Django's `TestCase.setUpTestData`, without building it 900 times."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast):
        with transaction.atomic():
            yield build_world()
            transaction.set_rollback(True)


@pytest.fixture
def world(built_world, db, settings, monkeypatch, fake_render) -> World:  # noqa: F811
    assert snapshot() == built_world.rows, "a cell did not start from the world"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(portal_views, "render_summary", lambda selection: b"%PDF-fake summary")
    stored = default_storage.save(built_world.bundle_file, ContentFile(ZIP_CONTENT))
    assert stored == built_world.bundle_file
    for name in built_world.files.values():
        assert default_storage.save(name, ContentFile(IMAGE_CONTENT)) == name
    return built_world


# --- asking and judging ----------------------------------------------------------------------


def ask(world: World, key: str, role: str, method: str):
    client = world.client(role)
    url = world.url(key)
    if method == "GET":
        return client.get(url)
    return client.post(url, world.post_data(key))


def outcome(response) -> Outcome:
    if 200 <= response.status_code < 300 or response.status_code == 304:
        return OK
    if response.status_code in (301, 302, 303, 307, 308):
        target = urlsplit(response["Location"])
        if target.path == reverse("login") and "next" in parse_qs(target.query):
            return LOGIN
        return OK
    return response.status_code


def body(response) -> str:
    """What the response says: its content (also streamed) and where it redirects to."""
    if response.streaming:
        # Reading it to the end closes it, as a WSGI server would (closing it again here
        # would also close the database connection, inside the cell's transaction).
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace") + response.get("Location", "")


def cells() -> list:
    params = []
    for key in EXPECTED:
        for role in ROLES:
            for method in METHODS:
                reason = KNOWN_WRONG.get((key, role, method))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                params.append(
                    pytest.param(key, role, method, id=f"{key}-{role}-{method}", marks=marks)
                )
    return params


# --- the tests -------------------------------------------------------------------------------


def test_every_url_has_an_entry():
    known = {split(key)[0] for key in EXPECTED}
    unnamed = [route.path for route in routes().values() if not route.name]
    missing = [f"add {name} to EXPECTED" for name in routes() if name not in known]
    stale = [f"remove {key} from EXPECTED (no such URL)" for key in known - set(routes())]
    assert not unnamed, f"every URL needs a name to be in the matrix: {unnamed}"
    assert not missing + stale, "\n".join(missing + stale)
    assert {split(key)[1] for key in EXPECTED} <= VARIANTS | {""}


@pytest.mark.django_db
@pytest.mark.parametrize("key, role, method", cells())
def test_cell(world, key, role, method):
    expected = EXPECTED[key].expected(role, method)
    response = ask(world, key, role, method)
    text = body(response)
    got = outcome(response)
    assert got == expected, (
        f"{method} {world.url(key)} as {role}: expected {expected}, got {got} "
        f"({response.status_code} {response.get('Location', '')})"
    )
    if got != OK:
        return
    name = split(key)[0]
    # What the status code cannot show: an "ok" page of someone else's never shows A.
    if name in BY_TOKEN:
        return  # whoever has the link may read what it shows
    if role in ("anonymous", "volunteer_b", "municipality_b"):
        for marker in A_MARKERS:
            assert marker not in text, f"{role} reads {marker!r} at {world.url(key)}"
    if role not in ("volunteer_a", "reader_a", "advisor"):
        for secret in (
            DRAFT_MISSION,
            DRAFT_VERSION,
            COMMENT_BODY,
            PERSON,
            LOGBOOK_NOTE,
            COUNT_NOTE,
            CASE_SITUATION,
        ):
            assert secret not in text, f"{role} reads {secret!r} at {world.url(key)}"
    if role not in ("volunteer_a", "reader_a"):  # "alleen intern": not the advisor either
        for secret in (STORY_TEXT, CONSENT_NAME):
            assert secret not in text, f"{role} reads {secret!r} at {world.url(key)}"


def _points_at_a(key: str) -> bool:
    """Whether the URL points at something of initiative A (its slug, or the id of its
    comment, invitation or membership), at municipality A's ZIP, or narrows the portal to
    municipality A. Token links carry no slug or id: they are public by design."""
    name, variant = split(key)
    return variant == "gemeente-a" or bool({"slug", "pk"} & set(routes()[name].params))


def _writes_to_a(key: str) -> bool:
    """Whether an allowed POST changes something of initiative A."""
    return EXPECTED[key].writes and "slug" in routes()[split(key)[0]].params


def test_the_table_lets_no_outsider_in():
    """A check on the table itself (the cells check the app): nobody outside A reads or
    writes anything of A's, and A's read-only roles (reader, municipality) never write."""
    wrong = []
    for key, row in EXPECTED.items():
        for method in METHODS:
            for role in ("anonymous", "volunteer_b", "municipality_b"):
                if _points_at_a(key) and row.expected(role, method) == OK:
                    wrong.append(f"{method} {key} as {role}")
        for role in ("reader_a", "municipality_a"):
            if _writes_to_a(key) and row.expected(role, "POST") == OK:
                wrong.append(f"POST {key} as {role} (a write)")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "key, role, secret",
    [
        ("initiatives:detail", "volunteer_a", A_MARKERS[0]),
        ("initiatives:list", "municipality_a", A_MARKERS[1]),
        ("theory_of_change:overview@draft", "reader_a", DRAFT_MISSION),
        ("theory_of_change:history", "reader_a", DRAFT_VERSION),
        ("theory_of_change:review", "advisor", COMMENT_BODY),
        ("initiatives:members", "reader_a", PERSON),
        ("theory_of_change:logbook_week", "advisor", LOGBOOK_NOTE),
        ("theory_of_change:result_output", "reader_a", COUNT_NOTE),
        ("theory_of_change:stories", "reader_a", STORY_TEXT),
        ("theory_of_change:story", "volunteer_a", CONSENT_NAME),
        ("breakthrough:list", "municipality_a", A_MARKERS[0]),
        ("breakthrough:list", "reader_a", CASE_SITUATION),
        ("breakthrough:case", "advisor", CASE_SITUATION),
    ],
)
def test_the_secrets_are_there_to_find(world, key, role, secret):
    """The words `test_cell` looks for in outsiders' pages are on insiders' pages, so not
    finding them means something."""
    assert secret in body(world.client(role).get(world.url(key)))


def snapshot() -> dict[str, list[dict]]:
    """Every row of the tables that matter, all fields (users without `last_login`)."""
    models = (
        Initiative,
        Membership,
        Invitation,
        TheoryOfChange,
        Comment,
        Transition,
        StepRevision,
        FactSheetBundle,
        BreakthroughCase,
    )
    state = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    state["User"] = [
        {field: value for field, value in user.items() if field != "last_login"}
        for user in User.objects.order_by("pk").values()
    ]
    return state


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_get_changes_nothing(world, role):
    client = world.client(role)
    before = snapshot()
    for key in EXPECTED:
        body(client.get(world.url(key)))
    after = snapshot()
    for table in before:
        assert after[table] == before[table], f"GETs as {role} changed {table}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "key, role",
    [
        ("theory_of_change:step@draft", "volunteer_a"),
        ("theory_of_change:submit@draft", "volunteer_a"),
        ("theory_of_change:approve", "advisor"),
        ("theory_of_change:comment_add", "volunteer_a"),
        ("portal:bundle_create", "municipality_a"),
        ("factsheet:share", "volunteer_a"),
    ],
)
def test_posts_without_a_csrf_token_are_refused(world, key, role):
    """The matrix's client skips CSRF checks; a browser's does not. The same POSTs that
    are "ok" for these roles in the matrix are 403 without a token, and change nothing."""
    assert EXPECTED[key].expected(role, "POST") == OK
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(pk=world.user_ids[role]))
    before = snapshot()
    response = client.post(world.url(key), world.post_data(key))
    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/admin/", "/admin/theory_of_change/theoryofchange/"])
def test_admin_sends_everyone_to_its_login(world, role, path):
    """Django admin has its own staff-only checks; nobody in the cast is staff."""
    response = world.client(role).get(path)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == reverse("admin:login")
    assert parse_qs(target.query)["next"] == [path]
