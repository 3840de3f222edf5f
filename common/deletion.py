"""Deleting an object so that it can be put back exactly as it was ("ongedaan maken").

A row of a step list can take more with it than itself: an output deletes the results
counted for it, an activity empties the "bij activiteit" of its outputs and the links of
outcomes to it. `delete_with_record` deletes through Django's own `Collector` (the same
cascade as `Model.delete()`) and returns everything that cascade touched as plain JSON;
`restore` writes it back with the original keys, so every link is whole again.

Nothing here knows the models: it works for any object whose cascade stays inside the
database (no files are removed by a delete here, so none need to come back).
"""

from __future__ import annotations

import json
from typing import Any

from django.apps import apps
from django.core import serializers
from django.db import models, router
from django.db.models.deletion import Collector

Record = dict[str, Any]


def _serialized(objects) -> list[dict]:
    return json.loads(serializers.serialize("json", objects)) if objects else []


def _model_of(objs) -> type[models.Model]:
    """The model of a batch the collector will update: a queryset or a list of rows."""
    return objs.model if isinstance(objs, models.QuerySet) else type(objs[0])


def delete_with_record(obj: models.Model) -> Record:
    """Delete `obj` with its cascade and return what is needed to put it all back."""
    collector = Collector(using=router.db_for_write(type(obj), instance=obj))
    collector.collect([obj])
    collector.sort()
    # Deletion order has dependent rows first: restoring goes the other way round.
    rows = [instance for instances in collector.data.values() for instance in instances]
    record: Record = {
        "objects": _serialized(list(reversed(rows))),
        # Rows Django deletes straight in SQL: link tables and results without dependants.
        "leaves": [item for queryset in collector.fast_deletes for item in _serialized(queryset)],
        # Links that the delete empties (on_delete=SET_NULL) rather than follow.
        "links": [
            {
                "model": _model_of(objs)._meta.label_lower,
                "field": field.attname,
                "rows": [[item.pk, getattr(item, field.attname)] for item in objs],
            }
            for (field, _value), batches in collector.field_updates.items()
            for objs in batches
            if objs
        ],
    }
    collector.delete()
    return record


def models_in(record: Record) -> set[str]:
    """The models ("app.model") a record holds rows of, to tell who must hear of a restore."""
    return {item["model"] for item in (*record.get("objects", ()), *record.get("leaves", ()))}


def restore(record: Record) -> None:
    """Write back what `delete_with_record` removed, with the original primary keys.

    Call inside a transaction: either everything comes back or nothing does.
    """
    for part in ("objects", "leaves"):
        if record.get(part):
            for item in serializers.deserialize("json", json.dumps(record[part])):
                # Link tables come back as rows of their own (the leaves), in both directions.
                item.save(save_m2m=False)
    for link in record.get("links", ()):
        model = apps.get_model(link["model"])
        for pk, value in link["rows"]:
            model._default_manager.filter(pk=pk).update(**{link["field"]: value})
