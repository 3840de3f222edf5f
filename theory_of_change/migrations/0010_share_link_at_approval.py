import secrets

from django.db import migrations, models


def give_approved_sheets_a_link(apps, schema_editor):
    """Approved sheets printed before this change carry a QR code that led to a login page:
    they get their public link now, as an approval gives it from now on. (Whether a sheet
    without a link had it switched off or never on cannot be told; the fact sheet's page
    shows the link plainly, with the button to switch it off.)"""
    TheoryOfChange = apps.get_model("theory_of_change", "TheoryOfChange")
    for theory in TheoryOfChange.objects.filter(status="approved", share_token__isnull=True):
        theory.share_token = secrets.token_urlsafe(24)
        theory.save(update_fields=["share_token"])


class Migration(migrations.Migration):
    dependencies = [
        ("theory_of_change", "0009_short_lines"),
    ]

    operations = [
        migrations.AddField(
            model_name="theoryofchange",
            name="share_link_off",
            field=models.BooleanField(default=False, verbose_name="openbare link uitgezet"),
        ),
        migrations.RunPython(give_approved_sheets_a_link, migrations.RunPython.noop),
    ]
