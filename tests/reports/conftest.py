"""Fixtures for orders: pairs awaiting an order, with or without their members' consents."""

import pytest

from mentoring.models import (
    Consent,
    MenteeEntry,
    MentoringForm,
    MentoringPair,
    MentoringType,
    Role,
)
from tests.mentoring.bank_factories import ConsentFactory, MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import MembershipFactory, PersonFactory

REQUIRED = (Consent.Kind.PROCESSING, Consent.Kind.MENTORING_DUTIES)


def _consenting(school, factory, *, consents=REQUIRED, **extra):
    person = PersonFactory(organisation=school, position="Учитель математики")
    for kind in consents:
        ConsentFactory(person=person, kind=kind)
    return factory(person=person, **extra)


@pytest.fixture
def make_pair(school):
    """make_pair(mentees=1, status=awaiting_order, consents=both) → a pair of the current year."""
    year = school.academic_years.get(is_current=True)

    def make(*, mentees=1, status=MentoringPair.Status.AWAITING_ORDER, consents=REQUIRED):
        pair = MentoringPair.objects.create(
            organisation=school,
            academic_year=year,
            mentor=_consenting(school, MentorEntryFactory, capacity=3),
            form=MentoringForm.objects.get(name="педагог – педагог", organisation=None),
            mentoring_type=MentoringType.objects.get(code="traditional", organisation=None),
            start_date=year.start_date,
            end_date=year.end_date,
            status=status,
        )
        pair.mentees.set(
            [
                _consenting(
                    school, MenteeEntryFactory, consents=consents, status=MenteeEntry.Status.PAIRED
                )
                for _ in range(mentees)
            ]
        )
        return pair

    return make


@pytest.fixture
def curator_person(curator, school):
    """The curator's own record in the staff directory, as orders name it."""
    return PersonFactory(organisation=school, user=curator, position="Заместитель директора по УВР")


@pytest.fixture
def second_director(school):
    from tests.mentoring.factories import UserFactory

    user = UserFactory()
    MembershipFactory(user=user, organisation=school, role=Role.DIRECTOR)
    return user
