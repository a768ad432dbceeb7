"""Meetings of pairs and groups: the planned sequence, the log, feedback and «Моё наставничество»."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.dates import is_working_day
from mentoring.models import (
    Meeting,
    MeetingFeedback,
    MenteeEntry,
    MentoringForm,
    MentoringPair,
    MentoringType,
    Programme,
    ProgrammeItem,
    Role,
)
from mentoring.selectors.meetings import missing_feedback
from mentoring.services.meetings import meeting_feedback_leave, meeting_log, meetings_plan
from tests.mentoring.bank_factories import MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
K = Meeting.Kind


def _user_person(school):
    user = UserFactory()
    MembershipFactory(user=user, organisation=school, role=Role.TEACHER)
    return user, PersonFactory(organisation=school, user=user)


def _pair(
    school,
    *,
    mentor=None,
    mentees=(),
    start=date(2026, 9, 5),
    end=date(2026, 12, 5),
    status=MentoringPair.Status.ACTIVE,
):
    pair = MentoringPair.objects.create(
        organisation=school,
        academic_year=school.academic_years.get(),
        mentor=MentorEntryFactory(person=mentor or PersonFactory(organisation=school)),
        form=MentoringForm.objects.filter(organisation=None).first(),
        mentoring_type=MentoringType.objects.filter(organisation=None).first(),
        start_date=start,
        end_date=end,
        status=status,
    )
    people = list(mentees) or [PersonFactory(organisation=school)]
    pair.mentees.set(
        [MenteeEntryFactory(person=p, status=MenteeEntry.Status.PAIRED) for p in people]
    )
    return pair


def _held(pair, days_ago=3, kind=K.REGULAR):
    today = timezone.localdate()
    return Meeting.objects.create(
        pair=pair,
        kind=kind,
        planned_on=today - timedelta(days=days_ago),
        held_on=today - timedelta(days=days_ago),
        topic="Открытый урок",
    )


@pytest.fixture
def mentor_user(school):
    return _user_person(school)


@pytest.fixture
def mentee_user(school):
    return _user_person(school)


@pytest.fixture
def pair(school, mentor_user, mentee_user):
    return _pair(school, mentor=mentor_user[1], mentees=[mentee_user[1]])


# Planning.


def test_plan_proposes_standard_sequence_on_weekdays(school):
    pair = _pair(school)  # Saturday 05.09.2026 – Saturday 05.12.2026
    meetings = meetings_plan(pair=pair)
    assert [(m.kind, m.planned_on) for m in meetings] == [
        (K.ORGANISATIONAL, date(2026, 9, 7)),
        (K.TRIAL, date(2026, 9, 14)),
        (K.PLANNING, date(2026, 9, 21)),
        (K.REGULAR, date(2026, 10, 5)),
        (K.REGULAR, date(2026, 10, 19)),
        (K.REGULAR, date(2026, 11, 2)),
        (K.REGULAR, date(2026, 11, 16)),
        (K.FINAL, date(2026, 12, 4)),
    ]


def test_long_pair_meets_monthly(school):
    pair = _pair(school, start=date(2026, 9, 1), end=date(2027, 5, 31))
    regular = [m.planned_on for m in meetings_plan(pair=pair) if m.kind == K.REGULAR]
    assert regular[:3] == [date(2026, 10, 1), date(2026, 11, 2), date(2026, 12, 1)]
    assert regular[-1] == date(2027, 5, 3)
    assert pair.meetings.get(kind=K.FINAL).planned_on == date(2027, 5, 31)


def test_no_meeting_is_planned_on_a_public_holiday(school):
    pair = _pair(school, start=date(2026, 10, 1), end=date(2027, 7, 1))
    planned = [m.planned_on for m in meetings_plan(pair=pair)]
    # 01.01.2027 falls in the New Year holidays (1–8 January), then a weekend.
    assert date(2027, 1, 11) in planned and date(2027, 1, 1) not in planned
    assert all(is_working_day(day) for day in planned)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 7), True),
        (date(2026, 12, 5), False),  # Saturday
        (date(2027, 1, 8), False),
        (date(2027, 2, 23), False),
        (date(2027, 3, 8), False),
        (date(2027, 5, 10), True),
        (date(2026, 11, 4), False),
    ],
)
def test_working_days_leave_out_weekends_and_public_holidays(day, working):
    assert is_working_day(day) is working


def test_plan_is_idempotent(school):
    pair = _pair(school)
    assert meetings_plan(pair=pair)
    assert meetings_plan(pair=pair) == []
    assert pair.meetings.count() == 8


def test_plan_view_refuses_draft_pair(client, curator, school):
    pair = _pair(school, status=MentoringPair.Status.DRAFT)
    client.force_login(curator)
    response = client.post(reverse("meetings_plan", args=[pair.pk]), follow=True)
    assert "Встречи планируются, когда пара утверждена приказом" in response.content.decode()
    assert not pair.meetings.exists()


def test_plan_view_plans_active_pair(client, curator, school):
    pair = _pair(school)
    client.force_login(curator)
    assert client.get(reverse("meetings_plan", args=[pair.pk])).status_code == 405
    response = client.post(reverse("meetings_plan", args=[pair.pk]))
    assert response.url == reverse("meeting_list", args=[pair.pk])
    assert pair.meetings.count() == 8


# Logging.


def test_mentor_logs_held_meeting(client, pair, mentor_user):
    meeting = Meeting.objects.create(pair=pair, kind=K.TRIAL, planned_on=date(2026, 9, 14))
    client.force_login(mentor_user[0])
    url = reverse("meeting_log", args=[meeting.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"held_on": "2026-09-15", "format": "online", "topic": "Разбор урока", "notes": "Хорошо"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.held_on, meeting.format, meeting.topic) == (
        date(2026, 9, 15),
        Meeting.Format.ONLINE,
        "Разбор урока",
    )


def test_other_teacher_cannot_log(client, pair, teacher):
    meeting = _held(pair)
    client.force_login(teacher)
    assert client.get(reverse("meeting_log", args=[meeting.pk])).status_code == 403


def test_outsider_does_not_see_meeting(client, pair, outsider):
    meeting = _held(pair)
    client.force_login(outsider)
    assert client.get(reverse("meeting_log", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("meeting_list", args=[pair.pk])).status_code == 404


def test_future_date_refused(client, pair, mentor_user):
    meeting = Meeting.objects.create(pair=pair, kind=K.TRIAL, planned_on=date(2026, 9, 14))
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError):
        meeting_log(meeting=meeting, held_on=tomorrow, format="in_person", topic="Тема")
    client.force_login(mentor_user[0])
    response = client.post(
        reverse("meeting_log", args=[meeting.pk]),
        {"held_on": tomorrow.isoformat(), "format": "in_person", "topic": "Тема"},
    )
    assert "не может быть в будущем" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.held_on is None


# Feedback.


def test_feedback_left_once(client, pair, mentee_user):
    meeting = _held(pair)
    client.force_login(mentee_user[0])
    url = reverse("meeting_feedback", args=[meeting.pk])
    assert client.post(url, {"rating": "4", "comment": "Полезно"}).status_code == 302
    client.post(url, {"rating": "5"})
    assert list(meeting.feedback.values_list("rating", flat=True)) == [4]
    with pytest.raises(ValidationError):
        meeting_feedback_leave(meeting=meeting, author=mentee_user[1], rating=5)


def test_rating_must_be_1_to_5(client, pair, mentee_user):
    meeting = _held(pair)
    client.force_login(mentee_user[0])
    response = client.post(reverse("meeting_feedback", args=[meeting.pk]), {"rating": "6"})
    assert response.status_code == 200
    assert not meeting.feedback.exists()
    with pytest.raises(ValidationError):
        meeting_feedback_leave(meeting=meeting, author=mentee_user[1], rating=0)


def test_feedback_only_after_held_regular_meeting(pair, mentee_user):
    planned = Meeting.objects.create(pair=pair, kind=K.REGULAR, planned_on=date(2026, 10, 5))
    with pytest.raises(ValidationError):
        meeting_feedback_leave(meeting=planned, author=mentee_user[1], rating=5)
    with pytest.raises(ValidationError):
        meeting_feedback_leave(meeting=_held(pair, kind=K.TRIAL), author=mentee_user[1], rating=5)


def test_non_participant_cannot_leave_feedback(client, pair, teacher, curator):
    meeting = _held(pair)
    for user in (teacher, curator):
        client.force_login(user)
        assert client.get(reverse("meeting_feedback", args=[meeting.pk])).status_code == 403


def test_feedback_hidden_until_both_sides_answered(client, pair, mentor_user, mentee_user):
    meeting = _held(pair)
    meeting_feedback_leave(meeting=meeting, author=mentee_user[1], rating=3, comment="Секрет")
    client.force_login(mentor_user[0])
    url = reverse("meeting_list", args=[pair.pk])
    assert "Секрет" not in client.get(url).content.decode()
    meeting_feedback_leave(meeting=meeting, author=mentor_user[1], rating=5, comment="Отлично")
    page = client.get(url).content.decode()
    assert "Секрет" in page and "Отлично" in page


def test_missing_feedback_counts_per_pair(school, pair, mentor_user, mentee_user):
    complete, half = _held(pair, 10), _held(pair, 5)
    _held(pair, 1)  # nobody answered
    _held(pair, 2, kind=K.TRIAL)
    Meeting.objects.create(pair=pair, kind=K.REGULAR, planned_on=date(2027, 1, 11))
    for author in (mentor_user[1], mentee_user[1]):
        MeetingFeedback.objects.create(meeting=complete, author=author, rating=5)
    MeetingFeedback.objects.create(meeting=half, author=mentor_user[1], rating=4)
    quiet = _pair(school)  # its mentee has no account: only the mentor's feedback is due
    MeetingFeedback.objects.create(meeting=_held(quiet), author=quiet.mentor.person, rating=4)
    others = [_pair(school) for _ in range(3)]
    for other in others:
        _held(other)
    with CaptureQueriesContext(connection) as queries:
        counts = missing_feedback([pair, quiet, *others])
    assert len(queries) == 1
    assert counts == {pair.pk: 2, quiet.pk: 0, **{other.pk: 1 for other in others}}


# Pages.


def test_meeting_list_for_participant_and_curator(client, pair, mentee_user, curator, teacher):
    meetings_plan(pair=pair)
    for user in (mentee_user[0], curator):
        client.force_login(user)
        response = client.get(reverse("meeting_list", args=[pair.pk]))
        assert response.status_code == 200
        assert "Итоговая встреча" in response.content.decode()
    client.force_login(teacher)
    assert client.get(reverse("meeting_list", args=[pair.pk])).status_code == 403


def test_my_mentoring_shows_own_pairs_only(client, school, pair, mentee_user):
    meeting = _held(pair)
    _pair(school, mentor=PersonFactory(organisation=school, last_name="Посторонняя"))
    client.force_login(mentee_user[0])
    response = client.get(reverse("my_mentoring"))
    page = response.content.decode()
    assert [card["pair"] for card in response.context["cards"]] == [pair]
    assert "Я наставляемый" in page
    assert reverse("meeting_feedback", args=[meeting.pk]) in page
    assert "Посторонняя" not in page


def test_my_mentoring_empty_state(client, teacher):
    client.force_login(teacher)
    response = client.get(reverse("my_mentoring"))
    assert response.context["cards"] == []
    assert reverse("bank_apply") in response.content.decode()


def test_my_mentoring_shows_programme_progress(client, pair, mentor_user):
    programme = Programme.objects.create(pair=pair, goal="Освоить ФГОС")
    for position, done in enumerate((True, False, False), start=1):
        ProgrammeItem.objects.create(
            programme=programme,
            position=position,
            planned_on=date(2026, 10, 1),
            activity="Посещение уроков",
            done=done,
        )
    client.force_login(mentor_user[0])
    response = client.get(reverse("my_mentoring"))
    assert response.context["cards"][0]["progress"] == (1, 3)
    assert "выполнено 1 из 3" in response.content.decode()


def _list_queries(client, pair) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("meeting_list", args=[pair.pk])).status_code == 200
    return len(queries)


def test_meeting_list_query_count_does_not_grow(client, pair, curator, mentor_user, mentee_user):
    client.force_login(curator)
    _held(pair, 20)
    before = _list_queries(client, pair)
    Meeting.objects.bulk_create(
        Meeting(pair=pair, kind=K.REGULAR, planned_on=date(2027, 1, day)) for day in (11, 18, 25)
    )
    for days in (10, 5):
        meeting = _held(pair, days)
        for author in (mentor_user[1], mentee_user[1]):
            MeetingFeedback.objects.create(meeting=meeting, author=author, rating=5)
    assert _list_queries(client, pair) == before


def test_pair_list_flags_meetings_without_feedback(client, curator, school, pair):
    _held(pair)
    client.force_login(curator)
    content = client.get(reverse("pair_list", args=[school.pk])).content.decode()
    assert "нет отзывов: 1" in content
