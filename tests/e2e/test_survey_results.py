"""The results pages in a browser on the demo school with campaigns of answers: the charts are
drawn (a canvas each, painted by Chart.js), nothing breaks the Content-Security-Policy, axe
finds nothing serious, at the desktop's width and the phone's."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.demo import sign_in_as, visit
from tests.e2e.test_accessibility import blocking_violations
from tests.surveys.results_demo import results_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)


@pytest.fixture
def campaigns(demo_school):
    return results_demo(demo_school)


def _painted(page) -> list[bool]:
    """Whether each chart's canvas has any pixel drawn on it."""
    return page.eval_on_selector_all(
        "canvas[data-chart]",
        """canvases => canvases.map(canvas => {
            const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            return data.some(value => value !== 0);
        })""",
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_results_page_draws_charts_and_is_accessible(
    context, page, live_server, campaigns, policy_violations, screenshot, width
):
    context.add_init_script(path="tests/e2e/vendor/axe-core/axe.min.js")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(page, live_server, "curator")
    path = reverse("campaign_results", args=[campaigns["after"].pk])
    visit(page, live_server, path, policy_violations)
    charts = page.locator("canvas[data-chart]")
    expect(charts.first).to_be_visible()
    # Single and multiple choice, scale, yes/no, matrix.
    assert charts.count() == 5
    assert all(_painted(page))
    expect(
        page.get_by_role("img", name="Диаграмма ответов на вопрос «Ваш предмет»", exact=False)
    ).to_have_count(1)
    expect(page.get_by_text("Ответы по участникам")).to_be_visible()
    # The page never scrolls sideways: only the answers table scrolls in its own frame.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert blocking_violations(page, path) == []
    screenshot(f"survey_results_{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_other_result_pages_are_accessible(
    context, page, live_server, campaigns, policy_violations, width
):
    context.add_init_script(path="tests/e2e/vendor/axe-core/axe.min.js")
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(page, live_server, "curator")
    paths = [
        reverse("campaign_results", args=[campaigns["anonymous"].pk]) + "?role=mentor",
        reverse("campaign_text_answers", args=[campaigns["after"].pk, "story"]),
        reverse("campaign_evaluation", args=[campaigns["evaluation"].pk]),
        reverse("campaign_compare_pick", args=[campaigns["after"].pk]),
        reverse("campaign_compare")
        + f"?before={campaigns['before'].pk}&after={campaigns['after'].pk}",
    ]
    found = []
    for path in paths:
        visit(page, live_server, path, policy_violations)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        found += blocking_violations(page, path)
    assert found == []


def test_coordinator_sees_the_municipality_figures(
    context, page, live_server, demo_school, campaigns, policy_violations
):
    campaigns["after"].version.questionnaire.__class__.objects.filter(
        pk=campaigns["after"].version.questionnaire_id
    ).update(library_key="self_assessment")
    context.add_init_script(path="tests/e2e/vendor/axe-core/axe.min.js")
    sign_in_as(page, live_server, "coordinator")
    page.get_by_role("link", name="Анкетирование в школах").click()
    expect(page.get_by_role("heading", name="Анкетирование в школах")).to_be_visible()
    expect(page.get_by_test_id(f"school-{demo_school.pk}")).to_be_visible()
    assert blocking_violations(page, page.url) == []
    assert policy_violations == []
