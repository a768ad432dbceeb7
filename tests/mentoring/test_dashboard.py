import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import Person
from tests.mentoring.factories import PersonFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_curator_dashboard_shows_counts_and_first_steps(client, curator, school):
    PersonFactory.create_batch(3, organisation=school)
    PersonFactory(organisation=school, kind=Person.Kind.STUDENT, grade=5)
    client.force_login(curator)
    response = client.get(reverse("home"))
    figures = {tile.key: tile.count for tile in response.context["tiles"]}
    assert figures["people"] == Person.objects.filter(organisation=school).count()
    assert figures["students"] == 1
    content = response.content.decode()
    assert "С чего начать" in content
    assert "Пригласите коллег" in content


def test_empty_school_dashboard_points_to_import(client, curator, school):
    client.force_login(curator)
    content = client.get(reverse("home")).content.decode()
    assert reverse("people_import", args=[school.pk]) in content


def test_teacher_dashboard_has_empty_state_and_own_record(client, teacher):
    client.force_login(teacher)
    content = client.get(reverse("home")).content.decode()
    assert "Вы пока не входите в наставническую пару" in content
    assert reverse("person_detail", args=[teacher.person.pk]) in content
    assert "С чего начать" not in content


def test_coordinator_dashboard_summarises_municipality_schools(
    client, coordinator, school, other_school
):
    PersonFactory.create_batch(2, organisation=school)
    client.force_login(coordinator)
    response = client.get(reverse("home"))
    rows = dict((s.short_name, c) for s, c in response.context["rows"])
    assert rows[school.short_name]["staff"] == 2
    assert other_school.short_name in rows
    assert response.context["totals"]["staff"] == 2


def test_user_without_role_is_told_to_ask_for_invitation(client, db):
    client.force_login(UserFactory())
    assert "не привязана к школе" in client.get(reverse("home")).content.decode()


def test_coordinator_dashboard_query_count_is_constant(client, coordinator, municipality):
    client.force_login(coordinator)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("home"))
        return len(queries)

    SchoolFactory(municipality=municipality)
    few = count()
    for _ in range(5):
        PersonFactory(organisation=SchoolFactory(municipality=municipality))
    assert count() == few


def test_teacher_has_my_mentoring_in_the_main_menu(client, teacher, curator):
    client.force_login(teacher)
    links = client.get(reverse("home")).context["nav"]["links"]
    assert "my_mentoring" in [link.get("name") for link in links]
    client.force_login(curator)
    links = client.get(reverse("home")).context["nav"]["links"]
    assert "my_mentoring" not in [link.get("name") for link in links]
