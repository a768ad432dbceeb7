"""A school's programme with known indicators on ON (1 December 2026), for the monitoring tests.

On ON, by hand:
- mentees aged 10–18: Кузнецов (12) counted, Безденов (no birth date) left out, 1 of the
  contingent's 10; Малов (11) is only in a pair awaiting its order, so not in the programme;
- mentors aged 15–18: Старшова (16), 1 of 4;
- young teachers: Молодова (teaching since 2025) is a mentee, 1 of the young staff: Молодова and
  Новикова (2024); Опытова (2000) is staff but not young, Безстажев has no year;
- meetings planned by ON: 2, held 1 (with feedback); the one planned after ON is not counted;
- roadmap activities due by ON: 3, on time 1 (one late, one overdue); one is due later;
- mentee satisfaction: 2 named answers (8 of 10 satisfied, 5 of 10 not) and 1 anonymous (9).
"""

from datetime import date
from types import SimpleNamespace

from mentoring.models import (
    MeetingFeedback,
    MenteeEntry,
    MentoringForm,
    MentoringPair,
    MentoringType,
    Person,
)
from reports.models import Contingent
from roadmap.models import Activity, Roadmap, Stage
from surveys.models import Questionnaire
from tests.mentoring.bank_factories import MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import PersonFactory
from tests.surveys.factories import make_campaign, make_questionnaire
from tests.surveys.results_data import add_response

ON = date(2026, 12, 1)
START = date(2026, 9, 15)


def student(school, last_name: str, born: date | None) -> Person:
    return PersonFactory(
        organisation=school,
        kind=Person.Kind.STUDENT,
        last_name=last_name,
        birth_date=born,
        teaching_since=None,
        position="",
        category="",
    )


def teacher(school, last_name: str, since: int | None) -> Person:
    return PersonFactory(organisation=school, last_name=last_name, teaching_since=since)


def pair(school, mentor: Person, mentees: list[Person], status=MentoringPair.Status.ACTIVE):
    year = school.academic_years.get(is_current=True)
    made = MentoringPair.objects.create(
        organisation=school,
        academic_year=year,
        mentor=MentorEntryFactory(person=mentor),
        form=MentoringForm.objects.filter(organisation=None).first(),
        mentoring_type=MentoringType.objects.get(code="traditional", organisation=None),
        start_date=START,
        end_date=year.end_date,
        status=status,
    )
    made.mentees.set(
        [MenteeEntryFactory(person=p, status=MenteeEntry.Status.PAIRED) for p in mentees]
    )
    return made


def activity(stage, number: int, due: date, status=Activity.Status.PLANNED, completed=None):
    return Activity.objects.create(
        stage=stage,
        number=number,
        title=f"Мероприятие {number}",
        due_on=due,
        status=status,
        completed_on=completed,
    )


def satisfaction(school):
    questionnaire = make_questionnaire(
        school,
        [
            {
                "key": "overall",
                "text": "Насколько вы довольны?",
                "kind": "scale",
                "scale_min": 1,
                "scale_max": 10,
            }
        ],
        kind=Questionnaire.Kind.SATISFACTION,
    )
    return questionnaire


def programme(school) -> SimpleNamespace:
    data = SimpleNamespace()
    Contingent.objects.create(
        organisation=school, counted_on=date(2026, 10, 1), students_10_18=10, students_15_18=4
    )
    data.mentee = student(school, "Кузнецов", date(2014, 3, 1))
    data.no_birth = student(school, "Безденов", None)
    data.mentor = student(school, "Старшова", date(2010, 5, 1))
    data.waiting = student(school, "Малов", date(2015, 1, 1))
    data.young = teacher(school, "Молодова", 2025)
    data.young_staff = teacher(school, "Новикова", 2024)
    data.senior = teacher(school, "Опытова", 2000)
    data.no_since = teacher(school, "Безстажев", None)
    data.students_pair = pair(school, data.mentor, [data.mentee, data.no_birth])
    data.teachers_pair = pair(school, data.senior, [data.young])
    pair(school, data.no_since, [data.waiting], status=MentoringPair.Status.AWAITING_ORDER)

    held = data.students_pair.meetings.create(
        kind="regular", planned_on=date(2026, 10, 1), held_on=date(2026, 10, 1)
    )
    MeetingFeedback.objects.create(meeting=held, author=data.mentee, rating=5)
    data.missed = data.students_pair.meetings.create(kind="regular", planned_on=date(2026, 11, 15))
    data.teachers_pair.meetings.create(kind="regular", planned_on=date(2026, 12, 5))

    year = school.academic_years.get(is_current=True)
    roadmap = Roadmap.objects.create(organisation=school, academic_year=year, title="Карта")
    stage = Stage.objects.create(roadmap=roadmap, number=1, title="Этап")
    data.on_time = activity(stage, 1, date(2026, 10, 1), Activity.Status.DONE, date(2026, 9, 30))
    data.late = activity(stage, 2, date(2026, 11, 1), Activity.Status.DONE, date(2026, 11, 5))
    data.overdue = activity(stage, 3, date(2026, 11, 20))
    activity(stage, 4, date(2027, 1, 15))

    questionnaire = satisfaction(school)
    named = data.campaign = make_campaign(questionnaire, title="Удовлетворённость, декабрь")
    for person, value in ((data.mentee, 8), (data.no_birth, 5)):
        add_response(
            named, {"overall": value}, person=person, role="mentee", submitted_on=date(2026, 11, 20)
        )
    anonymous = make_campaign(questionnaire, title="Анонимная анкета", anonymous=True)
    add_response(
        anonymous,
        {"overall": 9},
        person=data.mentor,
        role="mentee",
        submitted_on=date(2026, 11, 20),
    )
    return data


def grow(school, data) -> None:
    """More of everything the indicators count: students, teachers, pairs, meetings, answers,
    activities."""
    mentees = [student(school, f"Новый{n}", date(2013, 1, n + 1)) for n in range(3)]
    grown = pair(school, student(school, "Наставников", date(2009, 2, 2)), mentees)
    pair(school, teacher(school, "Ещёопытнова", 1999), [teacher(school, "Ещёмолодова", 2026)])
    for day in (2, 3, 4):
        meeting = grown.meetings.create(
            kind="regular", planned_on=date(2026, 10, day), held_on=date(2026, 10, day)
        )
        MeetingFeedback.objects.create(meeting=meeting, author=mentees[0], rating=4)
    stage = Stage.objects.get(roadmap__organisation=school)
    for number in (5, 6, 7):
        activity(stage, number, date(2026, 10, number), Activity.Status.DONE, date(2026, 10, 1))
    named = data.campaign
    for person in mentees:
        add_response(
            named, {"overall": 7}, person=person, role="mentee", submitted_on=date(2026, 11, 21)
        )
