"""Each kind of order names its people in the case its sentence needs, in the text and on the
PDF, and the order's page shows the forms used."""

from datetime import date

import pytest
from django.urls import reverse

from mentoring.models import Person
from reports.models import Order
from reports.services.drafting import person_in, person_line
from reports.services.orders import order_approve, order_draft, order_submit
from reports.services.rendering import order_pdf_bytes
from tests.mentoring.factories import PersonFactory
from tests.reports.pdf_text import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def kravchenko(curator_person) -> Person:
    """The school's curator, with a surname that does not decline."""
    curator_person.last_name, curator_person.first_name = "Кравченко", "Леонид"
    curator_person.patronymic = "Николаевич"
    curator_person.save(update_fields=["last_name", "first_name", "patronymic"])
    return curator_person


@pytest.fixture
def vodkina(school) -> Person:
    return PersonFactory(
        organisation=school,
        last_name="Петрова-Водкина",
        first_name="Анна",
        patronymic="Сергеевна",
        position="Учитель математики",
    )


def _text(order: Order) -> str:
    return "\n".join(item.text for item in order.items.all())


def _pdf_text(order: Order, director) -> str:
    order_submit(order=order)
    order = order_approve(order=order, actor=director)
    return pdf_text(order_pdf_bytes(order))


def test_the_introducing_order_appoints_the_curator_in_the_accusative(school, curator, kravchenko):
    order = order_draft(organisation=school, kind=Order.Kind.SYSTEM, actor=curator)
    assert (
        "Назначить Кравченко Леонида Николаевича (заместитель директора по УВР) куратором "
        "внедрения целевой модели наставничества." in _text(order)
    )


def test_the_curator_order_declines_a_double_surname(
    school, curator, kravchenko, vodkina, director
):
    order = order_draft(
        organisation=school, kind=Order.Kind.CURATOR, actor=curator, people=[vodkina]
    )
    sentence = "Назначить Петрову-Водкину Анну Сергеевну (учитель математики) куратором"
    assert sentence in _text(order)
    assert sentence in _pdf_text(order, director)


def test_the_roadmap_order_agrees_responsible_with_a_womans_name(
    school, curator, curator_person, director
):
    curator_person.last_name, curator_person.first_name = "Черных", "Любовь"
    curator_person.patronymic = "Никитична"
    curator_person.save(update_fields=["last_name", "first_name", "patronymic"])
    order = order_draft(organisation=school, kind=Order.Kind.ROADMAP, actor=curator)
    sentence = (
        "Назначить Черных Любовь Никитичну (заместитель директора по УВР) ответственной "
        "за реализацию дорожной карты."
    )
    assert sentence in _text(order)
    assert sentence in _pdf_text(order, director)


def test_the_pairs_order_entrusts_the_curator_in_the_accusative(
    school, curator, curator_person, make_pair
):
    curator_person.last_name, curator_person.first_name = "Иванова", "Анна"
    curator_person.patronymic = "Петровна"
    curator_person.save(update_fields=["last_name", "first_name", "patronymic"])
    make_pair()
    order = order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator)
    assert "мониторинг реализации программ на куратора Иванову А.П." in _text(order)


def test_the_final_event_order_entrusts_the_curator(school, curator, kravchenko):
    order = order_draft(
        organisation=school,
        kind=Order.Kind.FINAL_EVENT,
        actor=curator,
        held_on=date(2027, 5, 20),
    )
    assert (
        "Назначить Кравченко Леонида Николаевича (заместитель директора по УВР) ответственным "
        "за подготовку и проведение итоговой конференции." in _text(order)
    )
    assert "Кравченко Л.Н. в срок до ________ подготовить программу" in _text(order)


def test_the_reward_order_thanks_in_the_dative(school, curator, vodkina):
    order = order_draft(
        organisation=school, kind=Order.Kind.REWARD, actor=curator, people=[vodkina]
    )
    assert "– Петровой-Водкиной Анне Сергеевне (учитель математики)." in _text(order)


def test_a_letter_is_addressed_in_the_dative_and_greets_by_name(
    school, curator, kravchenko, director
):
    order = order_draft(
        organisation=school, kind=Order.Kind.LETTER, actor=curator, people=[kravchenko]
    )
    assert order.addressee == "Заместителю директора по УВР\nКравченко Леониду Николаевичу"
    assert order.preamble == "Уважаемый Леонид Николаевич!"
    text = _pdf_text(order, director)
    assert "Кравченко Леониду Николаевичу" in text
    assert "Уважаемый Леонид Николаевич!" in text


def test_a_stored_form_wins_in_new_orders(school, curator, vodkina):
    vodkina.name_cases = {"accusative": "Петрову-Водкину Анну Сергеевну (испр.)"}
    vodkina.save(update_fields=["name_cases"])
    order = order_draft(
        organisation=school, kind=Order.Kind.CURATOR, actor=curator, people=[vodkina]
    )
    assert "Назначить Петрову-Водкину Анну Сергеевну (испр.) (учитель" in _text(order)


def test_the_order_page_shows_the_forms_used_with_a_link_to_correct_them(
    client, school, curator, vodkina
):
    order = order_draft(
        organisation=school, kind=Order.Kind.CURATOR, actor=curator, people=[vodkina]
    )
    client.force_login(curator)
    page = client.get(reverse("order_detail", args=[order.pk])).content.decode()
    assert "Роль в приказе" in page
    assert "Петрову-Водкину Анну Сергеевну" in page
    assert "(винительный)" in page
    assert reverse("person_edit", args=[vodkina.pk]) + "#name-cases" in page


def test_the_order_page_says_who_is_named_only_in_the_appendix(client, school, curator, make_pair):
    pair = make_pair()
    order = order_draft(organisation=school, kind=Order.Kind.PAIRS, actor=curator)
    client.force_login(curator)
    page = client.get(reverse("order_detail", args=[order.pk])).content.decode()
    assert pair.mentor.person.full_name in page
    assert "Наставник" in page
    assert "только в приложении и листе ознакомления" in page


def test_a_letter_to_a_person_of_the_school_needs_no_typed_addressee(
    client, school, curator, vodkina
):
    client.force_login(curator)
    url = reverse("order_create", args=[school.pk]) + "?kind=letter"

    response = client.post(url, {"recipient": "person", "addressee": "", "person": ""})
    assert "Выберите сотрудника или укажите фамилию, имя и отчество." in response.content.decode()

    client.post(url, {"recipient": "person", "addressee": "", "person": vodkina.pk})
    assert Order.objects.get().addressee == "Учителю математики\nПетровой-Водкиной Анне Сергеевне"


def test_a_position_after_a_name_keeps_an_abbreviation_in_capitals(school):
    person = PersonFactory(
        organisation=school,
        last_name="Кравченко",
        first_name="Леонид",
        patronymic="Николаевич",
        position="ИКТ-специалист",
        duties=[],
    )

    assert person_in(person, "accusative") == "Кравченко Леонида Николаевича (ИКТ-специалист)"
    assert person_line(person) == "Кравченко Леонид Николаевич, ИКТ-специалист"
