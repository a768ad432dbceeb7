"""The pages that draft the working-group, motivation, reward and letter orders: what they ask
and how they refuse, in Russian."""

import pytest
from django.urls import reverse

from mentoring.models import MenteeEntry, Person
from reports.models import Order
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _url(school, kind: str) -> str:
    return reverse("order_create", args=[school.pk]) + f"?kind={kind}"


def test_the_chooser_offers_the_working_group_and_the_motivation_orders(client, school, curator):
    client.force_login(curator)

    page = client.get(reverse("order_create", args=[school.pk])).content.decode()

    assert "?kind=working_group" in page
    assert "?kind=motivation" in page
    assert "О создании рабочей группы" in page


def test_a_working_group_needs_a_head_and_a_member_besides_the_head(client, school, curator):
    head = PersonFactory(organisation=school, position="Заместитель директора по УВР")
    member = PersonFactory(organisation=school, position="Учитель химии")
    client.force_login(curator)
    url = _url(school, "working_group")

    response = client.post(url, {})
    assert "Выберите руководителя рабочей группы." in response.content.decode()
    response = client.post(url, {"head": head.pk, "members": [head.pk]})
    assert "Кроме руководителя, в группе должен быть хотя бы один член." in (
        response.content.decode()
    )
    assert not Order.objects.exists()

    client.post(url, {"head": head.pk, "members": [head.pk, member.pk], "due_on": "2026-09-30"})

    order = Order.objects.get()
    assert order.kind == Order.Kind.WORKING_GROUP
    assert set(order.people.all()) == {head, member}
    assert "в срок до 30.09.2026 разработать" in order.items.all()[3].text
    rows = order.appendices.get().rows
    assert [row["name"] for row in rows] == [head.full_name, member.full_name]


def test_the_motivation_order_carries_an_editable_regulation(client, school, curator):
    client.force_login(curator)

    client.post(_url(school, "motivation"), {"audience": "teachers"})

    order = Order.objects.get()
    appendix = order.appendices.get()
    assert appendix.title == "Положение о мотивации и поощрении наставников"
    assert "Нематериальные способы стимулирования" in appendix.text
    form = client.get(reverse("order_edit", args=[order.pk])).context["form"]
    assert form[f"appendix_{appendix.pk}"].value() == appendix.text


def test_the_reward_page_offers_paired_pupils_with_their_class(client, school, curator, make_pair):
    pair = make_pair()
    mentee = pair.mentees.get(status=MenteeEntry.Status.PAIRED).person
    mentee.kind, mentee.grade, mentee.class_letter, mentee.position = "student", 11, "А", ""
    mentee.save(update_fields=["kind", "grade", "class_letter", "position"])
    client.force_login(curator)

    field = client.get(_url(school, "reward")).context["form"].fields["people"]

    assert set(field.queryset) == {pair.mentor.person, mentee}
    assert field.label_from_instance(mentee) == f"{mentee.full_name}, 11А"


def test_a_letter_to_someone_outside_needs_a_full_name(client, school, curator):
    client.force_login(curator)
    url = _url(school, "letter")

    response = client.post(url, {"recipient": "person", "full_name": "Петров"})
    assert "Выберите сотрудника или укажите фамилию, имя и отчество." in (response.content.decode())

    client.post(
        url,
        {"recipient": "person", "full_name": "Петров Сергей Иванович", "position": "Учителю"},
    )

    letter = Order.objects.get()
    assert letter.addressee == "Учителю\nПетрову Сергею Ивановичу"
    assert letter.preamble == "Уважаемый Сергей Иванович!"


def test_a_letter_to_an_organisation_keeps_its_greeting_when_edited(client, school, curator):
    client.force_login(curator)
    client.post(
        _url(school, "letter"),
        {"recipient": "organisation", "addressee": "ООО «Партнёр»", "head": "Директору Иванову"},
    )
    letter = Order.objects.get()
    assert letter.addressee == "ООО «Партнёр»\nДиректору Иванову"

    client.post(
        reverse("order_edit", args=[letter.pk]),
        {
            "title": letter.title,
            "preamble": "Уважаемые партнёры!",
            "addressee": letter.addressee,
            "items-TOTAL_FORMS": 1,
            "items-INITIAL_FORMS": 1,
            "items-0-text": "Спасибо.",
            "items-0-ORDER": 1,
        },
    )

    letter.refresh_from_db()
    assert letter.preamble == "Уважаемые партнёры!"


def test_staff_only_for_a_working_group(client, school, curator):
    pupil = PersonFactory(organisation=school, kind=Person.Kind.STUDENT, grade=9, position="")
    client.force_login(curator)

    form = client.get(_url(school, "working_group")).context["form"]

    assert pupil not in form.fields["members"].queryset
