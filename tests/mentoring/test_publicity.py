"""Whose name (photo, …) may be published: the one rule of mentoring/selectors/publicity.py."""

from datetime import date

import pytest

from mentoring.models import Consent
from mentoring.selectors.publicity import may_publish
from tests.mentoring.bank_factories import ConsentFactory
from tests.mentoring.factories import PersonFactory

ON = date(2026, 3, 10)
NAME = Consent.Category.NAME


def _disseminating(school, categories=(NAME,), **fields):
    person = PersonFactory(organisation=school)
    ConsentFactory(
        person=person,
        kind=Consent.Kind.DISSEMINATION,
        given_on=fields.pop("given_on", date(2025, 9, 1)),
        published_categories=list(categories),
        **fields,
    )
    return person


@pytest.mark.django_db
def test_valid_consent_listing_the_category_publishes(school):
    person = _disseminating(school)
    assert may_publish([person], NAME, ON) == {person.pk}


@pytest.mark.django_db
def test_other_category_does_not_publish_the_name(school):
    person = _disseminating(school, categories=[Consent.Category.PHOTO])
    assert may_publish([person], NAME, ON) == set()
    assert may_publish([person], Consent.Category.PHOTO, ON) == {person.pk}


@pytest.mark.django_db
def test_withdrawn_consent_hides_from_the_day_of_withdrawal(school):
    person = _disseminating(school, withdrawn_on=ON)
    assert may_publish([person], NAME, ON) == set()
    # Before the withdrawal the consent was valid.
    assert may_publish([person], NAME, date(2026, 3, 9)) == {person.pk}


@pytest.mark.django_db
def test_expired_consent_does_not_publish(school):
    person = _disseminating(school, expires_on=ON)
    assert may_publish([person], NAME, ON) == set()
    assert may_publish([person], NAME, date(2026, 3, 9)) == {person.pk}


@pytest.mark.django_db
def test_consent_given_later_does_not_publish_earlier(school):
    person = _disseminating(school, given_on=date(2026, 4, 1))
    assert may_publish([person], NAME, ON) == set()


@pytest.mark.django_db
def test_no_dissemination_consent_does_not_publish(school):
    person = PersonFactory(organisation=school)
    ConsentFactory(person=person, kind=Consent.Kind.PROCESSING)
    assert may_publish([person], NAME, ON) == set()


@pytest.mark.django_db
def test_withdrawn_processing_consent_hides_despite_dissemination(school):
    person = _disseminating(school)
    ConsentFactory(person=person, given_on=date(2025, 9, 1), withdrawn_on=date(2026, 1, 10))
    assert may_publish([person], NAME, ON) == set()


@pytest.mark.django_db
def test_one_query_for_many_people(school, django_assert_num_queries):
    published = [_disseminating(school) for _ in range(3)]
    hidden = [_disseminating(school, withdrawn_on=ON) for _ in range(3)]
    with django_assert_num_queries(1):
        assert may_publish(published + hidden, NAME, ON) == {p.pk for p in published}
    with django_assert_num_queries(0):
        assert may_publish([], NAME, ON) == set()
