"""Load the 22 municipalities of Groningen and Drenthe (as of 2025)."""

from django.db import migrations
from django.utils.text import slugify

MUNICIPALITIES = {
    "groningen": [
        "Eemsdelta", "Groningen", "Het Hogeland", "Midden-Groningen", "Oldambt", "Pekela",
        "Stadskanaal", "Veendam", "Westerkwartier", "Westerwolde",
    ],
    "drenthe": [
        "Aa en Hunze", "Assen", "Borger-Odoorn", "Coevorden", "De Wolden", "Emmen",
        "Hoogeveen", "Meppel", "Midden-Drenthe", "Noordenveld", "Tynaarlo", "Westerveld",
    ],
}


def load(apps, schema_editor):
    Municipality = apps.get_model("initiatives", "Municipality")
    for province, names in MUNICIPALITIES.items():
        for name in names:
            Municipality.objects.update_or_create(
                slug=slugify(name), defaults={"name": name, "province": province}
            )


def unload(apps, schema_editor):
    Municipality = apps.get_model("initiatives", "Municipality")
    slugs = [slugify(name) for names in MUNICIPALITIES.values() for name in names]
    Municipality.objects.filter(slug__in=slugs, initiatives__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
