"""Shared fixtures: a municipality with a school whose staff hold every role, and an
outsider who is curator of another school of the same municipality."""

import contextlib

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import trans_real

from mentoring.models import Role
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
