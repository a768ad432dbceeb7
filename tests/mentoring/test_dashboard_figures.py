"""Every figure of a dashboard is the number of rows of the list it links to, on a school that has
what used to make them differ: archived people, withdrawn consents, withdrawn and archived bank
entries, pairs of every status, done and overdue activities, and another school's rows. A
teacher sees her own pair on her home page, the psychologist the mentees' current requests."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring.models import (
    Consent,
    Meeting,
    MenteeEntry,
    MentorEntry,
    MentoringPair,
    Person,
    PsychologistNote,
)
from mentoring.services.consents import consent_withdraw
from roadmap.services.roadmap import (
    activity_add,
    activity_status_set,
    roadmap_create_empty,
    stage_add,
)
from tests.mentoring.bank_factories import (
    ConsentFactory,
    MenteeEntryFactory,
    MentorEntryFactory,
    TagFactory,
)
from tests.mentoring.factories import AcademicYearFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 6)


@pytest.fixture(autouse=True)
def today(set_today):
    return set_today(TODAY)


def _withdraw(person: Person) -> None:
    consent = person.consents.get(kind=Consent.Kind.PROCESSING)
    consent_withdraw(consent=consent, withdrawn_on=TODAY - timedelta(days=3))


def _school_data(school, curator, make_pair) -> None:
    """One of each case that once made a figure differ from its list."""
    year = school.academic_years.get(is_current=True)
    PersonFactory.create_batch(2, organisation=school)
    PersonFactory(organisation=school, kind=Person.Kind.STUDENT, grade=7)
    PersonFactory(organisation=school, kind=Person.Kind.STAFF, position="Библиотекарь")
    PersonFactory(organisation=school, archived_at=timezone.now())
    restricted_student = PersonFactory(organisation=school, kind=Person.Kind.STUDENT, grade=8)
    ConsentFactory(person=restricted_student, given_on=TODAY - timedelta(days=60))
    _withdraw(restricted_student)

    MenteeEntryFactory.create_batch(2, person__organisation=school)
    MenteeEntryFactory(person__organisation=school, status=MenteeEntry.Status.CANDIDATE)
    MenteeEntryFactory(person__organisation=school, status=MenteeEntry.Status.WITHDRAWN)
    withdrawn_mentee = MenteeEntryFactory(person__organisation=school)
    ConsentFactory(person=withdrawn_mentee.person, given_on=TODAY - timedelta(days=60))
    _withdraw(withdrawn_mentee.person)
    MentorEntryFactory(person__organisation=school)
    MentorEntryFactory(person__organisation=school, status=MentorEntry.Status.ARCHIVED)
    last_year = AcademicYearFactory(
        organisation=school,
        start_date=date(2025, 9, 1),
        end_date=date(2026, 8, 31),
        is_current=False,
    )
    MenteeEntryFactory(person__organisation=school, academic_year=last_year)

    make_pair(status=MentoringPair.Status.ACTIVE)
    make_pair(status=MentoringPair.Status.ACTIVE, mentees=2)
    make_pair(status=MentoringPair.Status.DRAFT)
    make_pair(status=MentoringPair.Status.DISSOLVED)

    roadmap = roadmap_create_empty(organisation=school, academic_year=year, actor=curator)
    stage = stage_add(roadmap=roadmap, title="Подготовка условий")
    later = stage_add(roadmap=roadmap, title="Завершение")
    past = [
        activity_add(stage=stage, title=f"Мероприятие {n}", deadline_text="октябрь 2026")
        for n in range(4)
    ]
    for activity in past[:2]:
        activity_status_set(
            activity=activity, status="done", completed_on=TODAY - timedelta(days=40)
        )
    activity_status_set(activity=past[2], status="in_progress")
    future = activity_add(stage=later, title="Итоговая конференция", deadline_text="май 2027")
    activity_status_set(activity=future, status="done", completed_on=TODAY)
    activity_add(stage=later, title="Отчёт", deadline_text="июнь 2027")
    activity_add(stage=later, title="По мере необходимости", deadline_text="по мере необходимости")


@pytest.fixture
def other_school_data(other_school, outsider):
    """The same kinds of rows at another school: none of them may count here."""
    AcademicYearFactory(organisation=other_school)
    year = other_school.academic_years.get(is_current=True)
    PersonFactory.create_batch(3, organisation=other_school)
    MenteeEntryFactory(person__organisation=other_school)
    MentorEntryFactory(person__organisation=other_school)
    roadmap = roadmap_create_empty(organisation=other_school, academic_year=year, actor=outsider)
    stage = stage_add(roadmap=roadmap, title="Этап")
    activity_add(stage=stage, title="Чужое мероприятие", deadline_text="сентябрь 2026")


@pytest.fixture
def school_data(school, curator, make_pair, other_school_data):
    _school_data(school, curator, make_pair)


def _rows_shown(response) -> int:
    """The number of rows the list page shows, all its pages included."""
    context = response.context
    if "page" in context:
        return context["page"].paginator.count
    return sum(len(stage.shown_activities) for stage in context["stages"])


def _tiles(client, user) -> list:
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.context["tiles"]


def _page_figure(content: str, key: str) -> int:
    match = re.search(rf'data-tile="{key}">.*?data-tile-count>(\d+)<', content, re.S)
    return int(match.group(1))


EXPECTED_TILES = [
    "people",
    "teachers",
    "students",
    "mentees",
    "mentors",
    "pairs",
    "activities_done",
    "activities_overdue",
]


@pytest.mark.parametrize("role", ["curator", "director", "psychologist"])
@pytest.mark.parametrize("key", EXPECTED_TILES)
def test_tile_figure_is_the_number_of_rows_of_its_list(request, client, school_data, role, key):
    user = request.getfixturevalue(role)
    tiles = {tile.key: tile for tile in _tiles(client, user)}
    tile = tiles[key]
    home = client.get(reverse("home")).content.decode()
    assert _page_figure(home, key) == tile.count
    listed = client.get(tile.url)
    assert listed.status_code == 200
    assert _rows_shown(listed) == tile.count


def test_tiles_count_what_diverged_before(client, curator, school_data):
    """The figures themselves, so that a list and its tile cannot both be wrong the same way."""
    figures = {tile.key: tile.count for tile in _tiles(client, curator)}
    assert figures["students"] == 1  # the restricted pupil is not counted by kind
    assert figures["mentees"] == 5 + 5  # withdrawn entries are listed; the pairs' mentees too
    assert figures["mentors"] == 2 + 4
    assert figures["pairs"] == 2
    assert figures["activities_done"] == 3
    assert figures["activities_overdue"] == 2


def test_roles_see_only_their_tiles(client, curator, teacher, psychologist, school_data):
    assert [tile.key for tile in _tiles(client, curator)] == EXPECTED_TILES
    assert [tile.key for tile in _tiles(client, psychologist)] == EXPECTED_TILES
    assert _tiles(client, teacher) == []


def test_coordinator_totals_are_the_sums_of_the_schools_rows(
    client, coordinator, school, school_data
):
    client.force_login(coordinator)
    response = client.get(reverse("home"))
    rows = response.context["rows"]
    assert len(rows) == 2
    for key in ("staff", "students", "accounts"):
        assert response.context["totals"][key] == sum(count.get(key, 0) for _, count in rows)
    counts = dict((s.pk, c) for s, c in rows)[school.pk]
    active = Person.objects.filter(organisation=school, archived_at__isnull=True)
    assert counts["students"] == active.filter(kind=Person.Kind.STUDENT).count()


def test_teacher_in_an_active_pair_sees_it_on_her_home_page(client, school, teacher, make_pair):
    pair = make_pair(status=MentoringPair.Status.ACTIVE, mentees=2)
    mentee = pair.mentees.first()
    Person.objects.filter(user=teacher).update(user=None)
    Person.objects.filter(pk=mentee.person_id).update(user=teacher)
    Meeting.objects.create(pair=pair, kind=Meeting.Kind.REGULAR, planned_on=TODAY - timedelta(1))
    Meeting.objects.create(pair=pair, kind=Meeting.Kind.REGULAR, planned_on=date(2027, 1, 20))
    Meeting.objects.create(pair=pair, kind=Meeting.Kind.FINAL, planned_on=date(2027, 5, 20))
    client.force_login(teacher)
    response = client.get(reverse("home"))
    content = response.content.decode()
    assert "Вы пока не входите в наставническую пару" not in content
    assert 'data-testid="my-pair-card"' in content
    assert "Наставническая группа" in content
    assert pair.mentor.person.full_name in content
    for other in pair.mentees.exclude(pk=mentee.pk):
        assert other.person.full_name in content
    assert pair.form.name in content and pair.mentoring_type.name in content
    assert f"{pair.start_date:%d.%m.%Y} – {pair.end_date:%d.%m.%Y}" in content
    assert "20.01.2027" in content
    # Her pair's page is the one a member may open: its meetings.
    assert reverse("meeting_list", args=[pair.pk]) in content
    assert client.get(reverse("meeting_list", args=[pair.pk])).status_code == 200
    assert reverse("programme_edit", args=[pair.pk]) in content
    assert client.get(reverse("programme_edit", args=[pair.pk])).status_code == 200


def test_mentor_sees_her_pair_and_a_dissolved_one_is_not_shown(client, school, teacher, make_pair):
    active = make_pair(status=MentoringPair.Status.ACTIVE)
    dissolved = make_pair(status=MentoringPair.Status.DISSOLVED)
    Person.objects.filter(user=teacher).update(user=None)
    Person.objects.filter(pk=active.mentor.person_id).update(user=teacher)
    MentoringPair.objects.filter(pk=dissolved.pk).update(mentor=active.mentor)
    client.force_login(teacher)
    response = client.get(reverse("home"))
    assert response.context["my_pairs"] == [active]


def test_teacher_without_a_pair_is_told_so(client, teacher, make_pair):
    make_pair(status=MentoringPair.Status.ACTIVE)
    client.force_login(teacher)
    content = client.get(reverse("home")).content.decode()
    assert "Вы пока не входите в наставническую пару" in content
    assert 'data-testid="my-pair-card"' not in content


def test_psychologist_sees_current_requests_with_links(client, school, psychologist):
    tag = TagFactory(organisation=school, name="Выстраивание отношений с родителями")
    asking = MenteeEntryFactory(person__organisation=school, requests_text="Трудно с 7 «Б»")
    tagged = MenteeEntryFactory(person__organisation=school, needs_support=True)
    tagged.requests.add(tag)
    PsychologistNote.objects.create(entry=tagged, author=psychologist, text="Беседа 01.12")
    MenteeEntryFactory(person__organisation=school)  # no request
    MenteeEntryFactory(
        person__organisation=school, status=MenteeEntry.Status.WITHDRAWN, requests_text="Ушёл"
    )
    restricted = MenteeEntryFactory(person__organisation=school, requests_text="Скрыто")
    ConsentFactory(person=restricted.person, given_on=TODAY - timedelta(days=60))
    _withdraw(restricted.person)
    client.force_login(psychologist)
    response = client.get(reverse("home"))
    assert list(response.context["mentee_requests"]) == [tagged, asking]
    assert response.context["mentee_requests_total"] == 2
    content = response.content.decode()
    assert "Выстраивание отношений с родителями" in content
    assert "Трудно с 7 «Б»" in content
    assert "нужна поддержка" in content
    for entry in (tagged, asking):
        assert reverse("mentee_detail", args=[entry.pk]) in content
    assert "Скрыто" not in content and "Ушёл" not in content


# Two for the user's roles, organisations and unread count, one for every figure of the page,
# one per block, whatever the number of rows behind them (the surveys' «Ждут вашего ответа»
# block is one).
QUERIES = {
    "curator": 12,
    "director": 12,
    "psychologist": 10,
    "teacher": 8,
}


@pytest.mark.parametrize("role", sorted(QUERIES))
def test_home_page_query_count_is_pinned(
    request, client, school_data, role, django_assert_num_queries
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    client.get(reverse("home"))
    with django_assert_num_queries(QUERIES[role]):
        client.get(reverse("home"))


def test_coordinator_home_page_query_count_is_pinned(
    client, coordinator, school_data, django_assert_num_queries
):
    client.force_login(coordinator)
    client.get(reverse("home"))
    with django_assert_num_queries(6):
        client.get(reverse("home"))


def test_first_steps_give_way_once_the_school_is_set_up(client, school, curator, director):
    client.force_login(curator)
    assert "С чего начать" in client.get(reverse("home")).content.decode()
    PersonFactory(organisation=school, user=curator)
    PersonFactory(organisation=school, user=director)
    MenteeEntryFactory(person__organisation=school)
    MentorEntryFactory(person__organisation=school)
    response = client.get(reverse("home"))
    assert response.context["setup_done"]
    content = response.content.decode()
    assert "С чего начать" not in content
    assert "Быстрые действия" in content


def test_psychologist_sees_the_first_requests_and_how_many_there_are(client, school, psychologist):
    MenteeEntryFactory.create_batch(12, person__organisation=school, requests_text="Запрос")
    client.force_login(psychologist)
    response = client.get(reverse("home"))
    assert len(response.context["mentee_requests"]) == 10
    assert "Первые 10 из 12" in response.content.decode()
