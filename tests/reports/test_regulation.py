"""The Положение о системе наставничества, the appendix of the introducing order: written after
seed 002 with the school's data, edited before approval, printed with its headings, frozen after."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring.models import MentoringForm
from reports.models import Order, OrderAppendix
from reports.services.orders import order_approve, order_draft, order_submit, order_update
from reports.services.regulation import Block, text_blocks, title_lines
from reports.services.rendering import order_pdf_bytes
from tests.mentoring.bank_factories import MenteeEntryFactory
from tests.mentoring.factories import PersonFactory
from tests.reports.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

# Seed 002's sections, and the duties and rights, programme and registry the brief adds.
SECTIONS = [
    "1. Общие положения",
    "2. Цель и задачи наставничества",
    "3. Формы и виды наставничества",
    "4. Организация наставничества",
    "5. Права и обязанности участников системы наставничества",
    "6. Наставнические пары и группы",
    "7. Персонализированная программа наставничества",
    "8. Мотивирование и стимулирование наставников",
    "9. Мониторинг и оценка результатов наставничества",
    "10. Реестр наставников и наставляемых",
    "11. Заключительные положения",
]


@pytest.fixture
def kravchenko(curator_person):
    """The curator, with a surname that does not decline and a first name that does."""
    curator_person.last_name, curator_person.first_name = "Кравченко", "Леонид"
    curator_person.patronymic = "Николаевич"
    curator_person.save(update_fields=["last_name", "first_name", "patronymic"])
    return curator_person


def _regulation(order: Order) -> OrderAppendix:
    return order.appendices.get()


def _system(school, curator) -> Order:
    return order_draft(organisation=school, kind=Order.Kind.SYSTEM, actor=curator)


def _pdf_text(order: Order) -> str:
    return pdf_text(order_pdf_bytes(order))


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _edit(order: Order, appendix_text: str) -> Order:
    return order_update(
        order=order,
        title=order.title,
        preamble=order.preamble,
        items=[item.text for item in order.items.all()],
        appendix_texts={_regulation(order).pk: appendix_text},
    )


def test_the_regulation_has_every_section_of_seed_002(school, curator, kravchenko):
    appendix = _regulation(_system(school, curator))
    blocks = text_blocks(appendix.text)

    assert appendix.kind == OrderAppendix.Kind.TEXT
    assert [b.text for b in blocks if b.kind == "heading"] == SECTIONS
    clauses = [b.text for b in blocks if b.kind == "clause"]
    for start in (
        "1.1. Настоящее Положение",
        "1.4. В Положении используются следующие понятия:",
        "1.5. Основные принципы",
        "5.1. Руководитель образовательной организации",
        "5.2. Куратор:",
        "5.3. Наставник обязан:",
        "5.4. Наставник имеет право:",
        "5.5. Наставляемый обязан:",
        "5.6. Наставляемый имеет право:",
        "6.1. Наставники выбираются из числа:",
        "6.2. Наставляемые выбираются из числа:",
        "8.1. Нематериальное стимулирование:",
        "8.2. Материальное стимулирование:",
        "10.1. Куратор ведёт реестр (банк) наставников и наставляемых",
    ):
        assert any(c.startswith(start) for c in clauses), start
    text = _squeeze(appendix.text)
    assert "на срок от 3 месяцев до 1 года" in text
    assert "сроком от 3 до 12 месяцев" in text
    assert "два раза в год: в декабре (промежуточный) и в июне (итоговый)" in text
    assert "№ АЗ-1128/08" in text and "№ 657" in text


def test_the_regulation_is_filled_with_the_schools_data(school, curator, kravchenko):
    school.director_name, school.director_position = "Суханова Елена Викторовна", "Директор"
    school.save(update_fields=["director_name", "director_position"])
    year = school.academic_years.get(is_current=True)

    appendix = _regulation(_system(school, curator))
    text = _squeeze(appendix.text)

    assert appendix.title == (
        f"Положение о системе наставничества педагогических работников в {school.short_name}"
    )
    assert f"в {school.short_name} (далее – образовательная организация)" in text
    assert f"Полное наименование образовательной организации: {school.full_name}." in text
    assert f"обеспечивает {school.municipality.full_name};" in text
    assert f"применяется начиная с {year.title} учебного года" in text
    assert (
        f"В {year.title} учебном году функции куратора возложены на Кравченко Леонида "
        "Николаевича (заместитель директора по УВР)." in text
    )
    assert (
        "5.1. Руководитель образовательной организации (директор Суханова Елена Викторовна):"
        in text
    )
    assert "«педагог – педагог», «руководитель образовательной организации – педагог»" in text
    # The seed's own wording of the grounds and categories, agreeing in case.
    assert "педагогов высшей квалификационной категории" in text
    assert "активно транслирующих собственный положительный педагогический опыт" in text
    assert "педагогов, приступивших к работе после длительного перерыва;" in text


def test_without_a_curator_the_regulation_says_how_one_is_appointed(school, curator):
    text = _squeeze(_regulation(_system(school, curator)).text)

    assert "4.4. Куратор системы наставничества назначается приказом руководителя" in text
    assert "возложены на" not in text


def test_the_schools_own_form_is_listed_and_students_forms_only_where_students_are_mentored(
    school, curator
):
    MentoringForm.objects.create(organisation=school, name="педагог – молодой специалист")
    text = _squeeze(_regulation(_system(school, curator)).text)
    forms = text.split("3.1. ")[1].split(". ")[0]
    assert "«учитель – учитель»" in forms
    assert "«педагог – молодой специалист»" in forms
    assert "«ученик – ученик»" not in text
    assert "Р-145" not in text

    pupil = PersonFactory(organisation=school, grade=7, class_letter="А")
    MenteeEntryFactory(person=pupil)
    text = _squeeze(_regulation(_system(school, curator)).text)
    assert "3.3. Наряду с наставничеством педагогических работников" in text
    assert "«ученик – ученик», «учитель – ученик», «студент – ученик»" in text
    assert "обучающийся, проявивший выдающиеся способности;" in text
    assert "от 25 декабря 2019 г. № Р-145" in text


def test_text_blocks_tell_headings_clauses_and_paragraphs():
    text = (
        "1. Общие положения\n\n1.1. Настоящее Положение определяет…\n"
        "наставник – педагогический работник;\n  \n"
        "2. Утвердить список.\n4.4.1. Наставник назначается приказом № 5."
    )

    assert text_blocks(text) == [
        Block("heading", "1. Общие положения"),
        Block("clause", "1.1. Настоящее Положение определяет…"),
        Block("paragraph", "наставник – педагогический работник;"),
        # An item of an order ends with a full stop: it is not a heading.
        Block("paragraph", "2. Утвердить список."),
        Block("clause", "4.4.1. Наставник назначается приказом №\u00a05."),
    ]


def test_a_regulation_title_prints_its_kind_over_its_subject():
    assert title_lines("Положение о системе наставничества") == (
        "ПОЛОЖЕНИЕ",
        "о системе наставничества",
    )
    assert title_lines("Дорожная карта") == ("Дорожная карта", "")


def test_the_pdf_of_the_system_order_prints_the_regulation(school, curator, kravchenko):
    text = _pdf_text(_system(school, curator))

    assert "Приложение к приказу от «__» ______ 20__ г. № ____" in text
    assert (
        "ПОЛОЖЕНИЕ о системе наставничества педагогических работников в "
        f"{school.short_name}" in text
    )
    for heading in SECTIONS:
        assert heading in text
    assert "функции куратора возложены на Кравченко Леонида Николаевича" in text


def test_an_edited_regulation_is_kept_and_printed(school, curator, director):
    order = _system(school, curator)
    edited = _regulation(order).text.replace(
        "11.2. Изменения в Положение вносятся приказом руководителя образовательной организации.",
        "11.2. Положение пересматривается не реже одного раза в три года.",
    )

    order = _edit(order, edited)

    assert _regulation(order).text == edited
    order_submit(order=order)
    order = order_approve(order=order, actor=director)
    text = _pdf_text(order)
    assert "11.2. Положение пересматривается не реже одного раза в три года." in text
    assert f"к приказу от {order.signed_on:%d.%m.%Y} № {order.registration_number}" in text


def test_the_regulation_cannot_change_once_submitted_or_approved(school, curator, director):
    order = _system(school, curator)
    text = _regulation(order).text
    order_submit(order=order)

    with pytest.raises(ValidationError):
        _edit(order, "1. Другое положение")
    order = order_approve(order=order, actor=director)
    with pytest.raises(ValidationError):
        _edit(order, "1. Другое положение")

    assert _regulation(order).text == text


def test_the_edit_page_offers_the_regulation_and_the_order_page_shows_its_sections(
    client, school, curator
):
    order = _system(school, curator)
    client.force_login(curator)

    edit = client.get(reverse("order_edit", args=[order.pk])).content.decode()
    detail = client.get(reverse("order_detail", args=[order.pk])).content.decode()

    assert 'rows="30"' in edit
    assert "1.1. Настоящее Положение о системе наставничества" in edit
    assert '<h4 class="order-section">6. Наставнические пары и группы</h4>' in detail
    assert "ПОЛОЖЕНИЕ<br>о системе наставничества" in detail
