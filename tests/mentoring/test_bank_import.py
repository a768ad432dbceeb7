from datetime import date

import pytest
from django.test import TestCase
from django.urls import reverse

from mentoring.models import MenteeEntry, MentorEntry, StaffImport
from mentoring.services.banks import mentee_add, mentor_add
from tests.mentoring.bank_factories import person_with_consent
from tests.mentoring.factories import PersonFactory
from tests.mentoring.xlsx_helpers import upload, xlsx_bytes

pytestmark = pytest.mark.django_db

MENTEE_HEADERS = ["ФИО", "Категории", "Запросы", "Статус", "Желаемые формы наставничества"]
MENTOR_HEADERS = ["ФИО", "E-mail", "Основания", "Компетенции", "Наставляемых одновременно"]


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


def _preview(client, url_name: str, school, content: bytes) -> StaffImport:
    response = client.post(reverse(url_name, args=[school.pk]), {"file": upload(content)})
    assert response.status_code == 302, response.context["form"].errors
    staff_import = StaffImport.objects.latest("pk")
    assert response.url == reverse("people_import_preview", args=[staff_import.pk])
    return staff_import


def _apply(client, staff_import: StaffImport) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("people_import_apply", args=[staff_import.pk]))
    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.APPLIED


def _actions(staff_import: StaffImport) -> list[str]:
    return [row["action"] for row in staff_import.rows]


def test_mentee_file_adds_entries_after_confirmation(curator_client, school):
    person = person_with_consent(organisation=school, last_name="Лебедева", first_name="Анна")
    content = xlsx_bytes(
        MENTEE_HEADERS,
        [
            person.full_name,
            "Молодой специалист; Профессиональное, эмоциональное выгорание",
            "Дисциплина на уроке, ИКТ",
            "В банке",
            "педагог – педагог",
        ],
    )
    staff_import = _preview(curator_client, "mentee_import", school, content)
    assert staff_import.target == "mentees"
    assert _actions(staff_import) == ["create"]
    assert not MenteeEntry.objects.exists()
    page = curator_client.get(reverse("people_import_preview", args=[staff_import.pk]))
    assert reverse("mentee_list", args=[school.pk]) in page.content.decode()

    _apply(curator_client, staff_import)
    entry = MenteeEntry.objects.get(person=person)
    assert entry.academic_year == school.academic_years.get()
    assert entry.status == MenteeEntry.Status.IN_BANK
    assert entry.categories == ["young_specialist", "burnout"]
    assert sorted(t.name for t in entry.requests.all()) == ["Дисциплина на уроке", "ИКТ"]
    assert [f.name for f in entry.preferred_forms.all()] == ["педагог – педагог"]


def test_mentor_file_adds_entries_matched_by_email(curator_client, school):
    person = person_with_consent(organisation=school, email="orlov@school.test")
    content = xlsx_bytes(
        MENTOR_HEADERS,
        ["Орлов Иван", "ORLOV@school.test", "Автор учебных и методических материалов", "ИКТ", 3],
    )
    staff_import = _preview(curator_client, "mentor_import", school, content)
    assert _actions(staff_import) == ["create"]
    _apply(curator_client, staff_import)
    entry = MentorEntry.objects.get(person=person)
    assert (entry.grounds, entry.capacity) == (["author"], 3)
    assert [t.name for t in entry.competences.all()] == ["ИКТ"]


@pytest.mark.parametrize("bank", ["mentee", "mentor"])
def test_exported_bank_imports_back_with_no_changes(curator_client, school, bank):
    year = school.academic_years.get()
    person = person_with_consent(organisation=school)
    if bank == "mentee":
        mentee_add(
            academic_year=year,
            person=person,
            categories=["burnout", "digital"],
            request_names=["ИКТ"],
            requests_text="Хочу вести\nуроки лучше",
            request_sources=["psychologist"],
            comment="Первый год",
        )
    else:
        mentor_add(
            academic_year=year,
            person=person,
            grounds=["author"],
            competence_names=["ИКТ", "Проекты"],
            capacity=2,
            details={
                "interview_date": date(2025, 9, 10),
                "interview_result": "Рекомендован",
                "interview_psychologist_present": True,
                "training_hours": 36,
            },
        )
    exported = curator_client.get(reverse(f"{bank}_export", args=[school.pk])).content
    staff_import = _preview(curator_client, f"{bank}_import", school, exported)
    assert _actions(staff_import) == ["unchanged"]
    assert all(column["key"] for column in staff_import.columns)


def test_person_without_consent_is_a_row_error(curator_client, school):
    person = PersonFactory(organisation=school)
    content = xlsx_bytes(["ФИО", "Статус"], [person.full_name, "Кандидат"])
    staff_import = _preview(curator_client, "mentee_import", school, content)
    [row] = staff_import.rows
    assert (row["action"], row["row"]) == ("error", 2)
    assert row["errors"][0]["column"] == "ФИО"
    assert "согласия на обработку" in row["errors"][0]["message"]
    page = curator_client.get(reverse("people_import_preview", args=[staff_import.pk]))
    assert "Строка 2, столбец «ФИО»" in page.content.decode()


def test_person_missing_from_directory_and_bad_cells_are_row_errors(curator_client, school):
    person = person_with_consent(organisation=school)
    content = xlsx_bytes(
        MENTOR_HEADERS,
        ["Нетов Никто", "", "", "", 2],
        [person.full_name, "", "Летает", "", 11],
    )
    staff_import = _preview(curator_client, "mentor_import", school, content)
    missing, bad = staff_import.rows
    assert "нет в справочнике участников" in missing["errors"][0]["message"].casefold()
    assert [e["column"] for e in bad["errors"]] == ["Основания", "Наставляемых одновременно"]


def test_reimport_updates_the_entry_and_repeated_rows_are_errors(curator_client, school):
    person = person_with_consent(organisation=school)
    headers = ["ФИО", "Статус"]
    _apply(
        curator_client,
        _preview(
            curator_client,
            "mentee_import",
            school,
            xlsx_bytes(headers, [person.full_name, "Кандидат"]),
        ),
    )
    again = xlsx_bytes(headers, [person.full_name, "В банке"], [person.full_name, "Кандидат"])
    staff_import = _preview(curator_client, "mentee_import", school, again)
    assert _actions(staff_import) == ["update", "error"]
    assert "уже есть в строке 2" in staff_import.rows[1]["errors"][0]["message"]
    _apply(curator_client, staff_import)
    entry = MenteeEntry.objects.get()
    assert entry.status == MenteeEntry.Status.IN_BANK


def test_a_file_that_is_not_xlsx_is_refused(curator_client, school):
    response = curator_client.post(
        reverse("mentor_import", args=[school.pk]), {"file": upload(b"a;b;c", "bank.csv")}
    )
    assert response.status_code == 200
    assert "Это не файл Excel" in " ".join(response.context["form"].errors["file"])
    assert not StaffImport.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("curator", 200), ("psychologist", 403), ("teacher", 403), ("outsider", 404)],
)
def test_only_bank_managers_open_the_upload_page(client, school, request, role, status):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("mentee_import", args=[school.pk])).status_code == status


def test_the_bank_list_offers_the_import_to_managers(client, school, curator, psychologist):
    url = reverse("mentee_import", args=[school.pk])
    client.force_login(curator)
    assert url in client.get(reverse("mentee_list", args=[school.pk])).content.decode()
    client.force_login(psychologist)
    assert url not in client.get(reverse("mentee_list", args=[school.pk])).content.decode()
