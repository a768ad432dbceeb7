"""Fixtures shared by the tests of pairs and groups."""

import pytest

from mentoring.models import MentoringForm, MentoringType


@pytest.fixture
def teacher_form():
    return MentoringForm.objects.get(name="педагог – педагог", organisation=None)


@pytest.fixture
def traditional():
    return MentoringType.objects.get(code=MentoringType.Code.TRADITIONAL, organisation=None)


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client
