import re
from io import StringIO

import pytest
from django.core.management import call_command

from mentoring import demo
from mentoring.management.commands.seed_demo import ACCOUNTS, PASSWORD
from mentoring.models import AcademicYear, Membership, Organisation, Person, Subject, User

MODELS = (Organisation, Person, Person.subjects.through, User, Membership, AcademicYear, Subject)


@pytest.fixture
def seeded(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_second_run_creates_nothing(seeded):
    before = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == before


def test_municipality_has_two_schools_with_current_and_previous_year(seeded):
    municipality = Organisation.objects.get(kind=Organisation.Kind.MUNICIPALITY)
    assert municipality.short_name == "УО г. Березники"
    schools = Organisation.objects.filter(kind=Organisation.Kind.SCHOOL)
    assert set(schools.values_list("municipality", flat=True)) == {municipality.pk}
    assert schools.count() == 2
    for school in schools:
        years = {(y.title, y.is_current) for y in school.academic_years.all()}
        assert years == {("2026/2027", True), ("2025/2026", False)}


def test_main_school_has_about_sixty_staff_and_150_students(seeded):
    school = Organisation.objects.get(short_name="МАОУ СОШ № 7")
    people = Person.objects.filter(organisation=school)
    assert 55 <= people.exclude(kind=Person.Kind.STUDENT).count() <= 65
    assert 140 <= people.filter(kind=Person.Kind.STUDENT).count() <= 160
    other = Organisation.objects.get(short_name="МАОУ СОШ № 24")
    assert Person.objects.filter(organisation=other).count() < people.count()


def test_students_are_in_grades_5_to_11_and_born_for_their_grade(seeded):
    students = Person.objects.filter(kind=Person.Kind.STUDENT)
    assert {s.grade for s in students} == set(range(5, 12))
    for student in students:
        assert student.class_letter in {"А", "Б", "В"}
        assert student.birth_date.year == demo.DEMO_YEAR - 6 - student.grade


def test_staff_have_positions_subjects_experience_and_every_category(seeded):
    staff = Person.objects.exclude(kind=Person.Kind.STUDENT).prefetch_related("subjects")
    assert all(p.position for p in staff)
    teachers = [p for p in staff if p.position.startswith("Учитель ")]
    assert all(p.subjects.all() for p in teachers)
    young = [p for p in teachers if demo.DEMO_YEAR - p.teaching_since <= 3]
    assert 2 <= len(young) <= 10
    assert {p.category for p in staff} == set(Person.Category.values)
    positions = {p.position for p in staff}
    assert {"Директор", "Педагог-психолог", "Заместитель директора по УВР"} <= positions


def test_names_are_russian_and_patronymics_match_gender(seeded):
    male = set(demo.MALE_FIRST_NAMES) | set(demo.BOY_NAMES)
    female = set(demo.FEMALE_FIRST_NAMES) | set(demo.GIRL_NAMES)
    for person in Person.objects.all():
        assert re.fullmatch(r"[А-ЯЁа-яё\- ]+", person.full_name), person.full_name
        if person.first_name in male:
            assert person.patronymic.endswith("ич"), person.full_name
            assert not person.last_name.endswith(("ова", "ева", "ина", "ая")), person.full_name
        else:
            assert person.first_name in female
            assert person.patronymic.endswith("на"), person.full_name


def test_one_account_per_role_signs_in_with_the_printed_password(seeded):
    assert PASSWORD in seeded
    for account in ACCOUNTS:
        assert account.email in seeded
        user = User.objects.get(email=account.email)
        assert user.check_password(PASSWORD)
        assert list(user.memberships.values_list("role", flat=True)) == [account.role]


def test_school_accounts_are_linked_to_their_staff_record(seeded):
    curator = Person.objects.get(user__email="curator@demo.nastavnik.ru")
    assert curator.position == "Заместитель директора по УВР"
    director = Person.objects.get(user__email="director@demo.nastavnik.ru")
    assert director.organisation.director_name == director.full_name
    teacher = Person.objects.get(user__email="teacher@demo.nastavnik.ru")
    assert teacher.position.startswith("Учитель ")
    assert not Person.objects.filter(user__email="coordinator@demo.nastavnik.ru").exists()


def test_rerun_restores_a_changed_password(seeded):
    user = User.objects.get(email="director@demo.nastavnik.ru")
    user.set_password("something-else")
    user.save(update_fields=["password"])
    call_command("seed_demo", stdout=StringIO())
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
