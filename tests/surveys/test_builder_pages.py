"""The builder's pages: they work for the curator and the director, refuse the other roles
(403) and another school (404), change data only by POST, and keep their query counts."""

import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from surveys.models import Question, Questionnaire, Response
from surveys.selectors.questionnaires import current_version
from surveys.services.questionnaires import version_data
from tests.surveys.factories import make_campaign, make_questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def questionnaire(school):
    return make_questionnaire(school, title="Знакомство с наставником")


@pytest.fixture
def section(questionnaire):
    return current_version(questionnaire).sections.get()


def _answered(questionnaire):
    campaign = make_campaign(questionnaire, anonymous=True)
    Response.objects.create(
        campaign=campaign,
        version=current_version(questionnaire),
        submitted_on=timezone.localdate(),
    )


def test_list_shows_versions_answers_and_filters(client, curator, school, questionnaire):
    make_questionnaire(school, title="Отзыв о встрече", kind="feedback")
    _answered(questionnaire)
    client.force_login(curator)
    url = reverse("questionnaire_list", args=[school.pk])

    page = client.get(url).content.decode()
    assert "Знакомство с наставником" in page and "Отзыв о встрече" in page
    assert "ответы есть" in page

    page = client.get(url, {"q": "отзыв"}).content.decode()
    assert "Отзыв о встрече" in page and "Знакомство с наставником" not in page
    page = client.get(url, {"kind": "feedback"}).content.decode()
    assert "Знакомство с наставником" not in page


def test_list_empty_state_offers_create_and_import(client, curator, school):
    client.force_login(curator)
    page = client.get(reverse("questionnaire_list", args=[school.pk])).content.decode()
    assert "Анкет пока нет" in page
    assert reverse("questionnaire_create", args=[school.pk]) in page
    assert reverse("questionnaire_import", args=[school.pk]) in page


def test_archived_questionnaires_are_listed_apart(client, curator, school, questionnaire):
    client.force_login(curator)
    response = client.post(reverse("questionnaire_archive", args=[questionnaire.pk]))
    assert response.status_code == 302
    url = reverse("questionnaire_list", args=[school.pk])
    assert "Знакомство с наставником" not in client.get(url).content.decode()
    assert "Знакомство с наставником" in client.get(url, {"archived": "1"}).content.decode()


def test_list_query_count_does_not_grow(client, curator, school, django_assert_num_queries):
    client.force_login(curator)
    url = reverse("questionnaire_list", args=[school.pk])
    make_questionnaire(school, title="Первая")
    client.get(url)  # the session and the user's roles, once
    with django_assert_num_queries(6):
        client.get(url)
    for number in range(4):
        make_questionnaire(school, title=f"Ещё {number}")
    with django_assert_num_queries(6):
        client.get(url)


def test_detail_query_count_does_not_grow(client, curator, questionnaire, section):
    client.force_login(curator)
    url = reverse("questionnaire_detail", args=[questionnaire.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for number in range(5):
        client.post(
            reverse("question_create", args=[section.pk]),
            {"text": f"Вопрос {number}", "kind": "short_text"},
        )
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_create_questionnaire_then_add_a_scale_question(client, director, school):
    client.force_login(director)
    response = client.post(
        reverse("questionnaire_create", args=[school.pk]),
        {"title": "Самооценка", "kind": "self_assessment", "respondent": "mentee"},
    )
    questionnaire = Questionnaire.objects.get(title="Самооценка")
    assert response.url == reverse("questionnaire_detail", args=[questionnaire.pk])
    section = current_version(questionnaire).sections.get()
    response = client.post(
        reverse("question_create", args=[section.pk]),
        {"text": "Умею планировать урок", "kind": "scale", "scale_preset": "0_2", "required": "on"},
    )
    assert response.status_code == 302
    question = Question.objects.get(section=section)
    assert (question.key, question.scale_min, question.scale_max) == (
        "umeyu_planirovat_urok",
        0,
        2,
    )
    assert question.scale_labels == [
        "не проявляется",
        "проявляется частично",
        "проявляется в полной мере",
    ]
    assert question.required


def test_question_form_reads_options_rows_and_show_if(client, curator, section):
    client.force_login(curator)
    response = client.post(
        reverse("question_create", args=[section.pk]),
        {
            "text": "Что мешает?",
            "kind": "multiple",
            "options": "time | Нехватка времени\nДокументы\n",
            "allow_other": "on",
            "scale_min": "7",
            "show_if_key": "first_year",
            "show_if_values": ["first_year::false"],
        },
    )
    assert response.status_code == 302, response.content.decode()
    question = Question.objects.get(key="chto_meshaet")
    assert question.options == [
        {"value": "time", "label": "Нехватка времени"},
        {"value": "dokumenty", "label": "Документы"},
    ]
    assert question.allow_other
    assert question.scale_min is None  # not a scale: the field is ignored
    assert (question.show_if_key, question.show_if_values) == ("first_year", [False])

    response = client.post(
        reverse("question_create", args=[section.pk]),
        {
            "text": "Оцените",
            "kind": "matrix",
            "scale_min": "1",
            "scale_max": "3",
            "rows": "Первое\nplan | Второе",
        },
    )
    assert response.status_code == 302
    assert Question.objects.get(key="otsenite").rows == [
        {"key": "pervoe", "label": "Первое"},
        {"key": "plan", "label": "Второе"},
    ]


def test_question_form_shows_errors_next_to_fields(client, curator, section):
    client.force_login(curator)
    response = client.post(
        reverse("question_create", args=[section.pk]),
        {"text": "Оценка", "kind": "scale", "scale_min": "1", "scale_max": "20"},
    )
    assert response.status_code == 200
    assert "На шкале 20 баллов, а можно не больше 11" in response.content.decode()
    assert not Question.objects.filter(key="otsenka").exists()


def test_editing_an_answered_questionnaire_warns_and_makes_a_version(
    client, curator, questionnaire
):
    _answered(questionnaire)
    client.force_login(curator)
    page = client.get(reverse("questionnaire_detail", args=[questionnaire.pk])).content.decode()
    assert "Версия 1 · ответы есть: изменения создадут версию 2" in page
    story = Question.objects.get(key="story")
    data = {"text": "О себе", "kind": "long_text", "key": "story"}
    response = client.post(reverse("question_edit", args=[story.pk]), data)
    new = Question.objects.get(key="story", section__version__number=2)
    assert response.url.endswith(f"#question-{new.pk}")
    page = client.get(
        reverse("questionnaire_detail", args=[questionnaire.pk]), {"version": 1}
    ).content.decode()
    assert "можно только читать" in page
    assert "Расскажите о себе" in page
    assert reverse("question_edit", args=[story.pk]) not in page


def test_preview_renders_every_kind(client, curator, questionnaire):
    client.force_login(curator)
    page = client.get(reverse("questionnaire_preview", args=[questionnaire.pk])).content.decode()
    for text in ("Как к вам обращаться?", "Математика", "Планирование урока", "совсем нет"):
        assert text in page
    assert "<form" not in page.split("<main", 1)[-1].split("</main>")[0]


def test_copy_export_and_import(client, curator, school, questionnaire):
    client.force_login(curator)
    response = client.post(reverse("questionnaire_copy", args=[questionnaire.pk]))
    copy = Questionnaire.objects.get(title="Копия — Знакомство с наставником")
    assert response.url == reverse("questionnaire_detail", args=[copy.pk])

    response = client.get(reverse("questionnaire_export", args=[questionnaire.pk]))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="znakomstvo_s_nastavnikom.json"'
    text = response.content.decode()
    assert "Знакомство с наставником" in text  # not \u-escaped
    assert json.loads(text) == version_data(current_version(questionnaire))

    upload = io.BytesIO(response.content)
    upload.name = "anketa.json"
    response = client.post(reverse("questionnaire_import", args=[school.pk]), {"file": upload})
    assert response.status_code == 302
    assert Questionnaire.objects.filter(title="Знакомство с наставником").count() == 2


def test_import_refuses_a_bad_file_with_the_reason(client, curator, school):
    client.force_login(curator)
    upload = io.BytesIO(b"{broken")
    upload.name = "anketa.json"
    response = client.post(reverse("questionnaire_import", args=[school.pk]), {"file": upload})
    assert response.status_code == 200
    assert "не в формате JSON: ошибка в строке 1" in response.content.decode()
    assert not Questionnaire.objects.exists()


def test_sections_and_questions_are_moved_and_deleted(client, curator, questionnaire, section):
    client.force_login(curator)
    client.post(reverse("section_create", args=[questionnaire.pk]), {"title": "Итоги"})
    version = current_version(questionnaire)
    last = version.sections.get(title="Итоги")
    client.post(reverse("section_move", args=[last.pk]), {"direction": "up"})
    assert list(version.sections.values_list("title", flat=True)) == ["Итоги", "Раздел 1"]

    name = Question.objects.get(key="name")
    client.post(reverse("question_move", args=[name.pk]), {"direction": "down"})
    name.refresh_from_db()
    assert name.position == 2

    page = client.get(reverse("question_delete", args=[name.pk])).content.decode()
    assert "Удалить вопрос?" in page
    assert Question.objects.filter(pk=name.pk).exists()
    client.post(reverse("question_delete", args=[name.pk]))
    assert not Question.objects.filter(pk=name.pk).exists()

    client.post(reverse("section_delete", args=[last.pk]))
    assert list(version.sections.values_list("title", flat=True)) == ["Раздел 1"]


@pytest.mark.parametrize("role", ["teacher", "psychologist", "coordinator"])
def test_other_roles_are_refused(client, request, role, questionnaire, section):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("questionnaire_detail", args=[questionnaire.pk])).status_code == 403
    response = client.post(
        reverse("question_create", args=[section.pk]), {"text": "X", "kind": "short_text"}
    )
    assert response.status_code == 403
    assert section.questions.count() == 9


def test_another_school_gets_404(client, outsider, questionnaire, section):
    client.force_login(outsider)
    assert client.get(reverse("questionnaire_detail", args=[questionnaire.pk])).status_code == 404
    story = Question.objects.get(key="story")
    assert client.post(reverse("question_delete", args=[story.pk])).status_code == 404
    assert client.get(reverse("questionnaire_export", args=[questionnaire.pk])).status_code == 404


@pytest.mark.parametrize(
    "name", ["questionnaire_copy", "questionnaire_restore", "section_move", "question_move"]
)
def test_get_is_refused_on_post_only_urls(client, curator, questionnaire, section, name):
    client.force_login(curator)
    pk = {
        "questionnaire_copy": questionnaire.pk,
        "questionnaire_restore": questionnaire.pk,
        "section_move": section.pk,
        "question_move": section.questions.first().pk,
    }[name]
    assert client.get(reverse(name, args=[pk])).status_code == 405
    assert Questionnaire.objects.count() == 1


def test_person_choice_and_number_questions_from_the_form(client, curator, section):
    client.force_login(curator)
    url = reverse("question_create", args=[section.pk])
    response = client.post(url, {"text": "Кого вы выбираете?", "kind": "person_choice"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Укажите, из кого выбирать людей." in page
    assert "от 1 до 10" in page

    data = {"text": "Кого вы выбираете?", "kind": "person_choice", "person_set": "mentors"}
    response = client.post(url, data | {"max_ranked": "3", "key": "choice"})
    assert response.status_code == 302
    choice = Question.objects.get(key="choice")
    assert (choice.person_set, choice.max_ranked) == ("mentors", 3)

    response = client.post(
        url, {"text": "Стаж", "kind": "number", "min_value": "0", "max_value": "50"}
    )
    assert response.status_code == 302
    assert Question.objects.get(key="stazh").max_value == 50
