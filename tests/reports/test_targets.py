"""The targets and contingent pages and their services."""

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from mentoring.models import AcademicYear
from reports.models import Contingent, Indicator, IndicatorTarget
from reports.services.contingent import contingent_create, contingent_import
from reports.services.targets import targets_save
from tests.mentoring.factories import AcademicYearFactory

TODAY = date(2026, 12, 7)


@pytest.fixture(autouse=True)
def today(set_today):
    return set_today(TODAY)


def _year(school) -> AcademicYear:
    return school.academic_years.get(is_current=True)


def test_targets_save_sets_changes_and_clears(school, curator):
    year = _year(school)
    targets_save(year=year, values={"mentees_10_18": "12,5", "meetings_held": 80}, user=curator)
    targets_save(
        year=year, values={"mentees_10_18": Decimal("15"), "meetings_held": None}, user=curator
    )
    assert dict(IndicatorTarget.objects.values_list("indicator", "target")) == {
        "mentees_10_18": Decimal("15.0")
    }


@pytest.mark.parametrize(
    "value, message",
    [("101", "от 0 до 100"), ("-1", "от 0 до 100"), ("12.55", "одного знака"), ("abc", "число")],
)
def test_targets_save_refuses_in_russian(school, curator, value, message):
    with pytest.raises(ValidationError) as error:
        targets_save(year=_year(school), values={"mentor_satisfaction": value}, user=curator)
    assert message in error.value.messages[0]
    assert not IndicatorTarget.objects.exists()


def test_a_year_without_targets_shows_the_seeds_suggestion(client, school, curator):
    # The school's second academic year takes seed 004's second column.
    AcademicYearFactory(
        organisation=school,
        start_date=date(2025, 9, 1),
        end_date=date(2026, 8, 31),
        is_current=False,
    )
    client.force_login(curator)
    page = client.get(reverse("monitoring_targets", args=[school.pk]))
    form = page.context["form"]
    assert page.context["suggested"]
    assert form.initial == {
        "mentees_10_18": 20,
        "mentors_15_18": 4,
        "young_teachers": 100,
        "mentee_satisfaction": 55,
        "mentor_satisfaction": 55,
    }
    assert "ещё не сохранены" in page.content.decode()


def test_saving_targets_of_a_chosen_year(client, school, curator):
    past = AcademicYearFactory(
        organisation=school,
        start_date=date(2025, 9, 1),
        end_date=date(2026, 8, 31),
        is_current=False,
    )
    client.force_login(curator)
    url = reverse("monitoring_targets", args=[school.pk]) + f"?year={past.pk}"
    data = {code: "" for code in Indicator.values} | {"mentees_10_18": "10,5"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert IndicatorTarget.objects.get().academic_year == past
    page = client.get(url)
    assert not page.context["suggested"]
    assert page.context["form"].initial == {"mentees_10_18": Decimal("10.5")}


def test_a_target_over_100_is_refused_on_the_page(client, school, curator):
    client.force_login(curator)
    response = client.post(
        reverse("monitoring_targets", args=[school.pk]), {"meetings_held": "120"}
    )
    assert response.status_code == 200
    assert "Не больше 100." in response.content.decode()
    assert not IndicatorTarget.objects.exists()


def test_contingent_counts_must_nest(school, curator):
    with pytest.raises(ValidationError) as error:
        contingent_create(
            organisation=school,
            counted_on=TODAY,
            students_total=100,
            students_10_18=120,
            students_15_18=130,
            user=curator,
        )
    assert set(error.value.message_dict) == {"students_10_18", "students_15_18"}


def test_one_contingent_a_day(client, school, curator):
    client.force_login(curator)
    url = reverse("contingent_create", args=[school.pk])
    data = {
        "counted_on": "01.09.2026",
        "students_total": 500,
        "students_10_18": 300,
        "students_15_18": 90,
    }
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert "уже введён" in again.content.decode()
    assert Contingent.objects.get().created_by == curator


def _class_list(rows, title=True) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append(["Список обучающихся МАОУ СОШ № 1 на 01.09.2026"])
        sheet.merge_cells("A1:D1")
    sheet.append(["№ п/п", "Ф.И.О. обучающегося", "Дата рожд.", "Класс"])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("classes.xlsx", buffer.getvalue())


def test_a_messy_class_list_is_read_and_nothing_dropped_silently(school, curator):
    upload = _class_list(
        [
            (1, "Иванов Иван", "05.03.2012", "8А"),
            (2, "Петрова Анна", datetime(2010, 12, 7), "10Б"),  # 16 on the day
            (3, "Сидоров Пётр", "7.12.08", "11А"),  # two-digit year: 2008, 18 today
            (4, "Кузнецова Мария", 40000, "9В"),  # an Excel serial: 06.07.2009
            (5, "Без Даты", None, "5А"),
            (6, "Ошибка Даты", "31.02.2013", "7А"),
            (7, "Учитель Случайный", "01.01.1980", "7А"),
            (8, "Иванов Иван", "05.03.2012", "8А"),
            (9, "Младший Брат", "01.01.2022", "1А"),  # 4 on the day: «4 года», not «4 лет»
            (None, "Итого: 9", None, None),
        ]
    )
    contingent = contingent_import(
        organisation=school, counted_on=TODAY, upload=upload, user=curator
    )
    assert contingent.source == Contingent.Source.CLASS_LIST
    assert contingent.birth_dates == {
        "2008-12-07": 1,
        "2009-07-06": 1,
        "2010-12-07": 1,
        "2012-03-05": 1,
    }
    assert contingent.students_total == 4
    assert (contingent.students_10_18, contingent.students_15_18) == (4, 3)
    reasons = {row["row"]: row["reason"] for row in contingent.rejected_rows}
    assert sorted(reasons) == [7, 8, 9, 10, 11, 12]
    assert "Не указана дата рождения" in reasons[7]
    assert "не существует" in reasons[8]
    assert "46 лет" in reasons[9]
    assert "Повторяет строку 3" in reasons[10]
    assert "на дату подсчёта 4 года" in reasons[11]
    assert "Итого" not in reasons[12] and "дат" in reasons[12]


def test_a_file_without_the_columns_says_what_it_needs(school, curator):
    workbook = Workbook()
    workbook.active.append(["Фамилия", "Возраст"])
    workbook.active.append(["Иванов", 12])
    buffer = BytesIO()
    workbook.save(buffer)
    with pytest.raises(ValidationError) as error:
        contingent_import(
            organisation=school,
            counted_on=TODAY,
            upload=SimpleUploadedFile("x.xlsx", buffer.getvalue()),
            user=curator,
        )
    assert "Дата рождения" in error.value.messages[0]


def test_import_page_shows_the_rejected_rows(client, school, curator):
    client.force_login(curator)
    response = client.post(
        reverse("contingent_import", args=[school.pk]),
        {
            "counted_on": "07.12.2026",
            "file": _class_list(
                [(1, "Иванов Иван", "05.03.2012", "8А"), (2, "Без Даты", "", "5А")]
            ),
        },
        follow=True,
    )
    html = response.content.decode()
    assert "учтено обучающихся — 1" in html
    assert "Не указана дата рождения" in html


def test_delete_asks_then_deletes_and_other_schools_are_404(client, school, other_school, curator):
    contingent = Contingent.objects.create(organisation=school, counted_on=TODAY, students_total=1)
    foreign = Contingent.objects.create(
        organisation=other_school, counted_on=TODAY, students_total=1
    )
    client.force_login(curator)
    url = reverse("contingent_delete", args=[school.pk, contingent.pk])
    assert "нельзя отменить" in client.get(url).content.decode()
    assert (
        client.post(reverse("contingent_delete", args=[school.pk, foreign.pk])).status_code == 404
    )
    assert client.post(url).status_code == 302
    assert not Contingent.objects.filter(pk=contingent.pk).exists()


def test_contingent_list_query_count_does_not_grow(
    client, school, curator, django_assert_max_num_queries
):
    for day in range(1, 6):
        Contingent.objects.create(
            organisation=school, counted_on=date(2026, 9, day), created_by=curator
        )
    client.force_login(curator)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("contingent_list", args=[school.pk]))
    assert len(page.context["contingents"]) == 5
