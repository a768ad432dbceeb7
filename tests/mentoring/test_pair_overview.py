"""The curator's overview of pairs and groups: plan progress, meetings, filters and export."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from mentoring.models import Meeting, MentoringPair, MentoringType
from mentoring.services.meetings import meetings_plan
from mentoring.services.programmes import programme_create_from_template
from tests.mentoring.test_pairs import _pair

pytestmark = pytest.mark.django_db


def _busy_pair(school, teacher_form, traditional, *, done: int, mentees: int = 1) -> MentoringPair:
    """An active pair with a programme of which `done` items are done, one meeting held on
    15.10.2026 and the rest planned."""
    pair = _pair(
        school, teacher_form, traditional, mentees=mentees, status=MentoringPair.Status.ACTIVE
    )
    programme = programme_create_from_template(pair=pair)
    for item in programme.items.all()[:done]:
        item.done = True
        item.save()
    meetings_plan(pair=pair)
    first = pair.meetings.get(kind=Meeting.Kind.ORGANISATIONAL)
    first.held_on = date(2026, 10, 15)
    first.save()
    return pair


def _rows(response) -> dict[int, MentoringPair]:
    return {pair.pk: pair for pair in response.context["pairs"]}


def test_overview_shows_plan_progress_and_meetings(
    client, curator, school, teacher_form, traditional
):
    pair = _busy_pair(school, teacher_form, traditional, done=2)
    bare = _pair(school, teacher_form, traditional)
    client.force_login(curator)

    response = client.get(reverse("pair_list", args=[school.pk]))

    rows = _rows(response)
    total = pair.programme.items.count()
    assert (rows[pair.pk].items_done, rows[pair.pk].items_total) == (2, total)
    assert rows[pair.pk].last_meeting == date(2026, 10, 15)
    next_planned = pair.meetings.filter(held_on=None).order_by("planned_on").first().planned_on
    assert rows[pair.pk].next_meeting == next_planned
    assert (rows[bare.pk].items_total, rows[bare.pk].last_meeting) == (0, None)
    page = response.content.decode()
    assert f"2 из {total}" in page
    assert "была 15.10.2026" in page
    assert "не составлен" in page


def test_overview_counts_missing_feedback(client, curator, school, teacher_form, traditional):
    pair = _busy_pair(school, teacher_form, traditional, done=0)
    regular = pair.meetings.filter(kind=Meeting.Kind.REGULAR).first()
    regular.held_on = regular.planned_on
    regular.save()
    client.force_login(curator)

    response = client.get(reverse("pair_list", args=[school.pk]))

    assert _rows(response)[pair.pk].missing_feedback == 1
    assert "нет отзывов: 1" in response.content.decode()


def test_search_finds_a_pair_by_a_mentee_or_the_mentor(
    client, curator, school, teacher_form, traditional
):
    pair = _pair(school, teacher_form, traditional, mentees=2)
    other = _pair(school, teacher_form, traditional)
    mentee = pair.mentees.first().person
    mentee.last_name = "Семёнова"
    mentee.save()
    client.force_login(curator)
    url = reverse("pair_list", args=[school.pk])

    by_mentee = _rows(client.get(url, {"q": "семенова"}))
    by_mentor = _rows(client.get(url, {"q": other.mentor.person.full_name.upper()}))

    assert set(by_mentee) == {pair.pk}
    assert other.pk in by_mentor and pair.pk not in by_mentor


def test_type_filter_and_status_counts_follow_the_other_filters(
    client, curator, school, teacher_form, traditional
):
    virtual = MentoringType.objects.get(code=MentoringType.Code.VIRTUAL, organisation=None)
    online = _pair(school, teacher_form, virtual, status=MentoringPair.Status.ACTIVE)
    _pair(school, teacher_form, traditional)
    client.force_login(curator)

    response = client.get(reverse("pair_list", args=[school.pk]), {"mentoring_type": virtual.pk})

    assert set(_rows(response)) == {online.pk}
    counts = {value: n for value, _label, n in response.context["counts"]}
    assert counts["active"] == 1 and counts["draft"] == 0


def test_export_holds_the_filtered_pairs_with_progress(
    client, psychologist, school, teacher_form, traditional
):
    pair = _busy_pair(school, teacher_form, traditional, done=1, mentees=2)
    _pair(school, teacher_form, traditional)
    client.force_login(psychologist)

    response = client.get(reverse("pair_export", args=[school.pk]), {"status": "active"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="pairs-')
    sheet = load_workbook(BytesIO(response.content)).active
    header, *rows = list(sheet.values)
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Наставник"] == pair.mentor.person.full_name
    assert all(m.person.full_name in row["Наставляемые"] for m in pair.mentees.all())
    assert row["Статус"] == "Действует"
    assert row["Пунктов плана выполнено"] == 1
    assert row["Пунктов плана всего"] == pair.programme.items.count()
    assert row["Последняя встреча"].date() == date(2026, 10, 15)


def test_export_without_a_current_year_is_an_empty_sheet(client, curator, school):
    school.academic_years.all().delete()
    client.force_login(curator)

    response = client.get(reverse("pair_export", args=[school.pk]))

    header, *rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert header[0] == "Наставник" and rows == []


def test_teacher_cannot_export(client, teacher, school):
    client.force_login(teacher)

    assert client.get(reverse("pair_export", args=[school.pk])).status_code == 403


@pytest.mark.parametrize("name", ["pair_list", "pair_export"])
def test_query_count_does_not_grow_with_pairs(
    client, curator, school, teacher_form, traditional, name
):
    _busy_pair(school, teacher_form, traditional, done=1, mentees=2)
    client.force_login(curator)
    url = reverse(name, args=[school.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for done in range(4):
        _busy_pair(school, teacher_form, traditional, done=done, mentees=2)
    with CaptureQueriesContext(connection) as five:
        client.get(url)
    assert len(five) == len(one)


def test_filters_matching_nothing_offer_to_reset_them(
    client, curator, school, teacher_form, traditional
):
    _pair(school, teacher_form, traditional)
    client.force_login(curator)
    url = reverse("pair_list", args=[school.pk])

    page = client.get(url, {"q": "Несуществующая"}).content.decode()

    assert "Ничего не нашлось по этим условиям." in page
    assert f'href="{url}"' in page
