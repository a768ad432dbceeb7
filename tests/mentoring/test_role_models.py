"""Forms of mentoring and their role models as seed 003 writes them: texts, the data
migration that brings them to existing databases, and the pair form that shows them."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.urls import reverse

from mentoring.form_catalogue import FORMS, STUDENT_STUDENT, TEACHER_TEACHER
from mentoring.models import MentoringForm, MentoringPair, MentoringType, RoleModel
from tests.mentoring.bank_factories import MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.test_pairs import _form_data, _participant

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module(
    "mentoring.migrations.0019_seed_forms_and_role_model_texts"
)


def _builtin(form: str, name: str) -> RoleModel:
    return RoleModel.objects.get(form__name=form, form__organisation=None, name=name)


def test_forms_are_named_as_the_schools_name_them():
    names = set(MentoringForm.objects.filter(organisation=None).values_list("name", flat=True))
    assert {
        "педагог – педагог",
        "учитель – учитель",
        "ученик – ученик",
        "студент – ученик",
        "учитель – ученик",
        "руководитель образовательной организации – учитель",
    } <= names


def test_student_role_models_carry_the_aims_tasks_and_results_of_seed_003():
    equal = _builtin("ученик – ученик", "равный – равному")
    leader = _builtin("ученик – ученик", "лидер – пассивный")

    assert equal.aim == "Обмен навыками для достижения целей"
    assert leader.aim == (
        "Психоэмоциональная поддержка с адаптацией в коллективе или с развитием "
        "коммуникационных, творческих, лидерских навыков"
    )
    assert leader.tasks.splitlines()[0] == "1. Помощь в реализации лидерского потенциала."
    assert leader.tasks.splitlines()[-1] == (
        "6. Формирование устойчивого сообщества обучающихся и сообщества благодарных выпускников."
    )
    assert len(leader.expected_results.splitlines()) == 7
    assert leader.expected_results.splitlines()[1] == "2. Повышение успеваемости в школе."


def test_teacher_teacher_is_its_own_form_with_the_five_role_models_of_seed_003():
    form = MentoringForm.objects.get(organisation=None, name="учитель – учитель")
    models = list(form.role_models.all())

    assert [m.name for m in models] == [m.name for m in TEACHER_TEACHER.role_models]
    subject = models[-1]
    assert subject.name == "опытный предметник – неопытный предметник"
    assert subject.aim == "Методическая поддержка по конкретному предмету"
    assert subject.tasks.splitlines()[4] == (
        "5. Ускорить процесс профессионального становления педагога."
    )
    assert subject.expected_results.splitlines()[2] == (
        "3. Улучшение психологического климата в школе."
    )


@pytest.mark.parametrize("seed", [f for f in FORMS if f.role_models], ids=lambda f: f.name)
def test_every_builtin_role_model_has_the_catalogue_texts(seed):
    for seed_model in seed.role_models:
        role_model = _builtin(seed.name, seed_model.name)
        assert (role_model.aim, role_model.tasks, role_model.expected_results) == (
            seed_model.aim,
            seed.tasks,
            seed.expected_results,
        )


def test_migration_adds_missing_forms_and_keeps_texts_a_school_wrote():
    edited = _builtin("ученик – ученик", "равный – равному")
    edited.aim = "Своя цель школы"
    edited.save(update_fields=["aim"])
    RoleModel.objects.filter(form__name="учитель – учитель").delete()
    MentoringForm.objects.filter(organisation=None, name="учитель – учитель").delete()

    seed_migration.add(apps, None)

    edited.refresh_from_db()
    assert edited.aim == "Своя цель школы"
    restored = _builtin("учитель – учитель", "педагог-новатор – консервативный педагог")
    assert restored.aim.startswith("Помощь в овладении современными программами")


def test_pair_form_shows_the_role_models_of_each_form_with_their_aims(client, curator, school):
    client.force_login(curator)

    page = client.get(reverse("pair_create", args=[school.pk])).content.decode()

    student_form = MentoringForm.objects.get(organisation=None, name="ученик – ученик")
    leader = _builtin("ученик – ученик", "лидер – пассивный")
    assert f'data-form="{student_form.pk}"' in page
    assert f'data-role-model="{leader.pk}"' in page
    assert STUDENT_STUDENT.role_models[0].aim in page
    assert "js/pair_form.js" in page
    assert "<script>" not in page


def test_pair_detail_shows_the_role_models_aim(client, curator, school):
    form = MentoringForm.objects.get(organisation=None, name="учитель – учитель")
    role_model = form.role_models.first()
    mentor = _participant(MentorEntryFactory, school)
    mentee = _participant(MenteeEntryFactory, school)
    client.force_login(curator)
    client.post(
        reverse("pair_create", args=[school.pk]),
        _form_data(
            mentor,
            [mentee],
            form,
            MentoringType.objects.get(organisation=None, code="traditional"),
            role_model=role_model.pk,
        ),
    )
    pair = MentoringPair.objects.get()

    page = client.get(reverse("pair_detail", args=[pair.pk])).content.decode()

    assert pair.end_date == date(2027, 5, 31)
    assert role_model.aim in page
    assert ">Вид<" in page
    assert ">Тип<" not in page
