from datetime import date, datetime
from io import BytesIO

import pytest
from auditlog.models import LogEntry
from django.db import OperationalError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook

from mentoring.imports import staff as staff_import_service
from mentoring.models import Person, StaffImport
from mentoring.tasks import apply_staff_import
from tests.mentoring.bank_factories import withdraw_processing
from tests.mentoring.factories import PersonFactory, SubjectFactory
from tests.mentoring.xlsx_helpers import HEADERS, read_rows, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

IVANOVA = [
    "Иванова",
    "Мария",
    "Петровна",
    datetime(1985, 4, 12),
    "Учитель математики",
    "Математика; информатика",
    12,
    "Первая",
    "Ivanova@School.test",
    "+7 912  345-67-89",
]
PETROV = ["Петров", "Олег", "", "03.11.1979", "Учитель истории", "История", "2001", "высшая"]


def _post(client, school, content: bytes, name: str = "staff.xlsx"):
    return client.post(reverse("people_import", args=[school.pk]), {"file": upload(content, name)})


def _preview(client, school, content: bytes) -> StaffImport:
    response = _post(client, school, content)
    assert response.status_code == 302, response.context["form"].errors
    staff_import = StaffImport.objects.latest("pk")
    assert response.url == reverse("people_import_preview", args=[staff_import.pk])
    return staff_import


def _apply(client, staff_import: StaffImport, *, run_task: bool = True):
    """Confirm the import; the task it queues runs in-process, as it does with no broker."""
    with TestCase.captureOnCommitCallbacks(execute=run_task):
        return client.post(reverse("people_import_apply", args=[staff_import.pk]))


def _page(client, staff_import: StaffImport, **headers) -> str:
    response = client.get(reverse("people_import_preview", args=[staff_import.pk]), **headers)
    assert response.status_code == 200
    return response.content.decode()


def _actions(staff_import: StaffImport) -> list[str]:
    return [row["action"] for row in staff_import.rows]


def _form_error(client, school, content: bytes, name: str = "staff.xlsx") -> str:
    response = _post(client, school, content, name)
    assert response.status_code == 200
    assert not StaffImport.objects.exists()
    return " ".join(response.context["form"].errors["file"])


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


# Reading good files.


def test_three_name_columns_create_people_after_confirmation(curator_client, school):
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA, PETROV))

    assert _actions(staff_import) == ["create", "create"]
    assert not Person.objects.exists()

    response = _apply(curator_client, staff_import)
    assert response.status_code == 302
    assert response.url == reverse("people_import_preview", args=[staff_import.pk])
    ivanova = Person.objects.get(last_name="Иванова")
    assert ivanova.organisation == school
    assert ivanova.kind == Person.Kind.TEACHER
    assert (ivanova.first_name, ivanova.patronymic) == ("Мария", "Петровна")
    assert ivanova.birth_date == date(1985, 4, 12)
    assert ivanova.position == "Учитель математики"
    assert sorted(s.name for s in ivanova.subjects.all()) == ["Информатика", "Математика"]
    assert ivanova.teaching_since == timezone.localdate().year - 12
    assert ivanova.category == Person.Category.FIRST
    assert ivanova.email == "ivanova@school.test"
    assert ivanova.phone == "+7 912 345-67-89"
    petrov = Person.objects.get(last_name="Петров")
    assert petrov.patronymic == ""
    assert petrov.birth_date == date(1979, 11, 3)
    assert petrov.teaching_since == 2001
    assert petrov.category == Person.Category.HIGHEST
    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.APPLIED
    assert (staff_import.created_count, staff_import.updated_count) == (2, 0)
    assert staff_import.applied_at is not None


def test_fio_in_one_column_is_split_with_multiword_patronymic(curator_client, school):
    content = xlsx_bytes(
        ["ФИО", "Должность"],
        ["Мамедов Эльчин Рашид оглы", "Учитель физики"],
        ["  Сидорова   Анна  ", "Педагог-психолог"],
    )
    _apply(curator_client, _preview(curator_client, school, content))

    mamedov = Person.objects.get(last_name="Мамедов")
    assert (mamedov.first_name, mamedov.patronymic) == ("Эльчин", "Рашид оглы")
    sidorova = Person.objects.get(last_name="Сидорова")
    assert (sidorova.first_name, sidorova.patronymic) == ("Анна", "")


def test_headers_in_odd_case_and_spacing_below_a_title_are_recognised(curator_client, school):
    content = xlsx_bytes(
        ["Список педагогических работников"],
        [],
        [
            "  ф.и.о.  ",
            "ДАТА   РОЖДЕНИЯ:",
            "предмет(ы)",
            "Педагогический  стаж",
            "Категория",
            "эл. почта",
            "Табельный номер",
        ],
        [
            "Кузнецова Ольга Ивановна",
            "05.09.1984",
            "Химия, биология",
            "12,5 лет",
            "СЗД",
            "kuz@school.test",
            "0042",
        ],
    )
    staff_import = _preview(curator_client, school, content)

    [row] = staff_import.rows
    assert row["row"] == 4
    assert row["action"] == "create"
    assert row["data"]["birth_date"] == "1984-09-05"
    assert row["data"]["subjects"] == ["Химия", "Биология"]
    assert row["data"]["teaching_since"] == timezone.localdate().year - 12
    assert row["data"]["category"] == Person.Category.NONE
    page = curator_client.get(reverse("people_import_preview", args=[staff_import.pk]))
    assert "«Табельный номер»" in page.content.decode()


def test_excel_date_cell_and_short_text_date_are_read(curator_client, school):
    content = xlsx_bytes(
        ["ФИО", "Дата рождения"],
        ["Орлова Вера Павловна", datetime(1990, 1, 31)],
        ["Орлов Павел Ильич", "5.9.1984"],
    )
    staff_import = _preview(curator_client, school, content)
    assert [row["data"]["birth_date"] for row in staff_import.rows] == ["1990-01-31", "1984-09-05"]


def test_yo_is_kept_in_stored_names(curator_client, school):
    content = xlsx_bytes(["ФИО"], ["Семёнова Алёна Фёдоровна"])
    _apply(curator_client, _preview(curator_client, school, content))
    assert Person.objects.get().full_name == "Семёнова Алёна Фёдоровна"


def test_name_written_with_e_matches_stored_yo_and_restores_yo(curator_client, school):
    stored = PersonFactory(
        organisation=school,
        last_name="Семенова",
        first_name="Алена",
        patronymic="",
        birth_date=date(1990, 2, 3),
        email="",
    )
    content = xlsx_bytes(["ФИО", "Дата рождения"], ["Семёнова Алёна", "03.02.1990"])
    staff_import = _preview(curator_client, school, content)

    assert _actions(staff_import) == ["update"]
    assert staff_import.rows[0]["person_id"] == stored.pk
    _apply(curator_client, staff_import)
    stored.refresh_from_db()
    assert (stored.last_name, stored.first_name) == ("Семёнова", "Алёна")
    assert Person.objects.count() == 1


def test_kind_column_sets_another_kind(curator_client, school):
    content = xlsx_bytes(["ФИО", "Вид участника"], ["Лебедев Антон", "другой сотрудник"])
    _apply(curator_client, _preview(curator_client, school, content))
    assert Person.objects.get().kind == Person.Kind.STAFF


def test_existing_subject_is_reused_whatever_its_case(curator_client, school):
    maths = SubjectFactory(name="Математика")
    content = xlsx_bytes(["ФИО", "Предметы"], ["Белова Ирина", "математика"])
    _apply(curator_client, _preview(curator_client, school, content))
    assert list(Person.objects.get().subjects.all()) == [maths]


# Matching and duplicates.


def test_reimport_of_the_same_file_changes_nothing(curator_client, school):
    content = xlsx_bytes(HEADERS, IVANOVA, PETROV)
    _apply(curator_client, _preview(curator_client, school, content))

    second = _preview(curator_client, school, content)
    assert _actions(second) == ["unchanged", "unchanged"]
    page = curator_client.get(reverse("people_import_preview", args=[second.pk])).content.decode()
    assert "Изменений нет" in page
    assert "Этот же файл уже загружался" in page

    _apply(curator_client, second)
    second.refresh_from_db()
    assert (second.created_count, second.updated_count) == (0, 0)
    assert Person.objects.count() == 2


def _stored_ivanova(school, **extra) -> Person:
    """Иванова of the IVANOVA row as the directory keeps her, a plain «Учитель»."""
    return PersonFactory(
        organisation=school,
        last_name="Иванова",
        first_name="Мария",
        patronymic="Петровна",
        email="ivanova@school.test",
        position="Учитель",
        **extra,
    )


def test_changed_fields_are_shown_and_updated(curator_client, school):
    stored = _stored_ivanova(school, category=Person.Category.NONE)
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA))

    [row] = staff_import.rows
    assert row["action"] == "update"
    assert row["person_id"] == stored.pk
    changes = {c["field"]: (c["old"], c["new"]) for c in row["changes"]}
    assert changes["Должность"] == ("Учитель", "Учитель математики")
    assert changes["Квалификационная категория"] == ("Без категории", "Первая")
    page = curator_client.get(reverse("people_import_preview", args=[staff_import.pk]))
    assert "Учитель математики" in page.content.decode()

    _apply(curator_client, staff_import)
    stored.refresh_from_db()
    assert stored.position == "Учитель математики"
    assert stored.category == Person.Category.FIRST
    staff_import.refresh_from_db()
    assert (staff_import.created_count, staff_import.updated_count) == (0, 1)


def test_empty_cells_do_not_erase_stored_values(curator_client, school):
    stored = PersonFactory(
        organisation=school,
        last_name="Иванова",
        first_name="Мария",
        patronymic="Петровна",
        email="ivanova@school.test",
        phone="8 800 000-00-00",
        position="Учитель математики",
    )
    content = xlsx_bytes(
        ["ФИО", "E-mail", "Телефон"], ["Иванова Мария Петровна", "ivanova@school.test", None]
    )
    staff_import = _preview(curator_client, school, content)
    assert _actions(staff_import) == ["unchanged"]
    stored.refresh_from_db()
    assert stored.phone == "8 800 000-00-00"


def test_people_of_another_school_are_not_matched(curator_client, school, other_school):
    PersonFactory(organisation=other_school, email="ivanova@school.test")
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA))
    assert _actions(staff_import) == ["create"]


def test_duplicate_row_in_the_file_is_an_error_on_the_later_row(curator_client, school):
    content = xlsx_bytes(
        ["ФИО", "Дата рождения", "E-mail"],
        ["Орлова Вера", "01.02.1980", ""],
        ["Петров Олег", "", "petrov@school.test"],
        ["орлова вера", "01.02.1980", ""],
        ["Петров Олег Ильич", "", "PETROV@school.test"],
    )
    staff_import = _preview(curator_client, school, content)

    assert _actions(staff_import) == ["create", "create", "error", "error"]
    assert staff_import.rows[2]["errors"] == [
        {"column": "ФИО", "message": "Этот человек уже есть в строке 2."}
    ]
    assert "строке 3" in staff_import.rows[3]["errors"][0]["message"]


def test_person_added_after_preview_is_updated_not_duplicated(curator_client, school):
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA))
    assert _actions(staff_import) == ["create"]
    meanwhile = PersonFactory(organisation=school, email="ivanova@school.test")

    _apply(curator_client, staff_import)

    assert Person.objects.get() == meanwhile
    meanwhile.refresh_from_db()
    assert meanwhile.last_name == "Иванова"


def test_row_that_now_matches_two_people_is_skipped_and_reported(curator_client, school):
    staff_import = _preview(curator_client, school, xlsx_bytes(["ФИО"], ["Орлова Вера"]))
    assert _actions(staff_import) == ["create"]
    PersonFactory.create_batch(
        2, organisation=school, last_name="Орлова", first_name="Вера", patronymic=""
    )

    _apply(curator_client, staff_import)

    staff_import.refresh_from_db()
    assert (staff_import.created_count, staff_import.skipped_count) == (0, 1)
    assert Person.objects.count() == 2
    assert "Пропущено строк: 1" in _page(curator_client, staff_import)


def test_a_person_who_withdrew_consent_is_not_updated_by_an_import(curator_client, school):
    stored = _stored_ivanova(school)
    before = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA))
    withdraw_processing(stored)

    after = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA))
    _apply(curator_client, before)

    assert _actions(after) == ["error"]
    assert "отозвал согласие" in after.rows[0]["errors"][0]["message"]
    before.refresh_from_db()
    assert (before.updated_count, before.skipped_count) == (0, 1)
    stored.refresh_from_db()
    assert stored.position == "Учитель"


# Row errors.


def test_row_errors_name_the_row_and_the_column(curator_client, school):
    today = timezone.localdate()
    content = xlsx_bytes(
        ["ФИО", "Дата рождения", "Стаж", "Категория", "E-mail"],
        ["Первый Иван", "31.02.1980", "", "", ""],
        ["Второй Иван", date(today.year + 1, 1, 1), "", "", ""],
        ["Третий Иван", date(today.year - 10, 1, 1), "", "", ""],
        ["Четвёртый Иван", "", "сто лет", "", ""],
        ["Пятый Иван", "", "", "высокая", ""],
        ["Шестой Иван", "", "", "", "не почта"],
        ["Седьмой", "", "", "", ""],
        ["Восьмой Иван", "1980/02/01", "", "", ""],
        ["Девятый Иван", "01.02.1980", "12", "первая", "ok@school.test"],
    )
    staff_import = _preview(curator_client, school, content)

    errors = {row["row"]: row["errors"] for row in staff_import.rows}
    assert errors[2] == [
        {"column": "Дата рождения", "message": "Такой даты не существует: 31.02.1980."}
    ]
    assert errors[3] == [{"column": "Дата рождения", "message": "Дата рождения в будущем."}]
    assert errors[4][0]["column"] == "Дата рождения" and "Возраст 10" in errors[4][0]["message"]
    assert errors[5][0]["column"] == "Стаж"
    assert errors[6][0]["column"] == "Категория"
    assert "без категории" in errors[6][0]["message"]
    assert errors[7][0]["column"] == "E-mail"
    assert errors[8] == [{"column": "ФИО", "message": "Нужны как минимум фамилия и имя."}]
    assert "ДД.ММ.ГГГГ" in errors[9][0]["message"]
    assert errors[10] == []
    assert _actions(staff_import).count("error") == 8

    page = curator_client.get(reverse("people_import_preview", args=[staff_import.pk]))
    html = page.content.decode()
    assert "Строка 2, столбец «Дата рождения»: Такой даты не существует: 31.02.1980." in html
    assert "row-error" in html
    assert "Загрузить 1 запись" in html

    _apply(curator_client, staff_import)
    assert list(Person.objects.values_list("last_name", flat=True)) == ["Девятый"]


def test_file_with_only_bad_rows_offers_no_confirmation(curator_client, school):
    content = xlsx_bytes(["ФИО", "Дата рождения"], ["Иванов Иван", "вчера"])
    staff_import = _preview(curator_client, school, content)
    html = curator_client.get(reverse("people_import_preview", args=[staff_import.pk])).content
    assert reverse("people_import_apply", args=[staff_import.pk]) not in html.decode()
    assert "Загружать нечего" in html.decode()


# Bad files.


def test_text_file_is_refused(curator_client, school):
    message = _form_error(curator_client, school, "Иванов;Иван".encode(), "staff.txt")
    assert "не файл Excel .xlsx" in message


def test_csv_renamed_to_xlsx_is_refused(curator_client, school):
    message = _form_error(curator_client, school, b"FIO,Email\nIvanov,i@x.ru\n", "staff.xlsx")
    assert "не файл Excel .xlsx" in message


def test_zip_that_is_not_a_workbook_is_refused(curator_client, school):
    message = _form_error(curator_client, school, b"PK\x03\x04" + b"\x00" * 100)
    assert "не файл Excel .xlsx" in message


def test_password_protected_workbook_is_refused(curator_client, school):
    encrypted = BytesIO()
    OOXMLFile(BytesIO(xlsx_bytes(HEADERS, IVANOVA))).encrypt("secret", encrypted)
    message = _form_error(curator_client, school, encrypted.getvalue())
    assert "защищён паролем" in message


def test_old_xls_is_refused_as_protected_or_old(curator_client, school):
    cfb = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504
    message = _form_error(curator_client, school, cfb, "staff.xls")
    assert ".xls" in message


def test_empty_workbook_is_refused(curator_client, school):
    assert "Файл пуст" in _form_error(curator_client, school, xlsx_bytes())


def test_empty_upload_is_refused(curator_client, school):
    response = _post(curator_client, school, b"")
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not StaffImport.objects.exists()


def test_workbook_with_only_headers_is_refused(curator_client, school):
    message = _form_error(curator_client, school, xlsx_bytes(HEADERS))
    assert "только строка заголовков" in message


def test_workbook_without_a_name_column_is_refused(curator_client, school):
    message = _form_error(curator_client, school, xlsx_bytes(["Должность"], ["Учитель"]))
    assert "«ФИО»" in message


def test_workbook_over_ten_thousand_rows_is_refused(curator_client, school):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["ФИО"])
    for number in range(10_001):
        sheet.append([f"Иванов Иван{number}"])
    buffer = BytesIO()
    workbook.save(buffer)
    # A file this large is read by a worker, which refuses it with the reason.
    with TestCase.captureOnCommitCallbacks(execute=True):
        _post(curator_client, school, buffer.getvalue())

    staff_import = StaffImport.objects.get()
    assert staff_import.status == StaffImport.Status.FAILED
    assert "больше 10 000 строк" in staff_import.error
    assert "больше 10 000 строк" in _page(curator_client, staff_import)


def test_file_over_five_megabytes_is_refused(curator_client, school):
    content = b"PK\x03\x04" + b"\x00" * (5 * 1024 * 1024)
    assert "больше 5 МБ" in _form_error(curator_client, school, content)


# Applying.


def test_nothing_is_written_before_confirmation(curator_client, school):
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA, PETROV))
    curator_client.get(reverse("people_import_preview", args=[staff_import.pk]))
    assert not Person.objects.exists()
    assert staff_import.status == StaffImport.Status.PREVIEW
    assert staff_import.uploaded_by is not None
    assert len(staff_import.file_sha256) == 64


def test_confirmation_queues_the_import_and_the_task_applies_it(curator_client, school):
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA, PETROV))

    response = _apply(curator_client, staff_import, run_task=False)

    assert response.url == reverse("people_import_preview", args=[staff_import.pk])
    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.QUEUED
    assert staff_import.applied_by.email == "curator@school.test"
    assert not Person.objects.exists()
    page = _page(curator_client, staff_import)
    assert "Загрузка началась" in page
    assert "Загружаем 2" in page
    assert 'hx-trigger="every 2s"' in page
    assert reverse("people_import_apply", args=[staff_import.pk]) not in page

    apply_staff_import.delay(staff_import.pk)

    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.APPLIED
    assert (staff_import.created_count, staff_import.updated_count) == (2, 0)
    assert Person.objects.count() == 2


def test_applied_import_shows_totals_and_a_link_to_the_directory(curator_client, school):
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA, PETROV))
    _apply(curator_client, staff_import)

    page = _page(curator_client, staff_import)

    assert "Файл загружен в справочник" in page
    assert "добавлено — 2, обновлено — 0" in page
    assert "К списку участников" in page
    assert "spinner-border" not in page
    assert reverse("people_import_apply", args=[staff_import.pk]) not in page


def test_status_poll_gets_only_the_status_block(curator_client, school):
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA, PETROV))
    _apply(curator_client, staff_import, run_task=False)
    url = reverse("people_import_preview", args=[staff_import.pk])
    htmx = {"HX-Request": "true"}

    # Still running: no content, so htmx keeps the block and asks again.
    assert curator_client.get(url, headers=htmx).status_code == 204

    apply_staff_import.delay(staff_import.pk)
    block = _page(curator_client, staff_import, headers=htmx)

    assert "<html" not in block
    assert block.strip().startswith('<div id="import-status"')
    assert "добавлено — 2" in block
    assert reverse("people_list", args=[school.pk]) in block
    assert "hx-trigger" not in block


def test_applying_twice_does_not_duplicate(curator_client, school):
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA, PETROV))
    _apply(curator_client, staff_import)

    response = _apply(curator_client, staff_import)

    assert response.status_code == 302
    assert response.url == reverse("people_import_preview", args=[staff_import.pk])
    assert Person.objects.count() == 2
    page = curator_client.get(response.url).content.decode()
    assert "Этот файл уже загружен в справочник" in page
    assert reverse("people_import_apply", args=[staff_import.pk]) not in page


def test_confirming_again_while_it_runs_is_refused(curator_client, school):
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA, PETROV))
    _apply(curator_client, staff_import, run_task=False)

    response = _apply(curator_client, staff_import)

    assert "Загрузка уже идёт." in curator_client.get(response.url).content.decode()
    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.QUEUED
    assert not Person.objects.exists()


def test_failed_apply_writes_nothing_shows_the_error_and_can_be_retried(
    curator_client, school, monkeypatch, caplog
):
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA, PETROV))
    create = staff_import_service._person_create
    calls = []

    def create_crashing_on_second_row(*args):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("disk I/O error")
        create(*args)

    monkeypatch.setattr(staff_import_service, "_person_create", create_crashing_on_second_row)

    _apply(curator_client, staff_import)

    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.FAILED
    assert not Person.objects.exists()  # the first row went back with the second
    assert "disk I/O error" in caplog.text
    page = _page(curator_client, staff_import)
    assert "Не удалось загрузить файл" in page
    assert "disk I/O error" not in page
    assert "Повторить" in page
    assert reverse("people_import_apply", args=[staff_import.pk]) in page

    _apply(curator_client, staff_import)

    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.APPLIED
    assert staff_import.error == ""
    assert (staff_import.created_count, staff_import.updated_count) == (2, 0)
    assert Person.objects.count() == 2


def test_busy_database_is_retried_by_the_task(curator_client, school, monkeypatch):
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA))
    create = staff_import_service._person_create
    calls = []

    def create_locked_once(*args):
        calls.append(args)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        create(*args)

    monkeypatch.setattr(staff_import_service, "_person_create", create_locked_once)
    _apply(curator_client, staff_import, run_task=False)

    # As a worker runs it; in-process runs hand the error straight back instead of retrying.
    apply_staff_import.apply(args=[staff_import.pk], throw=False)

    assert len(calls) == 2
    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.APPLIED
    assert Person.objects.count() == 1


def test_task_run_twice_adds_nobody_twice(curator_client, school):
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA, PETROV))
    _apply(curator_client, staff_import, run_task=False)

    apply_staff_import.delay(staff_import.pk)
    apply_staff_import.delay(staff_import.pk)

    assert Person.objects.count() == 2
    staff_import.refresh_from_db()
    assert (staff_import.created_count, staff_import.updated_count) == (2, 0)


def test_task_redelivered_after_a_worker_died_finishes_the_import(curator_client, school):
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA, PETROV))
    StaffImport.objects.filter(pk=staff_import.pk).update(status=StaffImport.Status.APPLYING)

    apply_staff_import.delay(staff_import.pk)

    staff_import.refresh_from_db()
    assert staff_import.status == StaffImport.Status.APPLIED
    assert Person.objects.count() == 2


def test_import_changes_are_in_the_audit_log_under_the_confirming_user(
    curator_client, curator, school
):
    stored = PersonFactory(
        organisation=school,
        last_name="Иванова",
        first_name="Мария",
        patronymic="Петровна",
        email="ivanova@school.test",
        position="Учитель",
    )
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA, PETROV))
    _apply(curator_client, staff_import, run_task=False)

    apply_staff_import.delay(staff_import.pk)  # as in a worker: no request, no signed-in user

    petrov = Person.objects.get(last_name="Петров")
    created = LogEntry.objects.get_for_object(petrov)
    assert {entry.action for entry in created} == {LogEntry.Action.CREATE, LogEntry.Action.UPDATE}
    subjects = created.get(action=LogEntry.Action.UPDATE).changes_dict["subjects"]
    assert subjects["objects"] == ["История"]
    updated = LogEntry.objects.get_for_object(stored).filter(action=LogEntry.Action.UPDATE)
    [fields] = [entry.changes_dict for entry in updated if "position" in entry.changes_dict]
    assert fields["position"] == ["Учитель", "Учитель математики"]
    assert {entry.actor for entry in [*created, *updated]} == {curator}


# Pages and permissions.


def test_import_page_shows_form_and_template_link(curator_client, school):
    response = curator_client.get(reverse("people_import", args=[school.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'accept=".xlsx' in html
    assert reverse("people_import_template", args=[school.pk]) in html


def test_template_downloads_and_imports_back(curator_client, school):
    response = curator_client.get(reverse("people_import_template", args=[school.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    content = response.content
    header, example = read_rows(content)
    assert header[:3] == ("Фамилия", "Имя", "Отчество")
    assert example[0] == "Иванова"
    assert any("E-mail" in row for row in read_rows(content, sheet=1))

    staff_import = _preview(curator_client, school, content)
    assert _actions(staff_import) == ["create"]


@pytest.mark.parametrize("role", ["curator", "director"])
def test_school_leaders_may_import(client, school, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("people_import", args=[school.pk])).status_code == 200
    assert client.get(reverse("people_import_template", args=[school.pk])).status_code == 200


def test_teacher_may_not_import(client, teacher, curator, school):
    client.force_login(curator)
    staff_import = _preview(client, school, xlsx_bytes(HEADERS, IVANOVA))
    client.force_login(teacher)
    assert client.get(reverse("people_import", args=[school.pk])).status_code == 403
    assert client.get(reverse("people_import_template", args=[school.pk])).status_code == 403
    assert client.get(reverse("people_import_preview", args=[staff_import.pk])).status_code == 403
    assert _apply(client, staff_import).status_code == 403
    assert not Person.objects.filter(last_name="Иванова").exists()


def test_outsider_gets_404(client, outsider, curator, school):
    client.force_login(curator)
    staff_import = _preview(client, school, xlsx_bytes(HEADERS, IVANOVA))
    client.force_login(outsider)
    assert client.get(reverse("people_import", args=[school.pk])).status_code == 404
    assert client.get(reverse("people_import_preview", args=[staff_import.pk])).status_code == 404
    assert _apply(client, staff_import).status_code == 404
    assert not Person.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, school):
    response = client.get(reverse("people_import", args=[school.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_apply_refuses_get(curator_client, school):
    staff_import = _preview(curator_client, school, xlsx_bytes(HEADERS, IVANOVA))
    response = curator_client.get(reverse("people_import_apply", args=[staff_import.pk]))
    assert response.status_code == 405
    assert not Person.objects.exists()


def test_unknown_import_is_404(curator_client):
    assert curator_client.get(reverse("people_import_preview", args=[999])).status_code == 404
