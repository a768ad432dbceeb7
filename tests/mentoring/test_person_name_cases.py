import pytest
from django.urls import reverse

from mentoring.models import Person
from tests.mentoring.test_people import VALID

pytestmark = pytest.mark.django_db


def test_edit_stores_a_corrected_case_that_wins_in_documents(client, curator, person):
    client.force_login(curator)
    form = client.get(reverse("person_edit", args=[person.pk])).content.decode()
    assert "Склонение ФИО" in form
    data = {**VALID, "last_name": "Гусь", "first_name": "Ирина", "patronymic": "Олеговна"}
    data["name_genitive"] = "  Гусь   Ирины Олеговны "
    response = client.post(reverse("person_edit", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.name_cases == {"genitive": "Гусь Ирины Олеговны"}
    assert person.name_in("genitive") == "Гусь Ирины Олеговны"
    assert person.name_in("dative") == "Гусь Ирине Олеговне"


def test_clearing_the_field_returns_to_the_library(client, curator, person):
    client.force_login(curator)
    person.name_cases = {"dative": "Что-то неверное"}
    person.save(update_fields=["name_cases"])
    client.post(reverse("person_edit", args=[person.pk]), {**VALID, "name_dative": ""})
    person.refresh_from_db()
    assert person.name_cases == {}
    assert person.name_in("dative") == "Сёминой Алёне Петровне"


def test_recorded_gender_declines_a_name_without_patronymic(client, curator, school):
    client.force_login(curator)
    data = {**VALID, "last_name": "Ким", "first_name": "Саша", "patronymic": "", "gender": "male"}
    client.post(reverse("person_create", args=[school.pk]), data)
    person = Person.objects.get(last_name="Ким")
    assert person.gender == Person.Gender.MALE
    assert person.name_in("dative") == "Киму Саше"
