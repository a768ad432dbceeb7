"""The curator's pages for the banks of mentees and mentors."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mentoring.models import MenteeEntry, MentorEntry, MentoringForm, Person, PsychologistNote, Tag
from tests.mentoring.bank_factories import (
    ConsentFactory,
    MenteeEntryFactory,
    MentorEntryFactory,
    TagFactory,
    person_with_consent,
)
from tests.mentoring.factories import AcademicYearFactory, PersonFactory, SubjectFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _mentee_data(person, **extra) -> dict:
    return {
        "person": person.pk,
        "status": MenteeEntry.Status.CANDIDATE,
        "teacher_categories": [MenteeEntry.Category.YOUNG_SPECIALIST],
        "tag_names": "Дисциплина на уроке, Работа с родителями",
        "requests_text": "Трудно удерживать внимание класса",
        "request_sources": [MenteeEntry.Source.QUESTIONNAIRE],
        "preferred_forms": [MentoringForm.objects.filter(organisation=None).first().pk],
        "comment": "",
        **extra,
    }


def _mentor_data(person, **extra) -> dict:
    return {
        "person": person.pk,
        "status": MentorEntry.Status.CANDIDATE,
        "teacher_grounds": [MentorEntry.Ground.HIGHEST_CATEGORY],
        "tag_names": "Дисциплина на уроке",
        "capacity": 2,
        "interview_date": "",
        "interview_result": "",
        "interview_notes": "",
        "training_course": "",
        "training_hours": "",
        "training_date": "",
        "training_certificate": "",
        "comment": "",
        **extra,
    }


# Adding a person to a bank.


def test_person_without_consent_is_refused_with_a_link_to_print_the_form(client, curator, person):
    client.force_login(curator)
    url = reverse("mentee_create", args=[person.organisation_id])
    response = client.post(url, _mentee_data(person))
    assert response.status_code == 200
    content = response.content.decode()
    assert "нужно действующее согласие на обработку персональных данных" in content
    assert person.full_name in content
    assert "Распечатать бланк согласия" in content
    assert reverse("consent_form_pdf", args=[person.pk]) + "?kind=processing" in content
    assert reverse("consent_create", args=[person.pk]) + "?kind=processing" in content
    assert not MenteeEntry.objects.exists()


def test_person_who_withdrew_consent_is_not_offered_for_the_bank(client, curator, person):
    ConsentFactory(person=person, withdrawn_on=TODAY - timedelta(days=1))
    client.force_login(curator)
    url = reverse("mentor_create", args=[person.organisation_id])
    assert person not in client.get(url).context["form"].fields["person"].queryset
    response = client.post(url, _mentor_data(person))
    assert response.context["form"].errors["person"]
    assert not MentorEntry.objects.exists()


def test_person_with_consent_is_added_to_the_mentee_bank(client, curator, school):
    person = person_with_consent(organisation=school)
    client.force_login(curator)
    response = client.post(reverse("mentee_create", args=[school.pk]), _mentee_data(person))
    entry = MenteeEntry.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("mentee_detail", args=[entry.pk])
    assert entry.person == person
    assert entry.academic_year == school.academic_years.get()
    assert entry.categories == [MenteeEntry.Category.YOUNG_SPECIALIST]
    assert sorted(t.name for t in entry.requests.all()) == [
        "Дисциплина на уроке",
        "Работа с родителями",
    ]
    assert entry.request_sources == [MenteeEntry.Source.QUESTIONNAIRE]
    assert entry.preferred_forms.count() == 1


def test_mentor_is_added_with_interview_and_training(client, curator, school):
    person = person_with_consent(organisation=school)
    TagFactory(organisation=school, name="Дисциплина на уроке")
    client.force_login(curator)
    data = _mentor_data(
        person,
        interview_date="2026-09-10",
        interview_result="Рекомендован",
        interview_psychologist_present="on",
        training_course="Наставничество в образовании",
        training_hours="36",
        training_certificate="КПК-17",
    )
    response = client.post(reverse("mentor_create", args=[school.pk]), data)
    assert response.status_code == 302
    entry = MentorEntry.objects.get()
    assert entry.capacity == 2
    assert entry.grounds == [MentorEntry.Ground.HIGHEST_CATEGORY]
    assert entry.interview_date == date(2026, 9, 10)
    assert entry.interview_psychologist_present
    assert entry.training_hours == 36 and entry.training_certificate == "КПК-17"
    # The competence joins the catalogue entry the mentee requests use.
    assert list(entry.competences.values_list("name", flat=True)) == ["Дисциплина на уроке"]
    assert Tag.objects.count() == 1


def test_create_form_is_prefilled_with_the_person_from_the_directory(client, curator, school):
    person = person_with_consent(organisation=school)
    client.force_login(curator)
    response = client.get(reverse("mentee_create", args=[school.pk]), {"person": person.pk})
    assert response.context["form"]["person"].value() == str(person.pk)
    assert f'value="{person.pk}" selected data-kind="teacher"' in response.content.decode()


def test_person_card_offers_to_add_to_the_banks(client, curator, person):
    client.force_login(curator)
    content = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert (
        f"{reverse('mentee_create', args=[person.organisation_id])}?person={person.pk}" in content
    )
    assert "В банк наставников" in content


def test_same_person_twice_in_a_year_is_refused(client, curator, school):
    entry = MenteeEntryFactory(person=person_with_consent(organisation=school))
    client.force_login(curator)
    response = client.post(reverse("mentee_create", args=[school.pk]), _mentee_data(entry.person))
    assert response.status_code == 200
    assert "уже в банке наставляемых" in response.content.decode()
    assert MenteeEntry.objects.count() == 1


def test_student_mentor_aged_fourteen_is_refused(client, curator, school):
    pupil = person_with_consent(
        organisation=school,
        kind=Person.Kind.STUDENT,
        grade=8,
        birth_date=date(TODAY.year - 14, 1, 1),
        teaching_since=None,
    )
    client.force_login(curator)
    response = client.post(reverse("mentor_create", args=[school.pk]), _mentor_data(pupil))
    assert response.status_code == 200
    assert "ученик 15–18 лет" in response.content.decode()
    assert not MentorEntry.objects.exists()


def test_archived_people_cannot_be_chosen(client, curator, school):
    archived = person_with_consent(organisation=school, archived_at=timezone.now())
    client.force_login(curator)
    response = client.post(reverse("mentee_create", args=[school.pk]), _mentee_data(archived))
    assert "person" in response.context["form"].errors
    assert not MenteeEntry.objects.exists()


def test_without_a_current_year_adding_points_to_the_organisation(client, curator, school):
    school.academic_years.update(is_current=False)
    client.force_login(curator)
    response = client.get(reverse("mentee_create", args=[school.pk]), follow=True)
    content = response.content.decode()
    assert "Нет текущего учебного года" in content
    assert reverse("organisation_detail", args=[school.pk]) in content


# Lists and filters.


def _names(response) -> set[str]:
    return {entry.person.last_name for entry in response.context["entries"]}


def _mentee(school, last_name, consent=True, **extra):
    make = person_with_consent if consent else PersonFactory
    return MenteeEntryFactory(person=make(organisation=school, last_name=last_name), **extra)


def test_mentee_filters_by_category_tag_and_consent(client, curator, school):
    tag = TagFactory(organisation=school, name="Выгорание")
    burnout = _mentee(school, "Антонова", categories=[MenteeEntry.Category.BURNOUT])
    burnout.requests.add(tag)
    _mentee(school, "Белова", categories=[MenteeEntry.Category.YOUNG_SPECIALIST])
    _mentee(school, "Волкова", consent=False, categories=[MenteeEntry.Category.GIFTED])
    url = reverse("mentee_list", args=[school.pk])
    client.force_login(curator)
    assert _names(client.get(url)) == {"Антонова", "Белова", "Волкова"}
    assert _names(client.get(url, {"category": "burnout"})) == {"Антонова"}
    assert _names(client.get(url, {"tag": tag.pk})) == {"Антонова"}
    assert _names(client.get(url, {"consent": "missing"})) == {"Волкова"}
    assert _names(client.get(url, {"consent": "valid"})) == {"Антонова", "Белова"}
    assert _names(client.get(url, {"q": "белов"})) == {"Белова"}


def test_list_marks_a_missing_consent_in_red(client, curator, school):
    _mentee(school, "Волкова", consent=False)
    client.force_login(curator)
    content = client.get(reverse("mentee_list", args=[school.pk])).content.decode()
    assert '<span class="badge text-bg-danger">нет согласия</span>' in content


def test_mentor_filters_by_experience_ground_and_capacity(client, curator, school):
    this_year = TODAY.year
    for last_name, years, capacity in (
        ("Лебедева", 3, 1),
        ("Морозова", 12, 3),
        ("Новикова", 30, 2),
    ):
        MentorEntryFactory(
            person=person_with_consent(
                organisation=school, last_name=last_name, teaching_since=this_year - years
            ),
            capacity=capacity,
        )
    MentorEntry.objects.filter(person__last_name="Новикова").update(
        grounds=[MentorEntry.Ground.AUTHOR]
    )
    url = reverse("mentor_list", args=[school.pk])
    client.force_login(curator)
    assert _names(client.get(url, {"experience_min": 10})) == {"Морозова", "Новикова"}
    assert _names(client.get(url, {"experience_max": 12})) == {"Лебедева", "Морозова"}
    assert _names(client.get(url, {"experience_min": 5, "experience_max": 20})) == {"Морозова"}
    assert _names(client.get(url, {"ground": "author"})) == {"Новикова"}
    assert _names(client.get(url, {"capacity": 2})) == {"Морозова", "Новикова"}


def test_mentor_filters_by_subject_and_competence(client, curator, school):
    subject = SubjectFactory(name="Физика")
    tag = TagFactory(organisation=school)
    physicist = MentorEntryFactory(person=person_with_consent(organisation=school, last_name="Ф"))
    physicist.person.subjects.add(subject)
    physicist.competences.add(tag)
    MentorEntryFactory(person=person_with_consent(organisation=school, last_name="Х"))
    url = reverse("mentor_list", args=[school.pk])
    client.force_login(curator)
    assert _names(client.get(url, {"subject": subject.pk})) == {"Ф"}
    assert _names(client.get(url, {"tag": tag.pk})) == {"Ф"}


def test_status_counts_and_filter(client, curator, school):
    _mentee(school, "Антонова", status=MenteeEntry.Status.CANDIDATE)
    _mentee(school, "Белова", status=MenteeEntry.Status.CANDIDATE)
    _mentee(school, "Волкова", status=MenteeEntry.Status.IN_BANK)
    client.force_login(curator)
    response = client.get(reverse("mentee_list", args=[school.pk]), {"status": "candidate"})
    counts = {value: count for value, _label, count in response.context["counts"]}
    assert counts["candidate"] == 2 and counts["in_bank"] == 1 and counts["paired"] == 0
    assert _names(response) == {"Антонова", "Белова"}


def test_list_shows_the_chosen_year(client, curator, school):
    past = AcademicYearFactory(
        organisation=school,
        start_date=date(2024, 9, 1),
        end_date=date(2025, 8, 31),
        is_current=False,
    )
    old = MenteeEntryFactory(person=person_with_consent(organisation=school), academic_year=past)
    _mentee(school, "Текущая")
    url = reverse("mentee_list", args=[school.pk])
    client.force_login(curator)
    assert _names(client.get(url)) == {"Текущая"}
    assert _names(client.get(url, {"year": past.pk})) == {old.person.last_name}


def test_list_without_a_current_year_says_to_open_one(client, curator, school):
    school.academic_years.all().delete()
    client.force_login(curator)
    content = client.get(reverse("mentor_list", args=[school.pk])).content.decode()
    assert "Нет текущего учебного года" in content
    assert reverse("organisation_detail", args=[school.pk]) in content


def _list_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("name", "factory", "tags"),
    [
        ("mentee_list", MenteeEntryFactory, "requests"),
        ("mentor_list", MentorEntryFactory, "competences"),
    ],
)
def test_list_query_count_does_not_grow_with_rows(client, curator, school, name, factory, tags):
    url = reverse(name, args=[school.pk])
    client.force_login(curator)
    client.get(url)  # the first visit remembers the school in the session

    def add(count):
        for _ in range(count):
            entry = factory(person=person_with_consent(organisation=school))
            getattr(entry, tags).add(TagFactory(organisation=school))
            entry.person.subjects.add(SubjectFactory())
            entry.preferred_forms.add(MentoringForm.objects.first())

    add(3)
    few = _list_queries(client, url)
    add(20)
    assert _list_queries(client, url) == few


# Bulk actions.


def test_bulk_status_change(client, curator, school):
    first, second = _mentee(school, "А"), _mentee(school, "Б")
    untouched = _mentee(school, "В")
    client.force_login(curator)
    response = client.post(
        reverse("mentee_bulk", args=[school.pk]),
        {"ids": [first.pk, second.pk], "status": MenteeEntry.Status.FINISHED},
    )
    assert response.status_code == 302
    assert set(MenteeEntry.objects.filter(status="finished")) == {first, second}
    untouched.refresh_from_db()
    assert untouched.status == MenteeEntry.Status.IN_BANK


def test_bulk_back_to_the_bank_without_consent_changes_nothing(client, curator, school):
    ready = _mentee(school, "Антонова", status=MenteeEntry.Status.CANDIDATE)
    missing = _mentee(school, "Белова", consent=False, status=MenteeEntry.Status.CANDIDATE)
    client.force_login(curator)
    response = client.post(
        reverse("mentee_bulk", args=[school.pk]),
        {"ids": [ready.pk, missing.pk], "status": MenteeEntry.Status.IN_BANK},
        follow=True,
    )
    content = response.content.decode()
    assert "нужно действующее согласие" in content and missing.person.full_name in content
    assert set(MenteeEntry.objects.values_list("status", flat=True)) == {"candidate"}


def test_bulk_ignores_entries_of_another_school(client, curator, school, other_school):
    foreign = MenteeEntryFactory(person=person_with_consent(organisation=other_school))
    client.force_login(curator)
    client.post(
        reverse("mentee_bulk", args=[school.pk]),
        {"ids": [foreign.pk], "status": MenteeEntry.Status.FINISHED},
    )
    foreign.refresh_from_db()
    assert foreign.status == MenteeEntry.Status.IN_BANK


def test_bulk_returns_to_the_filtered_list(client, curator, school):
    entry = _mentee(school, "А")
    back = reverse("mentee_list", args=[school.pk]) + "?status=in_bank"
    client.force_login(curator)
    response = client.post(
        reverse("mentee_bulk", args=[school.pk]),
        {"ids": [entry.pk], "status": "finished", "next": back},
    )
    assert response.url == back
    response = client.post(
        reverse("mentee_bulk", args=[school.pk]),
        {"ids": [entry.pk], "status": "finished", "next": "https://evil.test/"},
    )
    assert response.url == reverse("mentee_list", args=[school.pk])


# Export.


def _rows(response) -> list[tuple]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = load_workbook(BytesIO(content), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return rows


def test_mentee_export_has_the_filtered_rows_and_no_notes(client, curator, school):
    tag = TagFactory(organisation=school, name="Выгорание")
    burnout = _mentee(school, "Антонова", categories=[MenteeEntry.Category.BURNOUT])
    burnout.requests.add(tag)
    PsychologistNote.objects.create(entry=burnout, author=curator, text="Секретная заметка")
    _mentee(school, "Белова", consent=False)
    client.force_login(curator)
    response = client.get(reverse("mentee_export", args=[school.pk]), {"category": "burnout"})
    header, *rows = _rows(response)
    assert header[:3] == ("ФИО", "Вид участника", "Должность / класс")
    assert not any("аметк" in str(h) for h in header)
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["ФИО"] == burnout.person.full_name
    assert row["Категории"] == "Педагог в состоянии профессионального, эмоционального выгорания"
    assert row["Запросы"] == "Выгорание"
    assert row["Статус"] == "В банке"
    assert row["Согласие на обработку ПДн"] == "есть"
    assert "Секретная заметка" not in str(rows)


def test_export_of_selected_ids(client, curator, school, other_school):
    chosen = MentorEntryFactory(person=person_with_consent(organisation=school, last_name="Я"))
    MentorEntryFactory(person=person_with_consent(organisation=school))
    foreign = MentorEntryFactory(person=person_with_consent(organisation=other_school))
    client.force_login(curator)
    response = client.get(
        reverse("mentor_export", args=[school.pk]), {"ids": f"{chosen.pk},{foreign.pk}"}
    )
    header, *rows = _rows(response)
    assert [row[0] for row in rows] == [chosen.person.full_name]
    assert "Компетенции" in header and "Наставляемых одновременно" in header


# Detail pages and the psychologist's notes.


@pytest.fixture
def mentee(school):
    entry = _mentee(school, "Антонова")
    PsychologistNote.objects.create(entry=entry, text="Тревожность на уроках")
    return entry


@pytest.mark.parametrize("role", ["curator", "psychologist"])
def test_notes_are_shown_to_curator_and_psychologist(client, request, role, mentee):
    client.force_login(request.getfixturevalue(role))
    content = client.get(reverse("mentee_detail", args=[mentee.pk])).content.decode()
    assert "Тревожность на уроках" in content
    assert reverse("mentee_note_add", args=[mentee.pk]) in content


def test_notes_are_hidden_from_the_director(client, director, mentee):
    client.force_login(director)
    response = client.get(reverse("mentee_detail", args=[mentee.pk]))
    assert response.status_code == 200
    assert mentee.person.full_name in response.content.decode()
    assert "Тревожность на уроках" not in response.content.decode()
    assert "Заметки педагога-психолога" not in response.content.decode()


@pytest.mark.parametrize(("role", "status"), [("teacher", 403), ("outsider", 404)])
def test_notes_page_is_closed_to_teacher_and_outsider(client, request, role, status, mentee):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("mentee_detail", args=[mentee.pk]))
    assert response.status_code == status
    assert "Тревожность на уроках" not in response.content.decode()


def test_psychologist_adds_a_note(client, psychologist, mentee):
    client.force_login(psychologist)
    response = client.post(
        reverse("mentee_note_add", args=[mentee.pk]), {"text": "  Беседа с родителями  "}
    )
    assert response.url == reverse("mentee_detail", args=[mentee.pk]) + "#notes"
    note = mentee.notes.get(author=psychologist)
    assert note.text == "Беседа с родителями"


def test_director_cannot_add_a_note(client, director, mentee):
    client.force_login(director)
    response = client.post(reverse("mentee_note_add", args=[mentee.pk]), {"text": "Заметка"})
    assert response.status_code == 403
    assert mentee.notes.count() == 1


def test_detail_shows_consents_and_history(client, curator, school, mentee):
    client.force_login(curator)
    client.post(
        reverse("mentee_bulk", args=[school.pk]),
        {"ids": [mentee.pk], "status": MenteeEntry.Status.FINISHED},
    )
    content = client.get(reverse("mentee_detail", args=[mentee.pk])).content.decode()
    assert "Согласие на обработку персональных данных" in content
    assert "действует" in content
    assert "История изменений" in content
    assert "→ Завершил(а) программу" in content
    assert "Пока ни в одной паре или группе." in content


def test_mentor_detail_shows_interview_and_training(client, psychologist, school):
    entry = MentorEntryFactory(
        person=person_with_consent(organisation=school),
        interview_date=date(2026, 9, 10),
        interview_result="Рекомендован",
        training_course="Наставничество",
        training_certificate="КПК-17",
    )
    client.force_login(psychologist)
    content = client.get(reverse("mentor_detail", args=[entry.pk])).content.decode()
    assert "10.09.2026" in content and "Рекомендован" in content and "КПК-17" in content
    assert reverse("mentor_edit", args=[entry.pk]) not in content


# Editing.


def test_curator_edits_a_mentee_entry(client, curator, mentee):
    client.force_login(curator)
    url = reverse("mentee_edit", args=[mentee.pk])
    assert client.get(url).status_code == 200
    data = _mentee_data(
        mentee.person,
        status=MenteeEntry.Status.PAIRED,
        teacher_categories=[],
        student_categories=[MenteeEntry.Category.GIFTED],
        tag_names="Олимпиады",
    )
    response = client.post(url, data)
    assert response.status_code == 302
    mentee.refresh_from_db()
    assert mentee.status == MenteeEntry.Status.PAIRED
    assert mentee.categories == [MenteeEntry.Category.GIFTED]
    assert [t.name for t in mentee.requests.all()] == ["Олимпиады"]
    assert mentee.person.last_name == "Антонова"


def test_edit_back_into_the_bank_needs_a_consent(client, curator, school):
    entry = _mentee(school, "Белова", consent=False, status=MenteeEntry.Status.CANDIDATE)
    client.force_login(curator)
    response = client.post(
        reverse("mentee_edit", args=[entry.pk]),
        _mentee_data(entry.person, status=MenteeEntry.Status.IN_BANK, tag_names="Новое"),
    )
    assert response.status_code == 200
    assert "нужно действующее согласие" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == MenteeEntry.Status.CANDIDATE
    assert not entry.requests.exists()


def test_psychologist_edits_requests_but_not_status(client, psychologist, mentee):
    client.force_login(psychologist)
    url = reverse("mentee_edit", args=[mentee.pk])
    form = client.get(url).context["form"]
    assert set(form.fields) == {"tag_names", "requests_text", "request_sources"}
    response = client.post(
        url,
        {
            "tag_names": "Тревожность",
            "requests_text": "Со слов классного руководителя",
            "request_sources": [MenteeEntry.Source.PSYCHOLOGIST],
            "status": MenteeEntry.Status.FINISHED,
            "teacher_categories": [MenteeEntry.Category.BURNOUT],
        },
    )
    assert response.status_code == 302
    mentee.refresh_from_db()
    assert [t.name for t in mentee.requests.all()] == ["Тревожность"]
    assert mentee.request_sources == [MenteeEntry.Source.PSYCHOLOGIST]
    assert mentee.status == MenteeEntry.Status.IN_BANK
    assert mentee.categories == [MenteeEntry.Category.YOUNG_SPECIALIST]


def test_curator_edits_a_mentor_entry(client, curator, school):
    entry = MentorEntryFactory(person=person_with_consent(organisation=school))
    client.force_login(curator)
    data = _mentor_data(entry.person, capacity=4, training_course="КПК", training_hours="72")
    response = client.post(reverse("mentor_edit", args=[entry.pk]), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.capacity == 4 and entry.training_hours == 72
    assert entry.status == MentorEntry.Status.CANDIDATE


def test_mentor_capacity_over_ten_is_refused(client, curator, school):
    entry = MentorEntryFactory(person=person_with_consent(organisation=school))
    client.force_login(curator)
    response = client.post(
        reverse("mentor_edit", args=[entry.pk]), _mentor_data(entry.person, capacity=11)
    )
    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors
    entry.refresh_from_db()
    assert entry.capacity == 2


# Permissions of every view.


@pytest.fixture
def objects(school):
    return {
        "school": school,
        "mentee": MenteeEntryFactory(person=person_with_consent(organisation=school)),
        "mentor": MentorEntryFactory(person=person_with_consent(organisation=school)),
    }


def _org(o):
    return [o["school"].pk]


VIEWS = [
    ("mentee_list", _org, "get"),
    ("mentor_list", _org, "get"),
    ("mentee_export", _org, "get"),
    ("mentor_export", _org, "get"),
    ("mentee_create", _org, "get"),
    ("mentor_create", _org, "get"),
    ("mentee_bulk", _org, "post"),
    ("mentor_bulk", _org, "post"),
    ("mentee_detail", lambda o: [o["mentee"].pk], "get"),
    ("mentor_detail", lambda o: [o["mentor"].pk], "get"),
    ("mentee_edit", lambda o: [o["mentee"].pk], "get"),
    ("mentor_edit", lambda o: [o["mentor"].pk], "get"),
    ("mentee_note_add", lambda o: [o["mentee"].pk], "post"),
]


@pytest.mark.parametrize(("name", "args", "method"), VIEWS)
def test_curator_may_use_every_view(client, curator, objects, name, args, method):
    client.force_login(curator)
    response = getattr(client, method)(reverse(name, args=args(objects)))
    assert response.status_code == (302 if method == "post" else 200)


@pytest.mark.parametrize(("name", "args", "method"), VIEWS)
def test_teacher_is_forbidden_every_view(client, teacher, objects, name, args, method):
    client.force_login(teacher)
    assert getattr(client, method)(reverse(name, args=args(objects))).status_code == 403


@pytest.mark.parametrize(("name", "args", "method"), VIEWS)
def test_outsider_gets_not_found_for_every_view(client, outsider, objects, name, args, method):
    client.force_login(outsider)
    assert getattr(client, method)(reverse(name, args=args(objects))).status_code == 404


@pytest.mark.parametrize(
    ("name", "args"),
    [(name, args) for name, args, method in VIEWS if method == "post"],
)
def test_post_only_views_refuse_get(client, curator, objects, name, args):
    client.force_login(curator)
    assert client.get(reverse(name, args=args(objects))).status_code == 405


@pytest.mark.parametrize(
    ("name", "args", "status"),
    [
        ("mentee_list", _org, 200),
        ("mentee_export", _org, 200),
        ("mentee_detail", lambda o: [o["mentee"].pk], 200),
        ("mentee_edit", lambda o: [o["mentee"].pk], 200),
        ("mentee_create", _org, 403),
        ("mentor_edit", lambda o: [o["mentor"].pk], 403),
    ],
)
def test_psychologist_views_but_does_not_manage_the_banks(
    client, psychologist, objects, name, args, status
):
    client.force_login(psychologist)
    assert client.get(reverse(name, args=args(objects))).status_code == status


def test_psychologist_cannot_change_status_in_bulk(client, psychologist, objects):
    client.force_login(psychologist)
    response = client.post(
        reverse("mentee_bulk", args=[objects["school"].pk]),
        {"ids": [objects["mentee"].pk], "status": MenteeEntry.Status.FINISHED},
    )
    assert response.status_code == 403
    objects["mentee"].refresh_from_db()
    assert objects["mentee"].status == MenteeEntry.Status.IN_BANK
