"""Achieved figures are counted in results now; the plan's own column goes (its values were
kept as stated figures by 0007). A migration of its own: PostgreSQL does not alter a table
in the transaction that just wrote rows pointing at it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("theory_of_change", "0007_results"),
    ]

    operations = [
        migrations.RemoveField(model_name="output", name="achieved"),
    ]
