"""Counts of participants for the statistical forms, on hand-made pairs with known answers."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mentoring.models import MentoringPair, Person
from reports.selectors.statistics import statistics_for, statistics_sum
from tests.mentoring.factories import AcademicYearFactory, SchoolFactory
from tests.reports.municipal_data import form, mentee, mentor, pair

ON = date(2026, 12, 1)
TEACHER = Person.Kind.TEACHER


@pytest.fixture
def counted(school):
    """Two pairs of two forms; a teacher mentors one and co-mentors the other, a pupil is a
    mentee of both. Ages on 1 December 2026."""
    alpha, beta = form("Форма А"), form("Форма Б")
    teacher = mentor(school, kind=TEACHER, born=date(1980, 5, 1))  # 46
    pupil_mentor = mentor(school, born=date(2010, 12, 2))  # 15: 16 only the next day
    ten = mentee(school, born=date(2016, 12, 1))  # 10 on the day
    nine = mentee(school, born=date(2016, 12, 2))  # 9
    young_teacher = mentee(school, kind=TEACHER)  # no birth date
    pair(school, alpha, teacher, [ten, nine, young_teacher])
    pair(
        school, beta, pupil_mentor, [ten], co_mentor=teacher, status=MentoringPair.Status.COMPLETED
    )
    # Not in the programme on the date: a draft, and a pair that starts later.
    pair(school, alpha, mentor(school), [mentee(school)], status=MentoringPair.Status.DRAFT)
    pair(school, alpha, mentor(school), [mentee(school)], start=date(2026, 12, 2))
    return school


def _rows(rows):
    return {row.label: (row.mentors, row.mentees) for row in rows}


def test_counts_distinct_people_by_role_form_age_and_kind(counted):
    statistics = statistics_for([counted], ON)[counted.pk]

    assert (statistics.total.mentors, statistics.total.mentees) == (2, 3)
    forms, ages, kinds = (rows for _title, rows in statistics.sections)
    # The co-mentor counts in form Б; the pupil of two pairs once in each form.
    assert _rows(forms) == {"Форма А": (1, 3), "Форма Б": (2, 1)}
    assert _rows(ages) == {
        "до 10 лет": (0, 1),
        "10–14 лет": (0, 1),
        "15–18 лет": (1, 0),
        "19–35 лет": (0, 0),
        "36 лет и старше": (1, 0),
        "возраст не указан": (0, 1),
    }
    assert _rows(kinds)["Педагог"] == (1, 1)
    assert _rows(kinds)["Обучающийся"] == (1, 2)
    assert sum(m for m, _ in _rows(kinds).values()) == 2


def test_ages_are_taken_on_the_chosen_date(counted):
    statistics = statistics_for([counted], date(2026, 12, 2))[counted.pk]

    ages = _rows(statistics.sections[1][1])
    # A day later the nine-year-old is ten, the pupil mentor sixteen (still 15–18).
    assert ages["до 10 лет"] == (0, 0)
    assert ages["10–14 лет"] == (0, 2)


def test_schools_are_counted_apart_and_summed(counted, municipality):
    other = SchoolFactory(municipality=municipality)
    AcademicYearFactory(organisation=other)
    pair(other, form("Форма В"), mentor(other, kind=TEACHER), [mentee(other)])

    by_school = statistics_for([counted, other], ON)
    total = statistics_sum(by_school.values())

    assert (by_school[other.pk].total.mentors, by_school[other.pk].total.mentees) == (1, 1)
    assert (total.total.mentors, total.total.mentees) == (3, 4)
    assert _rows(total.sections[0][1])["Форма В"] == (1, 1)


def test_query_count_does_not_grow_with_schools(counted, municipality, django_assert_num_queries):
    schools = [counted]
    for _ in range(5):
        school = SchoolFactory(municipality=municipality)
        AcademicYearFactory(organisation=school)
        pair(school, form("Форма Г"), mentor(school), [mentee(school)])
        schools.append(school)
    with django_assert_num_queries(4):
        statistics_for(schools[:2], ON)
    with django_assert_num_queries(4):
        statistics_for(schools, ON)


def test_school_page_shows_the_counts(client, curator, counted):
    client.force_login(curator)
    response = client.get(reverse("statistics", args=[counted.pk]), {"on": "01.12.2026"})

    assert response.status_code == 200
    assert response.context["statistics"].total.mentees == 3
    assert "Форма Б" in response.content.decode()


def test_school_workbook_reads_back(client, director, counted):
    client.force_login(director)
    response = client.get(reverse("statistics_xlsx", args=[counted.pk]), {"on": "01.12.2026"})

    sheet = load_workbook(BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ("Организация", "Раздел", "Группа", "Наставники", "Наставляемые")
    assert rows[1] == (counted.short_name, None, "Всего участников", 2, 3)
    assert (counted.short_name, "По формам наставничества", "Форма Б", 2, 1) in rows


def test_municipal_page_and_workbook_sum_the_schools(client, coordinator, counted, municipality):
    client.force_login(coordinator)
    response = client.get(
        reverse("municipal_statistics", args=[municipality.pk]), {"on": "01.12.2026"}
    )
    assert response.status_code == 200
    assert response.context["statistics"].total.mentors == 2

    response = client.get(
        reverse("municipal_statistics_xlsx", args=[municipality.pk]), {"on": "01.12.2026"}
    )
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1] == (municipality.short_name, None, "Всего участников", 2, 3)
    assert (counted.short_name, None, "Всего участников", 2, 3) in rows


def test_municipal_page_of_a_school_is_not_found(client, coordinator, school):
    client.force_login(coordinator)
    assert client.get(reverse("municipal_statistics", args=[school.pk])).status_code == 404
