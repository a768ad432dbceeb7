"""The personalised programme's sections (seed 002 §1.3): prefilled from the bank entry and the
role model, edited on the page, printed in order under the director's approval block; and the
pair's length in months that keeps the end out of the summer holidays unless chosen."""

import subprocess
from datetime import date

import pytest
from django.urls import reverse

from mentoring.models import MentoringForm, MentoringPair, MentoringType, Programme
from mentoring.services.matching import suggested_end
from mentoring.services.programmes import programme_create_from_template
from tests.mentoring.bank_factories import MenteeEntryFactory, MentorEntryFactory, TagFactory
from tests.mentoring.factories import PersonFactory
from tests.mentoring.test_pairs import _form_data, _participant

pytestmark = pytest.mark.django_db

SECTIONS = [
    "Затруднения наставляемого",
    "Сильные стороны и ресурсы наставляемого",
    "Цель",
    "Задачи",
    "Направления работы",
    "Ожидаемые результаты",
    "План мероприятий",
]


@pytest.fixture
def pair(school):
    school.director_name = "Кравченко Леонид Николаевич"
    school.director_position = "Директор"
    school.short_name = "МАОУ СОШ № 7"
    school.save()
    mentor = MentorEntryFactory(
        person=PersonFactory(
            organisation=school,
            last_name="Иванова",
            first_name="Анна",
            patronymic="Петровна",
            position="Учитель математики",
        )
    )
    mentee = MenteeEntryFactory(
        person=PersonFactory(organisation=school, position="Учитель информатики"),
        requests_text="Не получается держать темп урока",
    )
    mentee.requests.set([TagFactory(organisation=school, name="Дисциплина на уроке")])
    form = MentoringForm.objects.get(organisation=None, name="учитель – учитель")
    pair = MentoringPair.objects.create(
        organisation=school,
        academic_year=school.academic_years.get(),
        mentor=mentor,
        form=form,
        role_model=form.role_models.get(name="опытный педагог – молодой специалист"),
        mentoring_type=MentoringType.objects.get(code="traditional", organisation=None),
        start_date=date(2026, 10, 1),
        end_date=date(2027, 5, 31),
    )
    pair.mentees.set([mentee])
    return pair


def _pdf_text(client, pair, tmp_path) -> str:
    response = client.get(reverse("programme_pdf", args=[pair.pk]))
    assert response.status_code == 200
    path = tmp_path / "programme.pdf"
    path.write_bytes(response.content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_template_prefills_difficulties_from_requests_and_tasks_from_the_role_model(pair):
    programme = programme_create_from_template(pair=pair)

    assert programme.difficulties.splitlines() == [
        "Дисциплина на уроке",
        "Не получается держать темп урока",
    ]
    assert programme.tasks == pair.role_model.tasks
    assert programme.expected_results == pair.role_model.expected_results
    assert "ролевая модель «опытный педагог – молодой специалист»" in programme.goal


def test_edit_page_prefills_only_the_empty_sections(client, curator, pair):
    programme = Programme.objects.create(pair=pair, goal="Цель", tasks="Свои задачи")
    client.force_login(curator)

    form = client.get(reverse("programme_edit", args=[pair.pk]) + "?edit=1").context["form"]

    assert form["difficulties"].value().startswith("Дисциплина на уроке")
    assert form["tasks"].value() == "Свои задачи"
    assert programme.pk


def test_sections_are_saved_from_the_page(client, curator, pair):
    programme = Programme.objects.create(pair=pair, goal="Цель")
    client.force_login(curator)

    response = client.post(
        reverse("programme_edit", args=[pair.pk]),
        {
            "difficulties": "Дисциплина",
            "strengths": "Знает предмет",
            "goal": "Цель",
            "tasks": "Задача",
            "directions": "Методическая работа",
            "expected_results": "Результат",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.difficulties, programme.strengths, programme.directions) == (
        "Дисциплина",
        "Знает предмет",
        "Методическая работа",
    )
    page = client.get(reverse("programme_edit", args=[pair.pk])).content.decode()
    assert "Знает предмет" in page
    assert pair.role_model.aim in page


def test_pdf_prints_the_sections_in_order_under_the_approval_block(client, curator, pair, tmp_path):
    programme = programme_create_from_template(pair=pair)
    programme.strengths = "Владеет ИКТ"
    programme.directions = "Методическая работа"
    programme.save()
    client.force_login(curator)

    text = _pdf_text(client, pair, tmp_path)

    assert [line for line in text.splitlines() if line.strip() in SECTIONS] == SECTIONS
    flat = " ".join(text.split())
    assert flat.index("УТВЕРЖДАЮ") < flat.index("Персонализированная программа наставничества")
    assert "УТВЕРЖДАЮ Директор МАОУ СОШ № 7" in flat
    assert "Л.Н. Кравченко" in flat
    assert "«___» ____________ 20__ г." in flat
    assert "«опытный педагог – молодой специалист»" in flat
    assert "Цель: поддержка для приобретения необходимых профессиональных навыков" in flat
    assert "Не получается держать темп урока" in flat
    assert "1. Способствовать формированию потребности" in flat


def test_pdf_prints_a_section_not_written_yet_to_fill_in_by_hand(client, curator, pair, tmp_path):
    programme_create_from_template(pair=pair)  # strengths and directions left empty
    client.force_login(curator)

    text = _pdf_text(client, pair, tmp_path)

    assert [line for line in text.splitlines() if line.strip() in SECTIONS] == SECTIONS


def test_pdf_writes_positions_in_lower_case_after_names(client, curator, pair, tmp_path):
    programme_create_from_template(pair=pair)
    client.force_login(curator)

    flat = " ".join(_pdf_text(client, pair, tmp_path).split())

    assert "Иванова Анна Петровна, учитель математики" in flat
    assert ", учитель информатики" in flat
    assert ", Учитель" not in flat


def test_pair_form_lists_people_with_lower_case_positions(client, curator, school):
    mentor = _participant(MentorEntryFactory, school)
    mentor.person.position = "Учитель физики"
    mentor.person.save(update_fields=["position"])
    client.force_login(curator)

    page = client.get(reverse("pair_create", args=[school.pk])).content.decode()

    assert f"{mentor.person.full_name}, учитель физики" in page


# The length of the pair.


@pytest.fixture
def people(school):
    return _participant(MentorEntryFactory, school), _participant(MenteeEntryFactory, school)


def _create(client, school, people, teacher_form, traditional, **extra):
    mentor, mentee = people
    return client.post(
        reverse("pair_create", args=[school.pk]),
        _form_data(mentor, [mentee], teacher_form, traditional, **extra),
    )


def test_end_date_is_computed_from_the_start_and_the_months(
    client, curator, school, people, teacher_form, traditional
):
    client.force_login(curator)

    response = _create(client, school, people, teacher_form, traditional, months=5)

    assert response.status_code == 302
    pair = MentoringPair.objects.get()
    assert (pair.start_date, pair.end_date) == (date(2026, 10, 1), date(2027, 2, 28))


def test_summer_end_is_refused_with_a_russian_message(
    client, curator, school, people, teacher_form, traditional
):
    client.force_login(curator)

    response = _create(client, school, people, teacher_form, traditional, months=9)

    assert response.status_code == 200
    assert not MentoringPair.objects.exists()
    page = response.content.decode()
    assert "Программа закончится 30.06.2027 — в летние каникулы" in page
    assert "отметьте «Завершить летом»" in page


def test_summer_end_is_kept_when_the_curator_chooses_it(
    client, curator, school, people, teacher_form, traditional
):
    client.force_login(curator)

    response = _create(
        client, school, people, teacher_form, traditional, months=10, end_in_summer="on"
    )

    assert response.status_code == 302
    assert MentoringPair.objects.get().end_date == date(2027, 7, 31)


@pytest.mark.parametrize("months", ["2", "13", ""])
def test_length_outside_3_to_12_months_is_refused(
    client, curator, school, people, teacher_form, traditional, months
):
    client.force_login(curator)

    response = _create(client, school, people, teacher_form, traditional, months=months)

    assert response.status_code == 200
    assert not MentoringPair.objects.exists()
    assert response.context["form"].errors["months"]


def test_editing_a_pair_starts_from_its_length_in_months(client, curator, school, people):
    pair_form = MentoringForm.objects.get(organisation=None, name="педагог – педагог")
    mentor, mentee = people
    pair = MentoringPair.objects.create(
        organisation=school,
        academic_year=school.academic_years.get(),
        mentor=mentor,
        form=pair_form,
        mentoring_type=MentoringType.objects.get(code="traditional", organisation=None),
        start_date=date(2026, 9, 1),
        end_date=date(2027, 5, 31),
    )
    pair.mentees.set([mentee])
    client.force_login(curator)

    form = client.get(reverse("pair_edit", args=[pair.pk])).context["form"]

    assert form.initial["months"] == 9
    assert form.initial["end_in_summer"] is False


def test_suggested_pairs_end_before_the_summer_holidays():
    assert suggested_end(date(2026, 10, 1), date(2027, 6, 30)) == date(2027, 5, 31)
    assert suggested_end(date(2026, 9, 1), date(2027, 6, 30)) == date(2027, 5, 31)
    assert suggested_end(date(2026, 11, 16), date(2027, 8, 31)) == date(2027, 5, 31)
