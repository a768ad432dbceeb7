"""What needs attention now, on hand-made data (tests/reports/monitoring_data.py)."""

from datetime import date

import pytest
from django.utils import timezone

from mentoring.models import Organisation
from reports.selectors.attention import attention
from tests.mentoring.factories import PersonFactory
from tests.reports.monitoring_data import ON, programme, satisfaction
from tests.surveys.factories import make_campaign
from tests.surveys.results_data import add_response, invite


@pytest.fixture
def data(school):
    return programme(school)


def test_overdue_activities_are_those_past_their_date_and_not_done(school, data):
    items = attention(school, ON).overdue_activities
    assert (items.rows, items.total) == ([data.overdue], 1)


def test_active_pairs_without_a_meeting_for_30_days(school, data):
    assert set(attention(school, ON).quiet_pairs.rows) == {data.students_pair, data.teachers_pair}
    data.teachers_pair.meetings.create(
        kind="regular", planned_on=date(2026, 11, 25), held_on=date(2026, 11, 25)
    )
    [quiet] = attention(school, ON).quiet_pairs.rows
    assert quiet == data.students_pair and quiet.last_held == date(2026, 10, 1)


def test_a_pair_that_began_less_than_30_days_ago_is_not_quiet(school, data):
    assert attention(school, date(2026, 10, 10)).quiet_pairs.total == 0


def test_held_meetings_without_feedback(school, data):
    assert attention(school, ON).feedback_missing.total == 0
    meeting = data.teachers_pair.meetings.create(
        kind="regular", planned_on=date(2026, 11, 25), held_on=date(2026, 11, 25)
    )
    assert attention(school, ON).feedback_missing.rows == [meeting]


def _launched(questionnaire, title, invited: int, answered: int):
    school = questionnaire.organisation
    campaign = make_campaign(questionnaire, title=title)
    campaign.launched_at = timezone.now()
    campaign.save(update_fields=["launched_at"])
    for n in range(invited):
        person = PersonFactory(organisation=school)
        if n < answered:
            add_response(campaign, {"overall": 5}, person=person)
        else:
            invite(campaign, person)
    return campaign


def test_open_campaigns_with_less_than_half_answered(school):
    questionnaire = satisfaction(school)
    low = _launched(questionnaire, "Мало ответов", invited=4, answered=1)
    _launched(questionnaire, "Половина", invited=4, answered=2)
    _launched(questionnaire, "Никого", invited=0, answered=0)
    draft = make_campaign(questionnaire, title="Черновик")
    invite(draft)
    items = attention(school).low_response
    assert items.rows == [low]
    assert (items.rows[0].answered, items.rows[0].invited) == (1, 4)


def test_the_lists_show_ten_and_count_the_rest(school, data):
    stage = data.overdue.stage
    for number in range(10, 22):
        stage.activities.create(number=number, title="Ещё", due_on=date(2026, 10, 1))
    items = attention(school, ON).overdue_activities
    assert (len(items.rows), items.total, items.more) == (10, 13, 3)


def test_nothing_needs_attention_in_an_empty_school(school: Organisation):
    assert attention(school, ON).empty


def test_the_page_shows_the_empty_state(client, curator, school, set_today):
    set_today(ON)
    client.force_login(curator)
    response = client.get(f"/schools/{school.pk}/monitoring/")
    assert "Сейчас ничего не требует внимания" in response.content.decode()


def test_the_page_links_each_item_to_where_to_act(client, curator, school, data, set_today):
    set_today(ON)
    client.force_login(curator)
    text = client.get(f"/schools/{school.pk}/monitoring/").content.decode()
    assert f"#activity-{data.overdue.pk}" in text
    assert f"/pairs/{data.students_pair.pk}/meetings/" in text
    assert "Просрочено 1 мероприятие дорожной карты" in text


def test_the_coordinator_gets_counts_of_quiet_pairs_not_names(
    client, coordinator, school, data, set_today
):
    set_today(ON)
    client.force_login(coordinator)
    text = client.get(f"/schools/{school.pk}/monitoring/").content.decode()
    assert "без встреч 30 дней" in text
    assert f"/pairs/{data.students_pair.pk}/meetings/" not in text
    assert data.mentor.last_name not in text
