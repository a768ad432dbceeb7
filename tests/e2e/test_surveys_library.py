"""The curator reads the built-in library on a laptop and on a phone, opens a questionnaire's
questions, and adds one to the school's questionnaires; axe-core finds nothing blocking."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from surveys.library import ENTRIES
from surveys.models import Questionnaire
from tests.e2e.demo import sign_in_as
from tests.e2e.test_accessibility import AXE, blocking_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_curator_adds_a_library_questionnaire(
    context, page, live_server, demo_school, screenshot, width
):
    context.add_init_script(path=AXE)
    Questionnaire.objects.filter(organisation=demo_school, library_key="mentor_candidate").delete()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(page, live_server, "curator")
    url = reverse("questionnaire_library", args=[demo_school.pk])
    page.goto(live_server.url + url)

    expect(page.get_by_test_id("library-entry")).to_have_count(len(ENTRIES))
    assert blocking_violations(page, url) == []
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the library at {width} px scrolls sideways by {overflow} px"
    entry = page.get_by_test_id("library-entry").filter(has_text="Анкета кандидата в наставники")
    entry.get_by_text("Вопросы анкеты").click()
    expect(entry.get_by_text("Почему вы хотите стать наставником?")).to_be_visible()
    screenshot(f"surveys-library-{width}")

    entry.get_by_role("button", name="Добавить в анкеты школы").click()

    expect(page.get_by_text("добавлена в анкеты школы")).to_be_visible()
    questionnaire = Questionnaire.objects.get(
        organisation=demo_school, library_key="mentor_candidate"
    )
    assert page.url.endswith(reverse("questionnaire_detail", args=[questionnaire.pk]))
    page.go_back()
    page.reload()
    entry = page.get_by_test_id("library-entry").filter(has_text="Анкета кандидата в наставники")
    expect(entry.get_by_text("Уже добавлена")).to_be_visible()
