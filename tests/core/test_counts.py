"""Counting several querysets in one query, and a paginator told its count."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from core.counts import count_rows
from core.pagination import CountedPaginator, total_of
from mentoring.models import Person
from tests.mentoring.factories import PersonFactory, SubjectFactory


@pytest.fixture
def people(school, other_school):
    maths, physics = SubjectFactory(name="Математика"), SubjectFactory(name="Физика")
    for number in range(5):
        person = PersonFactory(organisation=school, kind=Person.Kind.TEACHER)
        person.subjects.set([maths, physics] if number % 2 else [maths])
    PersonFactory(organisation=school, kind=Person.Kind.STUDENT)
    PersonFactory(organisation=other_school)
    return Person.objects.all()


def test_each_queryset_counted_as_count_would_in_one_query(people, school):
    querysets = [
        people,
        people.filter(organisation=school, kind=Person.Kind.TEACHER),
        people.filter(subjects__name__in=["Математика", "Физика"]),  # a row per subject
        people.filter(subjects__name__in=["Математика", "Физика"]).distinct(),
        people.annotate(n=Count("subjects")).filter(n__gte=2),
        people.none(),
        people.filter(pk__in=[]),
    ]
    expected = [queryset.count() for queryset in querysets]
    assert expected == [7, 5, 7, 5, 2, 0, 0]
    with CaptureQueriesContext(connection) as queries:
        assert count_rows(querysets) == expected
    assert len(queries) == 1


def test_nothing_to_count_asks_nothing():
    assert count_rows([]) == []


@pytest.mark.parametrize(("status", "total"), [("", 7), (None, 7), ("active", 4), ("gone", 0)])
def test_a_list_total_from_its_counts_by_status(status, total):
    assert total_of({"active": 4, "draft": 3}, status) == total


def test_the_paginator_uses_the_count_it_was_given(people):
    expected = [p.pk for p in people.order_by("pk")[5:]]
    with CaptureQueriesContext(connection) as queries:
        page = CountedPaginator(people.order_by("pk"), 5, count=7).get_page(2)
        assert [p.pk for p in page] == expected
    assert page.paginator.num_pages == 2 and page.has_previous()
    assert len(queries) == 1  # the rows only
