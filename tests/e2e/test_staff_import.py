import re
from datetime import datetime

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from mentoring.models import Person

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADERS = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Должность"]
GOOD_ROWS = [
    ["Соколова", "Ирина", "Павловна", datetime(1984, 3, 2), "Учитель математики"],
    ["Лебедев", "Андрей", "Николаевич", "15.09.1990", "Учитель физики"],
    ["Кузнецова", "Ольга", "Игоревна", datetime(1995, 11, 23), "Учитель русского языка"],
]
# Row 5 of the sheet: the header is row 1.
BAD_ROW = ["Морозов", "Пётр", "Ильич", "31.02.1980", "Учитель истории"]


@pytest.fixture
def staff_file(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    for row in (HEADERS, *GOOD_ROWS, BAD_ROW):
        sheet.append(row)
    path = tmp_path / "сотрудники.xlsx"
    workbook.save(path)
    return path


def test_curator_imports_staff_file_through_the_pages(
    page, live_server, sign_in, screenshot, curator, school, staff_file
):
    sign_in(curator.email)
    menu = page.get_by_role("navigation", name="Основная навигация")
    menu.get_by_role("button", name="Участники").click()
    menu.get_by_role("link", name="Список участников").click()
    page.get_by_role("link", name="Импорт из Excel").first.click()

    page.get_by_label("Файл Excel (.xlsx)").set_input_files(staff_file)
    page.get_by_role("button", name="Проверить файл").click()

    expect(page.locator(".stat-card", has_text="Новых")).to_contain_text("3")
    expect(page.locator(".stat-card", has_text="С ошибками")).to_contain_text("1")
    error_row = page.get_by_role("row", name=re.compile("Ошибка"))
    expect(error_row).to_have_count(1)
    expect(error_row).to_contain_text("Строка 5")
    expect(error_row).to_contain_text("Дата рождения")
    screenshot("staff-import-preview")
    assert not Person.objects.exists()

    page.get_by_role("button", name=re.compile(r"^Загрузить 3 ")).click()

    # The file is written by a background task; the page shows the result when it is done.
    status = page.get_by_role("status").filter(has_text="Файл загружен в справочник")
    expect(status).to_contain_text("добавлено — 3", timeout=30_000)
    status.get_by_role("link", name="К списку участников").click()

    expect(page).to_have_url(f"{live_server.url}/schools/{school.pk}/people/")
    for last_name, first_name, patronymic, *_ in GOOD_ROWS:
        expect(page.get_by_role("main")).to_contain_text(f"{last_name} {first_name} {patronymic}")
    expect(page.get_by_role("main")).not_to_contain_text("Морозов")
    screenshot("staff-import-done")
    assert Person.objects.filter(organisation=school).count() == 3


def test_duties_a_list_gives_are_read_and_the_rest_shown_as_not_taken(
    page, live_server, sign_in, screenshot, curator, school, tmp_path
):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Педагогические работники на 01.09.2026"])
    sheet.merge_cells("A1:C1")
    sheet.append(["Ф.И.О. педагога", "Должность", "Функционал"])
    sheet.append(["Соколова Ирина Павловна", "Учитель математики", "кл. рук. 7 «Б», рук. ШМО"])
    sheet.append(["Лебедев Андрей Николаевич", "Учитель физики", "соц. педагог; профорг"])
    path = tmp_path / "педагоги.xlsx"
    workbook.save(path)

    sign_in(curator.email)
    page.goto(f"{live_server.url}/schools/{school.pk}/people/import/")
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(path)
    page.get_by_role("button", name="Проверить файл").click()

    expect(page.locator(".stat-card", has_text="Новых")).to_contain_text("2")
    row = page.get_by_role("row", name=re.compile("Лебедев"))
    expect(row).to_contain_text("столбец «Функционал»: «профорг» не взято: такой обязанности нет.")
    expect(page.get_by_role("row", name=re.compile("Соколова"))).to_contain_text(
        "Учитель математики · Классный руководитель 7Б, Руководитель ШМО"
    )
    screenshot("staff-import-duties")

    page.get_by_role("button", name=re.compile(r"^Загрузить 2 ")).click()
    status = page.get_by_role("status").filter(has_text="Файл загружен в справочник")
    expect(status).to_contain_text("добавлено — 2", timeout=30_000)
    sokolova = Person.objects.get(last_name="Соколова")
    assert (sokolova.duties, sokolova.homeroom) == (["class_teacher", "smo_head"], "7Б")
    assert Person.objects.get(last_name="Лебедев").duties == ["social_pedagogue"]
