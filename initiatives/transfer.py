"""Export an initiative as one JSON document, and import it again here or elsewhere.

Why: an initiative can move to another installation (another region, another host) without
anyone typing a word again; an initiative can keep a backup that it can read (plain JSON
with its own words in it); and the round trip — export, import, export again, compare — is
the proof that nothing is lost (`tests/initiatives/test_transfer.py`).

The document holds the initiative's details with its logo and photo, its members, and every
Verandertheorie with all its rows, its edit history (revisions), its review timeline
(transitions) and its comment threads. The people it names are listed once, by username;
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
"""

from __future__ import annotations

import base64
import io
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_slug
from django.db import DataError, IntegrityError, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from initiatives.images import ALLOWED_IMAGE_FORMATS
from initiatives.models import Initiative, Membership, Municipality, User
from theory_of_change.models import (
    Activity,
    Comment,
    DataCollectionMethod,
    Impact,
    MeasurementPlan,
    Outcome,
    Output,
    ReferenceItem,
    Resource,
    ResourceKind,
    StepRevision,
    Theme,
    TheoryOfChange,
    Transition,
)
from theory_of_change.steps import STEPS, ListStep, get_step

FORMAT = "maatschappelijke-waarde/initiative"
VERSION = 1

# Step rows in the order they refer to each other, with their section and key prefix.
ROWS: tuple[tuple[type[models.Model], str, str], ...] = (
    (Resource, "resources", "resource"),
    (Activity, "activities", "activity"),
    (Output, "outputs", "output"),
    (Outcome, "outcomes", "outcome"),
    (Impact, "impacts", "impact"),
    (MeasurementPlan, "measurement_plans", "measurement-plan"),
)
PREFIXES = {model: prefix for model, _section, prefix in ROWS}
REFERENCE_LISTS: tuple[tuple[type[ReferenceItem], str], ...] = (
    (ResourceKind, "resource_kinds"),
    (Theme, "themes"),
    (DataCollectionMethod, "data_collection_methods"),
)
# What a reference entry is on one installation's list, rather than what it means.
LOCAL_REFERENCE_FIELDS = {"id", "position", "is_active", "updated_at"}
PERSON_FIELDS = ("username", "email", "first_name", "last_name", "is_advisor")
INITIATIVE_FIELDS = (
    "name",
    "kind",
    "place",
    "description",
    "founded_year",
    "website",
    "contact_email",
)
THEORY_FIELDS = ("year", "status", "problem", "goal", "mission", "quote", "quote_by")
IMAGE_FIELDS = ("logo", "photo")
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
        **{name: getattr(initiative, name) for name in INITIATIVE_FIELDS},
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
        **{name: getattr(theory, name) for name in THEORY_FIELDS},
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
    }


def _export_rows(theory: TheoryOfChange, named: _Named) -> tuple[dict, dict]:
    """Every step list in order; returns the sections and, per model, row id -> key.

    Generic over the fields, so a field added to a row model travels without a change here:
    links to rows become keys, reference entries names, decimals text.
    """
    sections: dict[str, list] = {}
    keys: dict[type, dict[int, str]] = {}
    for model, section, prefix in ROWS:
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
            removed[(model, row_id)] = f"{PREFIXES[model]}-removed-{number}"
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
    comments = theory.comments.select_related("author", "resolved_by").order_by("pk")
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
            }
        )
    return result


# --- import ----------------------------------------------------------------------------------


def import_initiative(
    *, data: dict, slug: str | None = None, log: Callable[[str], None] | None = None
) -> Initiative:
    """Create the initiative of an exported document, all or nothing.

    `slug` overrides the document's, to import a copy next to the original. `log` receives
    a line (English, for the command line) for every user and reference entry created.
    Raises `TransferError` for a document this installation cannot take.
    """
    log = log or (lambda line: None)
    try:
        _check_format(data)
        details = data["initiative"]
        slug = slug or details["slug"]
        _check_slug(slug)
        municipalities = _municipalities([details["municipality"], *details["also_serves"]])
        images = {name: _decode_image(details[name]) for name in IMAGE_FIELDS}
        with transaction.atomic():
            people = _import_people(data["people"], log)
            references = _import_reference_lists(data["reference_lists"], log)
            initiative = _import_details(details, slug, municipalities)
            for member in data["members"]:
                membership = Membership.objects.create(
                    initiative=initiative,
                    user=people[member["username"]],
                    **_plain(Membership, member, ["role"]),
                )
                _restore(membership, created_at=member["created_at"])
            for theory in data["theories"]:
                _import_theory(initiative, theory, people, references)
            _save_images(initiative, images)
    except TransferError:
        raise
    except (KeyError, TypeError, ValueError, InvalidOperation, IntegrityError, DataError) as error:
        raise TransferError(
            _("Het bestand is onvolledig of beschadigd: %(detail)s") % {"detail": repr(error)}
        ) from error
    return Initiative.objects.get(pk=initiative.pk)


def _check_format(data: dict) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TransferError(_("Dit bestand is geen export van een initiatief."))
    if data.get("version") != VERSION:
        raise TransferError(
            _(
                "Dit bestand heeft versie %(version)s van het exportformaat; deze installatie "
                "leest versie %(supported)s."
            )
            % {"version": data.get("version"), "supported": VERSION}
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


def _decode_image(image: dict | None) -> tuple[str, bytes] | None:
    """Decode and check an image before anything is written; (extension, bytes) or None."""
    if image is None:
        return None
    content = base64.b64decode(image["content"], validate=True)
    try:
        with Image.open(io.BytesIO(content)) as opened:
            kind = opened.format
    except (UnidentifiedImageError, OSError):
        kind = None
    if kind not in ALLOWED_IMAGE_FORMATS:
        raise TransferError(_("Het logo of de foto in het bestand is geen JPG, PNG, WEBP of GIF."))
    return str(image["extension"]), content


def _plain(model: type[models.Model], data: dict, names) -> dict:
    """Field values from the document, refusing one outside the field's choices."""
    return {name: _checked(model._meta.get_field(name), data[name]) for name in names}


def _checked(model_field: models.Field, value):
    if model_field.choices and value not in {key for key, _label in model_field.choices}:
        raise ValueError(f"{model_field.model.__name__}.{model_field.name}: {value!r}")
    return value


def _restore(instance: models.Model, **times: str | None) -> None:
    """Set timestamps that `auto_now(_add)` overwrote on save."""
    values = {name: _parse_time(value) for name, value in times.items()}
    type(instance).objects.filter(pk=instance.pk).update(**values)


def _import_people(people: list[dict], log: Callable[[str], None]) -> dict[str, User]:
    users = {}
    for person in people:
        user = User.objects.filter(username=person["username"]).first()
        if user is None:
            values = {name: person[name] for name in PERSON_FIELDS}
            user = User.objects.create_user(**values, password=None, is_active=False)
            log(f"created user {user.username} (inactive, no usable password)")
        users[person["username"]] = user
    return users


def _import_reference_lists(lists: dict, log: Callable[[str], None]) -> dict:
    found: dict[type, dict[str, ReferenceItem]] = {}
    for model, section in REFERENCE_LISTS:
        found[model] = {}
        for entry in lists.get(section, []):
            item = model.objects.filter(name=entry["name"]).first()
            if item is None:
                values = {name: entry[name] for name in _reference_fields(model) if name in entry}
                item = model.objects.create(**values, is_active=False)
                log(f"created {model._meta.verbose_name} {item.name!r} (inactive)")
            found[model][item.name] = item
    return found


def _import_details(details: dict, slug: str, municipalities: dict) -> Initiative:
    initiative = Initiative.objects.create(
        **_plain(Initiative, details, INITIATIVE_FIELDS),
        slug=slug,
        municipality=municipalities[details["municipality"]],
    )
    initiative.also_serves.set([municipalities[s] for s in details["also_serves"]])
    _restore(initiative, created_at=details["created_at"])
    return initiative


def _import_theory(initiative: Initiative, data: dict, people: dict, references: dict) -> None:
    def person(username: str | None) -> User | None:
        return None if username is None else people[username]

    theory = TheoryOfChange.objects.create(
        initiative=initiative,
        **_plain(TheoryOfChange, data, THEORY_FIELDS),
        submitted_at=_parse_time(data["submitted_at"]),
        approved_at=_parse_time(data["approved_at"]),
        assigned_advisor=person(data["assigned_advisor"]),
    )
    row_ids = _import_rows(theory, data, references)
    removed: dict[str, int] = {}

    def to_id(model: type, key: str) -> int:
        # A row deleted before the export gets a negative id: no row ever has one, so the
        # history still shows it removed and matches nothing else.
        return row_ids[model].get(key) or removed.setdefault(key, -(len(removed) + 1))

    revision_ids = {}
    for item in data["revisions"]:
        get_step(item["step"])  # KeyError for a step that does not exist
        snapshot, changes = _map_row_ids(item["step"], item["snapshot"], item["changes"], to_id)
        revision = StepRevision.objects.create(
            theory=theory,
            step=item["step"],
            author=person(item["author"]),
            snapshot=snapshot,
            changes=changes,
        )
        _restore(revision, created_at=item["created_at"])
        revision_ids[item["key"]] = revision.pk
    for item in data["transitions"]:
        Transition.objects.create(
            theory=theory,
            **_plain(Transition, item, ["action", "from_status", "to_status", "message"]),
            by=person(item["by"]),
            created_at=_parse_time(item["created_at"]),
            revisions={step: revision_ids[key] for step, key in item["revisions"].items()},
        )
    comment_ids: dict[str, int] = {}
    for item in data["comments"]:
        get_step(item["step"])
        comment = Comment.objects.create(
            theory=theory,
            step=item["step"],
            thread_id=comment_ids[item["thread"]] if item["thread"] else None,
            author=person(item["author"]),
            body=item["body"],
            created_at=_parse_time(item["created_at"]),
            resolved_at=_parse_time(item["resolved_at"]),
            resolved_by=person(item["resolved_by"]),
        )
        comment_ids[item["key"]] = comment.pk
    # Last: saving anything of the theory after this would set `updated_at` to now.
    _restore(theory, created_at=data["created_at"], updated_at=data["updated_at"])


def _import_rows(theory: TheoryOfChange, data: dict, references: dict) -> dict:
    """Create the step lists in document order (so their order and ids' order survive);
    returns, per model, key -> new row id."""
    ids: dict[type, dict[str, int]] = {}

    def value(f: models.Field, raw):
        if raw is None:
            return None
        if f.related_model in ids:
            return ids[f.related_model][raw]
        if f.is_relation:
            return references[f.related_model][raw].pk
        return Decimal(raw) if isinstance(f, models.DecimalField) else _checked(f, raw)

    for model, section, _prefix in ROWS:
        ids[model] = {}
        for item in data[section]:
            values = {
                f.attname: value(f, item[f.name])
                for f in model._meta.concrete_fields
                if not f.primary_key and f.name != "theory"
            }
            row = model.objects.create(theory=theory, **values)
            ids[model][item["key"]] = row.pk
            for f in model._meta.many_to_many:
                getattr(row, f.name).set([value(f, raw) for raw in item[f.name]])
    return ids


def _save_images(initiative: Initiative, images: dict) -> None:
    """Written last, so a refused document leaves no files behind."""
    for name, image in images.items():
        if image is not None:
            extension, content = image
            getattr(initiative, name).save(f"{name}.{extension}", ContentFile(content), save=False)
    if any(images.values()):
        initiative.save(update_fields=list(IMAGE_FIELDS))
