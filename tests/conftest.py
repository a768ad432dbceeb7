"""Shared fixtures: a municipality with a school whose staff hold every role, and an
outsider who is curator of another school of the same municipality."""

import contextlib

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import trans_real

from mentoring.models import (
    Consent,
    MenteeEntry,
    MentoringForm,
    MentoringPair,
    MentoringType,
    Role,
)
from tests.mentoring.bank_factories import ConsentFactory, MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import (
    AcademicYearFactory,
    MembershipFactory,
    MunicipalityFactory,
    PersonFactory,
    SchoolFactory,
    UserFactory,
)

pytest_plugins = ["tests.services"]


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """The .mo catalogues are not committed: compile them, as `make test` does, so bare
    `pytest` on a fresh clone sees the Russian plurals and the English translation."""
    # Run from locale/ so the command's search for locale folders does not walk the whole
    # project (.venv included); it finds our catalogues through LOCALE_PATHS.
    with contextlib.chdir(settings.BASE_DIR / "locale"):
        call_command("compilemessages", verbosity=0)
    # Forget any catalogue loaded before the .mo files existed.
    trans_real._translations = {}
    trans_real._default = None


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files (consent scans) go to a temporary folder, never into the project."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def russian_by_default():
    """A request in another language leaves it active in the thread; every test starts in Russian."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """The counters of the sign-in and password reset limits start at zero in every test."""
    cache.clear()


@pytest.fixture
def set_today(monkeypatch):
    """Makes `timezone.localdate()` answer the given day; a datetime passed in converts as usual."""
    real = timezone.localdate

    def set_(day):
        def localdate(value=None, timezone=None):
            return day if value is None else real(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)
        return day

    return set_


@pytest.fixture
def municipality(db):
    return MunicipalityFactory()


@pytest.fixture
def school(municipality):
    school = SchoolFactory(municipality=municipality)
    AcademicYearFactory(organisation=school)
    return school


@pytest.fixture
def other_school(municipality):
    return SchoolFactory(municipality=municipality)


def _member(organisation, role, email):
    user = UserFactory(email=email)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def coordinator(municipality):
    return _member(municipality, Role.COORDINATOR, "coordinator@school.test")


@pytest.fixture
def director(school):
    return _member(school, Role.DIRECTOR, "director@school.test")


@pytest.fixture
def curator(school):
    return _member(school, Role.CURATOR, "curator@school.test")


@pytest.fixture
def teacher(school):
    user = _member(school, Role.TEACHER, "teacher@school.test")
    PersonFactory(organisation=school, user=user, email=user.email)
    return user


@pytest.fixture
def psychologist(school):
    return _member(school, Role.PSYCHOLOGIST, "psychologist@school.test")


@pytest.fixture
def outsider(other_school):
    return _member(other_school, Role.CURATOR, "outsider@other.test")


@pytest.fixture
def person(school):
    return PersonFactory(organisation=school)


@pytest.fixture
def other_person(other_school):
    return PersonFactory(organisation=other_school)


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
