"""Editing a roadmap (locking, renumbering, statuses, deadlines) and reading it (progress,
overdue, filters, «my tasks») in a fixed number of queries."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mentoring.models import Role
from roadmap.models import Activity, Roadmap, Stage
from roadmap.selectors import roadmap as selectors
from roadmap.services.roadmap import (
    activity_add,
    activity_deadline_set,
    activity_delete,
    activity_move,
    activity_people_set,
    activity_status_set,
    activity_update,
    roadmap_create_empty,
    roadmap_create_from_template,
    roadmap_lock,
    roadmap_unlock,
    stage_add,
    stage_delete,
    stage_update,
)
from tests.mentoring.factories import AcademicYearFactory, MembershipFactory, PersonFactory

K = Activity.DeadlineKind
S = Activity.Status
TODAY = date(2026, 11, 18)
LOCKED = "Дорожная карта утверждена приказом: № 12 от 01.09.2026."


@pytest.fixture
def year(school):
    return school.academic_years.get(is_current=True)


@pytest.fixture
def roadmap(school, year, curator):
    return roadmap_create_empty(organisation=school, academic_year=year, actor=curator)


@pytest.fixture
def stage(roadmap):
    return stage_add(roadmap=roadmap, title="Формирование банка наставляемых")


def titles(stage: Stage) -> list[tuple[int, str]]:
    return list(stage.activities.order_by("number").values_list("number", "title"))


def add(stage, title, **fields) -> Activity:
    return activity_add(stage=stage, title=title, **fields)


class TestCreateEmpty:
    def test_empty_roadmap_of_the_year(self, roadmap, year):
        assert roadmap.title == (
            "Дорожная карта внедрения целевой модели наставничества на 2026/2027 учебный год"
        )
        assert roadmap.academic_year == year and roadmap.template == ""
        assert not roadmap.stages.exists()

    def test_a_second_one_for_the_year_is_refused(self, roadmap, school, year, curator):
        with pytest.raises(ValidationError, match="уже есть"):
            roadmap_create_from_template(
                organisation=school, academic_year=year, template_key="model_2022", actor=curator
            )

    def test_another_year_may_have_its_own(self, roadmap, school, curator):
        other = AcademicYearFactory(
            organisation=school,
            start_date=date(2027, 9, 1),
            end_date=date(2028, 8, 31),
            is_current=False,
        )
        assert roadmap_create_empty(organisation=school, academic_year=other, actor=curator)


class TestStructure:
    def test_stages_are_numbered_in_order_and_close_gaps(self, roadmap):
        first, second, third = (
            stage_add(roadmap=roadmap, title=t) for t in ("Первый", "Второй", "Третий")
        )
        assert [first.number, second.number, third.number] == [1, 2, 3]
        stage_delete(stage=first)
        assert list(roadmap.stages.values_list("number", "title")) == [
            (1, "Второй"),
            (2, "Третий"),
        ]
        assert stage_add(roadmap=roadmap, title="Четвёртый").number == 3

    def test_stage_title_is_required(self, roadmap, stage):
        with pytest.raises(ValidationError):
            stage_add(roadmap=roadmap, title="   ")
        stage_update(stage=stage, title="  Формирование   банка наставников ")
        stage.refresh_from_db()
        assert stage.title == "Формирование банка наставников"

    def test_activities_are_added_at_the_end_with_their_deadline_read(self, stage):
        first = add(stage, "Анкетирование", deadline_text="октябрь 2026")
        second = add(stage, "Сбор согласий", deadline_text="до 15.10", responsible_text="куратор")
        assert (first.number, second.number) == (1, 2)
        assert (first.deadline_kind, first.due_on) == (K.MONTH, date(2026, 10, 31))
        assert (second.deadline_kind, second.recurrence) == (K.DATE, [])
        assert second.responsible_roles == [Role.CURATOR]

    def test_deleting_an_activity_renumbers_the_rest(self, stage):
        a, b, c = (add(stage, t) for t in "АБВ")
        activity_delete(activity=b)
        assert titles(stage) == [(1, "А"), (2, "В")]

    @pytest.mark.parametrize(
        ("number", "expected"),
        [(1, "ВАБГ"), (2, "АВБГ"), (4, "АБГВ"), (99, "АБГВ"), (0, "ВАБГ")],
    )
    def test_moving_within_a_stage(self, stage, number, expected):
        activities = [add(stage, t) for t in "АБВГ"]
        moved = activity_move(activity=activities[2], number=number)
        assert "".join(t for _n, t in titles(stage)) == expected
        assert [n for n, _t in titles(stage)] == [1, 2, 3, 4]
        assert moved.number == expected.index("В") + 1

    def test_moving_to_another_stage_closes_the_gap_it_leaves(self, roadmap, stage):
        other = stage_add(roadmap=roadmap, title="Формирование банка наставников")
        a, b, c = (add(stage, t) for t in "АБВ")
        x, y = (add(other, t) for t in "ХУ")
        activity_move(activity=b, stage=other, number=2)
        assert titles(stage) == [(1, "А"), (2, "В")]
        assert titles(other) == [(1, "Х"), (2, "Б"), (3, "У")]

    def test_moving_to_a_stage_of_another_roadmap_is_refused(self, stage, other_school, curator):
        year = AcademicYearFactory(organisation=other_school)
        elsewhere = stage_add(
            roadmap=roadmap_create_empty(
                organisation=other_school, academic_year=year, actor=curator
            ),
            title="Этап",
        )
        activity = add(stage, "А")
        with pytest.raises(ValidationError):
            activity_move(activity=activity, stage=elsewhere, number=1)

    def test_update_applies_changes_and_reads_the_new_deadline(self, stage):
        activity = add(stage, "Анкетирование", deadline_text="октябрь 2026")
        changed = activity_update(
            activity=activity,
            data={"title": "Анкетирование педагогов", "deadline_text": "весь период"},
        )
        assert sorted(changed) == ["deadline_text", "title"]
        activity.refresh_from_db()
        assert (activity.deadline_kind, activity.start_on, activity.due_on) == (
            K.WHOLE_PERIOD,
            date(2026, 9, 1),
            date(2027, 8, 31),
        )

    def test_new_responsible_text_brings_its_roles_unless_roles_are_given(self, stage):
        activity = add(stage, "Анкетирование", responsible_text="директор")
        activity_update(activity=activity, data={"responsible_text": "Педагог-психолог"})
        assert activity.responsible_roles == [Role.PSYCHOLOGIST]
        activity_update(
            activity=activity,
            data={"responsible_text": "директор", "responsible_roles": [Role.TEACHER]},
        )
        activity.refresh_from_db()
        assert activity.responsible_roles == [Role.TEACHER]

    def test_responsible_people_only_of_the_school(self, stage, person, other_person):
        activity = add(stage, "Анкетирование", people=[person])
        assert list(activity.responsible_people.all()) == [person]
        with pytest.raises(ValidationError):
            activity_people_set(activity=activity, people=[other_person])
        assert activity_people_set(activity=activity, people=[person]) is False

    def test_deadline_set_reads_the_text_again(self, stage):
        activity = add(stage, "Анкетирование", deadline_text="октябрь 2026")
        activity_deadline_set(activity=activity, text="как получится")
        activity.refresh_from_db()
        assert activity.deadline_text == "как получится"
        assert (activity.deadline_kind, activity.start_on, activity.due_on) == (
            K.UNPARSED,
            None,
            None,
        )
        activity_deadline_set(activity=activity, text="декабрь, июнь")
        activity.refresh_from_db()
        assert (activity.deadline_kind, activity.due_on, activity.recurrence) == (
            K.RECURRING,
            date(2027, 6, 30),
            [[12, 31], [6, 30]],
        )


class TestLock:
    @pytest.fixture
    def locked(self, roadmap, stage):
        activity = add(stage, "Анкетирование", deadline_text="октябрь 2026")
        roadmap_lock(roadmap=roadmap, by_text="№ 12 от 01.09.2026")
        activity.refresh_from_db()
        stage.refresh_from_db()
        return activity

    @pytest.mark.parametrize(
        "change",
        [
            lambda a: stage_add(roadmap=a.stage.roadmap, title="Новый этап"),
            lambda a: stage_update(stage=a.stage, title="Другое название"),
            lambda a: stage_delete(stage=a.stage),
            lambda a: activity_add(stage=a.stage, title="Новое мероприятие"),
            lambda a: activity_update(activity=a, data={"title": "Другое"}),
            lambda a: activity_update(activity=a, data={"result": "Приказ"}),
            lambda a: activity_delete(activity=a),
            lambda a: activity_move(activity=a, number=1),
            lambda a: activity_deadline_set(activity=a, text="ноябрь 2026"),
        ],
    )
    def test_structure_of_an_approved_roadmap_stays(self, locked, change):
        with pytest.raises(ValidationError) as error:
            change(locked)
        assert error.value.messages == [
            LOCKED + " Этапы, мероприятия и сроки больше не меняются: изменить их можно только "
            "приказом об изменении."
        ]
        assert Activity.objects.filter(pk=locked.pk, title="Анкетирование").exists()
        assert Stage.objects.count() == 1

    def test_progress_stays_editable(self, locked, person):
        activity_status_set(activity=locked, status=S.DONE, comment="Проведено")
        activity_people_set(activity=locked, people=[person])
        locked.refresh_from_db()
        assert (locked.status, locked.comment) == (S.DONE, "Проведено")
        assert list(locked.responsible_people.all()) == [person]

    def test_an_update_that_changes_nothing_is_no_refusal(self, locked):
        assert activity_update(activity=locked, data={"title": "Анкетирование"}) == []

    def test_unlocked_again_it_changes(self, locked):
        roadmap_unlock(roadmap=locked.stage.roadmap)
        locked.refresh_from_db()
        activity_update(activity=locked, data={"title": "Другое"})
        assert not locked.stage.roadmap.is_locked


class TestStatus:
    @pytest.fixture
    def activity(self, stage):
        return add(stage, "Анкетирование", deadline_text="октябрь 2026")

    def test_done_without_a_date_is_done_today(self, activity):
        activity_status_set(activity=activity, status=S.DONE)
        activity.refresh_from_db()
        assert (activity.status, activity.completed_on) == (S.DONE, timezone.localdate())

    def test_done_on_a_given_date(self, activity):
        activity_status_set(activity=activity, status=S.DONE, completed_on=date(2026, 10, 20))
        activity.refresh_from_db()
        assert activity.completed_on == date(2026, 10, 20)

    def test_done_in_the_future_is_refused(self, activity):
        with pytest.raises(ValidationError):
            activity_status_set(
                activity=activity,
                status=S.DONE,
                completed_on=timezone.localdate() + timedelta(days=1),
            )

    def test_back_in_progress_forgets_the_date_keeps_the_comment(self, activity):
        activity_status_set(activity=activity, status=S.DONE, comment="Анкеты собраны")
        activity_status_set(activity=activity, status=S.IN_PROGRESS)
        activity.refresh_from_db()
        assert (activity.status, activity.completed_on, activity.comment) == (
            S.IN_PROGRESS,
            None,
            "Анкеты собраны",
        )

    def test_unknown_status_is_refused(self, activity):
        with pytest.raises(ValidationError):
            activity_status_set(activity=activity, status="lost")


class TestOverdue:
    @pytest.fixture
    def activities(self, stage):
        return {
            "late": add(stage, "Просрочено", deadline_text="октябрь 2026"),
            "today": add(stage, "Сегодня", deadline_text="до 18.11.2026"),
            "later": add(stage, "Позже", deadline_text="декабрь 2026"),
            "no_date": add(stage, "Без даты", deadline_text="по мере необходимости"),
            "done": add(stage, "Выполнено", deadline_text="сентябрь 2026"),
        }

    @pytest.fixture
    def done(self, activities):
        activity_status_set(
            activity=activities["done"], status=S.DONE, completed_on=date(2026, 9, 20)
        )

    def test_not_done_and_due_before_today(self, activities, done):
        activities["done"].refresh_from_db()
        overdue = {k for k, a in activities.items() if selectors.activity_overdue(a, TODAY)}
        assert overdue == {"late"}

    def test_the_annotation_agrees(self, stage, activities, done):
        rows = selectors.with_overdue(Activity.objects.filter(stage=stage), TODAY)
        assert {a.title for a in rows if a.is_overdue} == {"Просрочено"}

    def test_progress_per_stage(self, roadmap, stage, activities, done):
        other = stage_add(roadmap=roadmap, title="Пустой этап")
        stages = selectors.roadmap_stages(roadmap, TODAY)
        assert [
            (s.pk, s.activities_total, s.activities_done, s.activities_overdue) for s in stages
        ] == [
            (stage.pk, 5, 1, 1),
            (other.pk, 0, 0, 0),
        ]
        assert selectors.roadmap_progress(stages) == {
            "activities_total": 5,
            "activities_done": 1,
            "activities_overdue": 1,
        }
        listed = selectors.roadmaps_of(roadmap.organisation, TODAY).get()
        assert (listed.activities_total, listed.activities_done, listed.activities_overdue) == (
            5,
            1,
            1,
        )


class TestFilters:
    @pytest.fixture
    def rows(self, roadmap, stage, person):
        other = stage_add(roadmap=roadmap, title="Формирование банка наставников")
        rows = {
            "october": add(stage, "Октябрь", deadline_text="октябрь 2026", people=[person]),
            "autumn": add(stage, "Осень", deadline_text="сентябрь-ноябрь 2026"),
            "twice": add(other, "Дважды", deadline_text="декабрь, июнь"),
            "whole": add(other, "Весь год", deadline_text="весь период"),
            "as_needed": add(other, "Когда нужно", deadline_text="по мере необходимости"),
        }
        activity_status_set(activity=rows["autumn"], status=S.IN_PROGRESS)
        return rows

    def found(self, roadmap, **params) -> set[str]:
        return {a.title for a in selectors.activities_filtered(roadmap, params, TODAY)}

    def test_by_stage(self, roadmap, stage, rows):
        assert self.found(roadmap, stage=str(stage.pk)) == {"Октябрь", "Осень"}

    def test_by_status_and_overdue(self, roadmap, rows):
        assert self.found(roadmap, status="in_progress") == {"Осень"}
        assert self.found(roadmap, status="overdue") == {"Октябрь"}
        assert self.found(roadmap, status="done") == set()

    def test_by_person(self, roadmap, rows, person):
        assert self.found(roadmap, person=str(person.pk)) == {"Октябрь"}

    def test_by_month(self, roadmap, rows):
        assert self.found(roadmap, month="2026-10") == {"Октябрь", "Осень", "Весь год"}
        assert self.found(roadmap, month="2026-12") == {"Дважды", "Весь год"}
        assert self.found(roadmap, month="2027-06") == {"Дважды", "Весь год"}
        assert self.found(roadmap, month="2027-12") == set()

    def test_nonsense_is_ignored(self, roadmap, rows):
        everything = self.found(roadmap)
        assert len(everything) == 5
        assert self.found(roadmap, stage="x", status="lost", person="", month="13-2026") == (
            everything
        )

    def test_stages_show_only_matching_activities(self, roadmap, stage, rows):
        params = {"status": "overdue"}
        every_stage = selectors.roadmap_stages(roadmap, TODAY, params)
        stages = selectors.stages_shown(every_stage, params)
        assert [(s.pk, [a.title for a in s.shown_activities]) for s in stages] == [
            (stage.pk, ["Октябрь"])
        ]
        # progress still counts the whole stage, and the header the whole roadmap
        assert stages[0].activities_total == 2
        assert selectors.roadmap_progress(every_stage)["activities_total"] == len(
            Activity.objects.filter(stage__roadmap=roadmap)
        )

    def test_academic_months(self, year):
        months = selectors.academic_months(year)
        assert (len(months), months[0], months[-1]) == (12, date(2026, 9, 1), date(2027, 8, 1))


class TestMyTasks:
    @pytest.fixture
    def rows(self, stage, teacher, curator):
        teacher_person = teacher.person
        return {
            "named": add(
                stage, "Назван по имени", deadline_text="октябрь 2026", people=[teacher_person]
            ),
            "by_role": add(
                stage, "По роли", deadline_text="декабрь 2026", responsible_text="Наставники"
            ),
            "curator": add(stage, "Куратору", responsible_text="куратор"),
            "done": add(stage, "Сделано", responsible_text="наставники"),
            "nobody": add(stage, "Никому", responsible_text="Ответственный за сайт"),
        }

    def test_named_or_by_role(self, rows, teacher, school):
        activity_status_set(activity=rows["done"], status=S.DONE)
        tasks = list(selectors.my_tasks(teacher, school, TODAY))
        assert [a.title for a in tasks] == ["Назван по имени", "По роли"]
        assert tasks[0].is_overdue and not tasks[1].is_overdue
        with_done = selectors.my_tasks(teacher, school, TODAY, include_done=True)
        assert {a.title for a in with_done} == {"Назван по имени", "По роли", "Сделано"}

    def test_curator_without_a_person_gets_the_curators_tasks(self, rows, curator, school):
        assert [a.title for a in selectors.my_tasks(curator, school, TODAY)] == ["Куратору"]

    def test_a_person_without_an_account_gets_what_names_them(self, stage, school):
        person = PersonFactory(organisation=school)
        add(stage, "Ему", people=[person], responsible_text="куратор")
        add(stage, "Не ему", responsible_text="Наставники")
        assert [a.title for a in selectors.person_tasks(person, TODAY)] == ["Ему"]

    def test_roles_in_another_school_do_not_count(self, rows, outsider, school, other_school):
        MembershipFactory(user=outsider, organisation=other_school, role=Role.TEACHER)
        assert list(selectors.my_tasks(outsider, school, TODAY)) == []
        assert list(selectors.my_tasks(outsider, other_school, TODAY)) == []

    def test_only_the_current_year_unless_asked(self, rows, teacher, school, year):
        other = AcademicYearFactory(
            organisation=school,
            start_date=date(2025, 9, 1),
            end_date=date(2026, 8, 31),
            is_current=False,
        )
        old = roadmap_create_empty(organisation=school, academic_year=other, actor=teacher)
        add(stage_add(roadmap=old, title="Этап"), "Прошлогоднее", responsible_text="наставники")
        assert "Прошлогоднее" not in {a.title for a in selectors.my_tasks(teacher, school, TODAY)}
        assert {
            a.title for a in selectors.my_tasks(teacher, school, TODAY, academic_year=other)
        } == {"Прошлогоднее"}


def _grow(roadmap, stages: int, activities: int, people: list) -> None:
    for s in range(stages):
        stage = stage_add(roadmap=roadmap, title=f"Этап {s}")
        for a in range(activities):
            add(
                stage,
                f"Мероприятие {a}",
                deadline_text="октябрь 2026",
                responsible_text="наставники",
                people=people,
            )


def _page_queries(roadmap, params=None) -> int:
    """Queries to read the roadmap page: stages, their activities and responsible people."""
    with CaptureQueriesContext(connection) as queries:
        for stage in selectors.roadmap_stages(roadmap, TODAY, params):
            for activity in stage.shown_activities:
                [p.full_name for p in activity.responsible_people.all()]
    return len(queries)


def _tasks_queries(user, school) -> int:
    with CaptureQueriesContext(connection) as queries:
        for activity in selectors.my_tasks(user, school, TODAY):
            [p.full_name for p in activity.responsible_people.all()]
            _row = (activity.stage.number, activity.stage.roadmap.title, activity.is_overdue)
    return len(queries)


class TestQueryCounts:
    def test_roadmap_page_does_not_grow_with_its_rows(self, roadmap, school, teacher):
        people = [teacher.person, PersonFactory(organisation=school)]
        _grow(roadmap, 1, 1, people[:1])
        small = _page_queries(roadmap)
        _grow(roadmap, 4, 6, people)
        assert _page_queries(roadmap) == small == 3
        # The month filter reads the roadmap's year, once.
        fresh = Roadmap.objects.get(pk=roadmap.pk)
        assert _page_queries(fresh, {"status": "overdue", "month": "2026-10"}) == 4

    def test_my_tasks_do_not_grow_with_them(self, roadmap, school, teacher):
        _grow(roadmap, 1, 1, [teacher.person])
        small = _tasks_queries(teacher, school)
        _grow(roadmap, 3, 5, [teacher.person, PersonFactory(organisation=school)])
        # Roles, duties, the activities, their responsible people.
        assert _tasks_queries(teacher, school) == small == 4
