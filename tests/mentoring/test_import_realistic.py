"""A school's own staff list, messy as it comes, imported end to end."""

import random
from datetime import date

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from mentoring import demo
from mentoring.demo_files import HEADERS, TITLE_ROWS, staff_email, staff_list_workbook
from mentoring.models import Person, StaffImport, Subject
from tests.mentoring.factories import PersonFactory, SubjectFactory
from tests.mentoring.xlsx_helpers import upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def _preview(client, school, content: bytes) -> StaffImport:
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("people_import", args=[school.pk]), {"file": upload(content, "педагоги.xlsx")}
        )
    assert response.status_code == 302, response.context["form"].errors
    return StaffImport.objects.latest("pk")


def _apply(client, staff_import: StaffImport) -> StaffImport:
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("people_import_apply", args=[staff_import.pk]))
    staff_import.refresh_from_db()
    return staff_import


def _people(count: int = 60) -> tuple[list[dict], bytes]:
    today = timezone.localdate()
    people = demo.staff(random.Random(7), count, year=today.year)
    return people, staff_list_workbook(people, rng=random.Random(8), today=today)


def test_messy_staff_list_creates_every_person_field_by_field(curator_client, school):
    people, content = _people()
    staff_import = _preview(curator_client, school, content)

    assert staff_import.status == StaffImport.Status.PREVIEW
    assert [row["action"] for row in staff_import.rows] == ["create"] * len(people)
    # The header is found under the merged title; rows keep their numbers in the sheet,
    # counting the blank line after every 39 people.
    assert staff_import.rows[0]["row"] == TITLE_ROWS + 2
    assert staff_import.rows[-1]["row"] == TITLE_ROWS + 1 + len(people) + len(people) // 40
    assert _apply(curator_client, staff_import).created_count == len(people)

    today = timezone.localdate()
    stored = {p.full_name: p for p in Person.objects.prefetch_related("subjects")}
    assert len(stored) == len(people)
    for index, source in enumerate(people, start=1):
        name = " ".join(source[f] for f in ("last_name", "first_name", "patronymic"))
        person = stored[name]
        assert person.organisation == school
        assert person.kind == Person.Kind.TEACHER
        assert (person.last_name, person.first_name, person.patronymic) == (
            source["last_name"],
            source["first_name"],
            source["patronymic"],
        )
        assert person.birth_date == source["birth_date"], name
        assert person.position == source["position"], name
        assert sorted(s.name for s in person.subjects.all()) == sorted(source["subjects"]), name
        expected_since = source["teaching_since"]
        if expected_since is not None:
            assert person.experience_years(today) == today.year - expected_since, name
        assert person.category == source["category"], name
        assert person.phone == source["phone"], name
        assert person.email == (staff_email(index) if index % 2 == 0 else ""), name
    assert Subject.objects.count() == len({s for p in people for s in p["subjects"]})


def test_the_same_messy_file_again_changes_nothing(curator_client, school):
    _people_rows, content = _people(30)
    _apply(curator_client, _preview(curator_client, school, content))
    before = list(Person.objects.order_by("pk").values())

    again = _preview(curator_client, school, content)

    assert {row["action"] for row in again.rows} == {"unchanged"}
    again = _apply(curator_client, again)
    assert (again.created_count, again.updated_count) == (0, 0)
    assert list(Person.objects.order_by("pk").values()) == before


def test_preview_counts_the_cells_that_will_not_be_imported(curator_client, school):
    people, content = _people(30)
    staff_import = _preview(curator_client, school, content)

    columns = {c["header"]: c for c in staff_import.columns}
    assert [c["header"] for c in staff_import.columns] == list(HEADERS)
    assert columns["№ п/п"]["key"] is None and columns["№ п/п"]["filled"] == 30
    assert columns["Ф.И.О. педагога"]["key"] == "fio"
    notes = columns["Примечание"]["filled"]
    page = curator_client.get(reverse("people_import_preview", args=[staff_import.pk]))
    html = page.content.decode()
    assert f"Заполненных ячеек, которые не будут загружены: {30 + notes}" in html
    assert f"«№ п/п» (30), «Примечание» ({notes})" in html


def test_a_list_with_three_name_columns_synonyms_and_gaps(curator_client, school):
    maths = SubjectFactory(name="Математика")
    SubjectFactory(name="ОБЗР")
    kept = PersonFactory(
        organisation=school,
        last_name="Соколова",
        first_name="Ирина",
        patronymic="Павловна",
        birth_date=date(1984, 3, 2),
        email="",
        position="Учитель математики",
        phone="",
    )
    content = xlsx_bytes(
        ["Сведения о педагогических работниках"],
        [],
        [
            "№",
            "Фамилия",
            "Имя",
            "Отчество (при наличии)",
            "Д.р.",
            "Должность по штатному расписанию",
            "Преподаваемые дисциплины",
            "Стаж пед. работы, лет",
            "Кв. категория",
            "Сот. телефон",
            "Примечание",
        ],
        [1, "Соколова", "Ирина", "Павловна", "02.03.1984", "учитель  математики",
         "математика", "15 л. 3 мес.", "ВКК", "8 (912) 345-67-89", None],
        [None] * 11,
        [2, "Лебедев", "Андрей", "", "5.9.90", "Преподаватель-организатор ОБЗР",
         "обзр ", 3, "б/к", "+7 912 3456780", "молодой специалист"],
        [3, "Ёлкина", "Анна", "Сергеевна", "1 сентября 1992 г.", "Учитель",
         "Математика;  Химия", "10,5", "соотв. занимаемой должности", None, None],
    )  # fmt: skip
    staff_import = _preview(curator_client, school, content)
    assert [row["action"] for row in staff_import.rows] == ["update", "create", "create"]
    _apply(curator_client, staff_import)

    year = timezone.localdate().year
    kept.refresh_from_db()
    assert kept.teaching_since == year - 15
    assert kept.category == Person.Category.HIGHEST
    assert kept.phone == "+7 912 345-67-89"
    assert list(kept.subjects.all()) == [maths]
    assert kept.position == "Учитель математики"
    lebedev = Person.objects.get(last_name="Лебедев")
    assert lebedev.patronymic == ""
    assert lebedev.birth_date == date(1990, 9, 5)
    assert [s.name for s in lebedev.subjects.all()] == ["ОБЗР"]
    assert (lebedev.teaching_since, lebedev.category) == (year - 3, Person.Category.NONE)
    assert lebedev.phone == "+7 912 345-67-80"
    yolkina = Person.objects.get(last_name="Ёлкина")
    assert yolkina.birth_date == date(1992, 9, 1)
    assert sorted(s.name for s in yolkina.subjects.all()) == ["Математика", "Химия"]
    assert Subject.objects.count() == 3
    assert yolkina.teaching_since == year - 10


def test_the_class_tells_student_namesakes_apart_in_a_staff_file(curator_client, school):
    PersonFactory(
        organisation=school,
        kind=Person.Kind.STUDENT,
        last_name="Иванов",
        first_name="Пётр",
        patronymic="",
        birth_date=None,
        grade=5,
        class_letter="А",
    )
    older = PersonFactory(
        organisation=school,
        kind=Person.Kind.STUDENT,
        last_name="Иванов",
        first_name="Пётр",
        patronymic="",
        birth_date=None,
        grade=7,
        class_letter="Б",
    )
    content = xlsx_bytes(
        ["ФИО", "Вид участника", "Класс обучающегося", "Телефон"],
        ["Иванов Пётр", "обучающийся", "7Б", "+7 912 345-67-89"],
    )

    staff_import = _preview(curator_client, school, content)

    assert [(r["action"], r["person_id"]) for r in staff_import.rows] == [("update", older.pk)]
