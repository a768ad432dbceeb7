"""The printable consent blanks read as a school can sign them: names and organisations in the
case the sentence needs, and every item of 152-ФЗ art. 9 part 4."""

import re
import subprocess
from copy import copy
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.names import decline_organisation
from core.requisites import validate_inn, validate_ogrn
from mentoring.forms.organisations import OrganisationForm
from mentoring.models import Consent, Person
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db

OPERATOR = (
    "даю согласие Муниципальному автономному общеобразовательному учреждению «Средняя "
    "общеобразовательная школа № 7» (ИНН 5911012070, ОГРН 1025901772071), адрес: 618419, "
    "Пермский край, г. Березники, ул. Юбилейная, д. 29 (далее — Оператор)"
)
AUTHORITY = "Управление образования администрации города Березники"
AUTHORITY_ADDRESS = "618400, Пермский край, г. Березники, Советский пр-т, д. 39"


def _text(data: bytes) -> str:
    """The PDF's text, words hyphenated across lines joined, whitespace collapsed."""
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(re.sub(r"[\u2010-]\n", "", text).split())


@pytest.fixture
def school(school, municipality):
    school.full_name = (
        "Муниципальное автономное общеобразовательное учреждение "
        "«Средняя общеобразовательная школа № 7»"
    )
    school.address = "618419, Пермский край, г. Березники, ул. Юбилейная, д. 29"
    school.inn, school.ogrn = "5911012070", "1025901772071"
    school.save()
    municipality.authority_name = AUTHORITY
    municipality.authority_address = AUTHORITY_ADDRESS
    municipality.save()
    return school


def _blank(client, person: Person, kind: str) -> str:
    response = client.get(reverse("consent_form_pdf", args=[person.pk]), {"kind": kind})
    assert response.status_code == 200
    return _text(response.content)


def _earlier_consent(person: Person, **details) -> Consent:
    return Consent.objects.create(
        person=person,
        kind=Consent.Kind.PROCESSING,
        given_on=date(2026, 9, 1),
        text_version="2025-09",
        text_sha256="0" * 64,
        **details,
    )


@pytest.fixture
def adult(school):
    person = PersonFactory(
        organisation=school,
        last_name="Иванова",
        first_name="Мария",
        patronymic="Петровна",
        birth_date=date(1985, 4, 12),
    )
    _earlier_consent(
        person,
        subject_address="618419, Пермский край, г. Березники, ул. Мира, д. 3, кв. 7",
        subject_document="паспорт 5712 345678",
        subject_document_issued_on=date(2012, 5, 14),
        subject_document_issued_by="Отделом УФМС России по Пермскому краю в г. Березники",
        subject_document_division_code="590-012",
    )
    return person


def _minor(school, last_name, first_name, patronymic, **representative) -> Person:
    child = PersonFactory(
        organisation=school,
        kind=Person.Kind.STUDENT,
        last_name=last_name,
        first_name=first_name,
        patronymic=patronymic,
        birth_date=date(2012, 3, 5),
        grade=8,
        class_letter="А",
    )
    if representative:
        _earlier_consent(child, **representative)
    return child


@pytest.fixture
def girl(school):
    return _minor(
        school,
        "Александрова",
        "Ксения",
        "Игоревна",
        subject_address="618419, Пермский край, г. Березники, ул. Юбилейная, д. 10, кв. 5",
        subject_document="свидетельство о рождении III-ВГ № 123456",
        subject_document_issued_on=date(2012, 3, 20),
        subject_document_issued_by="Отделом ЗАГС администрации г. Березники",
        representative_name="Александрова Ольга Сергеевна",
        representative_relation="мать",
        representative_address="618419, Пермский край, г. Березники, ул. Юбилейная, д. 10, кв. 5",
        representative_document="паспорт 5710 111222",
        representative_document_issued_on=date(2010, 2, 1),
        representative_document_issued_by="ОВД г. Березники Пермской области",
        representative_document_division_code="592-004",
        representative_authority="свидетельство о рождении III-ВГ № 123456",
    )


@pytest.fixture
def boy(school):
    return _minor(
        school,
        "Андреев",
        "Александр",
        "Константинович",
        representative_name="Андреев Константин Петрович",
        representative_relation="отец",
    )


def test_adult_processing_blank_names_everyone_in_the_right_case(client, curator, adult):
    client.force_login(curator)
    text = _blank(client, adult, Consent.Kind.PROCESSING)
    # 152-ФЗ art. 9 part 4, item 1: the subject's name, address and identity document.
    assert "Я, Иванова Мария Петровна, 12.04.1985 г. р." in text
    assert "адрес: 618419, Пермский край, г. Березники, ул. Мира, д. 3, кв. 7" in text
    assert "документ, удостоверяющий личность: паспорт 5712 345678" in text
    assert "кем выдан: Отделом УФМС России по Пермскому краю в г. Березники" in text
    assert "дата выдачи: 14.05.2012 код подразделения: 590-012" in text
    # Item 3: the operator, in the dative after «даю согласие», with its requisites.
    assert OPERATOR in text
    # Item 4: the purpose; 5: the data; 7: the actions and methods; 8: term and withdrawal.
    assert "Цель обработки: организация и сопровождение наставничества" in text
    assert "Перечень персональных данных: фамилия, имя, отчество; дата рождения;" in text
    assert "Действия с персональными данными: сбор, запись" in text
    assert "Способы обработки: автоматизированная обработка" in text
    assert "Срок действия и порядок отзыва." in text
    assert "может быть отозвано в любой момент письменным заявлением" in text
    # Item 6: the body the data go to, in the dative where they are handed over.
    assert (
        "в том числе предоставление Управлению образования администрации города Березники "
        "для ведения муниципального реестра наставников и наставляемых" in text
    )
    assert (
        "Лицо, которому предоставляются персональные данные и которое обрабатывает их по "
        f"поручению Оператора: {AUTHORITY}, адрес: {AUTHORITY_ADDRESS}." in text
    )
    # Item 9: the signature.
    assert "подпись расшифровка подписи" in text
    assert "Иванова М.П." in text
    assert "предоставление Управление" not in text


@pytest.mark.parametrize("kind", [Consent.Kind.DISSEMINATION, Consent.Kind.MENTORING_DUTIES])
def test_every_other_blank_gives_consent_to_the_operator_in_the_dative(
    client, curator, adult, kind
):
    client.force_login(curator)
    text = _blank(client, adult, kind)
    assert OPERATOR in text
    assert "Я, Иванова Мария Петровна" in text


def test_minor_girl_blank_parent_nominative_daughter_genitive(client, curator, girl):
    client.force_login(curator)
    for kind in Consent.Kind.values:
        text = _blank(client, girl, kind)
        assert "Я, Александрова Ольга Сергеевна" in text
        # Item 2: the representative's address, document and authority.
        assert "адрес: 618419, Пермский край, г. Березники, ул. Юбилейная, д. 10, кв. 5" in text
        assert "документ, удостоверяющий личность: паспорт 5710 111222" in text
        assert "кем выдан: ОВД г. Березники Пермской области" in text
        assert "дата выдачи: 01.02.2010 код подразделения: 592-004" in text
        assert (
            "являясь законным представителем несовершеннолетней Александровой Ксении "
            "Игоревны, 05.03.2012 г. р." in text
        )
        assert "кем прихожусь ей: мать" in text
        assert (
            "документ, подтверждающий полномочия: свидетельство о рождении III-ВГ № 123456" in text
        )
        # Item 1 for the child herself.
        assert "адрес несовершеннолетней: 618419" in text
        assert "документ несовершеннолетней: свидетельство о рождении III-ВГ № 123456" in text
        assert "кем выдан: Отделом ЗАГС администрации г. Березники" in text
        assert "дата выдачи: 20.03.2012" in text
        assert OPERATOR in text
        assert "Александрова Ксения Игоревна" not in text
        assert "Александрова О.С." in text


def test_minor_boy_blank_in_the_masculine(client, curator, boy):
    client.force_login(curator)
    text = _blank(client, boy, Consent.Kind.PROCESSING)
    assert "Я, Андреев Константин Петрович" in text
    assert (
        "являясь законным представителем несовершеннолетнего Андреева Александра "
        "Константиновича, 05.03.2012 г. р." in text
    )
    assert "кем прихожусь ему: отец" in text
    assert "адрес несовершеннолетнего:" in text
    assert "предоставление Управлению образования администрации города Березники" in text


def test_unknown_requisites_print_as_lines_to_fill(client, curator, school, person):
    school.inn = school.ogrn = ""
    school.save()
    client.force_login(curator)
    text = _blank(client, person, Consent.Kind.PROCESSING)
    assert "(ИНН ____________, ОГРН _______________)" in text
    assert "кем выдан:" in text and "код подразделения:" in text


def test_the_municipality_itself_stands_for_the_authority_when_none_is_named(
    client, curator, school, municipality, person
):
    municipality.authority_name = municipality.authority_address = ""
    municipality.full_name = "Комитет по образованию администрации Усольского района"
    municipality.save()
    client.force_login(curator)
    text = _blank(client, person, Consent.Kind.PROCESSING)
    assert "предоставление Комитету по образованию администрации Усольского района" in text


@pytest.mark.parametrize(
    ("name", "dative", "genitive"),
    [
        (AUTHORITY, "Управлению образования администрации города Березники", None),
        ("Департамент образования и науки", "Департаменту образования и науки", None),
        ("Отдел образования", "Отделу образования", "Отдела образования"),
        (
            "Муниципальное бюджетное общеобразовательное учреждение «Лицей № 1»",
            "Муниципальному бюджетному общеобразовательному учреждению «Лицей № 1»",
            "Муниципального бюджетного общеобразовательного учреждения «Лицей № 1»",
        ),
        ("Городская гимназия № 1", "Городской гимназии № 1", "Городской гимназии № 1"),
        (
            "Министерство образования Пермского края",
            "Министерству образования Пермского края",
            None,
        ),
        ("МАОУ «СОШ № 7»", "МАОУ «СОШ № 7»", "МАОУ «СОШ № 7»"),
    ],
)
def test_organisation_names_decline_by_their_head(name, dative, genitive):
    assert decline_organisation(name, "dative") == dative
    if genitive:
        assert decline_organisation(name, "genitive") == genitive


def test_valid_inn_and_ogrn_pass():
    validate_inn("5911012070")
    validate_inn("7707083893")  # Sberbank
    validate_ogrn("1025901772071")
    validate_ogrn("1027700132195")  # Sberbank


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("5911012071", "В ИНН 5911012071 не сходится контрольная цифра"),
        ("591101207", "ИНН организации — 10 цифр"),
        ("591101207012", "ИНН организации — 10 цифр"),
        ("59110120ab", "ИНН организации — 10 цифр"),
    ],
)
def test_wrong_inn_is_refused_in_russian(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_inn(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1025901772072", "В ОГРН 1025901772072 не сходится контрольная цифра"),
        ("102590177207", "ОГРН организации — 13 цифр"),
        ("3025901772071", "ОГРН организации начинается с 1 или 5"),
    ],
)
def test_wrong_ogrn_is_refused_in_russian(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_ogrn(value)


def test_organisation_settings_save_and_check_inn_and_ogrn(client, director, school):
    data = {"full_name": school.full_name, "short_name": school.short_name}
    form = OrganisationForm(
        {**data, "inn": "5911012071", "ogrn": "1025901772072"}, instance=copy(school)
    )
    assert not form.is_valid()
    assert "контрольная цифра" in form.errors["inn"][0]
    assert "контрольная цифра" in form.errors["ogrn"][0]

    client.force_login(director)
    response = client.post(
        reverse("organisation_edit", args=[school.pk]),
        {**data, "inn": "7707083893", "ogrn": "1027700132195"},
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert (school.inn, school.ogrn) == ("7707083893", "1027700132195")
    page = client.get(reverse("organisation_detail", args=[school.pk])).content.decode()
    assert "7707083893" in page and "1027700132195" in page


def test_recording_a_consent_keeps_when_and_by_whom_the_passport_was_issued(client, curator, adult):
    client.force_login(curator)
    response = client.post(
        reverse("consent_create", args=[adult.pk]) + "?kind=mentoring_duties",
        {
            "given_on": date.today().isoformat(),
            "subject_address": "618419, г. Березники, ул. Мира, д. 3",
            "subject_document": "паспорт 5712 345678",
            "subject_document_issued_on": "14.05.2012",
            "subject_document_issued_by": "Отделом УФМС России по Пермскому краю",
            "subject_document_division_code": "590-012",
            "scan": SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%%EOF\n"),
        },
    )
    assert response.status_code == 302
    consent = adult.consents.get(kind=Consent.Kind.MENTORING_DUTIES)
    assert consent.subject_document_issued_on == date(2012, 5, 14)
    assert consent.subject_document_issued_by == "Отделом УФМС России по Пермскому краю"
    assert consent.subject_document_division_code == "590-012"


def test_a_division_code_must_look_like_one(client, curator, adult):
    client.force_login(curator)
    response = client.post(
        reverse("consent_create", args=[adult.pk]) + "?kind=mentoring_duties",
        {
            "given_on": date.today().isoformat(),
            "subject_document_division_code": "590012",
            "scan": SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%%EOF\n"),
        },
    )
    assert "Код подразделения — шесть цифр через дефис" in response.content.decode()


def test_the_coordinator_names_the_authority_the_schools_consents_print(
    client, coordinator, curator, municipality, school, person
):
    client.force_login(coordinator)
    page = client.get(reverse("municipality_detail", args=[municipality.pk])).content.decode()
    assert reverse("municipality_edit", args=[municipality.pk]) in page
    response = client.post(
        reverse("municipality_edit", args=[municipality.pk]),
        {
            "full_name": "Администрация Усольского муниципального округа",
            "short_name": municipality.short_name,
            "authority_name": "Комитет по образованию администрации Усольского округа",
            "authority_address": "618460, Пермский край, г. Усолье, ул. Елькина, д. 16",
        },
    )
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.authority_name == "Комитет по образованию администрации Усольского округа"

    client.force_login(curator)
    text = _blank(client, person, Consent.Kind.PROCESSING)
    assert "предоставление Комитету по образованию администрации Усольского округа" in text
    assert "618460, Пермский край, г. Усолье, ул. Елькина, д. 16" in text
    page = client.get(reverse("organisation_detail", args=[school.pk])).content.decode()
    assert "Комитет по образованию администрации Усольского округа" in page


def test_a_school_is_not_edited_as_a_municipality(client, coordinator, school):
    client.force_login(coordinator)
    assert client.get(reverse("municipality_edit", args=[school.pk])).status_code in (403, 404)


def test_a_school_outside_a_municipality_passes_the_data_to_nobody(client, curator, person):
    school = person.organisation
    school.municipality = None
    school.save()
    client.force_login(curator)
    text = _blank(client, person, Consent.Kind.PROCESSING)
    assert "обрабатывает их по поручению Оператора: не привлекается." in text
    assert "в том числе предоставление" not in text
