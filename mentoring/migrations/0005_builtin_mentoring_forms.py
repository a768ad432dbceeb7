from django.db import migrations

# The forms named by the methodical recommendations and the seed documents.
BUILTIN_FORMS = [
    "педагог – педагог",
    "руководитель образовательной организации – педагог",
    "социальный партнёр – педагог",
    "ученик – ученик",
    "учитель – ученик",
    "студент – ученик",
]


def add_forms(apps, schema_editor):
    MentoringForm = apps.get_model("mentoring", "MentoringForm")
    for name in BUILTIN_FORMS:
        MentoringForm.objects.get_or_create(organisation=None, name=name)


def remove_forms(apps, schema_editor):
    apps.get_model("mentoring", "MentoringForm").objects.filter(
        organisation=None, name__in=BUILTIN_FORMS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0004_consents_and_banks")]

    operations = [migrations.RunPython(add_forms, remove_forms)]
