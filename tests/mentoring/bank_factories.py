"""Factories for consents and the banks; entries are created directly, without the services'
consent check, so tests choose whether the person has a consent."""

import hashlib
from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from mentoring.models import AcademicYear, Consent, MenteeEntry, MentorEntry, Tag
from mentoring.services.consents import consent_withdraw
from tests.mentoring.factories import AcademicYearFactory, PersonFactory, SchoolFactory


class ConsentFactory(DjangoModelFactory):
    """A processing consent given a month ago, valid today."""

    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    kind = Consent.Kind.PROCESSING
    given_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    text_version = "2025-09"
    text_sha256 = factory.LazyAttribute(
        lambda o: hashlib.sha256(f"{o.kind} {o.text_version}".encode()).hexdigest()
    )


def person_with_consent(**kwargs):
    """A person with a valid processing consent."""
    person = PersonFactory(**kwargs)
    ConsentFactory(person=person)
    return person


class TagFactory(DjangoModelFactory):
    class Meta:
        model = Tag

    organisation = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Затруднение {n}")


def _current_year(organisation) -> AcademicYear:
    year = AcademicYear.objects.filter(organisation=organisation, is_current=True).first()
    return year or AcademicYearFactory(organisation=organisation)


class _BankEntryFactory(DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    academic_year = factory.LazyAttribute(lambda o: _current_year(o.organisation))


class MenteeEntryFactory(_BankEntryFactory):
    class Meta:
        model = MenteeEntry

    status = MenteeEntry.Status.IN_BANK
    categories = factory.LazyFunction(lambda: [MenteeEntry.Category.YOUNG_SPECIALIST])


class MentorEntryFactory(_BankEntryFactory):
    class Meta:
        model = MentorEntry

    status = MentorEntry.Status.IN_BANK
    grounds = factory.LazyFunction(lambda: [MentorEntry.Ground.HIGHEST_CATEGORY])
    capacity = 2


WITHDRAWN_DAYS_AGO = 3


def withdraw_processing(person) -> None:
    """The person's processing consent (given if missing) withdrawn a few days ago, through
    the service, which opens the duty to destroy the data."""
    consent = person.consents.filter(kind=Consent.Kind.PROCESSING).first()
    consent = consent or ConsentFactory(person=person)
    consent_withdraw(
        consent=consent, withdrawn_on=timezone.localdate() - timedelta(days=WITHDRAWN_DAYS_AGO)
    )
