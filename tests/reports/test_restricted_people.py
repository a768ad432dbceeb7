"""Orders and a person who withdrew their processing consent: no new draft names them, a
draft made before cannot be signed, an approved order stays as it was."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports.models import Order
from reports.services.orders import order_approve, order_draft, order_submit
from tests.mentoring.bank_factories import (
    MentorEntryFactory,
    person_with_consent,
    withdraw_processing,
)
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_rendering(monkeypatch):
    monkeypatch.setattr("reports.tasks.render_order_pdf.delay", lambda *args: None)


@pytest.fixture
def leaving(school):
    """A mentor of the year's bank who withdrew her processing consent."""
    person = person_with_consent(organisation=school, last_name="Ушакова", position="Учитель")
    MentorEntryFactory(person=person)
    withdraw_processing(person)
    return person


@pytest.mark.parametrize(("kind", "field"), [("curator", "person"), ("reward", "people")])
def test_order_pickers_do_not_offer_a_withdrawn_person(
    client, school, curator, leaving, kind, field
):
    staying = MentorEntryFactory(person=person_with_consent(organisation=school)).person
    client.force_login(curator)
    url = reverse("order_create", args=[school.pk]) + f"?kind={kind}"

    response = client.get(url)

    offered = set(response.context["form"].fields[field].queryset)
    assert staying in offered and leaving not in offered
    assert "Ушакова" not in response.content.decode()
    client.post(url, {field: [leaving.pk]})
    assert not Order.objects.exists()


@pytest.mark.parametrize("kind", [Order.Kind.CURATOR, Order.Kind.REWARD, Order.Kind.LETTER])
def test_a_new_draft_cannot_name_a_withdrawn_person(school, curator, leaving, kind):
    with pytest.raises(ValidationError) as refused:
        order_draft(organisation=school, kind=kind, actor=curator, people=[leaving], addressee="Ей")

    assert refused.value.code == "restricted"
    assert not Order.objects.exists()


def test_a_withdrawn_curator_is_not_named_in_new_drafts(school, curator, curator_person):
    withdraw_processing(curator_person)

    order = order_draft(organisation=school, kind=Order.Kind.SYSTEM, actor=curator)

    assert curator_person.last_name not in " ".join(item.text for item in order.items.all())
    assert not order.people.exists()


def test_a_draft_naming_someone_who_withdrew_since_is_not_signed(
    school, curator, director, curator_person
):
    draft = order_draft(
        organisation=school, kind=Order.Kind.REWARD, actor=curator, people=[curator_person]
    )
    withdraw_processing(curator_person)

    with pytest.raises(ValidationError) as refused:
        order_submit(order=draft)

    assert curator_person.full_name in refused.value.messages[0]
    assert "подготовьте проект заново" in refused.value.messages[0]


def test_an_approved_order_keeps_naming_her_and_a_cancelling_one_does_not(
    client, school, curator, director
):
    thanked = PersonFactory(organisation=school, last_name="Ушакова")
    other = PersonFactory(organisation=school)
    order = order_draft(
        organisation=school, kind=Order.Kind.REWARD, actor=curator, people=[thanked, other]
    )
    order_submit(order=order)
    order = order_approve(order=order, actor=director)
    withdraw_processing(thanked)

    cancel = order_draft(organisation=school, kind=Order.Kind.CANCEL, actor=curator, target=order)

    assert set(order.people.all()) == {thanked, other}
    assert thanked.name_in("dative") in order.items.first().text
    assert list(cancel.people.all()) == [other]
