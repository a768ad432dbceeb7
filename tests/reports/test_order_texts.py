"""Each kind of order and letter, drafted for a hand-made school, approved and rendered to PDF:
pdftotext reads back the sentences a director signs — the names in their cases, the legal basis
by audience, the items with who does what by when, and the requisites."""

from datetime import date

import pytest

from mentoring.models import Person
from reports.models import Audience, DocumentSettings, Order
from reports.services.legal_acts import legal_acts_replace
from reports.services.orders import order_approve, order_draft, order_submit, order_update
from reports.services.rendering import order_pdf_bytes
from tests.mentoring.factories import PersonFactory
from tests.reports.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

SIGNED_ON = date(2026, 9, 1)
LAW = "Федеральным законом от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»"
TEACHERS_BASIS = (
    "методическими рекомендациями по разработке и внедрению системы (целевой модели) "
    "наставничества педагогических работников в образовательных организациях, направленными "
    "совместным письмом Министерства просвещения Российской Федерации от 21.12.2021 "
    "№ АЗ-1128/08 и Профессионального союза работников народного образования и науки "
    "Российской Федерации от 21.12.2021 № 657"
)
STUDENTS_BASIS = "распоряжением Министерства просвещения Российской Федерации от 25.12.2019 № Р-145"
# The municipal act of the case, typed with «ёлочки» throughout as a coordinator would.
MUNICIPAL_ACT = (
    "приказом Управления образования администрации города Березники от 09.11.2022 "
    "№ 04-01-03-1209 «Об утверждении Положения о наставничестве для педагогических работников "
    "в образовательных организациях муниципального образования «Город Березники» Пермского "
    "края»"
)
MUNICIPAL_ACT_PRINTED = MUNICIPAL_ACT.replace("«Город Березники»", "„Город Березники“")
CONTROL = "Контроль за исполнением настоящего приказа оставляю за собой."


def text_of(order: Order) -> str:
    return pdf_text(order_pdf_bytes(order))


def assert_reads(text: str, *sentences: str) -> None:
    for sentence in sentences:
        assert " ".join(sentence.split()) in text, sentence


@pytest.fixture
def case(school, curator, curator_person, set_today):
    """МАОУ «СОШ № 7» of Berezniki: its director, its curator Кравченко Л.Н., the municipal
    act of its municipality, numbers with prefixes."""
    set_today(SIGNED_ON)
    school.full_name = (
        "Муниципальное автономное общеобразовательное учреждение "
        "«Средняя общеобразовательная школа № 7»"
    )
    school.short_name = "МАОУ «СОШ № 7»"
    school.director_name, school.director_position = "Крылов Игорь Николаевич", "Директор"
    school.save(update_fields=["full_name", "short_name", "director_name", "director_position"])
    curator_person.last_name, curator_person.first_name = "Кравченко", "Леонид"
    curator_person.patronymic = "Николаевич"
    curator_person.save(update_fields=["last_name", "first_name", "patronymic"])
    DocumentSettings.objects.create(organisation=school, order_prefix="01-05/", letter_prefix="12-")
    legal_acts_replace(organisation=school.municipality, acts=[(Audience.TEACHERS, MUNICIPAL_ACT)])
    return school


def _named(school, full_name: str, **extra) -> Person:
    last_name, first_name, patronymic = full_name.split()
    return PersonFactory(
        organisation=school,
        last_name=last_name,
        first_name=first_name,
        patronymic=patronymic,
        **extra,
    )


@pytest.fixture
def ivanova(school) -> Person:
    return _named(school, "Иванова Анна Петровна", position="Учитель математики")


@pytest.fixture
def sokolov(school) -> Person:
    return _named(school, "Соколов Павел Андреевич", position="Учитель истории")


@pytest.fixture
def bondarenko(school) -> Person:
    return _named(
        school,
        "Бондаренко Анна Сергеевна",
        kind=Person.Kind.STUDENT,
        position="",
        grade=11,
        class_letter="А",
    )


@pytest.fixture
def signed(curator, director):
    """draft(kind, **kwargs) → the order drafted by the curator and approved on SIGNED_ON."""

    def sign(school, kind, **kwargs) -> Order:
        order = order_draft(organisation=school, kind=kind, actor=curator, **kwargs)
        return approve(order)

    def approve(order: Order) -> Order:
        order_submit(order=order)
        order = order_approve(order=order, actor=director, signed_on=SIGNED_ON)
        order.refresh_from_db()
        return order

    sign.approve = approve
    return sign


def requisites(number: str = "01-05/1") -> list[str]:
    return [
        "Муниципальное автономное общеобразовательное учреждение «Средняя "
        "общеобразовательная школа № 7» (МАОУ «СОШ № 7»)",
        f"01.09.2026 № {number}",
        "г. Березники",
        "Директор И.Н. Крылов",
    ]


def test_system_order_for_teachers_cites_the_teachers_basis_and_the_municipal_act(case, signed):
    order = signed(case, Order.Kind.SYSTEM, audience=Audience.TEACHERS)

    text = text_of(order)
    assert_reads(
        text,
        *requisites(),
        "О внедрении целевой модели наставничества",
        f"В соответствии с {LAW}, {TEACHERS_BASIS}, {MUNICIPAL_ACT_PRINTED}, в целях развития "
        "системы наставничества, ПРИКАЗЫВАЮ:",
        "1. Внедрить в МАОУ «СОШ № 7» целевую модель наставничества на 2026/2027 учебный год.",
        "2. Утвердить Положение о системе наставничества педагогических работников "
        "в МАОУ «СОШ № 7» (приложение).",
        "3. Назначить Кравченко Леонида Николаевича (заместитель директора по УВР) куратором "
        "внедрения целевой модели наставничества.",
        f"5. {CONTROL}",
        "Приложение к приказу от 01.09.2026 № 01-05/1",
    )
    assert "Р-145" not in text
    # The Положение rests on the municipality's act too, where the preamble cites it.
    assert text.count(MUNICIPAL_ACT_PRINTED) == 2


def test_curator_order_for_students_cites_r145_and_not_the_teachers_letter(case, signed, ivanova):
    order = signed(case, Order.Kind.CURATOR, people=[ivanova], audience=Audience.STUDENTS)

    text = text_of(order)
    assert_reads(
        text,
        *requisites(),
        "О назначении куратора целевой модели наставничества",
        f"В соответствии с {LAW}, {STUDENTS_BASIS} «Об утверждении методологии (целевой "
        "модели) наставничества обучающихся",
        "в целях организации наставничества в МАОУ «СОШ № 7», ПРИКАЗЫВАЮ:",
        "1. Назначить Иванову Анну Петровну (учитель математики) куратором целевой модели "
        "наставничества на 2026/2027 учебный год.",
        f"3. {CONTROL}",
        "Лист ознакомления с приказом от 01.09.2026 № 01-05/1",
        "Иванова Анна Петровна Учитель математики",
    )
    assert "АЗ-1128/08" not in text
    assert "Березники от 09.11.2022" not in text


def test_roadmap_order_for_both_cites_every_act_and_names_the_responsible(case, signed):
    order = signed(case, Order.Kind.ROADMAP, audience=Audience.BOTH)

    assert_reads(
        text_of(order),
        *requisites(),
        "Об утверждении дорожной карты внедрения целевой модели наставничества",
        f"В соответствии с {LAW}, {TEACHERS_BASIS}, {STUDENTS_BASIS}",
        "1. Утвердить дорожную карту внедрения целевой модели наставничества в МАОУ «СОШ № 7» "
        "на 2026/2027 учебный год (приложение).",
        "2. Назначить Кравченко Леонида Николаевича (заместитель директора по УВР) "
        "ответственным за реализацию дорожной карты.",
    )


def test_pairs_order_of_teachers_takes_the_teachers_basis_from_its_mentees(case, signed, make_pair):
    pair = make_pair()
    mentor = pair.mentor.person
    mentor.last_name, mentor.first_name, mentor.patronymic = "Соколова", "Мария", "Ивановна"
    mentor.save(update_fields=["last_name", "first_name", "patronymic"])

    order = signed(case, Order.Kind.PAIRS)

    assert order.audience == Audience.TEACHERS
    text = text_of(order)
    assert_reads(
        text,
        *requisites(),
        "Об утверждении наставнических пар и групп",
        f"В соответствии с {LAW}, {TEACHERS_BASIS}, {MUNICIPAL_ACT_PRINTED}, Положением о "
        "наставничестве в МАОУ «СОШ № 7», на основании письменного согласия участников",
        "1. Утвердить наставнические пары и группы на 2026/2027 учебный год (приложение).",
        "3. Возложить организационное и методическое сопровождение наставнических пар и групп, "
        "мониторинг реализации программ на куратора Кравченко Л.Н.",
        "Соколова Мария Ивановна, учитель математики",
    )
    assert "Р-145" not in text


def test_reward_order_names_a_pupil_with_her_class_and_every_item_has_a_doer_and_a_deadline(
    case, signed, ivanova, bondarenko
):
    order = signed(case, Order.Kind.REWARD, people=[ivanova, bondarenko])

    text = text_of(order)
    assert_reads(
        text,
        *requisites(),
        "О поощрении участников программы наставничества",
        "По итогам реализации программы наставничества в МАОУ «СОШ № 7» за 2026/2027 учебный год",
        "1. Объявить благодарность за активное участие в программе наставничества и высокие "
        "результаты наставнической деятельности: – Ивановой Анне Петровне (учитель "
        "математики); – Бондаренко Анне Сергеевне, обучающейся 11 «А» класса.",
        "2. Куратору целевой модели наставничества Кравченко Л.Н. в срок до 15.09.2026 "
        "подготовить благодарственные письма участникам, указанным в пункте 1,",
        "3. Главному бухгалтеру в срок до 15.09.2026 произвести выплату стимулирующего "
        "характера педагогическим работникам, указанным в пункте 1,",
        f"4. {CONTROL}",
        "Бондаренко Анна Сергеевна обучающаяся 11 «А» класса",
    )
    assert "Рассмотреть возможность" not in text


def test_reward_order_of_pupils_alone_pays_nobody(case, signed, bondarenko):
    order = signed(case, Order.Kind.REWARD, people=[bondarenko])

    assert "Главному бухгалтеру" not in text_of(order)


def test_final_event_order_declines_the_chosen_event_and_names_the_responsible(
    case, signed, ivanova
):
    order = signed(
        case,
        Order.Kind.FINAL_EVENT,
        held_on=date(2027, 5, 20),
        details={
            "event": "readings",
            "place": "в актовом зале",
            "responsible": ivanova,
            "prepare_by": date(2027, 5, 6),
        },
    )

    text = text_of(order)
    assert_reads(
        text,
        *requisites(),
        "О проведении итоговых педагогических чтений программы наставничества",
        "1. Провести 20.05.2027 в актовом зале итоговые педагогические чтения по подведению "
        "итогов реализации программы наставничества в МАОУ «СОШ № 7» за 2026/2027 учебный год.",
        "2. Назначить Иванову Анну Петровну (учитель математики) ответственной за подготовку "
        "и проведение итоговых педагогических чтений.",
        "3. Ивановой А.П. в срок до 06.05.2027 подготовить программу итоговых педагогических "
        "чтений и пригласить к участию наставников, наставляемых и представителей "
        "организаций-партнёров.",
    )
    assert "(конференцию)" not in text


def test_working_group_order_lists_its_members_with_positions_and_tasks_with_deadlines(
    case, signed, curator_person, ivanova, sokolov
):
    order = signed(
        case,
        Order.Kind.WORKING_GROUP,
        audience=Audience.TEACHERS,
        people=[ivanova, sokolov],
        details={"head": curator_person},
    )

    assert_reads(
        text_of(order),
        *requisites(),
        "О создании рабочей группы по внедрению целевой модели наставничества",
        f"В соответствии с {LAW}, {TEACHERS_BASIS}, {MUNICIPAL_ACT_PRINTED}, в целях "
        "организационного и методического обеспечения внедрения целевой модели наставничества "
        "в МАОУ «СОШ № 7», ПРИКАЗЫВАЮ:",
        "1. Создать рабочую группу по внедрению целевой модели наставничества в МАОУ «СОШ № 7» "
        "на 2026/2027 учебный год.",
        "2. Утвердить состав рабочей группы (приложение).",
        "3. Назначить Кравченко Леонида Николаевича (заместитель директора по УВР) "
        "руководителем рабочей группы.",
        "4. Рабочей группе в срок до 01.10.2026 разработать проекты Положения о наставничестве "
        "и дорожной карты",
        "5. Рабочей группе в срок до 30.10.2026 сформировать базы наставников и наставляемых",
        "6. Руководителю рабочей группы Кравченко Л.Н. ежеквартально информировать директора",
        f"7. {CONTROL}",
        "Состав рабочей группы по внедрению целевой модели наставничества",
        "1 Кравченко Леонид Николаевич Заместитель директора по УВР, руководитель рабочей группы",
        "2 Иванова Анна Петровна Учитель математики",
        "3 Соколов Павел Андреевич Учитель истории",
    )


def test_motivation_order_approves_the_regulation_with_moral_and_material_measures(case, signed):
    order = signed(case, Order.Kind.MOTIVATION, audience=Audience.TEACHERS)

    assert_reads(
        text_of(order),
        *requisites(),
        "Об утверждении Положения о мотивации и поощрении наставников",
        f"В соответствии с {LAW}, {TEACHERS_BASIS}, {MUNICIPAL_ACT_PRINTED}, в целях мотивации "
        "работников к наставнической деятельности",
        "1. Утвердить Положение о мотивации и поощрении наставников МАОУ «СОШ № 7» (приложение).",
        "2. Куратору целевой модели наставничества Кравченко Л.Н. ежегодно в срок до 15 мая "
        "представлять директору предложения о поощрении наставников",
        "3. Куратору целевой модели наставничества Кравченко Л.Н. в срок до 01.10.2026 "
        "разместить на официальном сайте МАОУ «СОШ № 7»",
        "4. Главному бухгалтеру в срок до 01.10.2026 подготовить предложения о выплатах "
        "стимулирующего характера",
        "ПОЛОЖЕНИЕ о мотивации и поощрении наставников 1. Общие положения",
        "2. Нематериальные способы стимулирования",
        "2.1. Наставническая деятельность учитывается при выдвижении на профессиональные "
        "конкурсы педагогических работников, в том числе в качестве членов жюри (экспертов).",
        "3. Материальное стимулирование",
    )


def test_free_order_prints_what_the_curator_wrote(case, signed, curator):
    order = order_draft(organisation=case, kind=Order.Kind.FREE, actor=curator)
    order_update(
        order=order,
        title="О дежурстве в МАОУ «СОШ № 7»",
        preamble="В целях обеспечения порядка,",
        items=["Утвердить график дежурства (приложение).", CONTROL],
    )

    order = signed.approve(order)

    assert_reads(
        text_of(order),
        *requisites(),
        "О дежурстве в МАОУ «СОШ № 7»",
        "В целях обеспечения порядка, ПРИКАЗЫВАЮ: 1. Утвердить график дежурства (приложение).",
        f"2. {CONTROL}",
    )


@pytest.fixture
def duty_order(case, signed, curator):
    order = order_draft(organisation=case, kind=Order.Kind.FREE, actor=curator)
    order_update(
        order=order, title="О дежурстве в МАОУ «СОШ № 7»", preamble="", items=["Дежурить."]
    )
    return signed.approve(order)


def test_cancel_order_nests_the_quotes_of_the_title_it_cites(case, signed, duty_order):
    order = signed(case, Order.Kind.CANCEL, target=duty_order)

    assert_reads(
        text_of(order),
        *requisites("01-05/2"),
        "Об отмене приказа от 01.09.2026 № 01-05/1 «О дежурстве в МАОУ „СОШ № 7“»",
        "1. Отменить приказ от 01.09.2026 № 01-05/1 «О дежурстве в МАОУ „СОШ № 7“».",
        f"2. {CONTROL}",
    )


def test_amend_order_cites_the_order_it_changes(case, signed, duty_order):
    order = signed(case, Order.Kind.AMEND, target=duty_order)

    assert_reads(
        text_of(order),
        *requisites("01-05/2"),
        "О внесении изменений в приказ от 01.09.2026 № 01-05/1 «О дежурстве в МАОУ „СОШ № 7“»",
        "1. Внести в приказ от 01.09.2026 № 01-05/1 «О дежурстве в МАОУ „СОШ № 7“» следующие "
        "изменения: ________.",
    )


def test_letter_to_a_person_greets_her_by_name_with_her_position_in_the_dative(
    case, signed, ivanova
):
    order = signed(case, Order.Kind.LETTER, people=[ivanova], details={"recipient": "person"})

    text = text_of(order)
    assert_reads(
        text,
        "Муниципальное автономное общеобразовательное учреждение «Средняя "
        "общеобразовательная школа № 7»",
        "от 01.09.2026 № 12-1",
        "Учителю математики Ивановой Анне Петровне",
        "Благодарственное письмо Уважаемая Анна Петровна!",
        "Администрация МАОУ «СОШ № 7» выражает Вам искреннюю благодарность за активное "
        "участие в реализации программы наставничества",
        "Директор И.Н. Крылов",
    )
    assert "ПРИКАЗЫВАЮ" not in text


def test_letter_to_someone_outside_the_school_declines_the_typed_name(case, signed):
    order = signed(
        case,
        Order.Kind.LETTER,
        details={
            "recipient": "person",
            "full_name": "Петров Сергей Иванович",
            "position": "учителю физики МАОУ «СОШ № 3»",
        },
    )

    assert_reads(
        text_of(order),
        "Учителю физики МАОУ «СОШ № 3» Петрову Сергею Ивановичу",
        "Уважаемый Сергей Иванович!",
    )


def test_letter_to_an_organisation_thanks_colleagues_for_the_partnership(case, signed):
    partner = (
        "Муниципальному автономному учреждению «Центр сопровождения, обеспечения и развития "
        "образования»"
    )
    order = signed(
        case,
        Order.Kind.LETTER,
        addressee=partner,
        details={"recipient": "organisation", "head": "Директору Сухановой Е.В."},
    )

    text = text_of(order)
    assert_reads(
        text,
        "от 01.09.2026 № 12-1",
        f"{partner} Директору Сухановой Е.В.",
        "Благодарственное письмо Уважаемые коллеги!",
        "Администрация МАОУ «СОШ № 7» выражает искреннюю благодарность за плодотворное "
        "сотрудничество и партнёрство в реализации программы наставничества",
        "Надеемся на дальнейшее сотрудничество",
    )
    assert "Уважаемая" not in text and "Уважаемый" not in text
