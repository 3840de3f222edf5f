"""A ZIP of all approved fact sheets of a selection: asked for, built in the background,
downloaded.

Who gets which sheets is decided once, when the ZIP is asked for: the portal's `Selection`
lists the approved Verandertheorieën the user may read, and the bundle keeps their ids.
The work happens in the `build_bundle` task (the immediate backend runs it inside the
request; in production `manage.py db_worker` does), which renders only sheets that are not
in the fact-sheet cache yet and counts its progress on the bundle for the page to poll.

Equal work is done once. A bundle's stamp is a hash over its sheets' own stamps (which
change whenever a sheet would look different), so equal stamps mean equal ZIPs:

- the same user asking again gets the same bundle back (ready, or still being built);
- another user asking for the same sheets gets a bundle that points at the existing ZIP,
  without a task;
- the task finds a finished ZIP for its stamp and only marks the bundle ready, and running
  it again on a ready bundle changes nothing.

A bundle is personal: only the person who asked for it sees it (404 for anyone else), and
at download time the sheets in it must still be approved and within their scope.
"""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
import uuid
import zipfile
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from impact.factsheet.render import A4, cached_pdf, references_version, sheet_stamp
from impact.models import BUNDLE_STALE_AFTER, BundleStatus, FactSheetBundle
from impact.portal.selection import Selection, may_use_portal, portal_scope, selection_params
from initiatives.models import User
from theory_of_change.models import TheoryOfChange

logger = logging.getLogger(__name__)

ZIP_FOLDER = "feitenbladen-zips"
# Part of every bundle stamp: a change to what goes into the ZIP (names, compression,
# extra files) must not reuse ZIPs made the old way.
ZIP_LAYOUT = "zip-1"
# The PDFs' content is already compressed: deflating them again saves about 1.5 % of the
# size for 15 times the zipping time (`manage.py benchmark_bundle` measures both).
ZIP_COMPRESSION = zipfile.ZIP_STORED


class NothingToBundle(Exception):
    """The selection holds no approved fact sheets, so there is nothing to put in a ZIP."""


class BundleError(Exception):
    """A bundle could not be built; the message is for the person who asked (Dutch)."""


# --- reading -------------------------------------------------------------------------------


def _sheets(theories: QuerySet[TheoryOfChange]) -> list[TheoryOfChange]:
    """The theories as the fact-sheet cache needs them, in the ZIP's order (by name)."""
    return list(
        theories.select_related("initiative__municipality").order_by("initiative__name", "pk")
    )


def bundle_stamp(sheet_stamps: Iterable[tuple[int, str]]) -> str:
    """A hash over (theory id, sheet stamp) pairs: equal stamps mean equal ZIPs."""
    pairs = sorted(sheet_stamps)
    return hashlib.sha256(json.dumps([ZIP_LAYOUT, pairs]).encode()).hexdigest()


def _stamps(theories: list[TheoryOfChange]) -> dict[int, str]:
    """Each sheet's stamp, in the active language (the stamp includes it)."""
    references = references_version()
    return {
        theory.pk: sheet_stamp(theory, variant=A4, references=references) for theory in theories
    }


def zip_path(stamp: str) -> str:
    return f"{ZIP_FOLDER}/{stamp}.zip"


def _finished_zip(stamp: str) -> FactSheetBundle | None:
    """A ready bundle of anyone with this stamp whose ZIP is still there.

    A bundle is marked ready only after its ZIP is completely written, so a file that is
    still being written by another task is never handed out.
    """
    for bundle in FactSheetBundle.objects.filter(stamp=stamp, status=BundleStatus.READY):
        if bundle.file and default_storage.exists(bundle.file):
            return bundle
    return None


def get_bundle_for_user(user: User, pk: uuid.UUID) -> FactSheetBundle:
    """The user's own bundle; 404 for anyone else (advisors included) and for people who
    no longer have the portal at all, so a bundle's existence never leaks."""
    if not may_use_portal(user):
        raise Http404
    bundle = FactSheetBundle.objects.filter(pk=pk, requested_by=user).first()
    if bundle is None:
        raise Http404
    return bundle


def bundle_downloadable(*, bundle: FactSheetBundle, user: User) -> bool:
    """Whether the ZIP is ready, still there, and every sheet in it is still approved and
    within the user's scope, and no story or consent of it changed since it was asked for:
    a civil servant who moved on, a sheet that was reopened or a consent withdrawn since,
    closes the download (the page then offers a new ZIP)."""
    if not bundle.is_ready or not bundle.theories:
        return False
    try:
        scope = portal_scope(user)
    except PermissionDenied:
        return False
    # A story or consent changed after the ZIP was asked for: it may hold a sheet rendered
    # before a withdrawal (even one finished after it), so it is never handed out.
    readable = (
        TheoryOfChange.objects.approved()
        .filter(pk__in=bundle.theories, initiative__in=scope.initiatives())
        .exclude(stories_changed_at__gt=bundle.created_at)
    )
    if readable.count() != len(bundle.theories):
        return False
    return default_storage.exists(bundle.file)


# --- asking for a ZIP ------------------------------------------------------------------------


def bundle_request(*, selection: Selection, user: User, language: str) -> FactSheetBundle:
    """The user's bundle for the approved sheets of `selection`, in `language`.

    Returns the user's earlier bundle when it is for exactly the same sheets (ready with
    its ZIP, or still being built); otherwise a new one, which is ready at once when
    someone else's ZIP has the same stamp and is queued for `build_bundle` when not.
    Raises `NothingToBundle` when the selection has no approved sheets.
    """
    with translation.override(language):
        theories = _sheets(selection.approved_theories())
        if not theories:
            raise NothingToBundle
        stamp = bundle_stamp(_stamps(theories).items())

    recent = timezone.now() - BUNDLE_STALE_AFTER
    earlier = FactSheetBundle.objects.filter(requested_by=user, stamp=stamp)
    for bundle in earlier.exclude(status=BundleStatus.FAILED):
        if bundle.is_ready and bundle.file and default_storage.exists(bundle.file):
            return bundle
        if bundle.is_busy and bundle.created_at >= recent:
            return bundle

    bundle = FactSheetBundle(
        requested_by=user,
        language=language,
        year=selection.year,
        label=selection.scope.name,
        file_label=selection.scope.file_label,
        params=selection_params(selection),
        theories=[theory.pk for theory in theories],
        stamp=stamp,
        total=len(theories),
    )
    shared = _finished_zip(stamp)
    if shared is not None:
        bundle.status = BundleStatus.READY
        bundle.file, bundle.size = shared.file, shared.size
        bundle.done = bundle.total
        bundle.finished_at = timezone.now()
        bundle.save()
        return bundle
    bundle.save()
    # Committed already (requests are not atomic), so a worker in another process sees it.
    build_bundle.enqueue(str(bundle.pk))
    bundle.refresh_from_db()  # the immediate backend has built it by now
    return bundle


# --- building it -----------------------------------------------------------------------------


@task()
def build_bundle(bundle_id: str) -> str:
    """The background task: build the bundle's ZIP; returns the bundle's final status."""
    bundle = bundle_build(bundle_id=uuid.UUID(bundle_id))
    return bundle.status if bundle else "gone"


def bundle_build(*, bundle_id: uuid.UUID) -> FactSheetBundle | None:
    """Build the ZIP of a bundle, or find it built; never leaves the bundle running.

    Idempotent: a ready bundle whose ZIP exists is left as it is. Returns None when the
    bundle was deleted in the meantime.
    """
    bundle = FactSheetBundle.objects.filter(pk=bundle_id).first()
    if bundle is None:
        return None
    if bundle.is_ready and bundle.file and default_storage.exists(bundle.file):
        return bundle
    rows = FactSheetBundle.objects.filter(pk=bundle.pk)
    rows.update(status=BundleStatus.RUNNING, done=0, error="", finished_at=None)
    with translation.override(bundle.language):
        try:
            _build(bundle)
        except Exception as error:
            logger.exception("Building the ZIP of fact sheets %s failed", bundle.pk)
            if isinstance(error, BundleError):
                message = str(error)
            else:
                message = _("Het ZIP-bestand kon niet worden gemaakt. Probeer het opnieuw.")
            rows.update(status=BundleStatus.FAILED, error=message, finished_at=timezone.now())
    bundle.refresh_from_db()
    return bundle


def _build(bundle: FactSheetBundle) -> None:
    """Re-check which sheets are still approved, then reuse or write the ZIP of those."""
    rows = FactSheetBundle.objects.filter(pk=bundle.pk)
    theories = _sheets(TheoryOfChange.objects.approved().filter(pk__in=bundle.theories))
    if not theories:
        raise BundleError(
            _("Geen van de feitenbladen is nog goedgekeurd. Er is niets om te downloaden.")
        )
    skipped = len(bundle.theories) - len(theories)
    # The stamp of what goes in now: sheets may have changed or dropped out since the
    # request, and the shared ZIP must be named after what it really holds.
    stamps = _stamps(theories)
    stamp = bundle_stamp(stamps.items())
    shared = _finished_zip(stamp)
    if shared is not None:
        path, size = shared.file, shared.size
    else:
        path, size = write_zip(theories, stamps, progress=rows, skipped=skipped)
    rows.update(
        status=BundleStatus.READY,
        stamp=stamp,
        theories=[theory.pk for theory in theories],
        skipped=skipped,
        done=bundle.total,
        file=path,
        size=size,
        finished_at=timezone.now(),
    )


def write_zip(
    theories: list[TheoryOfChange],
    stamps: dict[int, str],
    *,
    progress: QuerySet[FactSheetBundle],
    skipped: int,
) -> tuple[str, int]:
    """Every sheet from the fact-sheet cache (rendered when missing) into a ZIP in the
    default storage; counts `done` on the bundle after each sheet. Returns path and size.

    Public as a seam: a test replaces it with one that fails the way a full disk does, to
    see an unexpected error end the bundle in FAILED with a message to try again.
    """
    stamp = bundle_stamp(stamps.items())
    with tempfile.TemporaryFile() as spool:
        with zipfile.ZipFile(spool, "w", compression=ZIP_COMPRESSION) as archive:
            for number, theory in enumerate(theories, start=1):
                try:
                    rendered = cached_pdf(theory, variant=A4, stamp=stamps[theory.pk])
                except Exception as error:
                    raise BundleError(
                        _("Het feitenblad van %(name)s kon niet worden gemaakt.")
                        % {"name": theory.initiative.name}
                    ) from error
                entry = zipfile.ZipInfo(rendered.filename, date_time=_entry_time(theory))
                entry.compress_type = ZIP_COMPRESSION
                archive.writestr(entry, rendered.content)
                progress.update(done=skipped + number)
        size = spool.tell()
        spool.seek(0)
        # Another task may have written the same ZIP meanwhile; `save` then picks a free
        # name, and this bundle keeps its own copy.
        path = default_storage.save(zip_path(stamp), File(spool, name=zip_path(stamp)))
    return path, size


def _entry_time(theory: TheoryOfChange) -> tuple[int, int, int, int, int, int]:
    """A ZIP entry's date: the approval (so an equal stamp gives a byte-equal ZIP)."""
    moment: datetime = timezone.localtime(theory.approved_at or theory.updated_at)
    return (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, 0)


# --- clearing up ---------------------------------------------------------------------------


def bundles_prune(*, older_than: timedelta) -> tuple[int, int]:
    """Forget bundles asked for longer ago than `older_than`, and delete the ZIP files no
    remaining bundle points at. Returns (bundles, files) removed. The fact sheets stay in
    their own cache: a new ZIP of the same sheets is made again from it in milliseconds."""
    deleted, _ = FactSheetBundle.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    in_use = set(FactSheetBundle.objects.exclude(file="").values_list("file", flat=True))
    try:
        _, files = default_storage.listdir(ZIP_FOLDER)
    except FileNotFoundError:
        files = []
    removed = 0
    for name in files:
        path = f"{ZIP_FOLDER}/{name}"
        if path not in in_use:
            default_storage.delete(path)
            removed += 1
    return deleted, removed


def forget_bundles_with(theory_id: int) -> int:
    """Remove the ZIPs that hold the theory's sheet. Their bundles then offer a new ZIP
    (`bundle_downloadable` needs the file), built from the sheet as it is now. Returns how
    many ZIPs were removed. The bundles are few (a day's worth): read in Python, as
    SQLite cannot search inside a JSON list."""
    removed = 0
    for bundle in FactSheetBundle.objects.exclude(file="").only("file", "theories"):
        if theory_id in bundle.theories and default_storage.exists(bundle.file):
            default_storage.delete(bundle.file)
            removed += 1
    return removed
