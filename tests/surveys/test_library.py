import pytest
from django.core.exceptions import ValidationError

from mentoring.models import MentoringForm
from mentoring.services.preferences import MAX_CHOICES
from surveys.library import (
    DIFFICULTIES_KEY,
    ENTRIES,
    FORM_CODES,
    MEASURED_KEYS,
    PREFERENCES_KEY,
    form_code_of,
)
from surveys.models import Question, Questionnaire
from surveys.selectors.questionnaires import current_version
from surveys.services.library import library_entries, library_install
from surveys.services.questionnaires import version_data
from surveys.services.scoring import INDICATOR_KEYS
from tests.mentoring.bank_factories import MenteeEntryFactory, TagFactory


def questions_of(questionnaire: Questionnaire) -> list[Question]:
    return list(
        Question.objects.filter(section__version__questionnaire=questionnaire).order_by(
            "section__position", "position"
        )
    )


def builder_problems(questions: list[Question]) -> list[str]:
    """The builder's rules for a question (part A's Question.clean and its save service)."""
    problems, earlier = [], {}
    for q in questions:
        where = f"{q.key}: "
        if q.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            values = [o["value"] for o in q.options]
            labels = [o["label"] for o in q.options]
            if len(values) < 2 or len(set(values)) != len(values) or not all(values + labels):
                problems.append(where + "options")
        if q.kind in (Question.Kind.SCALE, Question.Kind.MATRIX):
            points = q.scale_max - q.scale_min + 1
            if not (q.scale_min < q.scale_max and points <= 11):
                problems.append(where + "scale")
            if q.scale_labels and len(q.scale_labels) != points:
                problems.append(where + "scale labels")
        if q.kind == Question.Kind.MATRIX:
            keys = [row["key"] for row in q.rows]
            if not keys or len(set(keys)) != len(keys):
                problems.append(where + "rows")
        if q.kind == Question.Kind.NUMBER and q.min_value > q.max_value:
            problems.append(where + "bounds")
        if q.kind == Question.Kind.PERSON_CHOICE and not (q.person_set and 1 <= q.max_ranked <= 10):
            problems.append(where + "person choice")
        if q.show_if_key:
            source = earlier.get(q.show_if_key)
            allowed = (
                [True, False]
                if source and source.kind == Question.Kind.YES_NO
                else [o["value"] for o in source.options]
                if source
                else []
            )
            if not q.show_if_values or any(v not in allowed for v in q.show_if_values):
                problems.append(where + "show if")
        earlier[q.key] = q
    return problems


@pytest.mark.parametrize("key", ENTRIES)
def test_every_entry_installs_as_a_valid_questionnaire(school, curator, key):
    questionnaire, created = library_install(organisation=school, key=key, created_by=curator)

    assert created
    entry = ENTRIES[key]
    assert questionnaire.library_key == key
    assert (questionnaire.kind, questionnaire.respondent) == (entry.kind, entry.respondent)
    assert questionnaire.form_code == entry.form_code
    questions = questions_of(questionnaire)
    assert 8 <= len(questions) <= 20
    assert len({q.key for q in questions}) == len(questions)
    assert builder_problems(questions) == []
    for question in questions:
        question.full_clean()


def test_the_library_uses_every_kind_of_question():
    kinds = {
        question["kind"]
        for entry in ENTRIES.values()
        for section in entry.sections
        for question in section["questions"]
    }
    assert kinds == set(Question.Kind.values)


def test_before_and_after_share_the_keys_of_the_measured_items():
    before, after = ENTRIES["self_assessment_before"], ENTRIES["self_assessment_after"]

    def measured(entry):
        return [q for s in entry.sections for q in s["questions"] if q["key"] in MEASURED_KEYS]

    assert [q["key"] for q in measured(before)] == list(MEASURED_KEYS)
    assert measured(before) == measured(after)
    assert len(MEASURED_KEYS) >= 5


def test_the_evaluation_asks_the_nine_indicators_on_a_zero_to_two_scale():
    questions = [q for s in ENTRIES["evaluation"].sections for q in s["questions"]]
    scored = [q for q in questions if q["key"].startswith("eval_")]
    assert [q["key"] for q in scored] == list(INDICATOR_KEYS)
    assert all((q["scale_min"], q["scale_max"], q["required"]) == (0, 2, True) for q in scored)


def test_preferences_rank_partners_of_the_other_bank():
    for key, person_set in (("preference_mentee", "mentors"), ("preference_mentor", "mentees")):
        question = next(
            q for s in ENTRIES[key].sections for q in s["questions"] if q["key"] == PREFERENCES_KEY
        )
        assert question["kind"] == "person_choice"
        assert question["person_set"] == person_set
        assert question["max_ranked"] == MAX_CHOICES


def test_satisfaction_has_a_mentor_and_a_mentee_version_for_each_form():
    pairs = {(e.form_code, e.respondent) for e in ENTRIES.values() if e.kind == "satisfaction"}
    assert pairs == {(code, side) for code in FORM_CODES for side in ("mentor", "mentee")}


def test_each_built_in_form_has_a_satisfaction_wording(db):
    codes = {form_code_of(form.name) for form in MentoringForm.objects.filter(organisation=None)}
    assert codes == set(FORM_CODES)
    assert form_code_of("учитель – ученик") == "adult_student"
    assert form_code_of("ученик – ученик") == "student_student"
    assert form_code_of("социальный партнёр – педагог") == "teacher_teacher"


def test_request_options_are_the_school_requests(school, curator, other_school):
    used = [
        TagFactory(organisation=school, name=name)
        for name in ("Работа с родителями", "Дисциплина на уроке")
    ]
    TagFactory(organisation=school, name="Олимпиадная математика")  # a competence only
    TagFactory(organisation=other_school, name="Чужой запрос")
    entry = MenteeEntryFactory(person__organisation=school)
    entry.requests.set(used)

    questionnaire, _created = library_install(
        organisation=school, key="mentee_request", created_by=curator
    )

    question = next(q for q in questions_of(questionnaire) if q.key == DIFFICULTIES_KEY)
    assert [o["label"] for o in question.options] == ["Дисциплина на уроке", "Работа с родителями"]
    assert question.allow_other


def test_a_school_without_requests_gets_the_whole_catalogue_or_the_default_list(
    school, other_school
):
    TagFactory(organisation=school, name="Работа с родителями")
    TagFactory(organisation=school, name="Цифровые инструменты")
    with_tags, _ = library_install(organisation=school, key="mentee_request", created_by=None)
    empty, _ = library_install(organisation=other_school, key="mentee_request", created_by=None)

    def labels(questionnaire):
        question = next(q for q in questions_of(questionnaire) if q.key == DIFFICULTIES_KEY)
        return [o["label"] for o in question.options]

    assert labels(with_tags) == ["Работа с родителями", "Цифровые инструменты"]
    assert len(labels(empty)) >= 8


def test_installing_again_answers_the_existing_copy(school, curator):
    first, created = library_install(organisation=school, key="feedback", created_by=curator)
    again, created_again = library_install(organisation=school, key="feedback", created_by=curator)

    assert created and not created_again
    assert again == first
    assert Questionnaire.objects.filter(organisation=school, library_key="feedback").count() == 1


def test_an_installed_copy_exports_as_its_entry(school):
    questionnaire, _ = library_install(organisation=school, key="evaluation", created_by=None)
    data = version_data(current_version(questionnaire))

    assert data["kind"] == "evaluation"
    assert len(data["sections"]) == len(ENTRIES["evaluation"].sections)


def test_an_unknown_key_is_refused(school):
    with pytest.raises(ValidationError, match="нет анкеты"):
        library_install(organisation=school, key="horoscope", created_by=None)


def test_entries_show_what_the_school_installed(school, other_school, django_assert_num_queries):
    library_install(organisation=school, key="feedback", created_by=None)
    library_install(organisation=other_school, key="evaluation", created_by=None)

    with django_assert_num_queries(1):
        groups = library_entries(school)

    items = {item.entry.key: item for group in groups for item in group.items}
    assert set(items) == set(ENTRIES)
    assert items["feedback"].installed
    assert not items["evaluation"].installed
