"""The builder's services: each kind's validation, show-if, item keys, versions once answers
exist, copy, and the questionnaire file both ways."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from surveys.models import Answer, Question, Questionnaire, Response
from surveys.selectors.questionnaires import current_version
from surveys.services import questionnaires as services
from tests.surveys.factories import make_campaign, make_questionnaire, questionnaire_data

pytestmark = pytest.mark.django_db


def _question(**fields) -> Question:
    values = {"key": "item", "text": "Вопрос", "position": 1, **fields}
    return Question(**values)


def _messages(question: Question) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        question.clean()
    return caught.value.message_dict


# Each kind's validation.


def test_choice_needs_two_options():
    errors = _messages(_question(kind="single", options=[{"value": "a", "label": "А"}]))
    assert "хотя бы два варианта" in errors["options"][0]


def test_choice_options_need_unique_values_and_labels():
    errors = _messages(
        _question(
            kind="multiple",
            options=[
                {"value": "a", "label": "Один"},
                {"value": "a", "label": "Один"},
                {"value": "", "label": "Три"},
            ],
        )
    )
    text = " ".join(errors["options"])
    assert "У варианта 3 нет значения или подписи" in text
    assert "повторяются (значение «a»)" in text
    assert "повторяются (подпись «Один»)" in text


def test_choice_option_may_not_take_the_value_of_other():
    errors = _messages(
        _question(
            kind="single",
            options=[{"value": "__other__", "label": "Другое"}, {"value": "b", "label": "Б"}],
        )
    )
    assert "занято вариантом «другое»" in errors["options"][0]


def test_scale_goes_from_less_to_more():
    errors = _messages(_question(kind="scale", scale_min=5, scale_max=1))
    assert "от меньшего балла к большему" in errors["scale_max"][0]
    errors = _messages(_question(kind="scale"))
    assert "от какого до какого балла" in errors["scale_max"][0]


def test_scale_has_at_most_eleven_points():
    errors = _messages(_question(kind="scale", scale_min=0, scale_max=11))
    assert "На шкале 12 баллов, а можно не больше 11" in errors["scale_max"][0]
    _question(kind="scale", scale_min=0, scale_max=10).clean()


def test_scale_labels_are_none_or_one_per_point():
    errors = _messages(_question(kind="scale", scale_min=1, scale_max=5, scale_labels=["а", "б"]))
    assert "Подписей баллов 2, а баллов на шкале 5" in errors["scale_labels"][0]
    _question(kind="scale", scale_min=0, scale_max=2, scale_labels=["a", "b", "c"]).clean()
    _question(kind="scale", scale_min=1, scale_max=5, scale_labels=[]).clean()


def test_matrix_needs_rows_with_unique_keys():
    scale = {"kind": "matrix", "scale_min": 0, "scale_max": 2}
    assert "хотя бы один пункт" in _messages(_question(**scale))["rows"][0]
    rows = [{"key": "a", "label": "А"}, {"key": "a", "label": "Б"}, {"key": "c", "label": ""}]
    text = " ".join(_messages(_question(rows=rows, **scale))["rows"])
    assert "Коды пунктов матрицы повторяются («a»)" in text
    assert "У пункта матрицы 3 нет кода или названия" in text


def test_number_bounds_in_order():
    errors = _messages(_question(kind="number", min_value=10, max_value=1))
    assert "Верхняя граница числа меньше нижней" in errors["max_value"][0]
    _question(kind="number", min_value=1, max_value=1).clean()
    _question(kind="number").clean()


def test_person_choice_needs_set_and_up_to_ten_places():
    errors = _messages(_question(kind="person_choice", max_ranked=11))
    assert "из кого выбирать" in errors["person_set"][0]
    assert "от 1 до 10" in errors["max_ranked"][0]
    _question(kind="person_choice", person_set="mentors", max_ranked=3).clean()


def test_show_if_needs_both_key_and_values():
    assert (
        "при каких ответах"
        in _messages(_question(kind="short_text", show_if_key="x"))["show_if_values"][0]
    )
    errors = _messages(_question(kind="short_text", show_if_values=[True]))
    assert "от ответа на который" in errors["show_if_key"][0]


# Show-if across questions of a version (checked by the services).


def _yes_no_and_text(**dependent) -> list[dict]:
    return [
        {"key": "first_year", "text": "Первый год?", "kind": "yes_no"},
        {"key": "why", "text": "Почему?", "kind": "long_text", **dependent},
    ]


def test_show_if_on_an_earlier_answer_is_kept(school):
    questionnaire = make_questionnaire(
        school, _yes_no_and_text(show_if_key="first_year", show_if_values=[False])
    )
    why = Question.objects.get(section__version__questionnaire=questionnaire, key="why")
    assert why.show_if_values == [False]


def test_show_if_on_a_later_question_is_refused(school):
    questions = list(reversed(_yes_no_and_text()))
    questions[0] |= {"show_if_key": "first_year", "show_if_values": [True]}
    with pytest.raises(ValidationError, match="нет выше него"):
        make_questionnaire(school, questions)


def test_show_if_values_must_be_answers_of_that_question(school):
    with pytest.raises(ValidationError, match="нет ответов «maybe»"):
        make_questionnaire(
            school, _yes_no_and_text(show_if_key="first_year", show_if_values=["maybe"])
        )
    scale = [
        {"key": "mood", "text": "Настроение", "kind": "scale", "scale_min": 1, "scale_max": 5},
        {"key": "why", "text": "Почему?", "kind": "long_text"},
    ]
    scale[1] |= {"show_if_key": "mood", "show_if_values": [6]}
    with pytest.raises(ValidationError, match="нет ответов «6»"):
        make_questionnaire(school, scale)
    scale[1]["show_if_values"] = [1, 2]
    make_questionnaire(school, scale)


def test_show_if_on_a_text_question_is_refused(school):
    questions = [
        {"key": "name", "text": "Имя", "kind": "short_text"},
        {"key": "why", "text": "Почему?", "kind": "long_text", "show_if_key": "name"},
    ]
    questions[1]["show_if_values"] = ["x"]
    with pytest.raises(ValidationError, match="только на вопрос с вариантами"):
        make_questionnaire(school, questions)


def test_moving_a_question_above_its_condition_is_refused(school):
    questionnaire = make_questionnaire(
        school, _yes_no_and_text(show_if_key="first_year", show_if_values=[False])
    )
    why = Question.objects.get(section__version__questionnaire=questionnaire, key="why")
    with pytest.raises(ValidationError, match="нет выше него"):
        services.question_move(question=why, up=True)
    assert list(why.section.questions.values_list("key", flat=True)) == ["first_year", "why"]


def test_deleting_a_condition_question_is_refused_while_another_depends_on_it(school):
    questionnaire = make_questionnaire(
        school, _yes_no_and_text(show_if_key="first_year", show_if_values=[False])
    )
    first = Question.objects.get(section__version__questionnaire=questionnaire, key="first_year")
    with pytest.raises(ValidationError, match="зависит показ вопроса «Почему\\?»"):
        services.question_delete(question=first)


def test_renaming_a_key_carries_the_show_if_along(school):
    questionnaire = make_questionnaire(
        school, _yes_no_and_text(show_if_key="first_year", show_if_values=[False])
    )
    first = Question.objects.get(section__version__questionnaire=questionnaire, key="first_year")
    services.question_update(question=first, fields={"key": "novice"})
    why = Question.objects.get(section__version__questionnaire=questionnaire, key="why")
    assert why.show_if_key == "novice"


# Item keys.


def test_key_is_transliterated_from_the_text():
    assert services.key_from_text("Ваш любимый предмет в школе?") == "vash_lyubimyy_predmet_v"
    assert services.key_from_text("Щёки и ёжик") == "shcheki_i_ezhik"
    assert services.key_from_text("2025 год") == "q_2025_god"
    assert services.key_from_text("???") == "q"


def test_key_made_from_text_is_unique_in_the_version():
    assert services.key_from_text("Опыт", {"opyt", "opyt_2"}) == "opyt_3"


def test_empty_key_is_generated_and_a_taken_one_refused(school):
    questionnaire = make_questionnaire(school)
    section = current_version(questionnaire).sections.get()
    question = services.question_create(
        section=section, fields={"text": "Стаж работы", "kind": "number"}
    )
    assert question.key == "stazh_raboty"
    assert question.position == 10
    with pytest.raises(ValidationError) as caught:
        services.question_create(
            section=section, fields={"text": "Ещё", "kind": "short_text", "key": "name"}
        )
    assert "уже есть у другого вопроса" in caught.value.message_dict["key"][0]


# Versions.


def _answer(questionnaire: Questionnaire, key: str = "story") -> Answer:
    version = current_version(questionnaire)
    campaign = make_campaign(questionnaire, anonymous=True)
    response = Response.objects.create(
        campaign=campaign, version=version, submitted_on=timezone.localdate()
    )
    question = Question.objects.get(section__version=version, key=key)
    return Answer.objects.create(response=response, question=question, item_key=key, value="Я")


def test_unanswered_version_is_edited_in_place(school):
    questionnaire = make_questionnaire(school)
    make_campaign(questionnaire)
    story = Question.objects.get(key="story")
    edited = services.question_update(question=story, fields={"text": "О себе"})
    assert edited.pk == story.pk
    assert questionnaire.versions.count() == 1


def test_edit_after_an_answer_makes_a_new_version_and_old_answers_keep_their_question(school):
    questionnaire = make_questionnaire(school)
    answer = _answer(questionnaire)
    old = answer.question

    edited = services.question_update(question=old, fields={"text": "Новый текст"})

    assert edited.pk != old.pk
    assert edited.section.version.number == 2
    assert current_version(questionnaire).number == 2
    answer.refresh_from_db()
    assert answer.question_id == old.pk
    assert answer.question.text == "Расскажите о себе"
    old_keys = list(
        Question.objects.filter(section__version__number=1)
        .order_by("position")
        .values_list("key", flat=True)
    )
    new_keys = list(
        Question.objects.filter(section__version__number=2)
        .order_by("position")
        .values_list("key", flat=True)
    )
    assert old_keys == new_keys
    # The next edit goes to version 2 again: nobody has answered it.
    services.question_update(question=edited, fields={"text": "Ещё новее"})
    assert questionnaire.versions.count() == 2


def test_a_saved_draft_freezes_the_version_too(school, person):
    questionnaire = make_questionnaire(school)
    campaign = make_campaign(questionnaire)
    campaign.participations.create(person=person, draft={"name": "Анна"})
    section = current_version(questionnaire).sections.get()
    new_section = services.section_update(section=section, title="Знакомство")
    assert new_section.version.number == 2
    section.refresh_from_db()
    assert section.title == "Раздел 1"
    assert campaign.version.number == 1


def test_every_builder_write_goes_to_the_new_version(school):
    questionnaire = make_questionnaire(school)
    _answer(questionnaire)
    old_section = current_version(questionnaire).sections.get()
    question = services.question_create(
        section=old_section, fields={"text": "Новый вопрос", "kind": "short_text"}
    )
    assert question.section.version.number == 2
    assert old_section.questions.count() == 9


def test_deleting_an_answered_question_keeps_it_in_the_old_version(school):
    questionnaire = make_questionnaire(school)
    answer = _answer(questionnaire)
    version = services.question_delete(question=answer.question)
    assert version.number == 2
    assert not Question.objects.filter(section__version=version, key="story").exists()
    assert Question.objects.filter(pk=answer.question_id).exists()


def test_sections_added_moved_and_deleted(school):
    questionnaire = make_questionnaire(school)
    second = services.section_create(questionnaire=questionnaire, title="Второй")
    assert second.position == 2
    services.section_move(section=second, up=True)
    version = current_version(questionnaire)
    assert list(version.sections.values_list("title", flat=True)) == ["Второй", "Раздел 1"]
    services.section_delete(section=second)
    assert list(version.sections.values_list("title", "position")) == [("Раздел 1", 1)]
    with pytest.raises(ValidationError, match="единственный раздел"):
        services.section_delete(section=version.sections.get())


def test_question_moves_past_the_section_edge_into_the_next(school):
    questionnaire = make_questionnaire(school)
    second = services.section_create(questionnaire=questionnaire, title="Второй")
    last = Question.objects.get(key="skills")
    moved = services.question_move(question=last, up=False)
    assert moved.section == second
    assert moved.position == 1
    moved = services.question_move(question=moved, up=True)
    assert moved.section.position == 1
    assert moved.position == 9


# Copy, archive and the file.


def test_copy_is_a_new_questionnaire_with_version_one(school):
    questionnaire = make_questionnaire(school, title="Анкета наставника")
    _answer(questionnaire)
    copy = services.questionnaire_copy(questionnaire=questionnaire, created_by=None)
    assert copy.title == "Копия — Анкета наставника"
    assert list(copy.versions.values_list("number", flat=True)) == [1]
    data, copied = (services.version_data(current_version(q)) for q in (questionnaire, copy))
    assert copied["sections"] == data["sections"]


def test_archive_and_restore(school):
    questionnaire = make_questionnaire(school)
    services.questionnaire_archive(questionnaire=questionnaire)
    assert questionnaire.archived_at is not None
    services.questionnaire_restore(questionnaire=questionnaire)
    questionnaire.refresh_from_db()
    assert questionnaire.archived_at is None


def test_file_round_trip(school, other_school):
    questionnaire = make_questionnaire(school, title="Самооценка")
    content = json.dumps(services.version_data(current_version(questionnaire)), ensure_ascii=False)
    data = services.questionnaire_file_read(io.BytesIO(content.encode()))
    imported = services.questionnaire_import(organisation=other_school, data=data, created_by=None)
    assert imported.title == "Самооценка"
    assert services.version_data(current_version(imported)) == services.version_data(
        current_version(questionnaire)
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00bad", "не текстовый"),
        (b"{not json", "не в формате JSON: ошибка в строке 1"),
        (b'{"format": "other"}', "не файл анкеты"),
        (b'{"format": "nastavnik-questionnaire", "format_version": 99}', "другой версией"),
        (b" " * (services.IMPORT_MAX_BYTES + 1), "больше 1 МБ"),
        (
            b'{"format": "nastavnik-questionnaire", "format_version": 1, "sections": ["x"]}',
            "Раздел 1 файла анкеты записан неверно",
        ),
        (
            b'{"format": "nastavnik-questionnaire", "format_version": 1, "title": 5, '
            b'"sections": [{"questions": []}]}',
            "«title» файла анкеты должно быть текстом",
        ),
    ],
)
def test_bad_files_are_refused_in_russian(content, message):
    with pytest.raises(ValidationError, match=message):
        services.questionnaire_file_read(io.BytesIO(content))


def test_a_question_with_values_of_the_wrong_type_is_refused(school):
    data = questionnaire_data(
        [{"key": "n", "text": "Число", "kind": "number", "min_value": "много"}]
    )
    with pytest.raises(ValidationError, match="Раздел 1, вопрос 1"):
        services.questionnaire_import(organisation=school, data=data, created_by=None)
    assert not Questionnaire.objects.exists()


def test_a_file_with_a_bad_question_creates_nothing(school):
    data = questionnaire_data(
        [
            {"key": "ok", "text": "Хороший", "kind": "short_text"},
            {"key": "bad", "text": "Плохой", "kind": "scale", "scale_min": 3, "scale_max": 1},
        ]
    )
    with pytest.raises(ValidationError, match="Раздел 1, вопрос 2: Шкала должна идти"):
        services.questionnaire_import(organisation=school, data=data, created_by=None)
    assert not Questionnaire.objects.exists()
    assert not Question.objects.exists()
