from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import (
    AcademicYear,
    Consent,
    MenteeEntry,
    MentorEntry,
    MentoringForm,
    Person,
    Tag,
)
from tests.mentoring.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _consent(person: Person, kind: str = Consent.Kind.PROCESSING, **extra) -> Consent:
    return Consent.objects.create(
        person=person,
        kind=kind,
        given_on=TODAY - timedelta(days=30),
        text_version="2025-09",
        text_sha256="0" * 64,
        **extra,
    )


def _mentee_application(**extra) -> dict:
    return {
        "bank": "mentee",
        "categories": [MenteeEntry.Category.YOUNG_SPECIALIST],
        "requests": "Дисциплина на уроке, Работа с родителями",
        "requests_text": "Трудно удержать внимание 7 «Б».",
        **extra,
    }


@pytest.fixture
def year(school) -> AcademicYear:
    return school.academic_years.get(is_current=True)


def test_teacher_with_consent_applies_as_mentee_and_becomes_a_candidate(client, teacher, year):
    _consent(teacher.person)
    Tag.objects.create(organisation=year.organisation, name="Дисциплина на уроке")
    client.force_login(teacher)
    response = client.post(reverse("bank_apply"), _mentee_application())
    assert response.status_code == 302
    assert response["Location"] == reverse("my_participation")
    entry = MenteeEntry.objects.get(person=teacher.person)
    assert entry.academic_year == year
    assert entry.status == MenteeEntry.Status.CANDIDATE
    assert entry.categories == [MenteeEntry.Category.YOUNG_SPECIALIST]
    assert entry.request_sources == [MenteeEntry.Source.QUESTIONNAIRE]
    assert entry.requests_text == "Трудно удержать внимание 7 «Б»."
    assert sorted(t.name for t in entry.requests.all()) == [
        "Дисциплина на уроке",
        "Работа с родителями",
    ]
    # The existing catalogue entry is reused, the new request joins the catalogue.
    assert Tag.objects.filter(organisation=year.organisation).count() == 2
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("2026/2027" in m for m in messages)


def test_teacher_applies_as_mentor_with_grounds_competences_and_capacity(client, teacher, year):
    _consent(teacher.person)
    form = MentoringForm.objects.get(name="педагог – педагог")
    client.force_login(teacher)
    response = client.post(
        reverse("bank_apply"),
        {
            "bank": "mentor",
            "grounds": [MentorEntry.Ground.HIGHEST_CATEGORY, MentorEntry.Ground.AUTHOR],
            "competences": "Подготовка к ОГЭ; Проектная деятельность",
            "capacity": "2",
            "preferred_forms": [form.pk],
        },
    )
    assert response.status_code == 302
    entry = MentorEntry.objects.get(person=teacher.person)
    assert entry.academic_year == year
    assert entry.status == MentorEntry.Status.CANDIDATE
    assert entry.grounds == [MentorEntry.Ground.HIGHEST_CATEGORY, MentorEntry.Ground.AUTHOR]
    assert entry.capacity == 2
    assert {t.name for t in entry.competences.all()} == {
        "Подготовка к ОГЭ",
        "Проектная деятельность",
    }
    assert list(entry.preferred_forms.all()) == [form]


def test_application_without_consent_is_refused_and_creates_nothing(client, teacher, year):
    client.force_login(teacher)
    response = client.post(reverse("bank_apply"), _mentee_application())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Нет действующего согласия на обработку персональных данных" in content
    assert "Попросите у куратора наставничества бланк согласия" in content
    # The consent form is printed by the curator: a teacher gets no link they may not open.
    assert reverse("consent_form_pdf", args=[teacher.person.pk]) not in content
    assert not MenteeEntry.objects.exists()


def test_withdrawn_consent_does_not_count(client, teacher, year):
    _consent(teacher.person, withdrawn_on=TODAY - timedelta(days=1))
    client.force_login(teacher)
    response = client.post(reverse("bank_apply"), _mentee_application())
    assert 'data-testid="no-consent"' in response.content.decode()
    assert not MenteeEntry.objects.exists()


def test_form_is_not_offered_without_consent(client, teacher, year):
    client.force_login(teacher)
    content = client.get(reverse("bank_apply")).content.decode()
    assert 'data-testid="no-consent"' in content
    assert 'id="apply-form"' not in content


def test_second_application_to_the_same_bank_is_refused(client, teacher, year):
    _consent(teacher.person)
    client.force_login(teacher)
    client.post(reverse("bank_apply"), _mentee_application())
    response = client.post(reverse("bank_apply"), _mentee_application())
    assert response.status_code == 200
    content = response.content.decode()
    assert "Вы уже подали заявку в банк наставляемых на этот учебный год." in content
    assert MenteeEntry.objects.count() == 1


def test_mentee_may_also_apply_as_mentor_and_then_has_nothing_left_to_apply_for(
    client, teacher, year
):
    _consent(teacher.person)
    client.force_login(teacher)
    client.post(reverse("bank_apply"), _mentee_application())
    response = client.get(reverse("bank_apply"))
    assert response.context["form"].initial["bank"] == "mentor"
    client.post(reverse("bank_apply"), {"bank": "mentor", "competences": "Цифровые инструменты"})
    assert MentorEntry.objects.filter(person=teacher.person, capacity=1).exists()
    content = client.get(reverse("bank_apply")).content.decode()
    assert "Вы уже подали обе заявки" in content
    assert 'id="apply-form"' not in content


def test_empty_applications_are_sent_back_with_a_reason(client, teacher, year):
    _consent(teacher.person)
    client.force_login(teacher)
    mentee = client.post(reverse("bank_apply"), {"bank": "mentee"})
    assert "с чем нужна помощь" in mentee.content.decode()
    mentor = client.post(reverse("bank_apply"), {"bank": "mentor", "capacity": "1"})
    assert "чем вы готовы поделиться" in mentor.content.decode()
    assert not MenteeEntry.objects.exists() and not MentorEntry.objects.exists()


def test_application_needs_an_open_academic_year(client, teacher, year):
    _consent(teacher.person)
    year.delete()
    client.force_login(teacher)
    response = client.post(reverse("bank_apply"), _mentee_application())
    assert 'data-testid="no-year"' in response.content.decode()
    assert not MenteeEntry.objects.exists()


def test_tag_catalogue_of_own_school_is_suggested(client, teacher, year, other_school):
    _consent(teacher.person)
    Tag.objects.create(organisation=year.organisation, name="Работа с детьми с ОВЗ")
    Tag.objects.create(organisation=other_school, name="Чужой запрос")
    client.force_login(teacher)
    content = client.get(reverse("bank_apply")).content.decode()
    assert '<option value="Работа с детьми с ОВЗ">' in content
    assert "Чужой запрос" not in content
    assert 'list="tag-catalogue"' in content


def test_participation_shows_own_entries_and_consents_only(client, teacher, school, year):
    own = teacher.person
    _consent(own)
    _consent(own, kind=Consent.Kind.DISSEMINATION, withdrawn_on=TODAY)
    old_year = AcademicYear.objects.create(
        organisation=school, start_date=date(2025, 9, 1), end_date=date(2026, 8, 31)
    )
    entry = MenteeEntry.objects.create(
        organisation=school,
        academic_year=old_year,
        person=own,
        status=MenteeEntry.Status.FINISHED,
        categories=[MenteeEntry.Category.YOUNG_SPECIALIST],
    )
    entry.requests.add(Tag.objects.create(organisation=school, name="Оформление документации"))
    MentorEntry.objects.create(
        organisation=school,
        academic_year=year,
        person=own,
        status=MentorEntry.Status.TRAINED,
        training_course="Наставничество в образовательной организации",
        training_hours=36,
    )
    colleague = PersonFactory(organisation=school, last_name="Чужакова")
    _consent(colleague, representative_name="Чужаков Пётр Ильич")
    other = MenteeEntry.objects.create(
        organisation=school, academic_year=year, person=colleague, requests_text="Секрет коллеги"
    )
    other.requests.add(Tag.objects.create(organisation=school, name="Запрос коллеги"))

    client.force_login(teacher)
    response = client.get(reverse("my_participation"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Банк наставляемых, 2025/2026" in content
    assert "Завершил(а) программу" in content
    assert "Молодой педагог (молодой специалист)" in content
    assert "Оформление документации" in content
    assert "Банк наставников, 2026/2027" in content
    assert "Обучение пройдено" in content
    assert "36 часов" in content
    assert content.count("<tr>") == 2 + 1  # two consents and the header
    assert "Отозвано" in content and "Действует" in content
    for foreign in ("Чужакова", "Секрет коллеги", "Запрос коллеги", "Чужаков Пётр"):
        assert foreign not in content
    assert reverse("bank_apply") in content


def test_participation_without_entries_invites_to_apply(client, teacher):
    client.force_login(teacher)
    content = client.get(reverse("my_participation")).content.decode()
    assert "Вы пока не подавали заявок" in content
    assert "Согласий пока нет." in content


@pytest.mark.parametrize("name", ["my_participation", "bank_apply"])
def test_account_without_staff_record_gets_a_friendly_page(client, curator, name):
    client.force_login(curator)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "не связана с записью сотрудника" in response.content.decode()


@pytest.mark.parametrize("name", ["my_participation", "bank_apply"])
def test_anonymous_is_sent_to_sign_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
