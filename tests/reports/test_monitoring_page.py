"""The monitoring page: indicators against targets on a date, the trend across years, the
before/after change, and a query count that does not grow with the data."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import AcademicYear, Person
from reports.models import Indicator, IndicatorTarget
from reports.selectors.indicators import before_after, trend, years_on
from surveys.models import Questionnaire
from tests.mentoring.factories import AcademicYearFactory, PersonFactory
from tests.reports.monitoring_data import ON, grow, pair, programme, student
from tests.surveys.factories import make_campaign, make_questionnaire
from tests.surveys.results_data import add_response


@pytest.fixture
def data(school):
    return programme(school)


def _get(client, user, school, on=ON):
    client.force_login(user)
    return client.get(reverse("monitoring", args=[school.pk]), {"on": on.strftime("%d.%m.%Y")})


def test_the_curator_sees_figures_against_targets_with_words_for_the_deviation(
    client, curator, school, data
):
    year = school.academic_years.get(is_current=True)
    IndicatorTarget.objects.create(academic_year=year, indicator=Indicator.MENTEES_10_18, target=5)
    IndicatorTarget.objects.create(academic_year=year, indicator=Indicator.MENTORS_15_18, target=30)
    response = _get(client, curator, school)
    text = response.content.decode()
    figures = response.context["indicators"].figures
    assert figures[Indicator.MENTEES_10_18].value == 10.0
    assert "1 из 10" in text
    assert "▲ +5 · цель достигнута" in text
    assert "▼ −5 · ниже цели" in text
    assert "Не учтён 1 человек: не указан возраст или стаж" in text
    records = reverse("monitoring_records", args=[school.pk, Indicator.MENTEES_10_18])
    assert f"{records}?on=01.12.2026" in text


def test_the_page_counts_pairs_meetings_activities_and_forms(client, director, school, data):
    response = _get(client, director, school)
    indicators = response.context["indicators"]
    assert (indicators.pairs_active, indicators.meetings_held, indicators.meetings_planned) == (
        2,
        1,
        2,
    )
    assert (indicators.activities_done_on_time, indicators.activities_overdue) == (1, 1)
    assert "Участники по формам и ролям" in response.content.decode()


def test_the_missing_reason_is_shown_without_a_contingent(client, curator, school):
    text = _get(client, curator, school).content.decode()
    assert "Не введён контингент обучающихся" in text


def test_the_coordinator_reads_the_page_without_edit_links(client, coordinator, school, data):
    response = _get(client, coordinator, school)
    assert response.status_code == 200
    assert response.context["can_manage"] is False
    assert response.context["can_people"] is False


def test_a_wrong_date_is_refused_and_today_is_shown(client, curator, school, set_today):
    set_today(ON)
    client.force_login(curator)
    response = client.get(reverse("monitoring", args=[school.pk]), {"on": "31.02.2026"})
    assert response.status_code == 200
    [error] = response.context["form"].errors["on"]
    assert error in response.content.decode()
    assert response.context["on"] == ON


@pytest.fixture
def last_year(school, data):
    """The school's previous academic year, with one pair whose one meeting was held."""
    start, end = AcademicYear.bounds_for(2025)
    year = AcademicYearFactory(
        organisation=school, start_date=start, end_date=end, is_current=False
    )
    earlier = pair(school, student(school, "Прошлогодний", date(2008, 1, 1)), [])
    earlier.academic_year = year
    earlier.start_date = date(2025, 9, 15)
    earlier.save(update_fields=["academic_year", "start_date"])
    earlier.meetings.create(kind="regular", planned_on=date(2025, 10, 1), held_on=date(2025, 10, 1))
    return year


def test_the_trend_gives_each_year_at_its_end_and_the_current_on_the_date(school, last_year):
    points = trend(school, ON)
    assert [(point.year, point.on) for point in points] == [
        (last_year, date(2026, 8, 31)),
        (school.academic_years.get(is_current=True), ON),
    ]
    held = [point.indicators.figures[Indicator.MEETINGS_HELD].value for point in points]
    assert held == [100.0, 50.0]


def test_the_page_draws_the_trend_from_json_with_a_table(client, curator, school, last_year):
    response = _get(client, curator, school)
    text = response.content.decode()
    assert 'id="trend-chart"' in text and "js/monitoring_charts.js" in text
    chart = response.context["trend_chart"]
    assert len(chart["datasets"]) == len(Indicator.values)
    meetings = next(d for d in chart["datasets"] if d["label"] == "Встречи проведены")
    assert meetings["data"] == [100.0, 50.0]
    assert "<script>" not in text


def _self_assessment(school, key: str, value: int, person: Person):
    questionnaire = make_questionnaire(
        school,
        [
            {
                "key": "confidence",
                "text": "Уверенность",
                "kind": "scale",
                "scale_min": 1,
                "scale_max": 5,
            }
        ],
        title=key,
    )
    Questionnaire.objects.filter(pk=questionnaire.pk).update(
        library_key=key, kind=Questionnaire.Kind.SELF_ASSESSMENT
    )
    opens = timezone.make_aware(datetime(2026, 11, 1, 9))
    campaign = make_campaign(questionnaire, title=key, opens_at=opens)
    add_response(campaign, {"confidence": value}, person=person, submitted_on=ON)
    return campaign


def test_before_after_compares_the_years_self_assessments(client, curator, school):
    person = PersonFactory(organisation=school)
    year = years_on([school.pk], ON)[school.pk]
    assert before_after(school, None, ON) is None  # no year, nothing to compare
    assert before_after(school, year, ON) is None
    _self_assessment(school, "self_assessment_before", 2, person)
    assert before_after(school, year, ON) is None
    _self_assessment(school, "self_assessment_after", 4, person)
    comparison = before_after(school, year, ON)
    [item] = comparison.items
    assert (item.before, item.after, item.change, item.improved) == (2, 4, 2, 1)
    text = _get(client, curator, school).content.decode()
    assert "▲ +2" in text


PAGE_QUERIES = 24
# `indicators_for`, pinned at 12 queries in its own tests.
INDICATORS_QUERIES = 12


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"on": ON.strftime("%d.%m.%Y")}).status_code == 200
    return len(queries)


def test_the_page_takes_the_same_queries_as_data_grows(client, curator, school, data):
    client.force_login(curator)
    url = reverse("monitoring", args=[school.pk])
    _queries(client, url)  # the first request of a session reads more (the user, the caches)
    before = _queries(client, url)
    # One academic year: its indicators (12), the trend's years, before/after, the attention
    # lists (2 each), the links' roles; the rest is the session and the navbar.
    assert before == PAGE_QUERIES
    grow(school, data)
    for _ in range(12):
        data.overdue.stage.activities.create(number=100 + _, title="Ещё", due_on=ON)
    assert _queries(client, url) == before


def test_each_past_year_of_the_trend_adds_one_reading_of_the_indicators(
    client, curator, school, last_year
):
    client.force_login(curator)
    url = reverse("monitoring", args=[school.pk])
    _queries(client, url)
    assert _queries(client, url) == PAGE_QUERIES + INDICATORS_QUERIES


def test_the_trend_keeps_the_last_five_years(school):
    for start in range(2019, 2026):
        begins, ends = AcademicYear.bounds_for(start)
        AcademicYearFactory(organisation=school, start_date=begins, end_date=ends, is_current=False)
    points = trend(school, ON)
    assert [point.year.start_date.year for point in points] == [2022, 2023, 2024, 2025, 2026]
