"""Positions and duties named responsible in roadmaps (class teachers, heads of subject
associations, the social pedagogue, the person responsible for the website)."""

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from mentoring.forms.people import PersonForm
from mentoring.models import Duty, Person, Role
from reports.services.drafting import person_line
from roadmap.models import Activity
from roadmap.permissions import Responsibility
from roadmap.selectors import roadmap as selectors
from roadmap.services.roadmap import activity_add, roadmap_create_empty, stage_add
from roadmap.templates_data import TEMPLATES, roles_from_text
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 18)


@pytest.mark.parametrize(
    "line, expected",
    [
        # Seed 003's roadmap, as the built-in template «programme_34» holds it.
        (
            "Куратор программы. Руководители ШМО. Классные руководители",
            [Role.CURATOR, Duty.CLASS_TEACHER, Duty.SMO_HEAD],
        ),
        (
            "Заместитель директора по УВР. Заместитель директора по ВР. Классные руководители",
            [Role.CURATOR, Duty.CLASS_TEACHER],
        ),
        (
            "Куратор программы. Классные руководители. Педагог-психолог. Социальный педагог",
            [Role.CURATOR, Role.PSYCHOLOGIST, Duty.CLASS_TEACHER, Duty.SOCIAL_PEDAGOGUE],
        ),
        # Seeds 000 and 001.
        ("Заместитель директора, ответственный за сайт", [Role.CURATOR, Duty.WEBSITE]),
        ("Ответственный за сайт", [Duty.WEBSITE]),
        ("Зам. директора по УВР, председатели МО", [Role.CURATOR, Duty.SMO_HEAD]),
        # How people write the same.
        ("классный руководитель", [Duty.CLASS_TEACHER]),
        ("руководитель ШМО учителей начальных классов", [Duty.SMO_HEAD]),
        ("Руководители школьных методических объединений", [Duty.SMO_HEAD]),
        ("соц. педагог", [Duty.SOCIAL_PEDAGOGUE]),
        ("соцпедагог", [Duty.SOCIAL_PEDAGOGUE]),
        ("Ответственный за ведение сайта", [Duty.WEBSITE]),
        # Not duties: a teacher of a subject, a mention of the site in the content.
        ("Учитель информатики", []),
        ("Публикация на сайте школы", []),
    ],
)
def test_responsible_text_names_duties(line, expected):
    assert roles_from_text(line) == [value.value for value in expected]


def test_duty_codes_never_clash_with_roles():
    assert not set(Duty.values) & set(Role.values)


def test_built_in_template_from_seed_003_carries_the_duties():
    roles = {
        role
        for stage in TEMPLATES["programme_34"].stages
        for activity in stage.activities
        for role in activity.responsible_roles
    }
    assert {Duty.CLASS_TEACHER, Duty.SMO_HEAD, Duty.SOCIAL_PEDAGOGUE} <= roles


@pytest.fixture
def roadmap(school, curator):
    year = school.academic_years.get(is_current=True)
    return roadmap_create_empty(organisation=school, academic_year=year, actor=curator)


@pytest.fixture
def activities(roadmap):
    stage = stage_add(roadmap=roadmap, title="Формирование банка наставляемых")
    return {
        "class": activity_add(
            stage=stage,
            title="Выявление обучающихся, нуждающихся в наставнике",
            deadline_text="октябрь 2026",
            responsible_text="Куратор программы. Классные руководители",
        ),
        "site": activity_add(
            stage=stage,
            title="Освещение мероприятий на сайте",
            deadline_text="в течение года",
            responsible_text="Ответственный за сайт",
        ),
    }


def _class_teacher(teacher) -> Person:
    person = teacher.person
    person.duties, person.homeroom = [Duty.CLASS_TEACHER], "7Б"
    person.save(update_fields=["duties", "homeroom"])
    return person


def _titles(activities) -> set[str]:
    return {activity.title for activity in activities}


def test_filter_by_responsible_finds_a_class_teachers_duties(roadmap, activities, teacher, school):
    person = _class_teacher(teacher)
    other = PersonFactory(organisation=school)
    found = selectors.activities_filtered(roadmap, {"person": str(person.pk)}, TODAY)
    assert _titles(found) == {activities["class"].title}
    assert not selectors.activities_filtered(roadmap, {"person": str(other.pk)}, TODAY).exists()


def test_my_tasks_hold_what_the_duties_name(roadmap, activities, teacher, school):
    assert not selectors.my_tasks(teacher, school, TODAY).exists()
    _class_teacher(teacher)
    assert _titles(selectors.my_tasks(teacher, school, TODAY)) == {activities["class"].title}
    assert _titles(selectors.person_tasks(teacher.person, TODAY)) == {activities["class"].title}


def test_duty_makes_the_activity_the_teachers_to_mark(roadmap, activities, teacher, school):
    _class_teacher(teacher)
    responsibility = Responsibility(teacher, school)
    assert responsibility.of(activities["class"])
    assert not responsibility.of(activities["site"])


def test_archived_person_keeps_no_duties(roadmap, activities, teacher, school):
    person = _class_teacher(teacher)
    person.archived_at = timezone.now()
    person.save(update_fields=["archived_at"])
    assert not selectors.my_tasks(teacher, school, TODAY).exists()
    assert not Responsibility(teacher, school).of(activities["class"])


def test_duties_give_no_sign_in_role(teacher, school):
    _class_teacher(teacher)
    roles = set(teacher.memberships.values_list("role", flat=True))
    assert roles == {Role.TEACHER}


def test_roadmap_page_filter_names_the_duty(client, curator, roadmap, activities, teacher, school):
    person = _class_teacher(teacher)
    client.force_login(curator)
    url = reverse("roadmap_detail", args=[school.pk])
    response = client.get(url, {"person": person.pk})
    content = response.content.decode()
    assert f"{person.full_name}, Классный руководитель 7Б" in content
    assert activities["class"].title in content
    assert activities["site"].title not in content


def _person_form(**data) -> PersonForm:
    fields = {"kind": Person.Kind.TEACHER, "last_name": "Петрова", "first_name": "Анна"}
    return PersonForm({**fields, "category": Person.Category.NONE, **data})


def test_person_form_takes_duties_and_the_homeroom():
    form = _person_form(duties=[Duty.SOCIAL_PEDAGOGUE], homeroom="7 б")
    assert form.is_valid(), form.errors
    data = form.person_data()
    assert data["homeroom"] == "7Б"
    assert data["duties"] == [Duty.CLASS_TEACHER, Duty.SOCIAL_PEDAGOGUE]


def test_a_student_holds_no_duties():
    form = _person_form(kind=Person.Kind.STUDENT, grade=7, duties=[Duty.WEBSITE], homeroom="7Б")
    assert form.is_valid(), form.errors
    assert form.person_data()["duties"] == [] and form.person_data()["homeroom"] == ""


def test_person_card_shows_the_duties(client, curator, teacher):
    person = _class_teacher(teacher)
    client.force_login(curator)
    content = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Классный руководитель 7Б" in content


def test_orders_name_a_person_with_their_duties(school):
    teacher = PersonFactory(
        organisation=school,
        last_name="Петрова",
        first_name="Анна",
        patronymic="Ивановна",
        position="Учитель математики",
        duties=[Duty.CLASS_TEACHER, Duty.SMO_HEAD],
        homeroom="7Б",
    )
    assert person_line(teacher) == (
        "Петрова Анна Ивановна, учитель математики, классный руководитель 7Б, руководитель ШМО"
    )
    webmaster = PersonFactory(
        organisation=school, last_name="Орлов", first_name="Олег", patronymic="", position=""
    )
    webmaster.duties = [Duty.WEBSITE]
    assert person_line(webmaster) == "Орлов Олег, ответственный за сайт"


def test_migration_gives_existing_activities_the_duties_their_text_names(activities):
    migration = importlib.import_module("roadmap.migrations.0005_activity_responsible_duties")
    activity = activities["class"]
    # As an import before duties existed left it.
    Activity.objects.filter(pk=activity.pk).update(responsible_roles=[Role.CURATOR, Role.TEACHER])
    migration.add_duties(django_apps, None)
    migration.add_duties(django_apps, None)
    activity.refresh_from_db()
    assert activity.responsible_roles == [Role.CURATOR, Role.TEACHER, Duty.CLASS_TEACHER]
    migration.remove_duties(django_apps, None)
    activity.refresh_from_db()
    assert activity.responsible_roles == [Role.CURATOR, Role.TEACHER]
