"""The roadmap pages: the table by stage with its filters, making a roadmap, editing it in place,
the quick marks of the people responsible, the timeline, «Мои задачи» and the print."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import MentoringForm, MentoringPair, MentoringType, Role
from roadmap.models import Activity, Roadmap
from roadmap.services.evidence import MAX_EVIDENCE_SIZE
from roadmap.services.roadmap import activity_add, roadmap_create_empty, roadmap_lock, stage_add
from tests.mentoring.bank_factories import MenteeEntryFactory, MentorEntryFactory
from tests.mentoring.factories import MembershipFactory, PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 18)
S = Activity.Status
K = Activity.DeadlineKind


@pytest.fixture(autouse=True)
def today(set_today):
    return set_today(TODAY)


@pytest.fixture
def year(school):
    return school.academic_years.get(is_current=True)


@pytest.fixture
def roadmap(school, year, curator):
    roadmap = roadmap_create_empty(organisation=school, academic_year=year, actor=curator)
    first = stage_add(roadmap=roadmap, title="Подготовка условий")
    second = stage_add(roadmap=roadmap, title="Формирование банка наставников")
    activity_add(
        stage=first,
        title="Приказ о внедрении",
        deadline_text="сентябрь 2026",
        responsible_text="директор",
    )
    activity_add(
        stage=first,
        title="Анкетирование педагогов",
        content="Анкета о затруднениях",
        deadline_text="декабрь 2026",
        responsible_text="педагоги",
    )
    activity_add(stage=second, title="Встреча с наставниками", deadline_text="когда получится")
    return roadmap


def _activity(title: str) -> Activity:
    return Activity.objects.get(title=title)


def _get(client, user, name, *args, **params):
    client.force_login(user)
    return client.get(reverse(name, args=args), params)


def _post(client, user, name, *args, **data):
    client.force_login(user)
    return client.post(reverse(name, args=args), data)


# The table.


def test_table_groups_activities_by_stage_with_progress_and_marks(client, school, roadmap, curator):
    response = _get(client, curator, "roadmap_detail", school.pk)

    assert response.status_code == 200
    stages = response.context["stages"]
    assert [s.title for s in stages] == ["Подготовка условий", "Формирование банка наставников"]
    assert [a.title for a in stages[0].shown_activities] == [
        "Приказ о внедрении",
        "Анкетирование педагогов",
    ]
    assert (stages[0].activities_total, stages[0].activities_done) == (2, 0)
    overdue = stages[0].shown_activities[0]
    assert overdue.is_overdue and overdue.due == date(2026, 9, 30)
    page = response.content.decode()
    assert 'data-overdue="1"' in page
    assert "не распознан" in page  # «когда получится»
    assert "Анкета о затруднениях" in page
    assert "01.12.2026 – 31.12.2026" in page


def test_whole_school_reads_the_roadmap_but_only_managers_change_it(
    client, school, roadmap, teacher, psychologist, coordinator, outsider
):
    for user in (teacher, psychologist):
        response = _get(client, user, "roadmap_detail", school.pk)
        assert response.status_code == 200
        assert reverse("activity_edit", args=[_activity("Приказ о внедрении").pk]) not in (
            response.content.decode()
        )
    assert _get(client, outsider, "roadmap_detail", school.pk).status_code == 404


def test_coordinator_reads_the_roadmap_without_a_button_to_change_it(
    client, school, roadmap, coordinator
):
    activity = _activity("Приказ о внедрении")
    stage = activity.stage
    pages = [
        _get(client, coordinator, name, school.pk)
        for name in ("roadmap_detail", "roadmap_timeline", "roadmap_export", "roadmap_pdf")
    ]

    assert [page.status_code for page in pages] == [200, 200, 200, 200]
    content = pages[0].content.decode()
    assert "Приказ о внедрении" in content
    for name, pk in (
        ("activity_edit", activity.pk),
        ("activity_status", activity.pk),
        ("activity_delete", activity.pk),
        ("activity_create", stage.pk),
        ("stage_edit", stage.pk),
        ("stage_create", roadmap.pk),
    ):
        assert reverse(name, args=[pk]) not in content, name
    assert reverse("roadmap_import", args=[school.pk]) not in content
    assert "Подготовить приказ об утверждении" not in content
    assert _post(client, coordinator, "stage_create", roadmap.pk, title="Новый").status_code == 403
    assert _post(
        client, coordinator, "activity_status", activity.pk, status="done"
    ).status_code == (403)


def test_coordinator_has_no_tasks_at_the_schools_supervised(client, school, roadmap, coordinator):
    response = _get(client, coordinator, "my_tasks")

    assert response.status_code == 200
    assert response.context["sections"] == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "overdue"}, ["Приказ о внедрении"]),
        (
            {"status": "planned"},
            ["Приказ о внедрении", "Анкетирование педагогов", "Встреча с наставниками"],
        ),
        ({"month": "2026-12"}, ["Анкетирование педагогов"]),
        (
            {"month": "не месяц"},
            ["Приказ о внедрении", "Анкетирование педагогов", "Встреча с наставниками"],
        ),
    ],
)
def test_filters_narrow_the_table(client, school, roadmap, curator, params, expected):
    response = _get(client, curator, "roadmap_detail", school.pk, **params)

    shown = [a.title for s in response.context["stages"] for a in s.shown_activities]
    assert shown == expected


def test_filter_by_stage_and_responsible_person(client, school, roadmap, curator):
    person = PersonFactory(organisation=school)
    _activity("Встреча с наставниками").responsible_people.add(person)
    stage = roadmap.stages.get(number=2)

    by_person = _get(client, curator, "roadmap_detail", school.pk, person=person.pk)
    by_stage = _get(client, curator, "roadmap_detail", school.pk, stage=stage.pk)

    assert [s.number for s in by_person.context["stages"]] == [2]
    assert [s.number for s in by_stage.context["stages"]] == [2]


@pytest.mark.parametrize("params", [{}, {"status": "overdue"}, {"stage": "second"}])
def test_the_header_counts_the_whole_roadmap_whatever_the_filter(
    client, school, roadmap, curator, params
):
    if "stage" in params:
        params = {"stage": roadmap.stages.get(number=2).pk}
    response = _get(client, curator, "roadmap_detail", school.pk, **params)

    assert response.context["progress"] == {
        "activities_total": 3,
        "activities_done": 0,
        "activities_overdue": 1,
    }
    assert "Выполнено 0 из 3" in response.content.decode()


def test_year_switcher_shows_another_years_empty_state(client, school, roadmap, curator):
    past = school.academic_years.create(
        start_date=date(2025, 9, 1), end_date=date(2026, 8, 31), is_current=False
    )

    page = _get(client, curator, "roadmap_detail", school.pk, year=past.pk).content.decode()

    assert "Составьте дорожную карту на 2025/2026 учебный год" in page
    assert reverse("roadmap_create", args=[school.pk]) in page


def test_detail_takes_the_same_queries_for_one_or_many_activities(client, school, year, curator):
    roadmap = roadmap_create_empty(organisation=school, academic_year=year, actor=curator)
    stage = stage_add(roadmap=roadmap, title="Этап")
    person = PersonFactory(organisation=school)

    def add(n):
        for i in range(n):
            activity = activity_add(
                stage=stage, title=f"Мероприятие {i}", deadline_text="октябрь 2026", people=[person]
            )
            activity.evidence_file.save("protocol.pdf", SimpleUploadedFile("p.pdf", b"%PDF"))

    def count() -> int:
        client.force_login(curator)
        url = reverse("roadmap_detail", args=[school.pk])
        client.get(url)  # warm the session and the caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(1)
    one = count()
    add(9)
    assert count() == one


# Making a roadmap.


def test_curator_sees_the_templates_on_an_empty_roadmap(client, school, curator, teacher):
    page = _get(client, curator, "roadmap_detail", school.pk).content.decode()
    teacher_page = _get(client, teacher, "roadmap_detail", school.pk).content.decode()

    assert "Дорожная карта школы на 2023–2024 учебный год" in page
    assert 'value="empty"' in page
    assert "ещё не составлена" in teacher_page
    assert reverse("roadmap_create", args=[school.pk]) not in teacher_page


def test_roadmap_from_a_template_says_how_many_deadlines_were_not_read(
    client, school, year, curator
):
    response = _post(
        client, curator, "roadmap_create", school.pk, source="programme_34", academic_year=year.pk
    )

    roadmap = Roadmap.objects.get(organisation=school)
    assert response.status_code == 302
    assert response.url == f"{reverse('roadmap_detail', args=[school.pk])}?year={year.pk}"
    unparsed = Activity.objects.filter(stage__roadmap=roadmap, deadline_kind=K.UNPARSED).count()
    text = " ".join(str(m) for m in response.wsgi_request._messages)
    assert roadmap.template == "programme_34"
    if unparsed:
        assert f"{unparsed} срок" in text
    else:
        assert "Все сроки распознаны" in text


def test_empty_roadmap_and_a_second_one_for_the_year_is_refused(client, school, year, curator):
    _post(client, curator, "roadmap_create", school.pk, source="empty", academic_year=year.pk)
    response = _post(
        client, curator, "roadmap_create", school.pk, source="school_2023", academic_year=year.pk
    )

    assert Roadmap.objects.filter(organisation=school).count() == 1
    assert not Roadmap.objects.get().stages.exists()
    assert "уже есть" in " ".join(str(m) for m in response.wsgi_request._messages)


def test_roadmap_create_refuses_get_and_a_teacher(client, school, year, teacher, curator):
    client.force_login(curator)
    assert client.get(reverse("roadmap_create", args=[school.pk])).status_code == 405
    response = _post(
        client, teacher, "roadmap_create", school.pk, source="empty", academic_year=year.pk
    )
    assert response.status_code == 403
    assert not Roadmap.objects.exists()


# Editing in place.


def test_new_activity_goes_to_the_end_of_its_stage(client, roadmap, curator):
    stage = roadmap.stages.get(number=1)

    response = _post(
        client,
        curator,
        "activity_create",
        stage.pk,
        title="Круглый стол",
        deadline_text="до 15.12",
        responsible_text="куратор",
    )

    activity = stage.activities.get(title="Круглый стол")
    assert response.status_code == 302
    assert response.url.endswith(f"#activity-{activity.pk}")
    assert activity.number == 3
    assert activity.responsible_roles == [Role.CURATOR]
    assert activity.due_on == date(2026, 12, 15)


def test_edit_reparses_the_deadline_and_says_when_it_was_not_read(client, school, roadmap, curator):
    activity = _activity("Приказ о внедрении")
    person = PersonFactory(organisation=school)
    data = {
        "title": "Приказ о внедрении целевой модели",
        "content": "",
        "deadline_text": "как только, так сразу",
        "responsible_text": "директор",
        "responsible_roles": [Role.DIRECTOR],
        "responsible_people": [person.pk],
        "result": "Приказ",
        "status": S.IN_PROGRESS,
        "comment": "Проект у директора",
    }

    response = _post(client, curator, "activity_edit", activity.pk, **data)

    activity.refresh_from_db()
    assert response.status_code == 302
    assert activity.title == "Приказ о внедрении целевой модели"
    assert activity.deadline_kind == K.UNPARSED and activity.due_on is None
    assert activity.status == S.IN_PROGRESS and activity.comment == "Проект у директора"
    assert list(activity.responsible_people.all()) == [person]
    assert "не распознан" in " ".join(str(m) for m in response.wsgi_request._messages)

    page = _get(client, curator, "activity_edit", activity.pk).content.decode()
    assert 'data-testid="deadline-parse"' in page and "не распознан" in page


def test_new_responsible_text_brings_its_roles_unless_roles_were_picked(client, roadmap, curator):
    activity = _activity("Приказ о внедрении")
    data = {
        "title": activity.title,
        "deadline_text": activity.deadline_text,
        "responsible_text": "педагог-психолог",
        "responsible_roles": [Role.DIRECTOR],
        "status": S.PLANNED,
    }

    _post(client, curator, "activity_edit", activity.pk, **data)

    activity.refresh_from_db()
    assert activity.responsible_roles == [Role.PSYCHOLOGIST]


def test_evidence_file_and_pair_link(client, school, year, roadmap, curator, teacher, other_school):
    activity = _activity("Приказ о внедрении")
    pair = _pair(school, year)
    data = {
        "title": activity.title,
        "deadline_text": activity.deadline_text,
        "responsible_text": activity.responsible_text,
        "responsible_roles": activity.responsible_roles,
        "status": S.DONE,
        "completed_on": "2026-11-10",
        "evidence_file": SimpleUploadedFile("protocol.pdf", b"%PDF-1.4"),
        "evidence_pair": pair.pk,
    }

    _post(client, curator, "activity_edit", activity.pk, **data)

    activity.refresh_from_db()
    assert activity.status == S.DONE and activity.completed_on == date(2026, 11, 10)
    assert activity.evidence_file.name.startswith("roadmap/")
    assert activity.evidence == pair
    page = _get(client, curator, "roadmap_detail", school.pk).content.decode()
    assert reverse("pair_detail", args=[pair.pk]) in page
    assert reverse("activity_evidence", args=[activity.pk]) in page
    # The teacher reads the roadmap, not the pairs: the pair is named without a link.
    page = _get(client, teacher, "roadmap_detail", school.pk).content.decode()
    assert reverse("pair_detail", args=[pair.pk]) not in page
    assert "Пара: " in page


def test_evidence_file_over_10_mb_is_refused(client, roadmap, curator, monkeypatch):
    monkeypatch.setattr("roadmap.services.evidence.MAX_EVIDENCE_SIZE", 10)
    activity = _activity("Приказ о внедрении")
    data = {
        "title": activity.title,
        "deadline_text": activity.deadline_text,
        "status": S.DONE,
        "evidence_file": SimpleUploadedFile("big.pdf", b"x" * 11),
    }

    response = _post(client, curator, "activity_edit", activity.pk, **data)

    assert response.status_code == 200
    assert "10 МБ" in response.content.decode()
    activity.refresh_from_db()
    assert not activity.evidence_file and activity.status == S.PLANNED
    assert MAX_EVIDENCE_SIZE == 10 * 1024 * 1024


def test_move_up_and_down_renumbers(client, roadmap, curator):
    second = _activity("Анкетирование педагогов")

    _post(client, curator, "activity_move", second.pk, direction="up")
    stage = roadmap.stages.get(number=1)
    assert list(stage.activities.order_by("number").values_list("title", flat=True)) == [
        "Анкетирование педагогов",
        "Приказ о внедрении",
    ]
    _post(client, curator, "activity_move", second.pk, direction="down")
    assert stage.activities.get(number=2) == second


def test_stage_add_rename_delete(client, roadmap, curator):
    _post(client, curator, "stage_create", roadmap.pk, title="Итоги")
    stage = roadmap.stages.get(number=3)
    _post(client, curator, "stage_edit", stage.pk, title="Подведение итогов")
    stage.refresh_from_db()
    assert stage.title == "Подведение итогов"

    confirm = _get(client, curator, "stage_delete", roadmap.stages.get(number=1).pk)
    assert "Удалить этап?" in confirm.content.decode()
    _post(client, curator, "stage_delete", roadmap.stages.get(number=1).pk)
    assert list(roadmap.stages.values_list("number", "title")) == [
        (1, "Формирование банка наставников"),
        (2, "Подведение итогов"),
    ]


def test_activity_delete_asks_then_deletes(client, roadmap, curator):
    activity = _activity("Приказ о внедрении")

    confirm = _get(client, curator, "activity_delete", activity.pk)
    response = _post(client, curator, "activity_delete", activity.pk)

    assert "Удалить мероприятие?" in confirm.content.decode()
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert _activity("Анкетирование педагогов").number == 1


# An approved roadmap.


def test_locked_roadmap_hides_and_refuses_structure(client, school, roadmap, curator):
    roadmap_lock(roadmap=roadmap, by_text="№ 12 от 01.09.2026")
    activity = _activity("Приказ о внедрении")
    stage = activity.stage

    page = _get(client, curator, "roadmap_detail", school.pk).content.decode()
    refusals = [
        _post(client, curator, "stage_create", roadmap.pk, title="Новый"),
        _post(client, curator, "activity_delete", activity.pk),
        _post(client, curator, "activity_move", activity.pk, direction="down"),
        _get(client, curator, "activity_create", stage.pk),
        _get(client, curator, "stage_edit", stage.pk),
    ]

    assert "Утверждена приказом" in page and "№ 12 от 01.09.2026" in page
    assert reverse("activity_create", args=[stage.pk]) not in page
    assert reverse("activity_delete", args=[activity.pk]) not in page
    assert reverse("activity_edit", args=[activity.pk]) in page
    assert all(r.status_code == 302 for r in refusals)
    messages = " ".join(str(m) for r in refusals for m in r.wsgi_request._messages)
    assert "утверждена приказом" in messages
    assert roadmap.stages.count() == 2 and Activity.objects.filter(pk=activity.pk).exists()
    assert stage.activities.get(pk=activity.pk).number == 1


def test_locked_activity_keeps_its_text_but_takes_status_and_people(
    client, school, roadmap, curator
):
    roadmap_lock(roadmap=roadmap, by_text="№ 12 от 01.09.2026")
    activity = _activity("Приказ о внедрении")
    person = PersonFactory(organisation=school)

    response = _post(
        client,
        curator,
        "activity_edit",
        activity.pk,
        title="Другое название",
        deadline_text="май 2027",
        responsible_people=[person.pk],
        status=S.DONE,
        comment="Издан",
    )

    activity.refresh_from_db()
    assert response.status_code == 302
    assert activity.title == "Приказ о внедрении" and activity.deadline_text == "сентябрь 2026"
    assert activity.status == S.DONE and activity.completed_on == TODAY
    assert list(activity.responsible_people.all()) == [person]


# Quick marks.


def test_teacher_responsible_by_role_marks_the_activity(client, roadmap, teacher):
    activity = _activity("Анкетирование педагогов")

    response = _post(
        client,
        teacher,
        "activity_status",
        activity.pk,
        status=S.DONE,
        comment="Анкеты собраны",
        next=reverse("my_tasks"),
    )

    activity.refresh_from_db()
    assert response.status_code == 302 and response.url == reverse("my_tasks")
    assert activity.status == S.DONE and activity.completed_on == TODAY
    assert activity.comment == "Анкеты собраны"


def test_the_mark_message_cuts_a_long_title_at_a_word(client, roadmap, curator):
    activity = _activity("Анкетирование педагогов")
    activity.title = (
        "Корректировка нормативной базы реализации целевой модели наставничества "
        "в МАОУ СОШ № 7 по итогам мониторинга"
    )
    activity.save(update_fields=["title"])

    _post(client, curator, "activity_status", activity.pk, status=S.DONE)

    [message] = [str(m) for m in get_messages(client.get(reverse("my_tasks")).wsgi_request)]
    assert message == (
        "«Корректировка нормативной базы реализации целевой модели наставничества "
        "в МАОУ СОШ № 7…»: выполнено."
    )


def test_teacher_named_on_the_activity_marks_it(client, school, roadmap, teacher):
    activity = _activity("Встреча с наставниками")
    activity.responsible_people.add(teacher.person)

    _post(client, teacher, "activity_status", activity.pk, status=S.IN_PROGRESS)

    activity.refresh_from_db()
    assert activity.status == S.IN_PROGRESS


def test_others_may_not_mark(client, roadmap, teacher, psychologist, outsider, curator):
    activity = _activity("Приказ о внедрении")  # the director's

    assert _post(client, teacher, "activity_status", activity.pk, status=S.DONE).status_code == 403
    assert (
        _post(client, psychologist, "activity_status", activity.pk, status=S.DONE).status_code
        == 403
    )
    assert _post(client, outsider, "activity_status", activity.pk, status=S.DONE).status_code == 404
    client.force_login(curator)
    assert client.get(reverse("activity_status", args=[activity.pk])).status_code == 405
    assert _post(client, curator, "activity_status", activity.pk, status=S.DONE).status_code == 302
    activity.refresh_from_db()
    assert activity.status == S.DONE


def test_offsite_next_is_ignored(client, roadmap, curator):
    activity = _activity("Приказ о внедрении")

    response = _post(
        client, curator, "activity_status", activity.pk, status=S.DONE, next="https://evil.test/"
    )

    assert response.url.endswith(f"#activity-{activity.pk}")


# Timeline.


def test_timeline_draws_bars_dots_and_lists_the_rest(client, school, roadmap, curator):
    stage = roadmap.stages.get(number=2)
    activity_add(stage=stage, title="Мониторинг", deadline_text="декабрь, июнь")
    activity_add(stage=stage, title="Сопровождение", deadline_text="в течение года")
    activity_add(stage=stage, title="Консультации", deadline_text="по мере необходимости")

    response = _get(client, curator, "roadmap_timeline", school.pk)

    assert response.status_code == 200
    lines = {
        line.activity.title: line for _stage, items in response.context["groups"] for line in items
    }
    september = lines["Приказ о внедрении"].cells
    assert september[0].bar == ("0.00", "100.00") and not any(c.bar for c in september[1:])
    assert lines["Приказ о внедрении"].tone == "overdue"
    monitoring = lines["Мониторинг"].cells
    assert [i for i, c in enumerate(monitoring) if c.dots] == [3, 9]  # December, June
    assert lines["Сопровождение"].whole and all(c.bar for c in lines["Сопровождение"].cells)
    assert [c.current for c in september].index(True) == 2  # November
    off_chart = [activity.title for _number, activity in response.context["off_chart"]]
    assert off_chart == ["Встреча с наставниками", "Консультации"]
    page = response.content.decode()
    # Positions go to static/js/roadmap_timeline.js as data attributes, with a decimal point.
    assert '<span class="tl-bar starts ends" data-left="0.00" data-width="100.00">' in page
    assert "style=" not in page and ",00" not in page
    assert "js/roadmap_timeline.js" in page


# My tasks.


def test_my_tasks_groups_by_when_they_are_due(client, school, roadmap, teacher):
    stage = roadmap.stages.get(number=2)
    mine = [
        activity_add(
            stage=stage, title="Просрочено", deadline_text="октябрь 2026", people=[teacher.person]
        ),
        activity_add(
            stage=stage, title="В ноябре", deadline_text="до 30.11.2026", people=[teacher.person]
        ),
        activity_add(
            stage=stage, title="Весной", deadline_text="март 2027", people=[teacher.person]
        ),
        activity_add(
            stage=stage,
            title="Когда нужно",
            deadline_text="по мере необходимости",
            people=[teacher.person],
        ),
        activity_add(
            stage=stage, title="Сделано", deadline_text="октябрь 2026", people=[teacher.person]
        ),
    ]
    Activity.objects.filter(pk=mine[-1].pk).update(status=S.DONE, completed_on=TODAY)

    response = _get(client, teacher, "my_tasks")

    [section] = response.context["sections"]
    groups = {key: [a.title for a in items] for key, _label, items in section["groups"]}
    assert groups == {
        "overdue": ["Просрочено"],
        "month": ["В ноябре"],
        # «декабрь 2026» of the roadmap is the teachers' by role.
        "later": ["Анкетирование педагогов", "Весной"],
        "undated": ["Когда нужно"],
        "done": ["Сделано"],
    }
    page = response.content.decode()
    assert "<details" in page and page.count(reverse("activity_status", args=[mine[0].pk])) == 1


def test_my_tasks_takes_the_same_queries_for_one_or_many(client, school, year, curator, teacher):
    roadmap = roadmap_create_empty(organisation=school, academic_year=year, actor=curator)
    stage = stage_add(roadmap=roadmap, title="Этап")

    def count() -> int:
        client.force_login(teacher)
        client.get(reverse("my_tasks"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("my_tasks")).status_code == 200
        return len(queries)

    activity_add(stage=stage, title="Одно", deadline_text="май 2027", people=[teacher.person])
    one = count()
    for i in range(8):
        activity_add(
            stage=stage, title=f"Ещё {i}", deadline_text="май 2027", people=[teacher.person]
        )
    activity_add(
        stage=stage, title="По роли", deadline_text="май 2027", responsible_text="педагоги"
    )
    assert count() == one


def test_my_tasks_without_a_school_says_so(client):
    user = MembershipFactory(organisation=SchoolFactory(), role=Role.DIRECTOR).user
    user.memberships.all().delete()

    page = _get(client, user, "my_tasks").content.decode()

    assert "ни в одной школе" in page


def test_menu_has_the_roadmap_and_my_tasks(client, school, roadmap, teacher):
    page = _get(client, teacher, "roadmap_detail", school.pk).content.decode()

    assert reverse("roadmap_timeline", args=[school.pk]) in page
    assert reverse("my_tasks") in page


# Print.


def test_pdf_is_a_landscape_table(client, school, roadmap, curator, monkeypatch):
    captured = {}

    def fake_render(template, context):
        captured.update(template=template, context=context)
        return b"%PDF-1.7"

    monkeypatch.setattr("roadmap.views.roadmap.render_pdf", fake_render)

    response = _get(client, curator, "roadmap_pdf", school.pk)

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert captured["template"] == "pdf/roadmap.html"
    assert [s.number for s in captured["context"]["stages"]] == [1, 2]


def test_pdf_renders(client, school, roadmap, curator):
    response = _get(client, curator, "roadmap_pdf", school.pk)

    assert response.content.startswith(b"%PDF")


def _pair(school, year) -> MentoringPair:
    pair = MentoringPair.objects.create(
        organisation=school,
        academic_year=year,
        mentor=MentorEntryFactory(person=PersonFactory(organisation=school), academic_year=year),
        form=MentoringForm.objects.get(name="педагог – педагог", organisation=None),
        mentoring_type=MentoringType.objects.get(code="traditional", organisation=None),
        start_date=year.start_date,
        end_date=year.end_date,
    )
    pair.mentees.set(
        [MenteeEntryFactory(person=PersonFactory(organisation=school), academic_year=year)]
    )
    return pair


def test_evidence_file_is_downloaded_only_by_the_school(
    client, school, curator, teacher, other_school, roadmap
):
    from django.core.files.base import ContentFile

    from tests.mentoring.factories import MembershipFactory, UserFactory

    activity = roadmap.stages.first().activities.first()
    activity.evidence_file.save("protocol.pdf", ContentFile(b"%PDF-1.4 protocol"), save=True)
    url = reverse("activity_evidence", args=[activity.pk])
    stranger = UserFactory()
    MembershipFactory(user=stranger, organisation=other_school, role="curator")

    client.force_login(teacher)
    response = client.get(url)
    client.force_login(stranger)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 protocol"
    assert client.get(url).status_code == 404


def test_a_page_cannot_be_uploaded_as_evidence(roadmap):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from roadmap.services.evidence import activity_evidence_set

    activity = roadmap.stages.first().activities.first()
    upload = SimpleUploadedFile("report.html", b"<script>alert(1)</script>", "text/html")

    with pytest.raises(ValidationError, match="документ или изображение"):
        activity_evidence_set(activity=activity, upload=upload)


def test_someone_named_but_no_longer_at_the_school_cannot_mark(client, school, teacher, roadmap):
    from mentoring.models import Membership

    activity = roadmap.stages.first().activities.first()
    activity.responsible_people.add(teacher.person)
    Membership.objects.filter(user=teacher).delete()
    client.force_login(teacher)

    response = client.post(reverse("activity_status", args=[activity.pk]), {"status": "done"})

    activity.refresh_from_db()
    assert response.status_code == 404
    assert activity.status != "done"
