from django.db import migrations

from mentoring.form_catalogue import FORMS


def add(apps, schema_editor):
    """Built-in forms (shared by every school) that are missing, and the seed's texts of their
    role models; a role model whose texts were already written is left as it is."""
    MentoringForm = apps.get_model("mentoring", "MentoringForm")
    RoleModel = apps.get_model("mentoring", "RoleModel")
    for seed in FORMS:
        form, _ = MentoringForm.objects.get_or_create(organisation=None, name=seed.name)
        for seed_model in seed.role_models:
            role_model, _ = RoleModel.objects.get_or_create(
                form=form, organisation=None, name=seed_model.name
            )
            if role_model.aim or role_model.tasks or role_model.expected_results:
                continue
            role_model.aim = seed_model.aim
            role_model.tasks = seed.tasks
            role_model.expected_results = seed.expected_results
            role_model.save(update_fields=["aim", "tasks", "expected_results"])


def remove(apps, schema_editor):
    """Only what nothing refers to: the forms this migration added and their role models."""
    MentoringForm = apps.get_model("mentoring", "MentoringForm")
    for name in ("учитель – учитель", "руководитель образовательной организации – учитель"):
        form = MentoringForm.objects.filter(organisation=None, name=name).first()
        if form is None:
            continue
        used = apps.get_model("mentoring", "MentoringPair").objects.filter(form=form).exists()
        if not used:
            form.role_models.all().delete()
            form.delete()


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0018_role_model_texts_programme_sections_kinds")]

    operations = [migrations.RunPython(add, remove)]
