from django.db import migrations

# Role models of seed 003, by the form they belong to.
ROLE_MODELS = {
    "педагог – педагог": [
        "опытный педагог – молодой специалист",
        "опытный классный руководитель – молодой специалист",
        "лидер педагогического сообщества – педагог, испытывающий проблемы",
        "педагог-новатор – консервативный педагог",
        "опытный предметник – неопытный предметник",
    ],
    "ученик – ученик": [
        "успевающий – неуспевающий",
        "лидер – пассивный",
        "равный – равному",
        "адаптированный – неадаптированный",
    ],
}
# Types of seed 002 §3.
TYPES = [
    ("traditional", "традиционное наставничество"),
    ("group", "наставничество в группе"),
    ("virtual", "виртуальное (дистанционное) наставничество"),
    ("short_term", "краткосрочное (целеполагающее) наставничество"),
    ("reverse", "реверсивное наставничество"),
    ("situational", "ситуационное наставничество"),
    ("speed", "скоростное наставничество"),
]


def add(apps, schema_editor):
    MentoringForm = apps.get_model("mentoring", "MentoringForm")
    RoleModel = apps.get_model("mentoring", "RoleModel")
    MentoringType = apps.get_model("mentoring", "MentoringType")
    for form_name, names in ROLE_MODELS.items():
        form, _ = MentoringForm.objects.get_or_create(organisation=None, name=form_name)
        for name in names:
            RoleModel.objects.get_or_create(form=form, organisation=None, name=name)
    for code, name in TYPES:
        MentoringType.objects.get_or_create(organisation=None, code=code, name=name)


def remove(apps, schema_editor):
    apps.get_model("mentoring", "RoleModel").objects.filter(organisation=None).delete()
    apps.get_model("mentoring", "MentoringType").objects.filter(organisation=None).delete()


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0007_pairs_preferences_role_models_types")]

    operations = [migrations.RunPython(add, remove)]
