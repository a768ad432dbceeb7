"""Fixtures for orders."""

import pytest

from mentoring.models import (
    Role,
)
from tests.mentoring.factories import MembershipFactory, PersonFactory


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
