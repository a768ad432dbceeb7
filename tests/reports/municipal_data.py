"""Hand-made pairs for the statistics and the municipal summary."""

from datetime import date

from mentoring.models import MentoringForm, MentoringPair, MentoringType, Person
from tests.mentoring.bank_factories import MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import PersonFactory

ACTIVE = MentoringPair.Status.ACTIVE


def person(school, kind=Person.Kind.STUDENT, born: date | None = None) -> Person:
    return PersonFactory(organisation=school, kind=kind, birth_date=born)


def mentor(school, **kwargs):
    return MentorEntryFactory(person=person(school, **kwargs))


def mentee(school, **kwargs):
    return MenteeEntryFactory(person=person(school, **kwargs))


def form(name: str) -> MentoringForm:
    return MentoringForm.objects.create(name=name)


def pair(school, form, mentor, mentees, *, co_mentor=None, status=ACTIVE, start=None):
    year = school.academic_years.get(is_current=True)
    created = MentoringPair.objects.create(
        organisation=school,
        academic_year=year,
        mentor=mentor,
        co_mentor=co_mentor,
        form=form,
        mentoring_type=MentoringType.objects.get(code="traditional", organisation=None),
        start_date=start or year.start_date,
        end_date=year.end_date,
        status=status,
    )
    created.mentees.set(mentees)
    return created
