from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from mentoring.models import AcademicYear, MenteeEntry, MentorEntry, Person, Tag
from tests.mentoring.factories import (
    AcademicYearFactory,
    MunicipalityFactory,
    PersonFactory,
    SchoolFactory,
)

pytestmark = pytest.mark.django_db

FORBIDDEN_HEADERS = ("Дата рождения", "E-mail", "Телефон", "Заметк", "Скан", "Согласи")


def _mentee(school, *, status=MenteeEntry.Status.IN_BANK, categories=(), year=None, **person):
    year = year or school.academic_years.get(is_current=True)
    return MenteeEntry.objects.create(
        organisation=school,
        academic_year=year,
        person=PersonFactory(organisation=school, **person),
        status=status,
        categories=list(categories),
    )


def _mentor(school, *, status=MentorEntry.Status.IN_BANK, grounds=(), **person):
    return MentorEntry.objects.create(
        organisation=school,
        academic_year=school.academic_years.get(is_current=True),
        person=PersonFactory(organisation=school, **person),
        status=status,
        grounds=list(grounds),
    )


@pytest.fixture
def banks(school, other_school):
    """Entries of two schools of the municipality, one of another municipality and one of a
    past year."""
    AcademicYearFactory(organisation=other_school)
    young, digital = MenteeEntry.Category.YOUNG_SPECIALIST, MenteeEntry.Category.DIGITAL
    _mentee(school, categories=[young])
    _mentee(school, categories=[young, digital], status=MenteeEntry.Status.CANDIDATE)
    _mentee(school, categories=[digital], status=MenteeEntry.Status.WITHDRAWN)
    _mentee(other_school, categories=[young])
    highest = MentorEntry.Ground.HIGHEST_CATEGORY
    _mentor(school, grounds=[highest, MentorEntry.Ground.AUTHOR])
    _mentor(other_school, grounds=[highest], status=MentorEntry.Status.CANDIDATE)
    _mentor(other_school, grounds=[highest], status=MentorEntry.Status.ARCHIVED)
    stranger = SchoolFactory()
    AcademicYearFactory(organisation=stranger)
    _mentee(stranger, categories=[young])
    past = AcademicYear.objects.create(
        organisation=school, start_date=date(2025, 9, 1), end_date=date(2026, 8, 31)
    )
    _mentee(school, categories=[young], year=past)


def _counts(rows, school) -> tuple[dict, dict]:
    row = next(r for r in rows if r.school == school)
    mentees = dict(zip([*MenteeEntry.Status.values, "total"], row.mentees, strict=True))
    mentors = dict(zip([*MentorEntry.Status.values, "total"], row.mentors, strict=True))
    return mentees, mentors


def test_registry_counts_each_school_by_status_in_its_current_year(
    client, coordinator, municipality, school, other_school, banks
):
    client.force_login(coordinator)
    response = client.get(reverse("registry", args=[municipality.pk]))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.school for r in rows] == sorted([school, other_school], key=lambda s: s.short_name)
    mentees, mentors = _counts(rows, school)
    assert mentees == {
        "candidate": 1,
        "in_bank": 1,
        "paired": 0,
        "finished": 0,
        "withdrawn": 1,
        "total": 3,
    }
    assert mentors["in_bank"] == 1 and mentors["total"] == 1
    mentees, mentors = _counts(rows, other_school)
    assert mentees["in_bank"] == 1 and mentees["total"] == 1
    assert mentors["candidate"] == 1 and mentors["archived"] == 1 and mentors["total"] == 2
    assert response.context["mentee_totals"][-1] == 4
    assert response.context["mentor_totals"][-1] == 3
    # In the registry itself: without the withdrawn mentee and the archived mentor.
    assert response.context["active_mentees"] == 3
    assert response.context["active_mentors"] == 2


def test_registry_counts_active_entries_by_category_and_ground(
    client, coordinator, municipality, banks
):
    client.force_login(coordinator)
    response = client.get(reverse("registry", args=[municipality.pk]))
    categories = dict(response.context["categories"])
    assert categories == {
        "Молодой педагог (молодой специалист)": 3,
        "Педагог, желающий овладеть современными IT-программами, цифровыми навыками, "
        "ИКТ-компетенциями": 1,
    }
    grounds = dict(response.context["grounds"])
    assert grounds == {
        "Педагог высшей квалификационной категории, имеющий устойчивые профессиональные "
        "достижения и успехи": 2,
        "Автор учебных пособий и материалов": 1,
    }
    content = response.content.decode()
    assert "Молодой педагог (молодой специалист)" in content
    assert reverse("registry_export", args=[municipality.pk]) in content


def test_registry_query_count_does_not_grow_with_schools(client, coordinator, municipality):
    client.force_login(coordinator)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("registry", args=[municipality.pk])).status_code == 200
        return len(queries)

    def add_school():
        school = SchoolFactory(municipality=municipality)
        AcademicYearFactory(organisation=school)
        _mentee(school, categories=[MenteeEntry.Category.GROWTH])
        _mentor(school, grounds=[MentorEntry.Ground.AUTHOR])

    add_school()
    count()  # the first visit also stores the current organisation in the session
    few = count()
    # Session, user, roles, organisations; the schools and their current years; per bank the
    # counts by school and status and the counts by list of categories or grounds.
    assert few == 10
    for _ in range(5):
        add_school()
    assert count() == few


def test_empty_municipality_says_what_comes_next(client, coordinator, municipality):
    client.force_login(coordinator)
    content = client.get(reverse("registry", args=[municipality.pk])).content.decode()
    assert "В муниципалитете пока нет школ." in content


def test_municipal_dashboard_links_to_the_registry(client, coordinator, municipality):
    client.force_login(coordinator)
    content = client.get(reverse("home")).content.decode()
    assert reverse("registry", args=[municipality.pk]) in content
    assert "Реестр наставников и наставляемых" in content


@pytest.mark.parametrize("name", ["registry", "registry_export"])
@pytest.mark.parametrize("role", ["director", "curator", "teacher", "outsider"])
def test_registry_is_not_found_for_anyone_but_the_coordinator(
    client, request, municipality, name, role
):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse(name, args=[municipality.pk])).status_code == 404


@pytest.mark.parametrize("name", ["registry", "registry_export"])
def test_registry_of_a_school_id_is_not_found(client, coordinator, school, name):
    client.force_login(coordinator)
    assert client.get(reverse(name, args=[school.pk])).status_code == 404


@pytest.mark.parametrize("name", ["registry", "registry_export"])
def test_coordinator_of_another_municipality_gets_404(client, coordinator, name):
    other = MunicipalityFactory()
    client.force_login(coordinator)
    assert client.get(reverse(name, args=[other.pk])).status_code == 404


@pytest.mark.parametrize("name", ["registry", "registry_export"])
def test_anonymous_is_sent_to_sign_in(client, municipality, name):
    response = client.get(reverse(name, args=[municipality.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _sheets(content: bytes) -> dict[str, list[tuple]]:
    workbook = load_workbook(BytesIO(content), read_only=True)
    sheets = {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}
    workbook.close()
    return sheets


def test_export_has_both_banks_of_all_schools_without_private_columns(
    client, coordinator, municipality, school, other_school, banks
):
    pupil = _mentee(
        school,
        categories=[MenteeEntry.Category.GIFTED],
        kind=Person.Kind.STUDENT,
        last_name="Ученикова",
        position="",
        grade=7,
        class_letter="Б",
        birth_date=date(2013, 5, 17),
        email="pupil@school.test",
        phone="+7 912 000-00-00",
    )
    pupil.requests.add(Tag.objects.create(organisation=school, name="Подготовка к олимпиадам"))
    pupil.requests_text = "Дома трудная ситуация"
    pupil.save(update_fields=["requests_text"])
    mentor = MentorEntry.objects.filter(organisation=school).get()
    mentor.competences.add(Tag.objects.create(organisation=school, name="Проектная деятельность"))
    mentor.interview_notes = "Заметка собеседования"
    mentor.save(update_fields=["interview_notes"])

    client.force_login(coordinator)
    response = client.get(reverse("registry_export", args=[municipality.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="registry-')
    sheets = _sheets(response.content)
    assert list(sheets) == ["Наставники", "Наставляемые"]

    mentors, mentees = sheets["Наставники"], sheets["Наставляемые"]
    assert mentors[0] == (
        "Школа",
        "ФИО",
        "Должность / класс",
        "Основания",
        "Компетенции",
        "Статус",
        "Учебный год",
    )
    assert mentees[0][3:5] == ("Категории", "Запросы")
    for header in (*mentors[0], *mentees[0]):
        assert not header.startswith(FORBIDDEN_HEADERS), header
    # Archived mentors and withdrawn mentees are out; other municipalities and past years too.
    assert len(mentors) == 1 + 2
    assert len(mentees) == 1 + 4
    assert {row[0] for row in mentees[1:]} == {school.short_name, other_school.short_name}
    assert {row[6] for row in mentees[1:] + mentors[1:]} == {"2026/2027"}

    pupil_row = next(row for row in mentees if row[1] == pupil.person.full_name)
    assert pupil_row == (
        school.short_name,
        pupil.person.full_name,
        "7 класс",
        "Обучающийся, проявивший выдающиеся способности",
        "Подготовка к олимпиадам",
        "В банке",
        "2026/2027",
    )
    mentor_row = next(row for row in mentors if row[1] == mentor.person.full_name)
    assert mentor_row[2:5] == (
        "Учитель",
        "Педагог высшей квалификационной категории, имеющий устойчивые профессиональные "
        "достижения и успехи; Автор учебных пособий и материалов",
        "Проектная деятельность",
    )
    cells = {str(value) for row in mentees + mentors for value in row}
    for secret in (
        "pupil@school.test",
        "+7 912 000-00-00",
        "2013-05-17 00:00:00",
        "17.05.2013",
        "Дома трудная ситуация",
        "Заметка собеседования",
        "7Б",
    ):
        assert secret not in cells


def test_export_query_count_does_not_grow_with_rows(client, coordinator, municipality, school):
    client.force_login(coordinator)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("registry_export", args=[municipality.pk]))
        return len(queries)

    _mentee(school)
    _mentor(school)
    count()  # the first visit also stores the current organisation in the session
    few = count()
    for i in range(5):
        _mentee(school).requests.add(Tag.objects.create(organisation=school, name=f"Тег {i}"))
        _mentor(school)
    assert count() == few


def test_registry_tables_are_paged_while_the_totals_cover_every_school(
    client, coordinator, municipality, monkeypatch
):
    monkeypatch.setattr("mentoring.views.registry.SCHOOLS_PER_PAGE", 2)
    for _ in range(3):
        school = SchoolFactory(municipality=municipality)
        AcademicYearFactory(organisation=school)
        _mentee(school, categories=[MenteeEntry.Category.GROWTH])
    client.force_login(coordinator)
    url = reverse("registry", args=[municipality.pk])

    first = client.get(url)
    second = client.get(url, {"page": 2})

    assert len(first.context["page"].object_list) == 2
    assert len(second.context["page"].object_list) == 1
    assert first.context["mentee_totals"] == second.context["mentee_totals"]
    assert first.context["mentee_totals"][-1] == 3
    assert "Итого по муниципалитету" in second.content.decode()
