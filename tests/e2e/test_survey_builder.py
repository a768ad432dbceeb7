"""The curator builds a questionnaire in the browser: a yes/no question, a 0–2 scale from its
preset, and a question shown only for some points of the scale. The question form shows only
the fields of the chosen kind; every page is axe-clean and fits a laptop and a phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from surveys.models import Question, Questionnaire
from tests.e2e.demo import sign_in_as
from tests.e2e.test_accessibility import AXE, blocking_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


@pytest.fixture
def axe_page(context, page):
    context.add_init_script(path=AXE)
    return page


def _check(page, name: str, screenshot) -> None:
    """axe and sideways scrolling at each width, with a screenshot of each."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(100)
        found = blocking_violations(page, f"{name} at {width}")
        assert found == [], "\n".join(found)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} at {width} px scrolls sideways by {overflow} px"
        screenshot(f"survey-builder-{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_curator_builds_a_questionnaire_with_a_scale_and_a_show_if(
    axe_page,
    live_server,
    demo_school,
    screenshot,
):
    page = axe_page
    sign_in_as(page, live_server, "curator")
    page.goto(live_server.url + reverse("questionnaire_list", args=[demo_school.pk]))
    _check(page, "list", screenshot)

    page.get_by_role("link", name="Новая анкета").first.click()
    page.get_by_label("Название").fill("Самооценка наставляемого")
    page.get_by_label("Назначение").select_option("self_assessment")
    _check(page, "create", screenshot)
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_role("heading", name="Самооценка наставляемого")).to_be_visible()
    questionnaire = Questionnaire.objects.get(title="Самооценка наставляемого")

    # A scale from the 0–2 preset: the fields of other kinds are hidden.
    page.get_by_role("link", name="+ вопрос").click()
    page.locator("#id_text").fill("Умею планировать урок")
    page.get_by_label("Тип вопроса").select_option("scale")
    expect(page.get_by_label("Шкала от")).to_be_visible()
    expect(page.get_by_label("Варианты ответа")).to_be_hidden()
    expect(page.get_by_label("Сколько мест")).to_be_hidden()
    page.get_by_label("Готовая шкала").select_option("0_2")
    page.get_by_label("Обязательный").check()
    _check(page, "question-scale", screenshot)
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Вопрос добавлен.")).to_be_visible()

    # A question shown only when the scale is at 0 or 1.
    page.get_by_role("link", name="+ вопрос").click()
    page.locator("#id_text").fill("Что мешает планировать?")
    page.get_by_label("Тип вопроса").select_option("long_text")
    expect(page.get_by_label("Шкала от")).to_be_hidden()
    answers = page.locator("[data-field=show_if_values]")
    expect(answers).to_be_hidden()
    page.get_by_label("Показывать, только если на вопрос").select_option("umeyu_planirovat_urok")
    expect(answers).to_be_visible()
    page.get_by_label("Умею планировать урок: 0 — не проявляется").check()
    page.get_by_label("Умею планировать урок: 1 — проявляется частично").check()
    _check(page, "question-show-if", screenshot)
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Вопрос добавлен.")).to_be_visible()

    scale = Question.objects.get(section__version__questionnaire=questionnaire, kind="scale")
    assert (scale.scale_min, scale.scale_max, scale.required) == (0, 2, True)
    assert scale.scale_labels[2] == "проявляется в полной мере"
    shown_if = Question.objects.get(section__version__questionnaire=questionnaire, kind="long_text")
    assert (shown_if.show_if_key, shown_if.show_if_values) == (scale.key, [0, 1])

    expect(
        page.get_by_text("«0 — не проявляется» или «1 — проявляется частично»", exact=False)
    ).to_be_visible()
    _check(page, "detail", screenshot)

    page.get_by_role("link", name="Предпросмотр").click()
    expect(page.get_by_text("2 — проявляется в полной мере")).to_be_visible()
    _check(page, "preview", screenshot)


def test_the_other_builder_pages_are_axe_clean(axe_page, live_server, demo_school, screenshot):
    from tests.surveys.factories import make_questionnaire

    questionnaire = make_questionnaire(demo_school, title="Анкета для проверки")
    section = questionnaire.versions.get().sections.get()
    question = section.questions.get(key="skills")
    page = axe_page
    sign_in_as(page, live_server, "curator")
    for name, path in [
        ("import", reverse("questionnaire_import", args=[demo_school.pk])),
        ("edit", reverse("questionnaire_edit", args=[questionnaire.pk])),
        ("archive", reverse("questionnaire_archive", args=[questionnaire.pk])),
        ("section", reverse("section_edit", args=[section.pk])),
        ("section-delete", reverse("section_delete", args=[section.pk])),
        ("matrix", reverse("question_edit", args=[question.pk])),
        ("question-delete", reverse("question_delete", args=[question.pk])),
        ("preview-all-kinds", reverse("questionnaire_preview", args=[questionnaire.pk])),
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        _check(page, name, screenshot)
