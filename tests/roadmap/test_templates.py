"""Built-in roadmap templates: each transcribes its seed stage by stage, and a roadmap made
from one moves its dates to the year chosen."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mentoring.models import AcademicYear, Duty, Role
from roadmap.deadlines import parse_deadline
from roadmap.models import Activity, Roadmap
from roadmap.services.roadmap import roadmap_create_from_template
from roadmap.templates_data import TEMPLATES, roles_from_text, template_choices, template_list
from tests.mentoring.factories import AcademicYearFactory

K = Activity.DeadlineKind

# Activities per stage, counted in the seeds.
COUNTS = {
    # 002, appendix: seven unnumbered stages, numbered list items within each cell.
    "model_2022": [3, 2, 2, 2, 3, 3, 1],
    # 000: one activity per line of «Содержание деятельности»; stage 6 includes the lines of
    # «Мотивация и поощрения наставников».
    "school_2023": [3, 6, 4, 7, 6, 8, 2],
    # 001: the numbered items of each stage.
    "school_2024": [2, 2, 2, 4, 3, 2, 1],
    # 003 §7: items 1–3, 5–9 (there is no 4), 10–13, 14–16, 17–20, 21–25, 26–34 in the stages
    # of its §3.
    "programme_34": [3, 5, 4, 3, 4, 5, 9],
    # 004: sections 1–6; items 1.2–1.15, 2.1–2.8 with the unnumbered one, 3.1–3.7, 4.1–4.4,
    # 5.1–5.4 and 5.6–5.7 (5.5 heads them), 6.1.1 and 6.2.1 (under 6.1 and 6.2).
    "students_2022": [10, 7, 7, 4, 6, 2],
}
TOTALS = {
    "model_2022": 16,
    "school_2023": 36,
    "school_2024": 16,
    "programme_34": 33,
    "students_2022": 36,
}
# Deadlines a template's own year cannot read, as the seed writes them.
UNREAD = {
    "model_2022": [""] * 16,
    "school_2023": [],
    "school_2024": ["", ""],
    "programme_34": [],
    "students_2022": [],
}


def bounds(start_year: int) -> tuple[date, date]:
    return AcademicYear.bounds_for(start_year)


def test_five_templates_in_the_order_a_page_offers_them():
    keys = ["model_2022", "school_2023", "school_2024", "programme_34", "students_2022"]
    assert list(TEMPLATES) == keys
    assert [t.key for t in template_list()] == keys
    assert [key for key, _title in template_choices()] == keys


@pytest.mark.parametrize("key", list(COUNTS))
def test_template_has_the_stages_and_activities_of_its_seed(key):
    template = TEMPLATES[key]
    assert [len(stage.activities) for stage in template.stages] == COUNTS[key]
    assert [stage.number for stage in template.stages] == list(range(1, len(COUNTS[key]) + 1))
    assert template.activity_count == TOTALS[key]


@pytest.mark.parametrize("key", list(COUNTS))
def test_template_describes_itself(key):
    template = TEMPLATES[key]
    assert str(template.title) and str(template.source) and template.heading
    assert 2021 <= template.start_year <= 2024


@pytest.mark.parametrize("key", list(COUNTS))
def test_every_deadline_of_a_template_reads_in_its_own_year_but_the_known_ones(key):
    template = TEMPLATES[key]
    unread = [
        a.deadline
        for stage in template.stages
        for a in stage.activities
        if parse_deadline(a.deadline, *bounds(template.start_year)).kind == K.UNPARSED
    ]
    assert unread == UNREAD[key]


@pytest.mark.parametrize("key", list(COUNTS))
def test_texts_fit_their_fields_and_name_people_only_as_responsible(key):
    for stage in TEMPLATES[key].stages:
        assert len(stage.title) <= 500
        for a in stage.activities:
            assert a.title and len(a.title) <= 1000
            assert len(a.deadline) <= 300 and len(a.responsible) <= 500 and len(a.result) <= 500
            assert len(a.label) <= 20 and len(a.subheading) <= 500
            text = " ".join((a.title, a.content, a.result, a.subheading))
            assert "Сулейманов" not in text and "Мелякова" not in text


def test_seed_000_keeps_its_texts_and_columns():
    stage = TEMPLATES["school_2023"].stages[3]
    assert stage.title == "Формирование наставнических пар/групп"
    activity = stage.activities[5]
    assert activity.title == "Закрепление наставнических пар/групп"
    assert activity.content == "Составление персонализированных программ наставничества."
    assert activity.deadline == "октябрь-ноябрь 2023"
    assert activity.responsible == "куратор внедрения целевой модели наставничества"


def test_seed_004_keeps_the_result_column():
    activity = TEMPLATES["students_2022"].stages[0].activities[0]
    assert activity.deadline == "до 30.08.2022"
    assert activity.result == "Приказ ОО"


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("директор", [Role.DIRECTOR]),
        ("Директор, заместитель директора", [Role.DIRECTOR, Role.CURATOR]),
        ("Зам. директора по УВР", [Role.CURATOR]),
        ("Директор, зам. директора по УВР", [Role.DIRECTOR, Role.CURATOR]),
        ("куратор внедрения целевой модели наставничества", [Role.CURATOR]),
        ("Куратор программы. Наставники", [Role.CURATOR, Role.TEACHER]),
        (
            "Куратор программы. Классные руководители. Педагог-психолог. Социальный педагог",
            [Role.CURATOR, Role.PSYCHOLOGIST, Duty.CLASS_TEACHER, Duty.SOCIAL_PEDAGOGUE],
        ),
        ("психолог", [Role.PSYCHOLOGIST]),
        ("Наставники", [Role.TEACHER]),
        ("педагоги", [Role.TEACHER]),
        ("Заместитель директора, ответственный за сайт", [Role.CURATOR, Duty.WEBSITE]),
        ("Ответственный за сайт", [Duty.WEBSITE]),
        ("Председатели МО", [Duty.SMO_HEAD]),
        ("", []),
    ],
)
def test_roles_where_the_responsible_text_is_plain(text, roles):
    assert roles_from_text(text) == [role.value for role in roles]


@pytest.fixture
def year_2026(school):
    return school.academic_years.get(start_date=date(2026, 9, 1))


def _activity(roadmap: Roadmap, stage: int, number: int) -> Activity:
    return Activity.objects.get(stage__roadmap=roadmap, stage__number=stage, number=number)


class TestCreateFromTemplate:
    @pytest.mark.parametrize("key", list(COUNTS))
    def test_every_template_makes_a_roadmap(self, school, year_2026, curator, key):
        roadmap, unparsed = roadmap_create_from_template(
            organisation=school, academic_year=year_2026, template_key=key, actor=curator
        )
        assert roadmap.template == key
        assert roadmap.title.endswith("на 2026/2027 учебный год")
        assert list(roadmap.stages.values_list("number", flat=True)) == list(
            range(1, len(COUNTS[key]) + 1)
        )
        for stage, count in zip(roadmap.stages.order_by("number"), COUNTS[key], strict=True):
            assert list(stage.activities.values_list("number", flat=True)) == list(
                range(1, count + 1)
            )
        assert len(unparsed) == len(UNREAD[key])

    def test_months_move_to_the_chosen_year(self, school, year_2026, curator):
        roadmap, unparsed = roadmap_create_from_template(
            organisation=school, academic_year=year_2026, template_key="school_2023", actor=curator
        )
        assert unparsed == []
        october = _activity(roadmap, 2, 1)
        assert october.deadline_text == "октябрь 2026"
        assert (october.deadline_kind, october.start_on, october.due_on) == (
            K.MONTH,
            date(2026, 10, 1),
            date(2026, 10, 31),
        )
        march = _activity(roadmap, 5, 1)
        assert (march.deadline_text, march.due_on) == ("Март 2027", date(2027, 3, 31))
        both = _activity(roadmap, 4, 6)
        assert (both.deadline_text, both.start_on, both.due_on) == (
            "октябрь-ноябрь 2026",
            date(2026, 10, 1),
            date(2026, 11, 30),
        )
        whole = _activity(roadmap, 4, 7)
        assert (whole.deadline_text, whole.start_on, whole.due_on) == (
            "весь период",
            date(2026, 9, 1),
            date(2027, 8, 31),
        )

    def test_dates_move_to_the_same_day_in_the_chosen_year(self, school, year_2026, curator):
        roadmap, unparsed = roadmap_create_from_template(
            organisation=school,
            academic_year=year_2026,
            template_key="students_2022",
            actor=curator,
        )
        first = _activity(roadmap, 1, 1)
        assert (first.deadline_text, first.due_on) == ("до 30.08.2026", date(2026, 8, 30))
        assert first.result == "Приказ ОО"
        assert first.title.endswith("в 2026 – 2027уч. г.")
        yearly = _activity(roadmap, 2, 1)
        assert yearly.deadline_text == "до 15.10. ежегодно (в период с 2026 по 2028 г.г.)"
        assert (yearly.deadline_kind, yearly.due_on, yearly.recurrence) == (
            K.RECURRING,
            date(2026, 10, 15),
            [[10, 15]],
        )
        twice = _activity(roadmap, 5, 3)
        assert (twice.due_on, twice.recurrence) == (date(2027, 6, 30), [[12, 31], [6, 30]])
        # A document cited in a title keeps its date.
        assert "от 25.12.2019 № Р-145" in _activity(roadmap, 1, 9).title
        assert "в 2026 – 2027уч. г." in roadmap.stages.get(number=3).title

    def test_unparsed_deadlines_are_kept_and_returned(self, school, year_2026, curator):
        roadmap, unparsed = roadmap_create_from_template(
            organisation=school,
            academic_year=year_2026,
            template_key="school_2024",
            actor=curator,
        )
        # Stage 2 of the seed gives no deadlines.
        assert [(a.stage.number, a.deadline_text) for a in unparsed] == [(2, ""), (2, "")]
        for activity in unparsed:
            activity.refresh_from_db()
            assert activity.deadline_kind == K.UNPARSED and activity.due_on is None
        assert Activity.objects.filter(stage__roadmap=roadmap).count() == 16

    def test_a_bare_year_is_the_calendar_year_moved_with_the_template(
        self, school, year_2026, curator
    ):
        roadmap, _unparsed = roadmap_create_from_template(
            organisation=school, academic_year=year_2026, template_key="school_2024", actor=curator
        )
        training = _activity(roadmap, 4, 2)
        assert training.deadline_text == "2026"
        assert (training.deadline_kind, training.start_on, training.due_on) == (
            K.MONTH_RANGE,
            date(2026, 1, 1),
            date(2026, 12, 31),
        )

    def test_the_student_plan_keeps_its_numbers_sub_headings_and_responsible(
        self, school, year_2026, curator
    ):
        roadmap, unparsed = roadmap_create_from_template(
            organisation=school,
            academic_year=year_2026,
            template_key="students_2022",
            actor=curator,
        )
        assert unparsed == []
        activities = list(Activity.objects.filter(stage__roadmap=roadmap))
        assert len(activities) == 36
        assert {a.responsible_text for a in activities} == {"Сулейманов С.С."}
        assert [a.label for a in activities][:3] == ["1.2", "1.3", "1.6"]
        control = _activity(roadmap, 6, 1)
        assert control.label == "6.1.1"
        assert control.subheading.startswith("6.1 Контроль реализации мероприятий")
        assert control.title.startswith("на уровне школы:")
        # «… или май 2021 г.»: the stated month, in the academic year.
        closing = _activity(roadmap, 3, 7)
        assert closing.deadline_text.endswith("или май 2025 г.")
        assert (closing.deadline_kind, closing.start_on, closing.due_on) == (
            K.MONTH,
            date(2027, 5, 1),
            date(2027, 5, 31),
        )

    def test_responsible_text_kept_and_roles_taken(self, school, year_2026, curator):
        roadmap, _unparsed = roadmap_create_from_template(
            organisation=school, academic_year=year_2026, template_key="school_2023", actor=curator
        )
        activity = _activity(roadmap, 1, 2)
        assert activity.responsible_text == "Директор, заместитель директора"
        assert activity.responsible_roles == [Role.DIRECTOR, Role.CURATOR]

    def test_a_template_moves_back_too(self, school, curator):
        year = AcademicYearFactory(
            organisation=school,
            start_date=date(2020, 9, 1),
            end_date=date(2021, 8, 31),
            is_current=False,
        )
        roadmap, _unparsed = roadmap_create_from_template(
            organisation=school, academic_year=year, template_key="school_2024", actor=curator
        )
        activity = _activity(roadmap, 3, 1)
        assert (activity.deadline_text, activity.due_on) == ("Сентябрь 2020", date(2020, 9, 30))

    def test_one_roadmap_per_school_and_year(self, school, year_2026, curator):
        roadmap_create_from_template(
            organisation=school, academic_year=year_2026, template_key="model_2022", actor=curator
        )
        with pytest.raises(ValidationError) as error:
            roadmap_create_from_template(
                organisation=school,
                academic_year=year_2026,
                template_key="school_2023",
                actor=curator,
            )
        assert error.value.messages == ["Дорожная карта на 2026/2027 учебный год уже есть."]
        assert Roadmap.objects.count() == 1

    def test_year_of_another_school_is_refused(self, school, other_school, year_2026, curator):
        with pytest.raises(ValidationError):
            roadmap_create_from_template(
                organisation=other_school,
                academic_year=year_2026,
                template_key="model_2022",
                actor=curator,
            )
        assert not Roadmap.objects.exists()

    def test_unknown_template_is_refused(self, school, year_2026, curator):
        with pytest.raises(ValidationError):
            roadmap_create_from_template(
                organisation=school, academic_year=year_2026, template_key="nope", actor=curator
            )


def test_a_roadmap_from_a_schools_template_names_its_own_school(school, curator):
    from roadmap.services.roadmap import roadmap_create_from_template

    roadmap, _unparsed = roadmap_create_from_template(
        organisation=school,
        academic_year=school.academic_years.get(is_current=True),
        template_key="school_2023",
        actor=curator,
    )

    titles = " ".join(
        f"{a.title} {a.content}" for s in roadmap.stages.all() for a in s.activities.all()
    )
    assert "ВСОШ" not in titles
    assert school.short_name in titles
