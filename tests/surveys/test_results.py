"""Figures of a campaign's results on hand-made answers with known counts and means."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentoring.models import Organisation
from surveys.models import Response
from surveys.selectors.comparison import campaign_compare, compare_suggestions
from surveys.selectors.evaluation import campaign_evaluation
from surveys.selectors.municipal import (
    library_questionnaires,
    municipal_filter_choices,
    municipal_survey_results,
)
from surveys.selectors.results import ResultFilters, filter_choices, question_results
from tests.mentoring.factories import AcademicYearFactory, PersonFactory
from tests.surveys.factories import make_campaign, make_questionnaire
from tests.surveys.results_data import add_response, invite

pytestmark = pytest.mark.django_db

FIVE = [
    {
        "name": "Анна",
        "story": "Первый ответ",
        "subject": "math",
        "topics": ["discipline", "parents"],
        "confidence": 5,
        "first_year": True,
        "hours": 2,
        "start": "2026-09-01",
        "skills.planning": 2,
        "skills.feedback": 1,
    },
    {
        "name": "Борис",
        "subject": "__other__",
        "subject__other": "Химия",
        "topics": ["parents"],
        "confidence": 4,
        "first_year": False,
        "hours": 4,
        "start": "2026-09-15",
        "skills.planning": 1,
        "skills.feedback": 1,
    },
    {
        "name": "Вера",
        "story": "Третий ответ",
        "subject": "math",
        "topics": ["discipline"],
        "confidence": 2,
        "first_year": False,
        "hours": 10,
        "skills.planning": 0,
    },
    {"name": "Глеб", "subject": "russian", "confidence": 4, "first_year": True, "hours": 5},
    {"name": "Дина", "confidence": 5},
]


def _item(results, key):
    return next(item for item in results.items if item.key == key)


def _bars(item):
    return [(bar.label, bar.count, bar.percent) for bar in item.bars]


@pytest.fixture
def campaign(school):
    campaign = make_campaign(make_questionnaire(school))
    for number, values in enumerate(FIVE):
        add_response(
            campaign,
            values,
            role="mentee" if number < 3 else "mentor",
            form_code="teacher_teacher",
            category="first" if number % 2 else "highest",
        )
    invite(campaign)
    invite(campaign)
    return campaign


def test_counts_percentages_and_other_texts_of_a_single_choice(campaign):
    subject = _item(question_results(campaign), "subject")
    assert subject.n == 4
    assert _bars(subject) == [
        ("Математика", 2, 50.0),
        ("Русский язык", 1, 25.0),
        ("Другое", 1, 25.0),
    ]
    assert subject.texts == ["Химия"]
    assert subject.text_count == 1


def test_multiple_choice_counts_each_option_against_those_who_answered(campaign):
    topics = _item(question_results(campaign), "topics")
    assert topics.n == 3
    assert _bars(topics) == [
        ("Дисциплина на уроке", 2, 66.7),
        ("Работа с родителями", 2, 66.7),
        ("Документация", 0, 0.0),
    ]


def test_scale_distribution_mean_median_and_spread(campaign):
    confidence = _item(question_results(campaign), "confidence")
    assert confidence.n == 5
    assert [bar.count for bar in confidence.bars] == [0, 1, 0, 2, 2]
    assert confidence.bars[0].label == "1 — совсем нет"
    assert confidence.mean == pytest.approx(4.0)
    assert confidence.median == 4
    assert confidence.deviation == pytest.approx((6 / 5) ** 0.5)


def test_yes_no_number_date_and_matrix(campaign):
    results = question_results(campaign)
    assert _bars(_item(results, "first_year")) == [("Да", 2, 50.0), ("Нет", 2, 50.0)]
    hours = _item(results, "hours")
    assert (hours.n, hours.mean, hours.median, hours.minimum, hours.maximum) == (
        4,
        5.25,
        4.5,
        2,
        10,
    )
    start = _item(results, "start")
    assert (start.n, start.earliest.isoformat(), start.latest.isoformat()) == (
        2,
        "2026-09-01",
        "2026-09-15",
    )
    planning, feedback = _item(results, "skills").rows
    assert (planning.n, planning.mean, [b.count for b in planning.bars]) == (3, 1.0, [1, 1, 1])
    assert (feedback.n, feedback.mean) == (2, 1.0)


def test_text_answers_latest_first_and_counted(campaign):
    story = _item(question_results(campaign), "story")
    assert story.n == story.text_count == 2
    assert set(story.texts) == {"Первый ответ", "Третий ответ"}


def test_response_rate_counts_participations(campaign):
    results = question_results(campaign)
    assert (results.invited, results.submitted, results.responses) == (7, 5, 5)
    assert results.rate == pytest.approx(71.4)


def test_filters_by_role_form_and_category(campaign):
    mentees = question_results(campaign, ResultFilters(role="mentee"))
    assert mentees.responses == 3
    assert [bar.count for bar in _item(mentees, "confidence").bars] == [0, 1, 0, 1, 1]
    first = question_results(campaign, ResultFilters(role="mentee", category="first"))
    assert first.responses == 1
    assert _item(first, "subject").texts == ["Химия"]
    assert question_results(campaign, ResultFilters(form_code="student_student")).responses == 0
    assert filter_choices(campaign) == {
        "form_code": [("teacher_teacher", "педагог – педагог")],
        "role": [("mentee", "Наставляемый"), ("mentor", "Наставник")],
        "category": [("highest", "Высшая"), ("first", "Первая")],
    }


def test_anonymous_campaign_hides_everything_under_five_responses(school):
    campaign = make_campaign(make_questionnaire(school), anonymous=True)
    for values in FIVE[:4]:
        add_response(campaign, values, role="mentee")
    results = question_results(campaign)
    assert results.hidden and results.items == []
    add_response(campaign, FIVE[4], role="mentor")
    assert not question_results(campaign).hidden
    # A filtered part of under five is hidden again, texts and all.
    part = question_results(campaign, ResultFilters(role="mentee"))
    assert part.responses == 4 and part.hidden and part.items == []


def test_named_campaign_shows_small_groups(campaign):
    results = question_results(campaign, ResultFilters(category="first"))
    assert results.responses == 2 and not results.hidden


def test_person_choice_counts_first_places_and_mentions_for_named_only(school):
    ivanova, petrov, sidorova = (
        PersonFactory(organisation=school, last_name=name, first_name="А", patronymic="")
        for name in ("Иванова", "Петров", "Сидорова")
    )
    question = {
        "key": "preferences",
        "text": "С кем хотели бы работать?",
        "kind": "person_choice",
        "person_set": "mentors",
        "max_ranked": 3,
    }
    campaign = make_campaign(make_questionnaire(school, [question]))
    add_response(campaign, {"preferences": [ivanova.pk, petrov.pk]})
    add_response(campaign, {"preferences": [ivanova.pk, sidorova.pk, petrov.pk]})
    add_response(campaign, {"preferences": [petrov.pk]})
    item = _item(question_results(campaign, with_people=True), "preferences")
    assert [(p.name, p.first_places, p.mentions) for p in item.people] == [
        ("Иванова А", 2, 2),
        ("Петров А", 1, 3),
        ("Сидорова А", 0, 1),
    ]
    assert _item(question_results(campaign), "preferences").people == []


def _count_queries(function) -> int:
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


def test_query_count_stays_the_same_when_responses_double(campaign):
    def read():
        question_results(campaign, with_people=True)
        question_results(campaign, ResultFilters(role="mentee"), with_people=True)

    before = _count_queries(read)
    for values in FIVE:
        add_response(campaign, values, role="mentee")
    assert Response.objects.filter(campaign=campaign).count() == 10
    assert _count_queries(read) == before


# Before and after.

SCALE = [
    {"key": "confidence", "text": "Уверенность", "kind": "scale", "scale_min": 1, "scale_max": 5}
]


def _pair_of_campaigns(school, *, anonymous=False):
    before = make_campaign(make_questionnaire(school, SCALE), phase="before", anonymous=anonymous)
    after = make_campaign(make_questionnaire(school, SCALE), phase="after", anonymous=anonymous)
    return before, after


def test_named_campaigns_are_compared_by_person_and_item(school):
    before, after = _pair_of_campaigns(school)
    anna, boris, vera, gleb = PersonFactory.create_batch(4, organisation=school)
    for person, then, now in ((anna, 2, 4), (boris, 3, 3), (vera, 5, 4)):
        add_response(before, {"confidence": then}, person=person)
        add_response(after, {"confidence": now}, person=person)
    # Answered once only: not matched.
    add_response(before, {"confidence": 1}, person=gleb)
    add_response(after, {"confidence": 5})
    comparison = campaign_compare(before, after)
    assert comparison.matched
    (item,) = comparison.items
    assert (item.n, item.before, item.after) == (3, pytest.approx(10 / 3), pytest.approx(11 / 3))
    assert (item.improved, item.same, item.worse) == (1, 1, 1)
    assert item.change == pytest.approx(1 / 3)


def test_anonymous_campaigns_compare_group_means_only(school):
    before, after = _pair_of_campaigns(school, anonymous=True)
    for value in (1, 2, 3, 4, 5):
        add_response(before, {"confidence": value})
        add_response(after, {"confidence": min(5, value + 1)})
    comparison = campaign_compare(before, after)
    assert not comparison.matched and not comparison.hidden
    (item,) = comparison.items
    assert (item.n_before, item.before, item.n_after, item.after) == (5, 3.0, 5, 3.8)
    assert item.n == 0


def test_anonymous_comparison_under_five_is_hidden(school):
    before, after = _pair_of_campaigns(school, anonymous=True)
    for value in (1, 2, 3, 4, 5):
        add_response(before, {"confidence": value})
    add_response(after, {"confidence": 5})
    assert campaign_compare(before, after).hidden


def test_suggestions_pair_campaigns_sharing_item_keys(school):
    before, after = _pair_of_campaigns(school)
    make_campaign(
        make_questionnaire(school, [{"key": "x", "text": "Другое", "kind": "short_text"}])
    )
    (suggestion,) = compare_suggestions(after)
    assert (suggestion.before, suggestion.after, suggestion.shared) == (before, after, 1)


# The evaluation.

CRITERIA = [
    {"key": f"eval_{n}", "text": f"Критерий {n}", "kind": "scale", "scale_min": 0, "scale_max": 2}
    for n in (1, 2, 3)
]


def test_evaluation_table_has_each_pair_criteria_total_and_level(school, make_pair, curator):
    campaign = make_campaign(make_questionnaire(school, CRITERIA))
    first, second = make_pair(), make_pair(mentees=2)
    add_response(
        campaign,
        {"eval_1": 2, "eval_2": 2, "eval_3": 1},
        person=first.mentor.person,
        pair=first,
        score=16,
        level=Response.Level.OPTIMAL,
    )
    add_response(
        campaign,
        {"eval_1": 0, "eval_2": 1, "eval_3": 0},
        person=first.mentor.person,
        pair=second,
        score=5,
        level=Response.Level.UNACCEPTABLE,
    )
    with CaptureQueriesContext(connection) as queries:
        evaluation = campaign_evaluation(campaign)
        rows = {row.response.pair: row for row in evaluation.rows}
        assert len(rows[second].response.pair.mentees.all()) == 2
    assert len(queries) == 4
    assert [c.key for c in evaluation.criteria] == ["eval_1", "eval_2", "eval_3"]
    assert rows[first].scores == [2, 2, 1]
    assert rows[second].scores == [0, 1, 0]
    assert evaluation.levels == [
        ("optimal", "Оптимальный", 1),
        ("acceptable", "Допустимый", 0),
        ("unacceptable", "Недопустимый", 1),
    ]


# The municipality.


def _library_campaign(school, values):
    questionnaire = make_questionnaire(school, SCALE, title="Самооценка")
    questionnaire.library_key = "self_assessment"
    questionnaire.save(update_fields=["library_key"])
    campaign = make_campaign(questionnaire)
    for value in values:
        add_response(campaign, {"confidence": value})
    return campaign


def test_municipal_figures_per_school_hide_small_schools(municipality, school):
    small = Organisation.objects.create(
        kind=Organisation.Kind.SCHOOL,
        full_name="Школа № 2",
        short_name="Школа № 2",
        municipality=municipality,
    )
    AcademicYearFactory(organisation=small)
    _library_campaign(school, [1, 2, 3, 4, 5])
    campaign = _library_campaign(small, [5, 5])
    invite(campaign)
    assert library_questionnaires(municipality) == [("self_assessment", "Самооценка")]
    results = municipal_survey_results(municipality, "self_assessment")
    figures = {f.school: f for f in results.schools}
    assert figures[school].means == [3.0] and not figures[school].hidden
    assert figures[small].hidden and figures[small].means == [None]
    assert (figures[small].invited, figures[small].submitted) == (3, 2)
    # The small school's answers do not move the municipality's mean.
    assert results.overall == [3.0] and results.shown_responses == 5


def test_municipal_figures_filtered_by_role_and_school(municipality, school, other_school):
    AcademicYearFactory(organisation=other_school)
    campaign = _library_campaign(school, [])
    for value, role in ((1, "mentor"), (2, "mentor"), (3, "mentee"), (4, "mentee"), (5, "mentee")):
        add_response(campaign, {"confidence": value}, role=role)
    _library_campaign(other_school, [4, 4, 4, 4, 4, 4])
    mentees = municipal_survey_results(
        municipality, "self_assessment", ResultFilters(role="mentee")
    )
    figures = {f.school: f for f in mentees.schools}
    # Three mentees: under five, hidden; the other school's responses carry no role.
    assert figures[school].responses == 3 and figures[school].hidden
    assert figures[other_school].responses == 0
    one = municipal_survey_results(municipality, "self_assessment", ResultFilters(school=school.pk))
    assert [f.school for f in one.schools] == [school]
    assert one.overall == [3.0]
    assert municipal_filter_choices(municipality, "self_assessment")["role"] == [
        ("mentee", "Наставляемый"),
        ("mentor", "Наставник"),
    ]


def test_server_side_charts_are_svg_without_scripts(campaign):
    from surveys.charts import item_chart_svg

    results = question_results(campaign)
    subject = item_chart_svg(_item(results, "subject"))
    assert subject.startswith("<svg") and "<script" not in subject
    assert "Математика" in subject and "Другое" in subject
    assert "Планирование урока" in item_chart_svg(_item(results, "skills"))
    # Texts and numbers have no chart.
    assert item_chart_svg(_item(results, "story")) is None
    assert item_chart_svg(_item(results, "hours")) is None


def test_server_side_count_charts_tick_whole_numbers_and_number_the_scale(campaign):
    from surveys.charts import count_ticks, item_chart_svg

    assert count_ticks(3) == [0, 1, 2, 3]
    assert count_ticks(13) == [0, 3, 6, 9, 12, 15]
    svg = item_chart_svg(_item(question_results(campaign), "confidence"))
    # Points by their numbers under the bars; «совсем нет» and «полностью» are in the table.
    assert "совсем нет" not in svg and "полностью" not in svg
