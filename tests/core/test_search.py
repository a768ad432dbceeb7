"""Word search as every list does it: each word must occur, in any case, «ё» as «е»."""

import pytest

from core.search import MAX_WORDS, search_words, with_every_word
from mentoring.models import Person
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_words_are_lower_case_with_yo_as_ye_and_at_most_five():
    assert search_words("  Фёдорова   АННА ") == ["федорова", "анна"]
    assert search_words(None) == []
    assert len(search_words("а б в г д е ж")) == MAX_WORDS


def test_every_word_must_occur_in_one_of_the_fields(school):
    fyodorova = PersonFactory(organisation=school, last_name="Фёдорова", first_name="Анна")
    PersonFactory(organisation=school, last_name="Фёдоров", first_name="Иван")
    people = Person.objects.filter(organisation=school)

    found = with_every_word(people, "федорова анна", "last_name", "first_name")
    assert list(found) == [fyodorova]
    assert with_every_word(people, "", "last_name").count() == 2


def test_one_field_is_searched_too(school):
    person = PersonFactory(organisation=school, position="Учитель ОБЗР")
    people = Person.objects.filter(organisation=school)
    assert list(with_every_word(people, "обзр", "position")) == [person]
