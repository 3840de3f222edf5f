"""Load the reference lists from CMO STAMM's publication (chapters 2.1, 2.3 and 5.1)."""

from django.db import migrations

RESOURCE_KINDS = [
    ("Vrijwilligers", "Volunteers"),
    ("Geld", "Money"),
    ("Gebouw of ruimte", "Building or space"),
    ("Partners", "Partners"),
    ("Materialen", "Materials"),
    ("Kennis", "Knowledge"),
]

THEMES = [
    ("Sociale cohesie", "Social cohesion",
     "Mensen leren elkaar kennen, helpen elkaar, en er ontstaat meer vertrouwen in de buurt."),
    ("Zingeving en eigenaarschap", "Meaning and ownership",
     "Inwoners voelen zich verantwoordelijk voor hun leefomgeving en ervaren voldoening."),
    ("Gelijke kansen en inclusie", "Equal opportunities and inclusion",
     "Kwetsbare groepen doen mee; er is minder uitsluiting."),
    ("Gezondheid en welzijn", "Health and well-being",
     "Bijvoorbeeld door gezamenlijke tuinen, sportactiviteiten of ontmoetingsplekken."),
    ("Versterking van de lokale democratie", "Strengthening local democracy",
     "Mensen ervaren dat ze invloed hebben en worden actiever betrokken bij besluiten."),
]

METHODS = [
    ("Registratie van aantallen", "Counting (participants, activities)",
     "Bijhouden hoeveel deelnemers, activiteiten of hulpvragen er zijn."),
    ("Logboek", "Logbook", "Vragen en ervaringen bijhouden, bijvoorbeeld elke week."),
    ("Vragenlijst of enquête", "Questionnaire or survey", ""),
    ("Interview", "Interview", ""),
    ("Observatie", "Observation", ""),
    ("Persoonlijke verhalen (narratieve methode)", "Personal stories (narrative method)", ""),
    ("Gesprek bij afsluiting", "Closing conversation with client or participant",
     "Een cliënt- of deelnemersgesprek bij de afsluiting."),
    ("Jaaroverzicht", "Annual overview", "Een overzicht van activiteiten en resultaten per jaar."),
]


def load(apps, schema_editor):
    for model_name, rows in (
        ("ResourceKind", [(nl, en, "") for nl, en in RESOURCE_KINDS]),
        ("Theme", THEMES),
        ("DataCollectionMethod", METHODS),
    ):
        model = apps.get_model("theory_of_change", model_name)
        for position, (name, name_en, description) in enumerate(rows):
            model.objects.update_or_create(
                name=name,
                defaults={"name_en": name_en, "description": description, "position": position},
            )


def unload(apps, schema_editor):
    for model_name, rows in (
        ("ResourceKind", RESOURCE_KINDS),
        ("Theme", THEMES),
        ("DataCollectionMethod", METHODS),
    ):
        apps.get_model("theory_of_change", model_name).objects.filter(
            name__in=[row[0] for row in rows]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("theory_of_change", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
