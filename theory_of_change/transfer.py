"""Export an initiative as one JSON document, and import it again here or elsewhere.

Why: an initiative can move to another installation (another region, another host) without
anyone typing a word again; an initiative can keep a backup that it can read (plain JSON
with its own words in it); and the round trip — export, import, export again, compare — is
the proof that nothing is lost (`tests/initiatives/test_transfer.py`).

The document holds the initiative's details with its logo and photo, its members, and every
Verandertheorie with all its rows, its edit history (revisions), its review timeline
(transitions), its comment threads and its results (indicators with their counts, the
counts' history, questionnaire results, logbook weeks; `previous` names last year's
indicator by year and row key). The people it names are listed once, by username;
reference entries (kinds of means, themes, methods) by name, since every installation
numbers its own. Links between rows use keys local to the document ("activity-2": the
second activity of that theory), never database ids; so do the row ids inside revision
snapshots and the revision ids a submission remembers.

Deliberately left out:
- secrets: password hashes, the public link's `share_token` (an imported sheet starts with
  its public link off) and invitations with their tokens, pending or used (people who
  accepted one are members);
- fact sheet PDFs in the cache and ZIP bundles (`FactSheetBundle`): they are rebuilt from
  the data on demand;
- what belongs to an account rather than to the initiative: last login, municipality staff
  links, other initiatives.

Importing creates what the target lacks, switched off: users inactive with an unusable
password (an operator activates them and sends a password reset), reference entries
inactive (the rows keep their meaning; the lists offered for new input do not grow). Users
and entries that exist, matched by username and name, are used as they are and not changed.

A file may come from anywhere, and the import passes no form: so it applies the forms'
rules itself (`tests/initiatives/test_transfer_validation.py`). Every value must have its
JSON type (no "['x']" for a name, no "12" for a number) and pass the model's `full_clean`;
years, images and the edit history get the checks the forms, the upload and the history
pages rely on. The first problem refuses the whole file, with the place it is at. What a
file cannot decide here — who is an advisor, whether a Verandertheorie is approved — is set
aside unless the operator says otherwise (`trust_roles`, `keep_status`).
"""

from __future__ import annotations

import base64
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_slug
from django.db import DataError, IntegrityError, models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Prefetch
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from common.images import prepare_image
from initiatives.forms import validate_founded_year
from initiatives.models import (
    DETAIL_FIELDS,
    IMAGE_FIELDS,
    Initiative,
    Membership,
    Municipality,
    User,
)
from theory_of_change.forms import TheoryCreateForm
from theory_of_change.history import MalformedHistory, check_changes, check_snapshot
from theory_of_change.models import (
    Action,
    Comment,
    DataCollectionMethod,
    Impact,
    Outcome,
    Output,
    ReferenceItem,
    ResourceKind,
    Status,
    StepRevision,
    Theme,
    TheoryOfChange,
    Transition,
)
from theory_of_change.results.models import (
    Indicator,
    LogbookWeek,
    ResultChange,
    ResultEntry,
    SurveyResult,
)
from theory_of_change.results.periods import InvalidPeriod, Period, Rhythm
from theory_of_change.selectors import standing_submissions
from theory_of_change.steps import ROW_TABLES, STEPS, ListStep, Step, get_step
from theory_of_change.stories.models import Consent, ConsentForm, ConsentSubject, Scope, Story

FORMAT = "maatschappelijke-waarde/initiative"
VERSION = 1

# The step rows travel as the registry's tables (`ROW_TABLES`), in its order (rows refer to
# earlier rows): each in the section named after the theory's `related_name`, its rows keyed
# with the `export_key` ("activity-2").
EXPORT_KEYS = {table.model: table.export_key for table in ROW_TABLES}
REFERENCE_LISTS: tuple[tuple[type[ReferenceItem], str], ...] = (
    (ResourceKind, "resource_kinds"),
    (Theme, "themes"),
    (DataCollectionMethod, "data_collection_methods"),
)
# What a reference entry is on one installation's list, rather than what it means.
LOCAL_REFERENCE_FIELDS = {"id", "position", "is_active", "updated_at"}
PERSON_FIELDS = ("username", "email", "first_name", "last_name", "is_advisor")
THEORY_FIELDS = ("year", "status", "problem", "goal", "mission")
# The chain's "kort gezegd" lines (steps 1 to 7): optional, files from before them import.
SHORT_FIELDS = tuple(step.short_field for step in STEPS if step.short_field)
LIST_STEP_MODELS = {step.number: step.model for step in STEPS if isinstance(step, ListStep)}


class TransferError(ValueError):
    """The document cannot be imported here; the message says why (Dutch, for people)."""


def dumps(document: dict) -> str:
    """The document as text; sorted keys, so equal data gives equal bytes."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _time(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value else None


def _parse_time(text: str | None) -> datetime | None:
    if text is None:
        return None
    value = datetime.fromisoformat(text)
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _reference_fields(model: type[ReferenceItem]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.name not in LOCAL_REFERENCE_FIELDS]


def _is_reference(model_field: models.Field) -> bool:
    return model_field.is_relation and issubclass(model_field.related_model, ReferenceItem)


def _map_row_ids(step: int, snapshot: dict, changes: list, convert: Callable) -> tuple:
    """A revision's snapshot and changes with their row ids passed through `convert`."""
    model = LIST_STEP_MODELS.get(step)
    if model is None:  # a text step names fields, not rows
        return snapshot, changes
    rows = [{**row, "id": convert(model, row["id"])} for row in snapshot.get("rows", [])]
    changes = [
        {**change, "row": convert(model, change["row"])} if "row" in change else change
        for change in changes
    ]
    return {**snapshot, "rows": rows}, changes


# --- export ----------------------------------------------------------------------------------


@dataclass
class _Named:
    """The people and reference entries an export names, to list each once."""

    people: dict[str, User] = field(default_factory=dict)
    references: dict[type, dict[str, ReferenceItem]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    # Indicator id -> where it is in the document ({"year", "row"}), for `previous`.
    indicators: dict[int, dict] = field(default_factory=dict)

    def person(self, user: User | None) -> str | None:
        if user is None:
            return None
        self.people[user.username] = user
        return user.username

    def reference(self, item: ReferenceItem) -> str:
        self.references[type(item)][item.name] = item
        return item.name


def export_initiative(*, initiative: Initiative) -> dict:
    """The initiative with everything written for it, as JSON-ready data (see above)."""
    initiative = Initiative.objects.select_related("municipality").get(pk=initiative.pk)
    named = _Named()
    memberships = initiative.memberships.select_related("user").order_by("user__username")
    theories = initiative.theories.select_related("assigned_advisor").order_by("year")
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _time(timezone.now()),
        "initiative": _export_details(initiative),
        "members": [
            {"username": named.person(m.user), "role": m.role, "created_at": _time(m.created_at)}
            for m in memberships
        ],
        "theories": [_export_theory(theory, named) for theory in theories],
    }
    document["people"] = [
        {name: getattr(user, name) for name in PERSON_FIELDS}
        for _username, user in sorted(named.people.items())
    ]
    document["reference_lists"] = {
        section: [
            {name: getattr(item, name) for name in _reference_fields(model)}
            for _name, item in sorted(named.references[model].items())
        ]
        for model, section in REFERENCE_LISTS
    }
    return document


def _export_details(initiative: Initiative) -> dict:
    return {
        **{name: getattr(initiative, name) for name in DETAIL_FIELDS},
        "slug": initiative.slug,
        "municipality": initiative.municipality.slug,
        "also_serves": sorted(initiative.also_serves.values_list("slug", flat=True)),
        "created_at": _time(initiative.created_at),
        **{name: _export_image(getattr(initiative, name)) for name in IMAGE_FIELDS},
    }


def _export_image(image: FieldFile) -> dict | None:
    if not image:
        return None
    with image.open("rb") as file:
        content = file.read()
    extension = PurePath(image.name).suffix.lstrip(".").lower()
    return {"extension": extension, "content": base64.b64encode(content).decode("ascii")}


def _export_theory(theory: TheoryOfChange, named: _Named) -> dict:
    rows, row_keys = _export_rows(theory, named)
    revisions, revision_keys = _export_revisions(theory, row_keys, named)
    return {
        **{name: getattr(theory, name) for name in (*THEORY_FIELDS, *SHORT_FIELDS)},
        **{
            name: _time(getattr(theory, name))
            for name in ("created_at", "updated_at", "submitted_at", "approved_at")
        },
        "assigned_advisor": named.person(theory.assigned_advisor),
        **rows,
        "revisions": revisions,
        "transitions": [
            {
                "action": t.action,
                "from_status": t.from_status,
                "to_status": t.to_status,
                "by": named.person(t.by),
                "created_at": _time(t.created_at),
                "message": t.message,
                "revisions": {
                    step: revision_keys[pk]
                    for step, pk in t.revisions.items()
                    if pk in revision_keys
                },
            }
            for t in theory.transitions.select_related("by").order_by("pk")
        ],
        "comments": _export_comments(theory, named),
        "results": _export_results(theory, row_keys, named),
        "stories": _export_stories(theory, row_keys, named),
    }


def _export_rows(theory: TheoryOfChange, named: _Named) -> tuple[dict, dict]:
    """Every step list in order; returns the sections and, per model, row id -> key.

    Generic over the fields, so a field added to a row model travels without a change here:
    links to rows become keys, reference entries names, decimals text.
    """
    sections: dict[str, list] = {}
    keys: dict[type, dict[int, str]] = {}
    for table in ROW_TABLES:
        model, section, prefix = table.model, table.related_name, table.export_key
        entries = [f.name for f in model._meta.concrete_fields if _is_reference(f)]
        many = [f.name for f in model._meta.many_to_many]
        rows = model.objects.filter(theory=theory).select_related(*entries)
        rows = rows.prefetch_related(*many)
        keys[model], sections[section] = {}, []
        for index, row in enumerate(rows, start=1):
            keys[model][row.pk] = f"{prefix}-{index}"
            values = {"key": keys[model][row.pk]}
            for f in model._meta.concrete_fields:
                if f.primary_key or f.name == "theory":
                    continue
                if f.related_model in keys:
                    values[f.name] = keys[f.related_model].get(getattr(row, f.attname))
                elif f.is_relation:
                    item = getattr(row, f.name)
                    values[f.name] = None if item is None else named.reference(item)
                else:
                    value = getattr(row, f.name)
                    values[f.name] = str(value) if isinstance(value, Decimal) else value
            for f in model._meta.many_to_many:
                linked = {item.pk: item for item in getattr(row, f.name).all()}
                if f.related_model in keys:  # in the order of the document
                    values[f.name] = [k for pk, k in keys[f.related_model].items() if pk in linked]
                else:
                    values[f.name] = sorted(named.reference(item) for item in linked.values())
            sections[section].append(values)
    return sections, keys


def _export_revisions(theory: TheoryOfChange, row_keys: dict, named: _Named) -> tuple[list, dict]:
    """The edit history, oldest first; returns it and revision id -> key."""
    removed: dict[tuple[type, int], str] = {}

    def to_key(model: type, row_id: int) -> str:
        # Snapshots also name rows deleted since; they get keys of their own.
        if row_id in row_keys[model]:
            return row_keys[model][row_id]
        if (model, row_id) not in removed:
            number = sum(1 for seen, _id in removed if seen is model) + 1
            removed[(model, row_id)] = f"{EXPORT_KEYS[model]}-removed-{number}"
        return removed[(model, row_id)]

    result, keys = [], {}
    revisions = theory.revisions.select_related("author").order_by("pk")
    for index, revision in enumerate(revisions, start=1):
        keys[revision.pk] = f"revision-{index}"
        snapshot, changes = _map_row_ids(revision.step, revision.snapshot, revision.changes, to_key)
        result.append(
            {
                "key": keys[revision.pk],
                "step": revision.step,
                "author": named.person(revision.author),
                "created_at": _time(revision.created_at),
                "snapshot": snapshot,
                "changes": changes,
            }
        )
    return result, keys


def _export_comments(theory: TheoryOfChange, named: _Named) -> list:
    keys: dict[int, str] = {}
    result = []
    comments = theory.comments.select_related("author", "resolved_by", "processed_by").order_by(
        "pk"
    )
    for index, comment in enumerate(comments, start=1):
        keys[comment.pk] = f"comment-{index}"
        result.append(
            {
                "key": keys[comment.pk],
                "step": comment.step,
                "thread": keys.get(comment.thread_id),  # a thread is older than its replies
                "author": named.person(comment.author),
                "body": comment.body,
                "created_at": _time(comment.created_at),
                "resolved_at": _time(comment.resolved_at),
                "resolved_by": named.person(comment.resolved_by),
                "processed_at": _time(comment.processed_at),
                "processed_by": named.person(comment.processed_by),
            }
        )
    return result


# --- import ----------------------------------------------------------------------------------

# What each object of the document holds; any other key is refused, so nothing in a file is
# silently lost or silently taken.
DOCUMENT_KEYS = ("format", "version", "initiative", "members", "theories", "people")
DETAIL_KEYS = (
    *DETAIL_FIELDS,
    "slug",
    "municipality",
    "also_serves",
    "created_at",
    *IMAGE_FIELDS,
)
THEORY_TIMES = ("created_at", "updated_at", "submitted_at", "approved_at")
# The free quote of files from before stories: imported as a story, as migration 0011 did.
OLD_QUOTE_KEYS = ("quote", "quote_by")
# Optional in a theory: files from before they existed still import.
THEORY_OPTIONAL_KEYS = (*SHORT_FIELDS, "results", "stories", *OLD_QUOTE_KEYS)
THEORY_KEYS = (
    *THEORY_FIELDS,
    *THEORY_TIMES,
    "assigned_advisor",
    *(table.related_name for table in ROW_TABLES),
    "revisions",
    "transitions",
    "comments",
)
REVISION_KEYS = ("key", "step", "author", "created_at", "snapshot", "changes")
TRANSITION_FIELDS = ("action", "from_status", "to_status", "created_at", "message")
COMMENT_KEYS = (
    "key",
    "step",
    "thread",
    "author",
    "body",
    "created_at",
    "resolved_at",
    "resolved_by",
)
# "Verwerkt" (a writer dealt with an advisor's comment): files from before it still import.
COMMENT_OPTIONAL_KEYS = ("processed_at", "processed_by")
# Account fields that give access beyond the imported initiative. The export writes only
# `is_advisor` (taken with `trust_roles`); no export writes these, so a file that has them
# was made by hand: they are skipped, with a line in the log, whatever the options.
ACCESS_FIELDS = (
    "is_staff",
    "is_superuser",
    "is_active",
    "password",
    "groups",
    "user_permissions",
    "municipalities",
)


def import_initiative(
    *,
    data: dict,
    slug: str | None = None,
    trust_roles: bool = False,
    keep_status: bool = False,
    log: Callable[[str], None] | None = None,
) -> Initiative:
    """Create the initiative of an exported document, all or nothing.

    Every value is checked before it is stored: its JSON type, then the model's own
    validation (`full_clean`: lengths, choices, e-mail and web addresses), the edit history's
    shape (what the history and review pages read), and the logo and photo as an upload is.
    A file from elsewhere cannot grant access here or claim an approval:

    - `trust_roles`: create people the file marks as advisor as advisors. Without it they
      are created as regular users. Existing accounts are never changed, and the flags no
      export writes (`ACCESS_FIELDS`: staff, superuser, municipality links, …) are never
      taken.
    - `keep_status`: keep each Verandertheorie's status. Without it, a theory that is not a
      draft becomes one: its approval date is cleared, its timeline keeps its past and ends
      with a transition to draft (a withdrawal for a pending submission, so that it no
      longer counts as submitted), and the fact sheet shows CONCEPT until it is approved
      here.

    `slug` overrides the document's, to import a copy next to the original. `log` receives
    a line (English, for the command line) for every user and reference entry created and
    for everything in the file that was set aside. Raises `TransferError`, with a message
    that names the place in the file ("theories[0].outputs[2].target: …"), for a document
    this installation does not take.
    """
    log = log or (lambda line: None)
    written: list[FieldFile] = []
    try:
        _check_format(data)
        _check_characters(data)
        _object(data, "", DOCUMENT_KEYS, optional=("exported_at", "reference_lists"))
        _text(data.get("exported_at"), "exported_at", null=True)
        details = _object(data["initiative"], "initiative", DETAIL_KEYS)
        file_slug = _text(details["slug"], "initiative.slug")
        slug = slug or file_slug
        _check_slug(slug)
        served = [
            _text(item, _at("initiative.also_serves", index))
            for index, item in enumerate(_list(details["also_serves"], "initiative.also_serves"))
        ]
        primary = _text(details["municipality"], "initiative.municipality")
        municipalities = _municipalities([primary, *served])
        images = {
            name: _prepare_image(details[name], _at("initiative", name), purpose=name)
            for name in IMAGE_FIELDS
        }
        with transaction.atomic():
            people = _import_people(data["people"], trust_roles=trust_roles, log=log)
            references = _import_reference_lists(data.get("reference_lists", {}), log)
            initiative = _import_details(details, slug, municipalities[primary], served)
            _import_members(initiative, data["members"], people)
            indicators: dict[tuple[int, str], Indicator] = {}  # (year, row key) -> indicator
            for index, theory in enumerate(_list(data["theories"], "theories")):
                _import_theory(
                    initiative,
                    theory,
                    _at("theories", index),
                    people=people,
                    references=references,
                    keep_status=keep_status,
                    log=log,
                    indicators=indicators,
                    written=written,
                )
            _save_images(initiative, images, written)
    except (IntegrityError, DataError) as error:
        # What the checks above did not foresee, the database refuses; still no traceback.
        _remove(written)
        raise TransferError(
            _("Het bestand is onvolledig of beschadigd: %(detail)s") % {"detail": error}
        ) from error
    except BaseException:
        _remove(written)
        raise
    return Initiative.objects.get(pk=initiative.pk)


def _remove(written: list[FieldFile]) -> None:
    """The database rolled back; so do the files (a failed commit comes here too)."""
    for image in written:
        image.storage.delete(image.name)


# --- the shape of the document: where, and what JSON type --------------------------------


def _at(where: str, key: str | int) -> str:
    """The place of a value in the document, for messages: theories[0].outputs[2].target."""
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


def _refuse(where: str, problem: str) -> TransferError:
    return TransferError(
        _("Het bestand klopt niet. %(where)s: %(problem)s") % {"where": where, "problem": problem}
    )


def _kind(value) -> str:
    """What a JSON value is, in words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("true of false")
    if isinstance(value, int | float):
        return _("een getal")
    if isinstance(value, str):
        return _("tekst")
    if isinstance(value, list):
        return _("een lijst")
    return _("een object")


def _expected(where: str, expected: str, value) -> TransferError:
    return _refuse(
        where,
        _("hier hoort %(expected)s te staan, maar er staat %(found)s.")
        % {"expected": expected, "found": _kind(value)},
    )


def _object(value, where: str, keys, *, optional=(), ignored=()) -> dict:
    """A JSON object with these keys (and maybe `optional` and `ignored` ones), no others."""
    if not isinstance(value, dict):
        raise _expected(where or _("het bestand"), _("een object ({…})"), value)
    for key in keys:
        if key not in value:
            raise _refuse(_at(where, key), _("dit ontbreekt."))
    for key in value:
        if key not in (*keys, *optional, *ignored):
            raise _refuse(_at(where, str(key)), _("dit kent het exportformaat niet."))
    return value


def _list(value, where: str) -> list:
    if not isinstance(value, list):
        raise _expected(where, _("een lijst ([…])"), value)
    return value


def _text(value, where: str, *, null: bool = False) -> str | None:
    if value is None and null:
        return None
    if not isinstance(value, str):
        raise _expected(where, _("tekst"), value)
    return value


def _check_characters(document) -> None:
    """No NUL character (PostgreSQL cannot store one) and no half a character (a lone
    surrogate, which cannot be written as UTF-8) in any text or key of the document."""
    stack = [("", document)]
    while stack:  # a loop, not recursion: a deeply nested file cannot exhaust the stack
        where, value = stack.pop()
        if isinstance(value, dict):
            for key in value:
                _check_string(key, _at(where, str(key).replace("\x00", "\\u0000")))
            stack.extend((_at(where, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(
                (_at(where, index), item) for index, item in reversed(list(enumerate(value)))
            )
        else:
            _check_string(value, where)


def _check_string(value, where: str) -> None:
    if not isinstance(value, str):
        return
    if "\x00" in value:
        raise _refuse(where, _("hier staat een NUL-teken (\\u0000). Dat mag niet in de tekst."))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _refuse(
            where, _("hier staat een half teken (een losse \\ud800-code). Dat mag niet.")
        ) from None


def _value(model_field: models.Field, raw, where: str):
    """A document value for a plain model field: the JSON type that field takes, or refused.

    Only the type is checked here; `full_clean` checks the rest (length, choices, address).
    """
    if raw is None:
        if model_field.null:
            return None
        raise _refuse(where, _("dit mag niet leeg (null) zijn."))
    if isinstance(model_field, models.BooleanField):
        if isinstance(raw, bool):
            return raw
        raise _expected(where, _("true of false"), raw)
    if isinstance(model_field, models.DecimalField):
        return _decimal(raw, where)
    if isinstance(model_field, models.IntegerField):
        if type(raw) is not int:  # not isinstance: True is an int, 3.0 is not
            raise _expected(where, _("een geheel getal"), raw)
        # The range of the column in any database (SQLite would store a larger one).
        low, high = BaseDatabaseOperations.integer_field_ranges[model_field.get_internal_type()]
        if not low <= raw <= high:
            raise _refuse(
                where,
                _("dit getal moet tussen %(low)s en %(high)s liggen.") % {"low": low, "high": high},
            )
        return raw
    if isinstance(model_field, models.DateTimeField):
        return _moment(raw, where)
    if isinstance(model_field, models.DateField):
        try:
            return date.fromisoformat(_text(raw, where))
        except ValueError:
            raise _expected(where, _("een datum als 2025-03-14"), raw) from None
    if isinstance(model_field, models.CharField | models.TextField):
        return _text(raw, where)
    raise NotImplementedError(f"no import rule for {model_field!r}")  # a new kind of field


def _decimal(raw, where: str) -> Decimal:
    """A decimal as the export writes it ("12.5"), or as a JSON number."""
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            value = None
        if value is not None and value.is_finite():
            return value
    raise _expected(where, _('een getal (zoals "12.5")'), raw)


def _moment(raw, where: str) -> datetime:
    text = _text(raw, where)
    try:
        return _parse_time(text)
    except ValueError:
        raise _refuse(
            where, _("dit is geen datum met tijd, zoals 2024-03-01T09:30:00+00:00.")
        ) from None


def _values(model: type[models.Model], item: dict, names, where: str) -> dict:
    return {
        name: _value(model._meta.get_field(name), item[name], _at(where, name)) for name in names
    }


def _clean(instance: models.Model, where: str, *, exclude=(), unique: bool = True) -> None:
    """The model's own validation; the first problem it finds refuses the document."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=unique)
    except ValidationError as error:
        name, errors = next(iter(error.message_dict.items()))
        place = where if name == NON_FIELD_ERRORS else _at(where, name)
        raise _refuse(place, " ".join(errors)) from None


def _key(item: dict, where: str, seen) -> str:
    """An object's key in the document: text, once per list."""
    key = _text(item["key"], _at(where, "key"))
    if key in seen:
        raise _refuse(_at(where, "key"), _("‘%(key)s’ staat al eerder in de lijst.") % {"key": key})
    return key


def _step(raw, where: str) -> Step:
    if type(raw) is int:
        try:
            return get_step(raw)
        except KeyError:
            pass
    raise _refuse(
        where,
        _("hier hoort het nummer van een stap (1 tot en met %(count)s) te staan.")
        % {"count": len(STEPS)},
    )


def _person(people: dict[str, User], raw, where: str) -> User | None:
    """Someone named in the document (null: nobody); they must be listed in `people`."""
    username = _text(raw, where, null=True)
    if username is None:
        return None
    if username not in people:
        raise _refuse(
            where, _("‘%(username)s’ staat niet in de lijst people.") % {"username": username}
        )
    return people[username]


# --- results: indicators, counts, their history, questionnaires and the logbook -------------

RESULT_KEYS = ("indicators", "logbook")
INDICATOR_KEYS = ("row", "rhythm", "aggregation", "measure", "override", "override_reason")
INDICATOR_MORE = ("override_by", "override_at", "previous", "entries", "changes", "surveys")
ENTRY_FIELDS = ("value", "note")
ENTRY_MORE = ("period", "entered_by", "entered_at", "changed_by", "changed_at")
CHANGE_FIELDS = ("period", "old_value", "new_value", "source")
CHANGE_MORE = ("by", "at")
SURVEY_FIELDS = ("question", "respondents", "agreeing", "method", "note")
SURVEY_MORE = ("period", "entered_by", "entered_at")
LOGBOOK_FIELDS = ("note", "busyness")
LOGBOOK_MORE = ("week", "written_by", "written_at")


def _export_results(theory: TheoryOfChange, row_keys: dict, named: _Named) -> dict:
    """What was counted for the theory's year: per indicator its settings, counts (notes
    and who entered them included: this is the initiative's own file), the history of the
    counts and questionnaire results; and the logbook's weeks."""
    indicators = (
        Indicator.objects.filter(theory=theory)
        .select_related("override_by")
        .prefetch_related(
            Prefetch("entries", ResultEntry.objects.select_related("entered_by", "changed_by")),
            Prefetch("changes", ResultChange.objects.select_related("by").order_by("pk")),
            Prefetch("surveys", SurveyResult.objects.select_related("entered_by")),
        )
        .order_by("pk")
    )
    exported = []
    for indicator in indicators:
        model = Output if indicator.output_id else Outcome
        row = row_keys[model][indicator.output_id or indicator.outcome_id]
        named.indicators[indicator.pk] = {"year": theory.year, "row": row}
        exported.append(
            {
                "row": row,
                **{name: getattr(indicator, name) for name in INDICATOR_KEYS[1:]},
                "override_by": named.person(indicator.override_by),
                "override_at": _time(indicator.override_at),
                "previous": named.indicators.get(indicator.previous_id),
                "entries": [
                    {
                        "period": entry.period,
                        **{name: getattr(entry, name) for name in ENTRY_FIELDS},
                        "entered_by": named.person(entry.entered_by),
                        "entered_at": _time(entry.entered_at),
                        "changed_by": named.person(entry.changed_by),
                        "changed_at": _time(entry.changed_at),
                    }
                    for entry in indicator.entries.all()
                ],
                "changes": [
                    {
                        **{name: getattr(change, name) for name in CHANGE_FIELDS},
                        "by": named.person(change.by),
                        "at": _time(change.at),
                    }
                    for change in indicator.changes.all()
                ],
                "surveys": [
                    {
                        "period": survey.period,
                        **{name: getattr(survey, name) for name in SURVEY_FIELDS},
                        "entered_by": named.person(survey.entered_by),
                        "entered_at": _time(survey.entered_at),
                    }
                    for survey in indicator.surveys.all()
                ],
            }
        )
    logbook = LogbookWeek.objects.filter(theory=theory).select_related("written_by")
    return {
        "indicators": exported,
        "logbook": [
            {
                "week": week.week,
                **{name: getattr(week, name) for name in LOGBOOK_FIELDS},
                "written_by": named.person(week.written_by),
                "written_at": _time(week.written_at),
            }
            for week in logbook.order_by("starts_on")
        ],
    }


def _period(raw, where: str, theory: TheoryOfChange) -> Period:
    """A period of the theory's year, written as the results pages write it."""
    code = _text(raw, where)
    try:
        period = Period.parse(code)
    except InvalidPeriod:
        raise _refuse(
            where,
            _("‘%(code)s’ is geen periode, zoals 2025-W10, 2025-03 of 2025-Q1.") % {"code": code},
        ) from None
    if period.year != theory.year:
        raise _refuse(
            where,
            _("%(period)s valt niet in %(year)s.") % {"period": code, "year": theory.year},
        )
    return period


def _import_results(
    theory: TheoryOfChange,
    raw,
    where: str,
    people: dict[str, User],
    row_ids: dict,
    indicators: dict[tuple[int, str], Indicator],
) -> None:
    """The theory's results (nothing in files from before there were results). `indicators`
    holds the indicators of the theories imported before, for `previous`, and gets these."""
    if raw is None:
        return
    data = _object(raw, where, RESULT_KEYS)
    for index, item in enumerate(_list(data["indicators"], _at(where, "indicators"))):
        at = _at(_at(where, "indicators"), index)
        item = _object(item, at, (*INDICATOR_KEYS, *INDICATOR_MORE))
        row = _text(item["row"], _at(at, "row"))
        model = Output if row in row_ids[Output] else Outcome
        if row not in row_ids[model]:
            raise _refuse(
                _at(at, "row"),
                _("er staat geen output of outcome ‘%(key)s’ in deze verandertheorie.")
                % {"key": row},
            )
        if (theory.year, row) in indicators:
            raise _refuse(
                _at(at, "row"), _("‘%(key)s’ staat al eerder in de lijst.") % {"key": row}
            )
        indicator = Indicator(
            theory=theory,
            **{"output_id" if model is Output else "outcome_id": row_ids[model][row]},
            **_values(Indicator, item, INDICATOR_KEYS[1:], at),
            override_by=_person(people, item["override_by"], _at(at, "override_by")),
            override_at=_value(
                Indicator._meta.get_field("override_at"),
                item["override_at"],
                _at(at, "override_at"),
            ),
            previous=_previous(item["previous"], _at(at, "previous"), indicators),
        )
        _clean(indicator, at)
        indicator.save()
        indicators[theory.year, row] = indicator
        _import_entries(indicator, theory, item, at, people)
    for index, item in enumerate(_list(data["logbook"], _at(where, "logbook"))):
        at = _at(_at(where, "logbook"), index)
        item = _object(item, at, (*LOGBOOK_FIELDS, *LOGBOOK_MORE))
        week = _period(item["week"], _at(at, "week"), theory)
        if week.kind != Rhythm.WEEK:
            raise _refuse(_at(at, "week"), _("Het logboek houd je per week bij."))
        page = LogbookWeek(
            theory=theory,
            week=week.code,
            starts_on=week.starts_on,
            **_values(LogbookWeek, item, LOGBOOK_FIELDS, at),
            written_by=_person(people, item["written_by"], _at(at, "written_by")),
        )
        _clean(page, at)
        page.save()
        _restore(page, written_at=_moment(item["written_at"], _at(at, "written_at")))
    if data["indicators"] or data["logbook"]:
        theory.results_changed_at = timezone.now()
        TheoryOfChange.objects.filter(pk=theory.pk).update(
            results_changed_at=theory.results_changed_at
        )


def _previous(raw, where: str, indicators: dict) -> Indicator | None:
    """Last year's indicator this one continues: one imported before, by year and row."""
    if raw is None:
        return None
    item = _object(raw, where, ("year", "row"))
    key = (item["year"], item["row"])
    if key not in indicators:
        raise _refuse(
            where,
            _("er staat geen indicator van %(year)s bij ‘%(row)s’ eerder in het bestand.")
            % {"year": item["year"], "row": item["row"]},
        )
    return indicators[key]


def _import_entries(
    indicator: Indicator, theory: TheoryOfChange, item: dict, where: str, people: dict
) -> None:
    """An indicator's counts, their history and its questionnaire results."""
    for index, raw in enumerate(_list(item["entries"], _at(where, "entries"))):
        at = _at(_at(where, "entries"), index)
        entry_data = _object(raw, at, (*ENTRY_FIELDS, *ENTRY_MORE))
        entry = ResultEntry(
            indicator=indicator,
            **_values(ResultEntry, entry_data, ENTRY_FIELDS, at),
            entered_by=_person(people, entry_data["entered_by"], _at(at, "entered_by")),
            changed_by=_person(people, entry_data["changed_by"], _at(at, "changed_by")),
        )
        entry.set_period(_period(entry_data["period"], _at(at, "period"), theory))
        _clean(entry, at)
        entry.save()
        _restore(
            entry,
            entered_at=_moment(entry_data["entered_at"], _at(at, "entered_at")),
            changed_at=_moment(entry_data["changed_at"], _at(at, "changed_at")),
        )
    for index, raw in enumerate(_list(item["changes"], _at(where, "changes"))):
        at = _at(_at(where, "changes"), index)
        change_data = _object(raw, at, (*CHANGE_FIELDS, *CHANGE_MORE))
        _period(change_data["period"], _at(at, "period"), theory)
        change = ResultChange(
            indicator=indicator,
            **_values(ResultChange, change_data, CHANGE_FIELDS, at),
            by=_person(people, change_data["by"], _at(at, "by")),
        )
        _clean(change, at)
        change.save()
        _restore(change, at=_moment(change_data["at"], _at(at, "at")))
    for index, raw in enumerate(_list(item["surveys"], _at(where, "surveys"))):
        at = _at(_at(where, "surveys"), index)
        survey_data = _object(raw, at, (*SURVEY_FIELDS, *SURVEY_MORE))
        survey = SurveyResult(
            indicator=indicator,
            **_values(SurveyResult, survey_data, SURVEY_FIELDS, at),
            entered_by=_person(people, survey_data["entered_by"], _at(at, "entered_by")),
        )
        survey.set_period(_period(survey_data["period"], _at(at, "period"), theory))
        _clean(survey, at)
        survey.save()
        _restore(survey, entered_at=_moment(survey_data["entered_at"], _at(at, "entered_at")))


# --- the checks of this installation --------------------------------------------------------


def _check_format(data: dict) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TransferError(_("Dit bestand is geen export van een initiatief."))
    version = data.get("version")
    if type(version) is not int or version != VERSION:
        raise TransferError(
            _(
                "Dit bestand heeft versie %(version)s van het exportformaat; deze installatie "
                "leest versie %(supported)s."
            )
            % {"version": version, "supported": VERSION}
        )


def _check_slug(slug: str) -> None:
    try:
        validate_slug(slug)
        if len(slug) > Initiative._meta.get_field("slug").max_length:
            raise ValidationError("too long")
    except ValidationError:
        raise TransferError(
            _("‘%(slug)s’ kan geen korte naam in de link zijn.") % {"slug": slug}
        ) from None
    if Initiative.objects.filter(slug=slug).exists():
        raise TransferError(
            _("Er is hier al een initiatief met de korte naam ‘%(slug)s’. Kies een andere.")
            % {"slug": slug}
        )


def _municipalities(slugs: list[str]) -> dict[str, Municipality]:
    found = Municipality.objects.in_bulk(slugs, field_name="slug")
    for slug in slugs:
        if slug not in found:
            raise TransferError(
                _("De gemeente ‘%(slug)s’ bestaat niet op deze installatie.") % {"slug": slug}
            )
    return found


def _check_year(year: int, where: str) -> None:
    """The years the editor lets anyone start a Verandertheorie for."""
    form = TheoryCreateForm(data={"year": year})
    if not form.is_valid():
        raise _refuse(where, " ".join(form.errors["year"]))


def _check_founded_year(year: int | None, where: str) -> None:
    """The years the initiative form takes (the model itself allows up to 32767)."""
    try:
        validate_founded_year(year)
    except ValidationError as error:
        raise _refuse(where, " ".join(error.messages)) from error


def _prepare_image(raw, where: str, *, purpose: str) -> ContentFile | None:
    """Decode, check and re-encode an image as an upload is, before anything is written.

    The stored file's extension follows what it was re-encoded to, not the document's.
    """
    if raw is None:
        return None
    image = _object(raw, where, ("extension", "content"))
    _text(image["extension"], _at(where, "extension"))
    text = _text(image["content"], _at(where, "content"))
    try:
        content = base64.b64decode(text, validate=True)
    except ValueError:  # binascii.Error, or a character outside ASCII
        raise _refuse(
            _at(where, "content"),
            _("dit is geen geldige base64-tekst, dus er zit geen afbeelding in."),
        ) from None
    try:
        return prepare_image(content, purpose=purpose)
    except ValidationError as error:
        raise _refuse(where, " ".join(error.messages)) from None


# --- creating what the document holds -------------------------------------------------------


def _restore(instance: models.Model, **times: datetime | None) -> None:
    """Set timestamps that `auto_now(_add)` overwrote on save."""
    type(instance).objects.filter(pk=instance.pk).update(**times)


def _import_people(
    people: list, *, trust_roles: bool, log: Callable[[str], None]
) -> dict[str, User]:
    users: dict[str, User] = {}
    for index, raw in enumerate(_list(people, "people")):
        where = _at("people", index)
        person = _object(raw, where, PERSON_FIELDS, ignored=ACCESS_FIELDS)
        values = _values(User, person, PERSON_FIELDS, where)
        username = values["username"]
        if username in users:
            raise _refuse(
                _at(where, "username"),
                _("‘%(key)s’ staat al eerder in de lijst.") % {"key": username},
            )
        for name in ACCESS_FIELDS:
            if name in person:
                log(f"ignored {name} of {username}: access is given here, not by a file")
        # Checked whether or not the account exists here: a bad file is refused as a whole.
        candidate = User(**values, is_active=False)
        candidate.set_unusable_password()
        _clean(candidate, where, unique=False)  # the username is looked up next
        user = User.objects.filter(username=username).first()
        if user is None:
            if candidate.is_advisor and not trust_roles:
                log(f"ignored is_advisor of {username}: a regular user (--trust-roles keeps it)")
                candidate.is_advisor = False
            user = candidate
            user.save()
            role = ", advisor" if user.is_advisor else ""
            log(f"created user {user.username} (inactive, no usable password{role})")
        users[username] = user
    return users


def _import_reference_lists(lists, log: Callable[[str], None]) -> dict:
    sections = [section for _model, section in REFERENCE_LISTS]
    _object(lists, "reference_lists", (), optional=sections)
    found: dict[type, dict[str, ReferenceItem]] = {}
    for model, section in REFERENCE_LISTS:
        found[model] = {}
        where_list = _at("reference_lists", section)
        names = _reference_fields(model)
        for index, raw in enumerate(_list(lists.get(section, []), where_list)):
            where = _at(where_list, index)
            entry = _object(raw, where, ("name",), optional=names)
            values = _values(model, entry, [name for name in names if name in entry], where)
            item = model.objects.filter(name=values["name"]).first()
            if item is None:
                item = model(**values, is_active=False)
                _clean(item, where)
                item.save()
                log(f"created {model._meta.verbose_name} {item.name!r} (inactive)")
            found[model][values["name"]] = item
    return found


def _import_details(
    details: dict, slug: str, municipality: Municipality, served: list[str]
) -> Initiative:
    values = _values(Initiative, details, DETAIL_FIELDS, "initiative")
    _check_founded_year(values["founded_year"], "initiative.founded_year")
    initiative = Initiative(**values, slug=slug, municipality=municipality)
    # The images are checked apart (`_prepare_image`) and written last.
    _clean(initiative, "initiative", exclude=IMAGE_FIELDS)
    initiative.save()
    initiative.also_serves.set(Municipality.objects.filter(slug__in=served))
    created_at = Initiative._meta.get_field("created_at")
    _restore(
        initiative, created_at=_value(created_at, details["created_at"], "initiative.created_at")
    )
    return initiative


def _import_members(initiative: Initiative, members: list, people: dict[str, User]) -> None:
    for index, raw in enumerate(_list(members, "members")):
        where = _at("members", index)
        member = _object(raw, where, ("username", "role", "created_at"))
        user = _person(people, member["username"], _at(where, "username"))
        if user is None:
            raise _refuse(_at(where, "username"), _("dit mag niet leeg (null) zijn."))
        values = _values(Membership, member, ("role", "created_at"), where)
        created_at = values.pop("created_at")
        membership = Membership(initiative=initiative, user=user, **values)
        _clean(membership, where)
        membership.save()
        _restore(membership, created_at=created_at)


def _import_theory(
    initiative: Initiative,
    raw,
    where: str,
    *,
    people: dict[str, User],
    references: dict,
    keep_status: bool,
    log: Callable[[str], None],
    indicators: dict,
    written: list[FieldFile],
) -> None:
    data = _object(raw, where, THEORY_KEYS, optional=THEORY_OPTIONAL_KEYS)
    given = [name for name in SHORT_FIELDS if name in data]
    values = _values(TheoryOfChange, data, (*THEORY_FIELDS, *THEORY_TIMES, *given), where)
    times = {name: values.pop(name) for name in ("created_at", "updated_at")}
    _check_year(values["year"], _at(where, "year"))
    advisor = _person(people, data["assigned_advisor"], _at(where, "assigned_advisor"))
    if advisor is not None and not advisor.is_advisor:
        log(f"ignored assigned advisor {advisor.username} of {values['year']}: no advisor here")
        advisor = None
    theory = TheoryOfChange(initiative=initiative, assigned_advisor=advisor, **values)
    _clean(theory, where)
    status = theory.status
    if not keep_status and status != Status.DRAFT:
        theory.status, theory.approved_at = Status.DRAFT, None
    theory.save()
    row_ids = _import_rows(theory, data, where, references)
    revisions = _import_revisions(theory, data["revisions"], where, people, row_ids)
    _import_transitions(theory, data["transitions"], where, people, revisions)
    if theory.status != status:
        _back_to_draft(theory, status)
        log(f"ignored status {status} of {theory.year}: a draft here (--keep-status keeps it)")
    _import_comments(theory, data["comments"], _at(where, "comments"), people)
    _import_results(theory, data.get("results"), _at(where, "results"), people, row_ids, indicators)
    if "stories" in data:
        _import_stories(theory, data["stories"], _at(where, "stories"), people, row_ids, written)
    else:
        _import_old_quote(theory, data, where)
    # Last: saving anything of the theory after this would set `updated_at` to now.
    _restore(theory, **times)


def _back_to_draft(theory: TheoryOfChange, status: str) -> None:
    """End the imported timeline with the step to draft, so it tells how the status came
    about. A pending submission is withdrawn, as a withdrawal would: it no longer counts
    for "what changed", and `submitted_at` is that of the submission that still stands."""
    Transition.objects.create(
        theory=theory,
        action=Action.WITHDRAW if status == Status.SUBMITTED else Action.REOPEN,
        from_status=status,
        to_status=Status.DRAFT,
        by=None,
        message=_(
            "Deze verandertheorie is overgezet van een andere website. Daarom staat hij weer "
            "op concept. Dien hem opnieuw in als een adviseur ernaar moet kijken."
        ),
    )
    if status == Status.SUBMITTED:
        standing = standing_submissions(theory)
        theory.submitted_at = standing[-1].created_at if standing else None
        TheoryOfChange.objects.filter(pk=theory.pk).update(submitted_at=theory.submitted_at)


def _import_rows(theory: TheoryOfChange, data: dict, where: str, references: dict) -> dict:
    """Create the step lists in document order (so their order and ids' order survive);
    returns, per model, key -> new row id."""
    ids: dict[type, dict[str, int]] = {}

    def value(f: models.Field, raw, at: str, *, null: bool):
        if f.related_model in ids:  # a row of this document
            key = _text(raw, at, null=null)
            if key is not None and key not in ids[f.related_model]:
                raise _refuse(
                    at, _("er staat geen regel ‘%(key)s’ eerder in het bestand.") % {"key": key}
                )
            return None if key is None else ids[f.related_model][key]
        if f.is_relation:  # a reference entry, by name
            name = _text(raw, at, null=null)
            if name is not None and name not in references[f.related_model]:
                raise _refuse(
                    at,
                    _("‘%(name)s’ staat niet in reference_lists.%(section)s.")
                    % {"name": name, "section": _reference_section(f.related_model)},
                )
            return None if name is None else references[f.related_model][name].pk
        return _value(f, raw, at)

    for table in ROW_TABLES:
        model, section = table.model, table.related_name
        ids[model] = {}
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        fields = [f for f in fields if f.name != "theory"]
        many = model._meta.many_to_many
        names = ["key", *(f.name for f in fields), *(f.name for f in many)]
        for index, raw in enumerate(_list(data[section], _at(where, section))):
            at = _at(_at(where, section), index)
            item = _object(raw, at, names)
            key = _key(item, at, ids[model])
            row = model(
                theory=theory,
                **{f.attname: value(f, item[f.name], _at(at, f.name), null=f.null) for f in fields},
            )
            _clean(row, at)
            row.save()
            ids[model][key] = row.pk
            for f in many:
                linked = _list(item[f.name], _at(at, f.name))
                targets = [
                    value(f, link, _at(_at(at, f.name), number), null=False)
                    for number, link in enumerate(linked)
                ]
                getattr(row, f.name).set(targets)
    return ids


def _reference_section(model: type[ReferenceItem]) -> str:
    return next(section for entry, section in REFERENCE_LISTS if entry is model)


def _join(where: str, inner: str) -> str:
    if not inner:
        return where
    return f"{where}{inner}" if inner.startswith("[") else f"{where}.{inner}"


def _import_revisions(
    theory: TheoryOfChange, items, where: str, people: dict[str, User], row_ids: dict
) -> dict[str, StepRevision]:
    """The edit history, checked against the step registry; returns key -> revision."""
    removed: dict[str, int] = {}

    def to_id(model: type, key: str) -> int:
        # A row deleted before the export gets a negative id: no row ever has one, so the
        # history still shows it removed and matches nothing else.
        return row_ids[model].get(key) or removed.setdefault(key, -(len(removed) + 1))

    revisions: dict[str, StepRevision] = {}
    where = _at(where, "revisions")
    for index, raw in enumerate(_list(items, where)):
        at = _at(where, index)
        item = _object(raw, at, REVISION_KEYS)
        key = _key(item, at, revisions)
        step = _step(item["step"], _at(at, "step"))
        try:
            check_snapshot(step, item["snapshot"], id_type=str)
        except MalformedHistory as error:
            raise _refuse(_join(_at(at, "snapshot"), error.where), error.problem) from None
        try:
            check_changes(step, item["changes"], id_type=str)
        except MalformedHistory as error:
            raise _refuse(_join(_at(at, "changes"), error.where), error.problem) from None
        snapshot, changes = _map_row_ids(step.number, item["snapshot"], item["changes"], to_id)
        revision = StepRevision(
            theory=theory,
            step=step.number,
            author=_person(people, item["author"], _at(at, "author")),
            snapshot=snapshot,
            changes=changes,
        )
        _clean(revision, at)
        revision.save()
        _restore(revision, created_at=_values(StepRevision, item, ["created_at"], at)["created_at"])
        revisions[key] = revision
    return revisions


def _import_transitions(
    theory: TheoryOfChange,
    items,
    where: str,
    people: dict[str, User],
    revisions: dict[str, StepRevision],
) -> None:
    where = _at(where, "transitions")
    step_keys = {str(step.number) for step in STEPS}
    for index, raw in enumerate(_list(items, where)):
        at = _at(where, index)
        item = _object(raw, at, (*TRANSITION_FIELDS, "by", "revisions"))
        submitted = item["revisions"]
        if not isinstance(submitted, dict):
            raise _expected(_at(at, "revisions"), _("een object ({…})"), submitted)
        revision_ids = {}
        for step_key, key in submitted.items():
            place = _at(_at(at, "revisions"), str(step_key))
            if step_key not in step_keys:
                raise _refuse(place, _("er is geen stap met dit nummer."))
            revision = revisions.get(_text(key, place))
            if revision is None or str(revision.step) != step_key:
                raise _refuse(
                    place,
                    _("hier hoort een opgeslagen versie van stap %(step)s uit revisions.")
                    % {"step": step_key},
                )
            revision_ids[step_key] = revision.pk
        transition = Transition(
            theory=theory,
            by=_person(people, item["by"], _at(at, "by")),
            revisions=revision_ids,
            **_values(Transition, item, TRANSITION_FIELDS, at),
        )
        _clean(transition, at)
        transition.save()


def _import_comments(theory: TheoryOfChange, items, where: str, people: dict[str, User]) -> None:
    """Comment threads: a reply follows, on the same step, the first comment of its thread."""
    comments: dict[str, Comment] = {}
    for index, raw in enumerate(_list(items, where)):
        at = _at(where, index)
        item = _object(raw, at, COMMENT_KEYS, optional=COMMENT_OPTIONAL_KEYS)
        key = _key(item, at, comments)
        step = _step(item["step"], _at(at, "step"))
        thread_key = _text(item["thread"], _at(at, "thread"), null=True)
        thread = None if thread_key is None else comments.get(thread_key)
        values = _values(Comment, item, ("body", "created_at", "resolved_at"), at)
        resolved_by = _person(people, item["resolved_by"], _at(at, "resolved_by"))
        processed_at = item.get("processed_at")
        processed_at = (
            None if processed_at is None else _moment(processed_at, _at(at, "processed_at"))
        )
        processed_by = _person(people, item.get("processed_by"), _at(at, "processed_by"))
        if thread_key is not None:
            if thread is None or thread.thread_id is not None:
                raise _refuse(
                    _at(at, "thread"),
                    _(
                        "hier hoort de key van een eerdere opmerking die een gesprek begint, "
                        "of null."
                    ),
                )
            if thread.step != step.number:
                raise _refuse(
                    _at(at, "step"), _("een reactie hoort bij dezelfde stap als het gesprek.")
                )
            if values["resolved_at"] is not None or resolved_by is not None:
                raise _refuse(
                    _at(at, "resolved_at"),
                    _("alleen het hele gesprek wordt afgehandeld, niet een reactie."),
                )
        comment = Comment(
            theory=theory,
            step=step.number,
            thread=thread,
            author=_person(people, item["author"], _at(at, "author")),
            resolved_by=resolved_by,
            processed_at=processed_at,
            processed_by=processed_by,
            **values,
        )
        _clean(comment, at)
        comment.save()
        comments[key] = comment


def _save_images(initiative: Initiative, images: dict, written: list[FieldFile]) -> None:
    """Written last, so a refused document leaves no files behind; `written` collects the
    files, for the caller to remove if the import still fails."""
    for name, image in images.items():
        if image is not None:
            field_file = getattr(initiative, name)
            field_file.save(image.name, image, save=False)
            written.append(field_file)
    if written:
        initiative.save(update_fields=list(IMAGE_FIELDS))


# --- stories and their consent register ------------------------------------------------------

STORY_FIELDS = (
    "text",
    "teller_role",
    "collected_on",
    "method",
    "quote",
    "photo_description",
    "photo_shows_people",
    "scope",
    "photo_scope",
)
STORY_MORE = ("outcomes", "impacts", "photo", "on_sheet", "created_by", "created_at", "consents")
CONSENT_FIELDS = ("subject", "scope", "given_by", "person_name", "given_on", "form")
CONSENT_MORE = ("document", "recorded_by", "recorded_at", "withdrawn_at", "withdrawn_by")
CONSENT_DOCUMENT_EXTENSIONS = {"pdf", "jpg", "jpeg", "png"}


def _export_stories(theory: TheoryOfChange, row_keys: dict, named: _Named) -> list:
    """Every story with its consent register (names and signed forms included: this is the
    initiative's own file). A withdrawn consent travels as withdrawn."""
    stories = (
        Story.objects.filter(theory=theory)
        .select_related("created_by")
        .prefetch_related(
            "outcomes",
            "impacts",
            Prefetch(
                "consents",
                Consent.objects.select_related("recorded_by", "withdrawn_by").order_by("pk"),
            ),
        )
        .order_by("pk")
    )
    exported = []
    for story in stories:
        item = {name: getattr(story, name) for name in STORY_FIELDS}
        item["collected_on"] = story.collected_on.isoformat() if story.collected_on else None
        item["outcomes"] = [row_keys[Outcome][row.pk] for row in story.outcomes.all()]
        item["impacts"] = [row_keys[Impact][row.pk] for row in story.impacts.all()]
        item["photo"] = _export_image(story.photo)
        item["on_sheet"] = theory.sheet_story_id == story.pk
        item["created_by"] = named.person(story.created_by)
        item["created_at"] = _time(story.created_at)
        item["consents"] = [
            {
                **{name: getattr(consent, name) for name in CONSENT_FIELDS},
                "given_on": consent.given_on.isoformat(),
                "document": _export_image(consent.document),
                "recorded_by": named.person(consent.recorded_by),
                "recorded_at": _time(consent.recorded_at),
                "withdrawn_at": _time(consent.withdrawn_at),
                "withdrawn_by": named.person(consent.withdrawn_by),
            }
            for consent in story.consents.all()
        ]
        exported.append(item)
    return exported


def _document(raw, where: str) -> ContentFile | None:
    """A signed consent form as the file held it (PDF, JPG or PNG)."""
    if raw is None:
        return None
    document = _object(raw, where, ("extension", "content"))
    extension = _text(document["extension"], _at(where, "extension")).lower()
    if extension not in CONSENT_DOCUMENT_EXTENSIONS:
        raise _refuse(_at(where, "extension"), _("kies pdf, jpg of png."))
    try:
        content = base64.b64decode(_text(document["content"], _at(where, "content")), validate=True)
    except ValueError:
        raise _refuse(_at(where, "content"), _("dit is geen geldige base64-tekst.")) from None
    return ContentFile(content, name=f"formulier.{extension}")


def _row_keys(raw, where: str, ids: dict[str, int]) -> list[int]:
    keys = [_text(key, _at(where, n)) for n, key in enumerate(_list(raw, where))]
    for n, key in enumerate(keys):
        if key not in ids:
            raise _refuse(
                _at(where, n), _("er staat geen regel ‘%(key)s’ in het bestand.") % {"key": key}
            )
    return [ids[key] for key in keys]


def _import_stories(
    theory: TheoryOfChange, raw, where: str, people: dict, row_ids: dict, written: list
) -> None:
    """Stories with their consent registers. A story reaches no further than its current
    consent here either: a scope in the file beyond it is lowered, and a withdrawn consent
    stays withdrawn."""
    for index, raw_story in enumerate(_list(raw, where)):
        at = _at(where, index)
        data = _object(raw_story, at, (*STORY_FIELDS, *STORY_MORE))
        values = _values(Story, data, STORY_FIELDS, at)
        photo = _prepare_image(data["photo"], _at(at, "photo"), purpose="photo")
        story = Story(theory=theory, created_by=_person(people, data["created_by"], at), **values)
        _clean(story, at, exclude=("photo",))
        if photo is not None:
            story.photo.save(photo.name, photo, save=False)
            written.append(story.photo)
        story.save()
        story.outcomes.set(_row_keys(data["outcomes"], _at(at, "outcomes"), row_ids[Outcome]))
        story.impacts.set(_row_keys(data["impacts"], _at(at, "impacts"), row_ids[Impact]))
        _restore(story, created_at=_moment(data["created_at"], _at(at, "created_at")))
        ceilings = {ConsentSubject.STORY: Scope.INTERNAL, ConsentSubject.PHOTO: Scope.INTERNAL}
        for number, raw_consent in enumerate(_list(data["consents"], _at(at, "consents"))):
            cat = _at(_at(at, "consents"), number)
            given = _object(raw_consent, cat, (*CONSENT_FIELDS, *CONSENT_MORE))
            consent = Consent(
                story=story,
                recorded_by=_person(people, given["recorded_by"], cat),
                withdrawn_by=_person(people, given["withdrawn_by"], cat),
                withdrawn_at=None
                if given["withdrawn_at"] is None
                else _moment(given["withdrawn_at"], _at(cat, "withdrawn_at")),
                **_values(Consent, given, CONSENT_FIELDS, cat),
            )
            _clean(consent, cat, exclude=("document",))
            document = _document(given["document"], _at(cat, "document"))
            if consent.form == ConsentForm.SIGNED and document is None:
                raise _refuse(_at(cat, "document"), _("een getekend formulier hoort erbij."))
            if document is not None:
                consent.document.save(document.name, document, save=False)
                written.append(consent.document)
            consent.save()
            _restore(consent, recorded_at=_moment(given["recorded_at"], _at(cat, "recorded_at")))
            if not consent.is_withdrawn:
                ceilings[consent.subject] = consent.scope  # the newest counts (file order)
        Story.objects.filter(pk=story.pk).update(
            scope=min(story.scope, ceilings[ConsentSubject.STORY]),
            photo_scope=min(story.photo_scope, ceilings[ConsentSubject.PHOTO]),
        )
        if data["on_sheet"] is True:
            TheoryOfChange.objects.filter(pk=theory.pk).update(sheet_story=story)


def _import_old_quote(theory: TheoryOfChange, data: dict, where: str) -> None:
    """A file from before stories: its free quote becomes a story cleared for the sheet,
    with consent "eerder gegeven" to confirm (as migration 0011 did with stored quotes)."""
    quote = _text(data.get("quote", ""), _at(where, "quote"))
    quote_by = _text(data.get("quote_by", ""), _at(where, "quote_by"))
    if not quote:
        return
    story = Story(
        theory=theory,
        text=quote + (f"\n\n({quote_by})" if quote_by else ""),
        quote=quote,
        scope=Scope.SHEET,
    )
    _clean(story, _at(where, "quote"))
    story.save()
    Consent.objects.create(
        story=story,
        scope=Scope.SHEET,
        given_by="person",
        given_on=(theory.approved_at or timezone.now()).date(),
        form=ConsentForm.EARLIER,
    )
    TheoryOfChange.objects.filter(pk=theory.pk).update(sheet_story=story)
