"""The records behind each figure of the monitoring page, on hand-made data with known answers
(tests/reports/monitoring_data.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.models import Indicator
from reports.selectors.records import indicator_records
from tests.reports.monitoring_data import ON, grow, programme


@pytest.fixture
def data(school):
    return programme(school)


def _rows(school, indicator):
    records = indicator_records(school, indicator, ON)
    return records, records.describe(records.rows)


def test_mentee_rows_give_age_on_the_date_pair_and_why_left_out(school, data):
    records, rows = _rows(school, Indicator.MENTEES_10_18)
    assert (records.figure.numerator, records.figure.denominator) == (1, 10)
    assert records.figure.unknown == 1
    mentee = next(row for row in rows if row.obj == data.mentee)
    assert (mentee.counted, mentee.age, mentee.pairs) == (True, 12, [data.students_pair])
    no_birth = next(row for row in rows if row.obj == data.no_birth)
    assert not no_birth.counted and no_birth.reason == "Не указана дата рождения"
    # A pair awaiting its order is not in the programme, nor is its mentee.
    assert data.waiting not in [row.obj for row in rows]
    assert len(rows) == 2


def test_mentor_rows_count_students_aged_15_to_18(school, data):
    records, rows = _rows(school, Indicator.MENTORS_15_18)
    assert (records.figure.numerator, records.figure.denominator) == (1, 4)
    [row] = rows
    assert (row.obj, row.age, row.counted) == (data.mentor, 16, True)


def test_young_teacher_rows_are_the_staff_with_their_experience(school, data):
    records, rows = _rows(school, Indicator.YOUNG_TEACHERS)
    by_person = {row.obj: row for row in rows}
    assert by_person[data.young].counted and by_person[data.young].in_denominator
    assert by_person[data.young_staff].in_denominator
    assert by_person[data.young_staff].reason == "Не в программе в роли наставляемого"
    assert not by_person[data.senior].in_denominator
    assert by_person[data.no_since].reason.startswith("Не указан год")
    assert (records.figure.numerator, records.figure.denominator) == (1, 2)
    assert sum(row.in_denominator for row in rows) == records.figure.denominator


def test_satisfaction_names_only_the_named_campaigns_answers(school, data):
    records, rows = _rows(school, Indicator.MENTEE_SATISFACTION)
    assert (records.figure.numerator, records.figure.denominator) == (2, 3)
    counts = {c.title: (c.anonymous, c.total, c.satisfied) for c in records.campaigns}
    assert counts == {
        "Удовлетворённость, декабрь": (False, 2, 1),
        "Анонимная анкета": (True, 1, 1),
    }
    people = {row.obj.response.person: row.counted for row in rows}
    assert people == {data.mentee: True, data.no_birth: False}


def test_meeting_rows_are_those_planned_by_the_date(school, data):
    records, rows = _rows(school, Indicator.MEETINGS_HELD)
    assert [(row.obj.planned_on.isoformat(), row.counted) for row in rows] == [
        ("2026-10-01", True),
        ("2026-11-15", False),
    ]


def test_activity_rows_say_late_or_not_done(school, data):
    records, rows = _rows(school, Indicator.ROADMAP_ON_TIME)
    assert [(row.obj, row.counted, row.reason) for row in rows] == [
        (data.on_time, True, ""),
        (data.late, False, "Выполнено после срока"),
        (data.overdue, False, "Не выполнено"),
    ]
    assert (records.figure.numerator, records.figure.denominator) == (1, 3)


def _page(client, user, school, indicator):
    client.force_login(user)
    url = reverse("monitoring_records", args=[school.pk, indicator])
    return client.get(url, {"on": ON.strftime("%d.%m.%Y")})


def test_the_curator_sees_names_with_links(client, curator, school, data):
    response = _page(client, curator, school, Indicator.MENTEES_10_18)
    text = response.content.decode()
    assert data.mentee.full_name in text
    assert reverse("person_detail", args=[data.mentee.pk]) in text
    assert reverse("pair_detail", args=[data.students_pair.pk]) in text
    assert "не учтён: Не указана дата рождения" in text


def test_the_coordinator_gets_counts_not_names(client, coordinator, school, data):
    for indicator in (Indicator.MENTEES_10_18, Indicator.YOUNG_TEACHERS, Indicator.MEETINGS_HELD):
        text = _page(client, coordinator, school, indicator).content.decode()
        for person in (data.mentee, data.no_birth, data.young, data.mentor):
            assert person.last_name not in text
        assert "Здесь — только числа" in text
    text = _page(client, coordinator, school, Indicator.MENTEE_SATISFACTION).content.decode()
    assert "Удовлетворённость, декабрь" in text and data.mentee.last_name not in text


def test_the_coordinator_sees_roadmap_activities_which_name_nobody(
    client, coordinator, school, data
):
    text = _page(client, coordinator, school, Indicator.ROADMAP_ON_TIME).content.decode()
    assert "Мероприятие 3" in text and "Выполнено после срока" in text


def test_an_unknown_indicator_is_not_found(client, curator, school):
    assert _page(client, curator, school, "nonsense").status_code == 404


def test_every_indicator_has_a_records_page(client, curator, school, data):
    for indicator in Indicator.values:
        assert _page(client, curator, school, indicator).status_code == 200


def test_records_are_paginated(client, curator, school, data, settings):
    settings.PAGE_SIZE = 1
    client.force_login(curator)
    url = reverse("monitoring_records", args=[school.pk, Indicator.MENTEES_10_18])
    response = client.get(url, {"on": ON.strftime("%d.%m.%Y"), "page": 2})
    assert response.context["page"].number == 2
    # By name: Безденов, then Кузнецов.
    assert [row.obj for row in response.context["rows"]] == [data.mentee]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"on": ON.strftime("%d.%m.%Y")}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("indicator", Indicator.values)
def test_a_records_page_takes_the_same_queries_as_data_grows(
    client, curator, school, data, indicator
):
    client.force_login(curator)
    url = reverse("monitoring_records", args=[school.pk, indicator])
    _queries(client, url)  # the first request of a session reads more (the user, the caches)
    before = _queries(client, url)
    grow(school, data)
    assert _queries(client, url) == before
