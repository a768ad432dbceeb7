import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import Person, Subject
from tests.mentoring.factories import PersonFactory, SubjectFactory

pytestmark = pytest.mark.django_db

VALID = {
    "kind": "teacher",
    "last_name": "Сёмина",
    "first_name": "Алёна",
    "patronymic": "Петровна",
    "birth_date": "1990-04-12",
    "position": "Учитель математики",
    "subjects_text": "Математика; информатика",
    "teaching_since": "2015",
    "category": "first",
    "email": "Semina@School.test ",
    "phone": "+7 900 000-00-00",
}


def test_curator_creates_teacher_with_subjects(client, curator, school):
    client.force_login(curator)
    response = client.post(reverse("person_create", args=[school.pk]), VALID)
    person = Person.objects.get(last_name="Сёмина")
    assert response.status_code == 302
    assert response.url == reverse("person_detail", args=[person.pk])
    assert person.organisation == school
    assert person.email == "semina@school.test"
    assert sorted(s.name for s in person.subjects.all()) == ["Информатика", "Математика"]


def test_student_needs_a_grade(client, curator, school):
    client.force_login(curator)
    data = {**VALID, "kind": "student", "grade": "", "class_letter": "б"}
    response = client.post(reverse("person_create", args=[school.pk]), data)
    assert response.status_code == 200
    assert "Укажите класс обучающегося." in response.content.decode()
    assert not Person.objects.exists()


def test_future_birth_date_and_start_year_are_rejected(client, curator, school):
    client.force_login(curator)
    data = {**VALID, "birth_date": "2999-01-01", "teaching_since": "2999"}
    response = client.post(reverse("person_create", args=[school.pk]), data)
    content = response.content.decode()
    assert "Дата рождения не может быть в будущем." in content
    assert "Укажите год от 1940" in content
    assert not Person.objects.exists()


def test_edit_saves_changes_and_writes_audit_log(client, curator, school):
    # A fixed surname: a random one could already be «Новикова», and nothing would change.
    person = PersonFactory(organisation=school, last_name="Ершова")
    client.force_login(curator)
    data = {**VALID, "last_name": "Новикова"}
    response = client.post(reverse("person_edit", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.last_name == "Новикова"
    entries = [
        e
        for e in LogEntry.objects.get_for_object(person).filter(action=LogEntry.Action.UPDATE)
        if "last_name" in e.changes_dict
    ]
    assert [e.actor for e in entries] == [curator]


def test_archive_asks_for_confirmation_then_hides_person(client, curator, person):
    client.force_login(curator)
    confirm = client.get(reverse("person_archive", args=[person.pk]))
    assert "Перенести в архив?" in confirm.content.decode()
    person.refresh_from_db()
    assert person.archived_at is None

    client.post(reverse("person_archive", args=[person.pk]))
    listing = client.get(reverse("people_list", args=[person.organisation_id]))
    assert person not in listing.context["page"].object_list
    archived = client.get(reverse("people_list", args=[person.organisation_id]) + "?archived=on")
    assert person in archived.context["page"].object_list


def test_restore_brings_person_back(client, curator, person):
    client.force_login(curator)
    client.post(reverse("person_archive", args=[person.pk]))
    client.post(reverse("person_restore", args=[person.pk]))
    person.refresh_from_db()
    assert person.archived_at is None


def test_restore_refuses_get(client, curator, person):
    client.force_login(curator)
    assert client.get(reverse("person_restore", args=[person.pk])).status_code == 405


def test_list_searches_and_filters(client, curator, school):
    math = SubjectFactory(name="Математика")
    found = PersonFactory(organisation=school, last_name="Ёлкина", category="highest")
    found.subjects.add(math)
    PersonFactory(organisation=school, last_name="Иванова", category="first")
    PersonFactory(organisation=school, kind="student", last_name="Ёлкин", grade=7)
    client.force_login(curator)
    url = reverse("people_list", args=[school.pk])

    content = client.get(url, {"q": "ёлк", "kind": "teacher"}).content.decode()
    assert "Ёлкина" in content and "Иванова" not in content and "Ёлкин " not in content

    content = client.get(url, {"subject": math.pk}).content.decode()
    assert "Ёлкина" in content and "Иванова" not in content

    content = client.get(url, {"category": "first"}).content.decode()
    assert "Иванова" in content and "Ёлкина" not in content


def test_list_paginates(client, curator, school, settings):
    settings.PAGE_SIZE = 10
    PersonFactory.create_batch(25, organisation=school)
    client.force_login(curator)
    response = client.get(reverse("people_list", args=[school.pk]), {"page": 3})
    assert len(response.context["page"].object_list) == 5
    assert 'aria-current="page"' in response.content.decode()


def test_list_empty_state_points_to_import(client, curator, school):
    client.force_login(curator)
    content = client.get(reverse("people_list", args=[school.pk])).content.decode()
    assert "Список пока пуст" in content
    assert reverse("people_import", args=[school.pk]) in content


def _list_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_rows(client, curator, school):
    url = reverse("people_list", args=[school.pk])
    client.force_login(curator)
    client.get(url)  # the first visit remembers the school in the session
    for person in PersonFactory.create_batch(3, organisation=school):
        person.subjects.add(SubjectFactory())
    few = _list_queries(client, url)
    for person in PersonFactory.create_batch(22, organisation=school):
        person.subjects.add(SubjectFactory())
    assert _list_queries(client, url) == few
    assert Subject.objects.count() == 25


def test_teacher_sees_own_record_but_not_colleagues(client, teacher, person):
    client.force_login(teacher)
    assert client.get(reverse("person_detail", args=[teacher.person.pk])).status_code == 200
    assert client.get(reverse("person_detail", args=[person.pk])).status_code == 403


def test_outsider_cannot_edit_other_school_person(client, outsider, person):
    client.force_login(outsider)
    response = client.post(reverse("person_edit", args=[person.pk]), VALID)
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.last_name != "Сёмина"


def test_person_page_shows_old_and_new_values_of_each_change(client, curator, person):
    old_name = person.last_name
    client.force_login(curator)
    client.post(reverse("person_edit", args=[person.pk]), {**VALID, "last_name": "Новикова"})
    content = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert f"Фамилия: {old_name} → Новикова" in content
    assert "+ Информатика, Математика" in content
