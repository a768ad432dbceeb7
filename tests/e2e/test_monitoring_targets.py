"""The curator sets the year's targets, enters a contingent by hand and imports a messy class
list, and sees the rows that were not counted."""

from datetime import datetime

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from reports.models import Contingent, IndicatorTarget

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def class_list(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Список обучающихся 5–11 классов"])
    sheet.merge_cells("A1:C1")
    sheet.append([])
    sheet.append(["Ф.И.О.", "Д/р", "Кл."])
    sheet.append(["Иванов Иван Иванович", "05.03.2012", "8А"])
    sheet.append(["Петрова Анна", datetime(2010, 12, 7), "10Б"])
    sheet.append(["Сидоров Пётр", "7.12.08", "11А"])
    sheet.append(["Без Даты", None, "5А"])  # row 7
    sheet.append(["Ошибка Даты", "31.02.2013", "7А"])  # row 8
    path = tmp_path / "классы.xlsx"
    workbook.save(path)
    return path


def test_curator_sets_targets_and_the_contingent(
    page, live_server, sign_in, screenshot, curator, school, class_list
):
    sign_in(curator.email)
    page.goto(f"{live_server.url}/schools/{school.pk}/monitoring/targets/")
    expect(page.get_by_role("heading", name="Целевые показатели")).to_be_visible()
    expect(page.get_by_text("ещё не сохранены")).to_be_visible()
    field = page.get_by_label(
        "Доля обучающихся 10–18 лет, вошедших в программы в роли наставляемого"
    )
    expect(field).to_have_value("10")
    field.fill("12,5")
    page.get_by_label("Доля проведённых встреч от запланированных").fill("150")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Не больше 100.")).to_be_visible()
    page.get_by_label("Доля проведённых встреч от запланированных").fill("90")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("сохранены.")).to_be_visible()
    assert IndicatorTarget.objects.get(indicator="mentees_10_18").target == 12.5
    screenshot("monitoring-targets")

    page.get_by_role("link", name="Контингент обучающихся").click()
    expect(page.get_by_text("Контингент ещё не введён")).to_be_visible()
    page.get_by_role("link", name="Ввести числа вручную").click()
    page.get_by_label("Дата подсчёта").fill("01.09.2026")
    page.get_by_label("Всего обучающихся").fill("500")
    page.get_by_label("Из них 10–18 лет").fill("600")
    page.get_by_label("Из них 15–18 лет").fill("100")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("не может быть больше, чем всего обучающихся")).to_be_visible()
    page.get_by_label("Из них 10–18 лет").fill("350")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Контингент сохранён.")).to_be_visible()

    page.get_by_role("link", name="Загрузить список классов").click()
    page.get_by_label("Дата подсчёта").fill("02.09.2026")
    page.get_by_label("Список классов (.xlsx)").set_input_files(class_list)
    page.get_by_role("button", name="Загрузить").click()
    expect(page.get_by_text("учтено обучающихся — 3")).to_be_visible()
    rejected = page.get_by_role("table", name="Строки, которые не учтены")
    expect(rejected).to_be_visible()
    expect(rejected.get_by_role("row", name="7 Не указана дата рождения.")).to_be_visible()
    expect(rejected).to_contain_text("Такой даты не существует: 31.02.2013.")
    screenshot("monitoring-contingent")
    assert Contingent.objects.count() == 2

    page.get_by_role("link", name="Удалить 01.09.2026").click()
    page.get_by_role("button", name="Удалить").click()
    expect(page.get_by_text("Контингент на 01.09.2026 удалён.")).to_be_visible()
    assert Contingent.objects.get().source == Contingent.Source.CLASS_LIST
