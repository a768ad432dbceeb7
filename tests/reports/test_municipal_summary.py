"""The municipality's summary of its schools' monitoring: the late rule, the page, its export."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mentoring.models import Organisation
from reports.models import Contingent, Indicator, IndicatorTarget, MonitoringReport
from reports.selectors.municipal import due_monitoring, late_with_monitoring
from tests.mentoring.factories import AcademicYearFactory, SchoolFactory
from tests.reports.municipal_data import form, mentee, mentor, pair

YEAR_START = date(2026, 9, 1)
DECEMBER, JUNE = MonitoringReport.Kind.DECEMBER, MonitoringReport.Kind.JUNE


@pytest.mark.parametrize(
    ("on", "due"),
    [
        (date(2026, 12, 31), []),
        (date(2027, 1, 10), []),
        (date(2027, 1, 11), [(DECEMBER, date(2026, 12, 1))]),
        (date(2027, 7, 10), [(DECEMBER, date(2026, 12, 1))]),
        (date(2027, 7, 11), [(DECEMBER, date(2026, 12, 1)), (JUNE, date(2027, 6, 1))]),
    ],
)
def test_monitoring_is_due_after_the_tenth_of_the_next_month(on, due):
    assert due_monitoring(YEAR_START, on) == due


def _report(school, kind, end, status=MonitoringReport.Status.ISSUED):
    return MonitoringReport.objects.create(
        organisation=school,
        kind=kind,
        period_start=YEAR_START,
        period_end=end,
        status=status,
        snapshot={} if status == MonitoringReport.Status.ISSUED else None,
    )


def test_a_school_without_the_issued_december_report_is_late(school, other_school):
    AcademicYearFactory(organisation=other_school)
    _report(school, DECEMBER, date(2026, 12, 25))
    _report(other_school, DECEMBER, date(2026, 12, 25), status=MonitoringReport.Status.DRAFT)
    years = {s.pk: s.academic_years.get() for s in (school, other_school)}

    assert late_with_monitoring(years, date(2027, 1, 10)) == set()
    assert late_with_monitoring(years, date(2027, 1, 11)) == {other_school.pk}
    # A December report of another month's end does not count; June's is due after 10 July.
    assert late_with_monitoring(years, date(2027, 7, 11)) == {school.pk, other_school.pk}
    _report(school, JUNE, date(2027, 6, 30))
    assert late_with_monitoring(years, date(2027, 7, 11)) == {other_school.pk}


def _school(municipality, name, mentees=1, students=10):
    school = SchoolFactory(municipality=municipality, short_name=name)
    year = AcademicYearFactory(organisation=school)
    IndicatorTarget.objects.create(academic_year=year, indicator=Indicator.MENTEES_10_18, target=20)
    Contingent.objects.create(
        organisation=school, counted_on=YEAR_START, students_10_18=students, students_15_18=5
    )
    alpha = form(f"Форма {name}")
    pupils = [mentee(school, born=date(2013, 1, 1)) for _ in range(mentees)]
    pair(school, alpha, mentor(school), pupils)
    return school


@pytest.fixture
def schools(municipality):
    return [
        _school(municipality, "Школа Альфа", mentees=1),  # 10 %
        _school(municipality, "Школа Бета", mentees=3),  # 30 %
    ]


def _get(client, municipality, **params):
    return client.get(
        reverse("municipal_summary", args=[municipality.pk]), {"on": "11.01.2027", **params}
    )


def test_summary_sets_schools_side_by_side_with_totals(client, coordinator, municipality, schools):
    client.force_login(coordinator)
    response = _get(client, municipality)

    summary = response.context["summary"]
    figures = {
        row.school.short_name: row.indicators.figure(Indicator.MENTEES_10_18)
        for row in summary.rows
    }
    assert figures["Школа Альфа"].value == 10.0
    assert figures["Школа Альфа"].deviation == -10.0
    assert figures["Школа Бета"].value == 30.0
    total = summary.totals[Indicator.MENTEES_10_18]
    assert (total.figure.numerator, total.figure.denominator) == (4, 20)
    assert total.average == 20.0
    # Neither school issued its December report by 11 January.
    assert summary.late == 2
    page = response.content.decode()
    assert reverse("monitoring", args=[schools[0].pk]) in page


def test_summary_sorts_by_an_indicator_and_searches(client, coordinator, municipality, schools):
    client.force_login(coordinator)

    names = [r.school.short_name for r in _get(client, municipality).context["summary"].rows]
    assert names == ["Школа Альфа", "Школа Бета"]
    rows = _get(client, municipality, sort=Indicator.MENTEES_10_18).context["summary"].rows
    assert [r.school.short_name for r in rows] == ["Школа Бета", "Школа Альфа"]
    rows = _get(client, municipality, q="бета").context["summary"].rows
    assert [r.school.short_name for r in rows] == ["Школа Бета"]


def test_summary_paginates_past_fifty_schools(client, coordinator, municipality):
    Organisation.objects.bulk_create(
        Organisation(
            kind=Organisation.Kind.SCHOOL,
            municipality=municipality,
            full_name=f"Школа {n:02}",
            short_name=f"Школа {n:02}",
        )
        for n in range(51)
    )
    client.force_login(coordinator)

    response = _get(client, municipality, page=2)
    assert [r.school.short_name for r in response.context["page"].object_list] == ["Школа 50"]
    assert response.context["summary"].missing == 51


def test_summary_query_count_does_not_grow_with_schools(
    client, coordinator, municipality, schools, django_assert_num_queries
):
    client.force_login(coordinator)
    _get(client, municipality)
    with django_assert_num_queries(18):  # 2 schools
        _get(client, municipality)
    for n in range(6):
        _school(municipality, f"Школа {n}", mentees=2)
    with django_assert_num_queries(18):  # 8 schools
        _get(client, municipality)


def test_summary_workbook_reads_back(client, coordinator, municipality, schools):
    client.force_login(coordinator)
    response = client.get(
        reverse("municipal_summary_xlsx", args=[municipality.pk]),
        {"on": "11.01.2027", "sort": Indicator.MENTEES_10_18},
    )

    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Школа", f"{Indicator.MENTEES_10_18.label}, %", "Цель, %", "Отклонение")
    assert rows[1][:4] == ("Школа Бета", 30.0, 20.0, 10.0)
    assert rows[2][:4] == ("Школа Альфа", 10.0, 20.0, -10.0)
    assert rows[1][-1] == "да"


def test_a_school_is_not_a_municipality(client, coordinator, school):
    client.force_login(coordinator)
    assert client.get(reverse("municipal_summary", args=[school.pk])).status_code == 404
