"""A staff member who withdrew their processing consent is not offered as responsible, is not
newly named, and the roadmap's documents leave them out."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports.models import Order
from reports.services.orders import order_draft
from roadmap.services.roadmap import (
    activity_add,
    activity_people_set,
    roadmap_create_empty,
    stage_add,
)
from tests.mentoring.bank_factories import withdraw_processing
from tests.mentoring.factories import PersonFactory
from tests.mentoring.xlsx_helpers import read_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def stage(school, curator):
    year = school.academic_years.get(is_current=True)
    roadmap = roadmap_create_empty(organisation=school, academic_year=year, actor=curator)
    return stage_add(roadmap=roadmap, title="Формирование банка наставников")


@pytest.fixture
def people(school):
    staying = PersonFactory(organisation=school, last_name="Орлова", first_name="Вера")
    leaving = PersonFactory(organisation=school, last_name="Ушакова", first_name="Нина")
    return staying, leaving


def test_a_withdrawn_person_is_not_offered_as_responsible(client, curator, stage, people):
    staying, leaving = people
    activity = activity_add(stage=stage, title="Анкетирование", people=[staying])
    withdraw_processing(leaving)
    client.force_login(curator)

    response = client.get(reverse("activity_edit", args=[activity.pk]))

    offered = set(response.context["form"].fields["responsible_people"].queryset)
    assert staying in offered and leaving not in offered


def test_editing_an_activity_keeps_a_person_named_before_the_withdrawal(
    client, curator, stage, people
):
    staying, leaving = people
    activity = activity_add(stage=stage, title="Анкетирование", people=[staying, leaving])
    withdraw_processing(leaving)
    client.force_login(curator)
    form = client.get(reverse("activity_edit", args=[activity.pk])).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["responsible_roles"] = []
    data["responsible_people"] = form["responsible_people"].value()
    data["title"] = "Анкетирование педагогов"
    data["status"] = activity.status

    response = client.post(reverse("activity_edit", args=[activity.pk]), data)

    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Анкетирование педагогов"
    assert set(activity.responsible_people.all()) == {staying, leaving}


def test_a_withdrawn_person_is_not_newly_named_responsible(stage, people):
    staying, leaving = people
    activity = activity_add(stage=stage, title="Анкетирование", people=[staying])
    withdraw_processing(leaving)

    with pytest.raises(ValidationError):
        activity_people_set(activity=activity, people=[staying, leaving])
    with pytest.raises(ValidationError):
        activity_add(stage=stage, title="Собеседование", people=[leaving])

    assert list(activity.responsible_people.all()) == [staying]


def test_roadmap_documents_leave_out_a_withdrawn_responsible(
    client, school, curator, stage, people
):
    staying, leaving = people
    activity_add(
        stage=stage, title="Анкетирование", responsible_text="куратор", people=[staying, leaving]
    )
    withdraw_processing(leaving)

    order = order_draft(organisation=school, kind=Order.Kind.ROADMAP, actor=curator)
    client.force_login(curator)
    workbook = client.get(reverse("roadmap_export", args=[school.pk])).content

    [row] = order.appendices.get().rows
    assert row["responsible"] == f"куратор, {staying.short_name}"
    cells = str(read_rows(workbook))
    assert staying.short_name in cells and "Ушакова" not in cells
    # The roadmap's page still lists who does what, by name.
    page = client.get(reverse("roadmap_detail", args=[school.pk])).content.decode()
    assert leaving.short_name in page
