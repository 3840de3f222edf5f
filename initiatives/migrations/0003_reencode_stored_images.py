"""Re-encode the logos and photos stored before uploads were re-encoded.

Files uploaded earlier were stored byte for byte: with the GPS position and camera of the
phone that took them, and at any size up to Pillow's own limit. Each is now written anew as
an upload is (`common.images.prepare_image`) under a new name, and the old file is
deleted. A file that cannot be made safe (damaged, too many pixels, missing) is taken off
the initiative, which then shows no logo or photo until a coordinator uploads one again.
Not reversible: the metadata is gone on purpose.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import migrations

logger = logging.getLogger(__name__)

IMAGE_FIELDS = ("logo", "photo")


def reencode_stored_images(apps, schema_editor):
    from common.images import prepare_image

    Initiative = apps.get_model("initiatives", "Initiative")
    for initiative in Initiative.objects.exclude(logo="", photo=""):
        for field in IMAGE_FIELDS:
            image = getattr(initiative, field)
            if not image:
                continue
            old_name, storage = image.name, image.storage
            try:
                with storage.open(old_name, "rb") as stored:
                    prepared = prepare_image(stored.read(), purpose=field)
            except (OSError, ValidationError) as error:
                logger.warning("%s of %s removed: %s", field, initiative.slug, error)
                setattr(initiative, field, "")
            else:
                image.save(prepared.name, prepared, save=False)
            initiative.save(update_fields=[field])
            if storage.exists(old_name):
                storage.delete(old_name)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0002_load_municipalities")]

    operations = [
        migrations.RunPython(reencode_stored_images, migrations.RunPython.noop, elidable=True)
    ]
