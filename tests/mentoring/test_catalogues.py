"""Mentee categories and mentor grounds in the seeds' own wording (seeds 002, 003, 004)."""

import pytest
from django.urls import reverse

from mentoring.catalogues import OTHER_GROUNDS, STUDENT_CATEGORIES, TEACHER_GROUNDS
from mentoring.forms.banks import MenteeEntryForm, MentorEntryForm
from mentoring.imports.banks import _parse_cell
from mentoring.models import MenteeEntry, MentorEntry, Person
from tests.mentoring.bank_factories import (
    MenteeEntryFactory,
    MentorEntryFactory,
    person_with_consent,
)

pytestmark = pytest.mark.django_db

Category = MenteeEntry.Category
Ground = MentorEntry.Ground

# Seed 002 §5.3 «Наставляемые формируются из числа:».
SEED_002_MENTEES = {
    "молодых педагогов": Category.YOUNG_SPECIALIST,
    "педагогов, приступивших к работе после длительного перерыва": Category.AFTER_BREAK,
    "педагогов, находящихся в процессе адаптации на новом месте работы": Category.NEW_PLACE,
    "педагогов, желающих повысить свой профессиональный уровень в определенном направлении "
    "педагогической деятельности": Category.GROWTH,
    "педагогов, желающих овладеть современными IT-программами, цифровыми навыками, "
    "ИКТ-компетенциями": Category.DIGITAL,
    "педагогов, находящихся в состоянии профессионального, эмоционального выгорания": (
        Category.BURNOUT
    ),
    "педагогов, испытывающих другие профессиональные затруднения (дефициты) и осознающих "
    "потребность в наставнике": Category.OTHER_DIFFICULTIES,
    "стажеров/студентов, заключивших договор с обязательством последующего принятия на работу "
    "и/или проходящих стажировку/практику в образовательной организации": Category.INTERN,
}
# Seed 003, «База наставляемых из числа обучающихся / педагогов».
SEED_003_MENTEES = {
    "проявивших выдающиеся способности": Category.GIFTED,
    "демонстрирующих неудовлетворительные образовательные результаты": Category.LOW_RESULTS,
    "с ограниченными возможностями здоровья": Category.DISABILITIES,
    "попавших в трудную жизненную ситуацию": Category.HARD_SITUATION,
    "имеющих проблемы с поведением": Category.BEHAVIOUR,
    "не принимающих участия в жизни школы, отстраненных от коллектива": Category.DISENGAGED,
    "молодых специалистов": Category.YOUNG_SPECIALIST,
    "находящихся в состоянии эмоционального выгорания, хронической усталости": Category.BURNOUT,
    "находящихся в процессе адаптации на новом месте работы": Category.NEW_PLACE,
    "желающих овладеть современными программами, цифровыми навыками, ИКТ-компетенциями": (
        Category.DIGITAL
    ),
}
# Seed 004, item 1.15.
SEED_004_MENTEES = {
    "обучающихся с ограниченными возможностями здоровья": Category.DISABILITIES,
    "обучающихся, проявивших выдающиеся способности": Category.GIFTED,
    "обучающихся, попавших в трудную жизненную ситуацию": Category.HARD_SITUATION,
    "обучающихся из малоимущих семей": Category.LOW_INCOME,
    "проживающих в сельской местности и на труднодоступных и отдаленных территориях": (
        Category.RURAL
    ),
    "детей-сирот (оставшихся без попечения родителей)": Category.ORPHAN,
}
# Seed 002 §5.1 «Наставников выбирают из числа:».
SEED_002_MENTORS = {
    "педагогов высшей квалификационной категории, имеющих устойчивые профессиональные "
    "достижения и успехи": Ground.HIGHEST_CATEGORY,
    "победитель различных профессиональных конкурсов": Ground.CONTEST_WINNER,
    "автор учебных пособий и материалов": Ground.AUTHOR,
    "ведущий вебинаров и семинаров": Ground.WEBINAR_HOST,
    "руководитель педагогического сообщества, в том числе в дистанционном режиме": (
        Ground.COMMUNITY_LEADER
    ),
    "педагогов, стабильно показывающих высокое качество образования обучающихся по своему "
    "предмету вне зависимости от контингента детей": Ground.HIGH_QUALITY,
    "педагогических и руководящих работников, активно транслирующие собственный положительный "
    "педагогический опыт в системе повышения квалификации": Ground.SHARES_EXPERIENCE,
    "педагогов, активных участников региональных/муниципальных проектов и/или реализующих "
    "авторские педагогические проекты": Ground.PROJECT_PARTICIPANT,
}
# Seed 003, «База наставников формируется из:», the form «Студент – ученик» and the roadmap.
SEED_003_MENTORS = {
    "обучающихся, мотивированных помочь сверстникам в образовательных, спортивных, творческих "
    "и адаптационных вопросах": Ground.MOTIVATED_STUDENT,
    "педагогов и специалистов, заинтересованных в тиражировании личного педагогического опыта "
    "и создании продуктивной педагогической атмосферы": Ground.EXPERIENCE_REPLICATION,
    "родителей обучающихся – активных участников родительских или управляющих советов": (
        Ground.ACTIVE_PARENT
    ),
    "ветеранов педагогического труда": Ground.VETERAN,
    "студент – ученик": Ground.UNIVERSITY_STUDENT,
    "педагогов, самостоятельно выражающих желание помочь педагогу": Ground.VOLUNTEER,
}
# The codes stored before the catalogue took the seeds' wording, with their labels then.
OLD_CATEGORIES = {
    "young_specialist": "Молодой специалист",
    "after_break": "Вернулся(ась) после длительного перерыва",
    "new_place": "Адаптация на новом месте работы",
    "growth": "Хочет повысить уровень в определённом направлении",
    "digital": "Хочет освоить цифровые навыки и ИКТ",
    "burnout": "Профессиональное, эмоциональное выгорание",
    "other_difficulties": "Другие профессиональные затруднения",
    "intern": "Стажёр / студент по договору",
    "gifted": "Проявляет выдающиеся способности",
    "low_results": "Низкие образовательные результаты",
    "disabilities": "Ограниченные возможности здоровья (ОВЗ)",
    "hard_situation": "Трудная жизненная ситуация",
    "behaviour": "Проблемы с поведением",
    "disengaged": "Не включён(а) в жизнь школы",
}
OLD_GROUNDS = {
    "highest_category": "Высшая квалификационная категория",
    "contest_winner": "Победитель профессиональных конкурсов",
    "author": "Автор учебных и методических материалов",
    "community_leader": "Лидер профессионального сообщества",
    "project_participant": "Участник региональных и муниципальных проектов",
    "shares_experience": "Транслирует опыт в системе повышения квалификации",
}


def _categories(text: str) -> list[str]:
    return _parse_cell("categories", text, model=MenteeEntry, forms={})


def _grounds(text: str) -> list[str]:
    return _parse_cell("grounds", text, model=MentorEntry, forms={})


def _form_values(form, *fields) -> set[str]:
    return {value for name in fields for value, _label in form.fields[name].choices}


@pytest.mark.parametrize(
    "line, category",
    [*SEED_002_MENTEES.items(), *SEED_003_MENTEES.items(), *SEED_004_MENTEES.items()],
)
def test_each_seed_mentee_line_is_a_category_the_form_offers(school, line, category):
    assert _categories(line) == [category]
    form = MenteeEntryForm(organisation=school)
    assert category in _form_values(form, "teacher_categories", "student_categories")


@pytest.mark.parametrize("line, ground", [*SEED_002_MENTORS.items(), *SEED_003_MENTORS.items()])
def test_each_seed_mentor_line_is_a_ground_the_form_offers(school, line, ground):
    assert _grounds(line) == [ground]
    form = MentorEntryForm(organisation=school)
    assert ground in _form_values(form, "teacher_grounds", "other_grounds")


def test_every_value_comes_from_a_seed():
    seeds = {*SEED_002_MENTEES.values(), *SEED_003_MENTEES.values(), *SEED_004_MENTEES.values()}
    assert seeds == set(Category)
    assert {*SEED_002_MENTORS.values(), *SEED_003_MENTORS.values()} == set(Ground)


def test_students_categories_include_the_seed_004_ones():
    assert {Category.LOW_INCOME, Category.RURAL, Category.ORPHAN} <= set(STUDENT_CATEGORIES)
    assert {Ground.MOTIVATED_STUDENT, Ground.UNIVERSITY_STUDENT, Ground.ACTIVE_PARENT} == set(
        OTHER_GROUNDS
    )
    assert not set(TEACHER_GROUNDS) & set(OTHER_GROUNDS)


def test_old_codes_keep_their_meaning_and_old_labels_still_import():
    assert set(OLD_CATEGORIES) <= set(Category.values)
    assert set(OLD_GROUNDS) <= set(Ground.values)
    for code, label in OLD_CATEGORIES.items():
        assert _categories(label) == [code]
    for code, label in OLD_GROUNDS.items():
        assert _grounds(label) == [code]


def test_several_seed_lines_in_one_cell():
    cell = "молодых педагогов; детей-сирот (оставшихся без попечения родителей)"
    assert _categories(cell) == [Category.YOUNG_SPECIALIST, Category.ORPHAN]


def test_unknown_value_lists_each_label_once():
    with pytest.raises(Exception) as error:
        _grounds("Космонавт")
    message = str(error.value)
    assert message.count(str(Ground.VETERAN.label)) == 1
    assert "VETERAN" not in message


def test_mentee_form_accepts_a_seed_004_category_for_a_student(school):
    pupil = person_with_consent(organisation=school, kind=Person.Kind.STUDENT, grade=7)
    form = MenteeEntryForm(
        {
            "person": pupil.pk,
            "status": MenteeEntry.Status.CANDIDATE,
            "student_categories": [Category.ORPHAN, Category.RURAL],
        },
        instance=MenteeEntry(organisation=school),
        organisation=school,
    )
    assert form.is_valid(), form.errors
    assert form.entry_data()["categories"] == [Category.ORPHAN, Category.RURAL]


def test_mentor_form_accepts_grounds_from_both_groups(school):
    teacher = person_with_consent(organisation=school, kind=Person.Kind.TEACHER)
    form = MentorEntryForm(
        {
            "person": teacher.pk,
            "status": MentorEntry.Status.CANDIDATE,
            "capacity": 1,
            "teacher_grounds": [Ground.VETERAN],
            "other_grounds": [Ground.ACTIVE_PARENT],
        },
        instance=MentorEntry(organisation=school),
        organisation=school,
    )
    assert form.is_valid(), form.errors
    assert form.entry_data()["grounds"] == [Ground.VETERAN, Ground.ACTIVE_PARENT]


def test_bank_lists_filter_by_the_new_values(client, curator, school):
    orphan = MenteeEntryFactory(
        person=person_with_consent(organisation=school, last_name="Сидоров"),
        categories=[Category.ORPHAN],
    )
    MenteeEntryFactory(
        person=person_with_consent(organisation=school, last_name="Петров"),
        categories=[Category.GIFTED],
    )
    veteran = MentorEntryFactory(
        person=person_with_consent(organisation=school, last_name="Иванова"),
        grounds=[Ground.VETERAN],
    )
    MentorEntryFactory(
        person=person_with_consent(organisation=school, last_name="Козлова"),
        grounds=[Ground.AUTHOR],
    )
    client.force_login(curator)
    mentees = client.get(reverse("mentee_list", args=[school.pk]), {"category": "orphan"})
    assert list(mentees.context["entries"]) == [orphan]
    assert "Ребёнок-сирота (оставшийся без попечения родителей)" in mentees.content.decode()
    mentors = client.get(reverse("mentor_list", args=[school.pk]), {"ground": "veteran"})
    assert list(mentors.context["entries"]) == [veteran]
    assert "Ветеран педагогического труда" in mentors.content.decode()
